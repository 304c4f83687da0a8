CREATE TABLE `second_coding_items` (
	`coding_id` text NOT NULL,
	`response_id` text NOT NULL,
	`coded_by` text,
	`coded_at` integer,
	`settled_by` text,
	`settled_at` integer,
	`settled_with` text,
	PRIMARY KEY(`coding_id`, `response_id`),
	FOREIGN KEY (`coding_id`) REFERENCES `second_codings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `second_coding_items_response` ON `second_coding_items` (`response_id`);--> statement-breakpoint
CREATE TABLE `second_codings` (
	`id` text PRIMARY KEY NOT NULL,
	`framework_id` text NOT NULL,
	`description` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
