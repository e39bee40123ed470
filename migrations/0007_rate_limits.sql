CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_ends_at` integer NOT NULL,
	`blocked_until` integer,
	`busy_until` integer
);
--> statement-breakpoint
CREATE INDEX `rate_limits_window_ends_at` ON `rate_limits` (`window_ends_at`);