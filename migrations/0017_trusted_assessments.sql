CREATE TABLE `assessment_access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`assessment_id` text NOT NULL,
	`actor` text NOT NULL,
	`actor_organisation_id` text,
	`action` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `assessment_access_log_assessment` ON `assessment_access_log` (`assessment_id`,`at`);--> statement-breakpoint
CREATE TABLE `assessment_copy_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_copy_codes_assessment` ON `assessment_copy_codes` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `assessment_disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`version_number` integer NOT NULL,
	`organisation_id` text NOT NULL,
	`raised_by` text NOT NULL,
	`raised_at` integer NOT NULL,
	`reason_sealed` text NOT NULL,
	`status` text NOT NULL,
	`resolution_sealed` text,
	`resolved_by` text,
	`resolved_at` integer,
	`key_id` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_disputes_assessment` ON `assessment_disputes` (`assessment_id`,`status`);--> statement-breakpoint
CREATE INDEX `assessment_disputes_key` ON `assessment_disputes` (`key_id`);--> statement-breakpoint
CREATE TABLE `assessment_sections` (
	`assessment_id` text NOT NULL,
	`version_number` integer NOT NULL,
	`section_id` text NOT NULL,
	`answers_sealed` text NOT NULL,
	`key_id` text NOT NULL,
	`saved_by` text NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `version_number`, `section_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_sections_key` ON `assessment_sections` (`key_id`);--> statement-breakpoint
CREATE TABLE `assessment_shares` (
	`assessment_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`given_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`expires_at` integer,
	`withdrawn_at` integer,
	`withdrawn_by` text,
	PRIMARY KEY(`assessment_id`, `organisation_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_shares_organisation` ON `assessment_shares` (`organisation_id`,`withdrawn_at`);--> statement-breakpoint
CREATE TABLE `assessment_versions` (
	`assessment_id` text NOT NULL,
	`number` integer NOT NULL,
	`form_version_id` text NOT NULL,
	`status` text NOT NULL,
	`assessor_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	`review_on` integer,
	PRIMARY KEY(`assessment_id`, `number`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_version_id`) REFERENCES `form_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_versions_review` ON `assessment_versions` (`status`,`review_on`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`status` text NOT NULL,
	`current_version` integer DEFAULT 1 NOT NULL,
	`restricted_to` text,
	`last_activity_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`deleted_reason` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_person` ON `assessments` (`person_id`);--> statement-breakpoint
CREATE INDEX `assessments_organisation` ON `assessments` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `assessments_activity` ON `assessments` (`status`,`last_activity_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`organisation_id` text NOT NULL,
	`name_sealed` text NOT NULL,
	`birth_date_sealed` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`find_index` text NOT NULL,
	`birth_index` text NOT NULL,
	`key_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_reference_unique` ON `people` (`reference`);--> statement-breakpoint
CREATE INDEX `people_find` ON `people` (`find_index`);--> statement-breakpoint
CREATE INDEX `people_birth` ON `people` (`birth_index`);--> statement-breakpoint
CREATE INDEX `people_key` ON `people` (`key_id`);