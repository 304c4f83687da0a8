CREATE TABLE `feedback_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`name` text NOT NULL,
	`place` text NOT NULL,
	`held_on` integer NOT NULL,
	`organisation_id` text NOT NULL,
	`join_code` text,
	`status` text DEFAULT 'open' NOT NULL,
	`kiosk` integer DEFAULT false NOT NULL,
	`languages` text DEFAULT '["en"]' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_sessions_form` ON `feedback_sessions` (`form_id`,`held_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_sessions_join_code` ON `feedback_sessions` (`join_code`);--> statement-breakpoint
CREATE TABLE `action_evidence` (
	`action_id` text NOT NULL,
	`excerpt_id` integer NOT NULL,
	PRIMARY KEY(`action_id`, `excerpt_id`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`excerpt_id`) REFERENCES `excerpts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `action_evidence_excerpt` ON `action_evidence` (`excerpt_id`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`objective_id` text,
	`theme_id` text,
	`you_said` text NOT NULL,
	`we_did` text NOT NULL,
	`organisation_id` text NOT NULL,
	`status` text NOT NULL,
	`acted_on` integer NOT NULL,
	`evidence_quarter` text,
	`published` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_objective` ON `actions` (`objective_id`);--> statement-breakpoint
CREATE INDEX `actions_theme` ON `actions` (`theme_id`);--> statement-breakpoint
CREATE INDEX `actions_published` ON `actions` (`published`,`acted_on`);--> statement-breakpoint
CREATE TABLE `report_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`framework_id` text NOT NULL,
	`quarter` text NOT NULL,
	`figures` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_snapshots_quarter` ON `report_snapshots` (`framework_id`,`quarter`);--> statement-breakpoint
DROP INDEX `tags_objective`;--> statement-breakpoint
DROP INDEX `tags_theme`;--> statement-breakpoint
CREATE INDEX `tags_objective` ON `tags` (`objective_id`,`response_id`,`excerpt_id`,`state`,`round`);--> statement-breakpoint
CREATE INDEX `tags_theme` ON `tags` (`theme_id`,`response_id`,`excerpt_id`,`state`,`round`);--> statement-breakpoint
ALTER TABLE `responses` ADD `organisation_id` text REFERENCES organisations(id);--> statement-breakpoint
CREATE INDEX `responses_organisation` ON `responses` (`organisation_id`,`submitted_at`);