CREATE TABLE `report_cells` (
	`kind` text NOT NULL,
	`framework_id` text NOT NULL,
	`objective_id` text NOT NULL,
	`detail` text NOT NULL,
	`quarter` integer NOT NULL,
	`channel` text NOT NULL,
	`form_version_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`session_id` text NOT NULL,
	`responses` integer NOT NULL,
	`excerpts` integer NOT NULL,
	PRIMARY KEY(`framework_id`, `kind`, `objective_id`, `detail`, `quarter`, `channel`, `form_version_id`, `organisation_id`, `session_id`)
);
--> statement-breakpoint
CREATE INDEX `report_cells_quarter` ON `report_cells` (`framework_id`,`kind`,`quarter`);--> statement-breakpoint
CREATE TABLE `report_facts` (
	`response_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`framework_id` text NOT NULL,
	`quarter` integer NOT NULL,
	`channel` text NOT NULL,
	`form_version_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`session_id` text NOT NULL,
	`done` integer NOT NULL,
	`excerpts` integer NOT NULL,
	`ratings` text NOT NULL,
	PRIMARY KEY(`response_id`, `kind`, `subject`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `report_rating_questions` (
	`form_version_id` text NOT NULL,
	`question_id` text NOT NULL,
	PRIMARY KEY(`form_version_id`, `question_id`),
	FOREIGN KEY (`form_version_id`) REFERENCES `form_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
