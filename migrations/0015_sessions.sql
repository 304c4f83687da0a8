DROP INDEX `feedback_sessions_join_code`;--> statement-breakpoint
ALTER TABLE `feedback_sessions` ADD `kiosk_idle_seconds` integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE `feedback_sessions` ADD `kiosk_pin_hash` text;--> statement-breakpoint
ALTER TABLE `feedback_sessions` ADD `next_steps` text;--> statement-breakpoint
ALTER TABLE `feedback_sessions` ADD `closed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_sessions_open_join_code` ON `feedback_sessions` (`join_code`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `feedback_sessions_organisation` ON `feedback_sessions` (`organisation_id`,`held_on`);--> statement-breakpoint
ALTER TABLE `drafts` ADD `session_id` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `channel` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `drafts` ADD `entered_by` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `entered_by` text;