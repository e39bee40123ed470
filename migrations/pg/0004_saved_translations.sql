CREATE TABLE "saved_recordings" (
	"lang" text NOT NULL,
	"namespace" text NOT NULL,
	"key" text NOT NULL,
	"file" text NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"audio" "bytea" NOT NULL,
	"saved_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "saved_recordings_lang_namespace_key_pk" PRIMARY KEY("lang","namespace","key")
);
--> statement-breakpoint
CREATE TABLE "saved_translations" (
	"lang" text NOT NULL,
	"namespace" text NOT NULL,
	"key" text NOT NULL,
	"text" text,
	"state" text,
	"source" text,
	"saved_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "saved_translations_lang_namespace_key_pk" PRIMARY KEY("lang","namespace","key")
);
--> statement-breakpoint
CREATE TABLE "translation_revisions" (
	"lang" text NOT NULL,
	"namespace" text NOT NULL,
	"revision" integer NOT NULL,
	CONSTRAINT "translation_revisions_lang_namespace_pk" PRIMARY KEY("lang","namespace")
);
