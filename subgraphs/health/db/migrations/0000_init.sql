CREATE TABLE "checkups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"institution" text NOT NULL,
	"result" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"family_planning_status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maternal_care_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visit_on" date NOT NULL,
	"institution" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vaccinations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"vaccine" text NOT NULL,
	"dose" integer NOT NULL,
	"administered_on" date NOT NULL,
	"institution" text NOT NULL,
	CONSTRAINT "vaccinations_dose_positive" CHECK ("vaccinations"."dose" > 0)
);
--> statement-breakpoint
ALTER TABLE "checkups" ADD CONSTRAINT "checkups_person_id_health_profiles_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."health_profiles"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maternal_care_records" ADD CONSTRAINT "maternal_care_records_person_id_health_profiles_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."health_profiles"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaccinations" ADD CONSTRAINT "vaccinations_person_id_health_profiles_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."health_profiles"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkups_person_idx" ON "checkups" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "maternal_care_person_idx" ON "maternal_care_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "vaccinations_person_idx" ON "vaccinations" USING btree ("person_id");