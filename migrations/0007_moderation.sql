CREATE TABLE `answer_texts` (
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`redacted` text NOT NULL,
	`original_purged_at` integer,
	PRIMARY KEY(`response_id`, `question_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `excerpts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`quote_approved_by` text,
	`quote_approved_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `excerpts_response` ON `excerpts` (`response_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `excerpts_range` ON `excerpts` (`response_id`,`question_id`,`start`,`end`);--> statement-breakpoint
CREATE TABLE `moderation` (
	`response_id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`excluded_reason` text,
	`safeguarding` text DEFAULT 'none' NOT NULL,
	`quote_consent` integer DEFAULT false NOT NULL,
	`submitted_at` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`locked_by` text,
	`locked_until` integer,
	`done_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `moderation_queue` ON `moderation` (`safeguarding`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `moderation_status` ON `moderation` (`status`);--> statement-breakpoint
CREATE TABLE `moderation_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` text NOT NULL,
	`text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `moderation_notes_response` ON `moderation_notes` (`response_id`);--> statement-breakpoint
CREATE TABLE `redaction_terms` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`term` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`match_case` integer DEFAULT false NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_by` text,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `redactions` (
	`id` integer PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`state` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `redactions_range` ON `redactions` (`response_id`,`question_id`,`start`,`end`);--> statement-breakpoint
CREATE TABLE `safeguarding_flags` (
	`id` integer PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`categories` text NOT NULL,
	`matches` text NOT NULL,
	`outcome` text DEFAULT 'open' NOT NULL,
	`outcome_note` text,
	`escalated_at` integer,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safeguarding_flags_answer` ON `safeguarding_flags` (`response_id`,`question_id`);--> statement-breakpoint
CREATE TABLE `safeguarding_signals` (
	`id` text PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`phrase` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`unless` text DEFAULT '[]' NOT NULL,
	`negatable` integer DEFAULT true NOT NULL,
	`why` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_by` text,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`excerpt_id` integer NOT NULL,
	`response_id` text NOT NULL,
	`objective_id` text,
	`theme_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`state` text DEFAULT 'confirmed' NOT NULL,
	`round` text DEFAULT 'first' NOT NULL,
	FOREIGN KEY (`excerpt_id`) REFERENCES `excerpts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tags_excerpt` ON `tags` (`excerpt_id`);--> statement-breakpoint
CREATE INDEX `tags_objective` ON `tags` (`objective_id`,`response_id`);--> statement-breakpoint
CREATE INDEX `tags_theme` ON `tags` (`theme_id`,`response_id`);--> statement-breakpoint
CREATE INDEX `tags_response` ON `tags` (`response_id`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`example` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`merged_into` text
);
--> statement-breakpoint
ALTER TABLE `withdrawals` ADD `audited` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `responses_session` ON `responses` (`session_id`,`submitted_at`);