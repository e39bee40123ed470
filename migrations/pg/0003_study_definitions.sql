CREATE TABLE "study_definitions" (
	"study_id" text PRIMARY KEY NOT NULL,
	"definition" text NOT NULL,
	"revision" integer NOT NULL,
	"saved_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "definition_revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "study_definitions" ADD CONSTRAINT "study_definitions_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;