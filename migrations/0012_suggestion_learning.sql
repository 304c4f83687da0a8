CREATE TABLE `suggestion_examples` (
	`tag_id` integer PRIMARY KEY NOT NULL,
	`subject` text NOT NULL,
	`state` text NOT NULL,
	`terms` text NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `suggestion_pending` (
	`tag_id` integer PRIMARY KEY NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `suggestion_subjects` (
	`subject` text PRIMARY KEY NOT NULL,
	`examples` integer NOT NULL,
	`length` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `suggestion_terms` (
	`term` text NOT NULL,
	`subject` text NOT NULL,
	`confirmed` integer NOT NULL,
	`rejected` integer NOT NULL,
	PRIMARY KEY(`term`, `subject`)
);
--> statement-breakpoint
ALTER TABLE `objectives` ADD `vocabulary` text DEFAULT '[]' NOT NULL;