CREATE TABLE `withdrawals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` integer NOT NULL,
	`withdrawal_key` text
);
--> statement-breakpoint
CREATE INDEX `withdrawals_withdrawal_key` ON `withdrawals` (`withdrawal_key`);--> statement-breakpoint
DROP INDEX `responses_idempotency_key_unique`;--> statement-breakpoint
DROP INDEX `responses_withdrawal_code`;--> statement-breakpoint
DROP INDEX `responses_status_submitted`;--> statement-breakpoint
ALTER TABLE `responses` ADD `withdrawal_key` text;--> statement-breakpoint
CREATE INDEX `responses_withdrawal_key` ON `responses` (`withdrawal_key`);--> statement-breakpoint
CREATE INDEX `responses_submitted` ON `responses` (`submitted_at`);--> statement-breakpoint
-- A withdrawn response keeps only the fact and the day; the rest goes (answers by cascade).
INSERT INTO `withdrawals` (`day`) SELECT (`withdrawn_at` / 86400000) * 86400000 FROM `responses` WHERE `status` = 'withdrawn';--> statement-breakpoint
DELETE FROM `responses` WHERE `status` = 'withdrawn';--> statement-breakpoint
-- Times to the hour only.
UPDATE `responses` SET `submitted_at` = (`submitted_at` / 3600000) * 3600000;--> statement-breakpoint
-- Codes were stored as plain SHA-256, which a copy of the database can reverse: they are not carried over.
ALTER TABLE `responses` DROP COLUMN `status`;--> statement-breakpoint
ALTER TABLE `responses` DROP COLUMN `idempotency_key`;--> statement-breakpoint
ALTER TABLE `responses` DROP COLUMN `withdrawal_code_hash`;--> statement-breakpoint
ALTER TABLE `responses` DROP COLUMN `withdrawn_at`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_drafts` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`form_version_id` text NOT NULL,
	`answers` text NOT NULL,
	`locale` text NOT NULL,
	`easy_read` integer DEFAULT false NOT NULL,
	`idempotency_key` text NOT NULL,
	`response_id` text NOT NULL,
	`withdrawal_code` text,
	`submitted_at` integer,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`form_version_id`) REFERENCES `form_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_drafts`("token_hash", "form_version_id", "answers", "locale", "easy_read", "idempotency_key", "response_id", "withdrawal_code", "submitted_at", "expires_at", "created_at") SELECT "token_hash", "form_version_id", "answers", "locale", "easy_read", "idempotency_key", "response_id", "withdrawal_code", "submitted_at", "expires_at", "created_at" FROM `drafts`;--> statement-breakpoint
DROP TABLE `drafts`;--> statement-breakpoint
ALTER TABLE `__new_drafts` RENAME TO `drafts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
-- Codes are now made at submit: an unsent draft holds none.
UPDATE `drafts` SET `withdrawal_code` = NULL WHERE `submitted_at` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `drafts_idempotency_key_unique` ON `drafts` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `drafts_expires_at` ON `drafts` (`expires_at`);--> statement-breakpoint
ALTER TABLE `login_sessions` ADD `pending_totp_secret` text;--> statement-breakpoint
-- Admins until now could manage every organisation: they become deployment admins.
UPDATE `memberships` SET `role` = 'deployment-admin' WHERE `role` = 'admin';