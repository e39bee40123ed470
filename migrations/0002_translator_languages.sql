CREATE TABLE `translator_languages` (
	`user_id` integer NOT NULL,
	`lang` text NOT NULL,
	`reviewer` integer NOT NULL,
	PRIMARY KEY(`user_id`, `lang`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
