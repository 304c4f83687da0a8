ALTER TABLE `drafts` ADD `current_page` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `changing` integer DEFAULT false NOT NULL;