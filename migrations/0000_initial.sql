CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`study_id` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` text NOT NULL,
	`pseudonym` text NOT NULL,
	`token_hash` text NOT NULL,
	`language` text DEFAULT 'nl' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`batch_id` integer,
	`created_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_study_pseudonym` ON `participants` (`study_id`,`pseudonym`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_token_hash` ON `participants` (`token_hash`);--> statement-breakpoint
CREATE TABLE `register_data` (
	`participant_id` integer PRIMARY KEY NOT NULL,
	`diagnosis_advice` text,
	`status_holder` integer,
	`nationality` text,
	`age_band` text,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`wave_id` integer NOT NULL,
	`participant_id` integer,
	`survey_id` text NOT NULL,
	`survey_version` integer NOT NULL,
	`locale` text NOT NULL,
	`channel` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`page_no` integer DEFAULT 0 NOT NULL,
	`variables` text DEFAULT '{}' NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_one_per_participant_wave` ON `responses` (`wave_id`,`participant_id`) WHERE "responses"."participant_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `responses_study_wave` ON `responses` (`study_id`,`wave_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `studies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `study_members` (
	`study_id` text NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`study_id`, `user_id`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`response_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`page_no` integer NOT NULL,
	`completes` integer NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`response_id`, `submission_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `waves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` text NOT NULL,
	`code` text NOT NULL,
	`survey_id` text NOT NULL,
	`survey_version` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waves_study_code` ON `waves` (`study_id`,`code`);