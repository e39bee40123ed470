CREATE TABLE "survey_versions" (
	"survey_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" text NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "survey_versions_survey_id_version_pk" PRIMARY KEY("survey_id","version")
);
