CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"declarant_subject" text NOT NULL,
	"declarant_role" text NOT NULL,
	"client_key" text,
	"facts_hash" text NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"start_date" date NOT NULL,
	"room" text,
	"position" text,
	"landlord_name" text,
	"monthly_rent" integer,
	"social_insurance" text,
	"address" text,
	"house_code" text,
	"premises_kind" text,
	"premises_code" text,
	"link_id" uuid,
	"grid_code" text,
	"division_code" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"rejection_reason" text,
	"record_id" text,
	CONSTRAINT "declarations_seq_unique" UNIQUE("seq"),
	CONSTRAINT "declarations_decided" CHECK (("declarations"."status" = 'PENDING') = ("declarations"."decided_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "domain_event_relays" (
	"name" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "domain_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "premises_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"grid_code" text,
	"division_code" text NOT NULL,
	"label" text,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_client_key_idx" ON "declarations" USING btree ("declarant_subject","client_key") WHERE "declarations"."client_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_facts_idx" ON "declarations" USING btree ("declarant_subject","facts_hash");--> statement-breakpoint
CREATE INDEX "declarations_queue_idx" ON "declarations" USING btree ("kind","status","seq");--> statement-breakpoint
CREATE INDEX "declarations_declarant_idx" ON "declarations" USING btree ("declarant_subject","seq");--> statement-breakpoint
CREATE INDEX "declarations_grid_idx" ON "declarations" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "declarations_division_idx" ON "declarations" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "declarations_premises_idx" ON "declarations" USING btree ("premises_code");--> statement-breakpoint
CREATE INDEX "domain_events_unpublished_idx" ON "domain_events" USING btree ("seq") WHERE "domain_events"."published_at" IS NULL;--> statement-breakpoint
CREATE INDEX "premises_links_code_idx" ON "premises_links" USING btree ("kind","code");