CREATE TABLE "grids" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district_code" text NOT NULL,
	"officer_name" text NOT NULL,
	"class" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_person_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"category" text NOT NULL,
	"level" integer NOT NULL,
	"reason" text NOT NULL,
	"since" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "move_outs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"destination_division_code" text NOT NULL,
	"destination_address" text,
	"moved_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"ethnicity" text NOT NULL,
	"household_division_code" text NOT NULL,
	"household_address" text NOT NULL,
	"phone" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_id_number_unique" UNIQUE("id_number"),
	CONSTRAINT "persons_id_number_len" CHECK (char_length("persons"."id_number") = 18)
);
--> statement-breakpoint
CREATE TABLE "residence_permits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"permit_number" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	CONSTRAINT "residence_permits_permit_number_unique" UNIQUE("permit_number"),
	CONSTRAINT "permit_dates_ordered" CHECK ("residence_permits"."valid_until" >= "residence_permits"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "residence_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"address" text NOT NULL,
	"division_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"house_code" text,
	"since" date NOT NULL,
	"until" date,
	CONSTRAINT "residence_dates_ordered" CHECK ("residence_registrations"."until" IS NULL OR "residence_registrations"."until" >= "residence_registrations"."since")
);
--> statement-breakpoint
ALTER TABLE "key_person_flags" ADD CONSTRAINT "key_person_flags_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_outs" ADD CONSTRAINT "move_outs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_permits" ADD CONSTRAINT "residence_permits_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_registrations" ADD CONSTRAINT "residence_registrations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_registrations" ADD CONSTRAINT "residence_registrations_grid_code_grids_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grids"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flag_person_idx" ON "key_person_flags" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "move_out_person_idx" ON "move_outs" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "persons_status_idx" ON "persons" USING btree ("status");--> statement-breakpoint
CREATE INDEX "persons_household_division_idx" ON "persons" USING btree ("household_division_code");--> statement-breakpoint
CREATE INDEX "permit_person_idx" ON "residence_permits" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "residence_person_idx" ON "residence_registrations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "residence_current_grid_idx" ON "residence_registrations" USING btree ("grid_code","person_id") WHERE "residence_registrations"."until" IS NULL;--> statement-breakpoint
CREATE INDEX "residence_current_house_idx" ON "residence_registrations" USING btree ("house_code","person_id") WHERE "residence_registrations"."until" IS NULL;