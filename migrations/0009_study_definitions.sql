CREATE TABLE `study_definitions` (
	`study_id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`revision` integer NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `studies` ADD `definition_revision` integer DEFAULT 0 NOT NULL;