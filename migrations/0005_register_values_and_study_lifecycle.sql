CREATE TABLE `letter_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`kind` text NOT NULL,
	`batch_id` integer,
	`count` integer NOT NULL,
	`sealed` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `letter_sets_study` ON `letter_sets` (`study_id`);--> statement-breakpoint
ALTER TABLE `register_data` ADD `values` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `test` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `studies` ADD `pilot` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `studies` ADD `archived_at` integer;--> statement-breakpoint
UPDATE `register_data` SET `values` = json_object(
  'diagnosis_advice', `diagnosis_advice`,
  'status_holder', CASE `status_holder` WHEN 1 THEN json('true') WHEN 0 THEN json('false') ELSE NULL END,
  'nationality', `nationality`,
  'age_band', `age_band`
);
