CREATE TABLE "alert_checks" (
	"key" text PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"person_id" uuid NOT NULL,
	"house_id" text,
	"house_code" text,
	"grid_code" text,
	"division_code" text,
	"since" date,
	"due_on" date NOT NULL,
	"event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"raised" boolean
);
--> statement-breakpoint
CREATE INDEX "alert_checks_due_idx" ON "alert_checks" USING btree ("due_on") WHERE "alert_checks"."settled_at" IS NULL;