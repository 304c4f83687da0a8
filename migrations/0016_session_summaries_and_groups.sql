CREATE TABLE `group_discussions` (
	`response_id` text PRIMARY KEY NOT NULL,
	`participants` integer NOT NULL,
	`agreed` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `feedback_sessions` ADD `summary_shared_at` integer;