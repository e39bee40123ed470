CREATE TABLE `saved_recordings` (
	`lang` text NOT NULL,
	`namespace` text NOT NULL,
	`key` text NOT NULL,
	`file` text NOT NULL,
	`type` text NOT NULL,
	`source` text NOT NULL,
	`audio` blob NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`lang`, `namespace`, `key`)
);
--> statement-breakpoint
CREATE TABLE `saved_translations` (
	`lang` text NOT NULL,
	`namespace` text NOT NULL,
	`key` text NOT NULL,
	`text` text,
	`state` text,
	`source` text,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`lang`, `namespace`, `key`)
);
--> statement-breakpoint
CREATE TABLE `translation_revisions` (
	`lang` text NOT NULL,
	`namespace` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`lang`, `namespace`)
);
