ALTER TABLE `register_data` DROP COLUMN `diagnosis_advice`;--> statement-breakpoint
ALTER TABLE `register_data` DROP COLUMN `status_holder`;--> statement-breakpoint
ALTER TABLE `register_data` DROP COLUMN `nationality`;--> statement-breakpoint
ALTER TABLE `register_data` DROP COLUMN `age_band`;