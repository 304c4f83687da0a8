CREATE TABLE `held_saves` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`path` text NOT NULL,
	`fields_sealed` text NOT NULL,
	`key_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `held_saves_expires` ON `held_saves` (`expires_at`);--> statement-breakpoint
ALTER TABLE `assessment_disputes` ADD `section_id` text;