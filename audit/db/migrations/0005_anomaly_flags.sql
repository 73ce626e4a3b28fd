CREATE TABLE "anomaly_case_residents" (
	"case_id" text NOT NULL,
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"resident_id" text NOT NULL,
	CONSTRAINT "anomaly_case_residents_pkey" PRIMARY KEY("case_id","department","subject","resident_id")
);
--> statement-breakpoint
CREATE TABLE "anomaly_cases" (
	"case_id" text NOT NULL,
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"roles" text[] NOT NULL,
	"first_at" timestamp (3) with time zone NOT NULL,
	"last_at" timestamp (3) with time zone NOT NULL,
	"residents" integer DEFAULT 0 NOT NULL,
	"places" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"unplaced" boolean DEFAULT false NOT NULL,
	"example_records" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"example_requests" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"dirty" boolean DEFAULT true NOT NULL,
	CONSTRAINT "anomaly_cases_pkey" PRIMARY KEY("case_id","department","subject")
);
--> statement-breakpoint
CREATE TABLE "anomaly_cursors" (
	"writer_id" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"events" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anomaly_denial_requests" (
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"request_id" text NOT NULL,
	CONSTRAINT "anomaly_denial_requests_pkey" PRIMARY KEY("department","subject","window_start","request_id")
);
--> statement-breakpoint
CREATE TABLE "anomaly_denials" (
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"roles" text[] NOT NULL,
	"denied_fields" integer DEFAULT 0 NOT NULL,
	"denied_requests" integer DEFAULT 0 NOT NULL,
	"example_requests" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"dirty" boolean DEFAULT true NOT NULL,
	CONSTRAINT "anomaly_denials_pkey" PRIMARY KEY("department","subject","window_start")
);
--> statement-breakpoint
CREATE TABLE "anomaly_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"rule" text NOT NULL,
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"roles" text[] NOT NULL,
	"case_id" text,
	"window_start" timestamp (3) with time zone NOT NULL,
	"window_end" timestamp (3) with time zone NOT NULL,
	"observed" double precision NOT NULL,
	"baseline" double precision,
	"department_baseline" double precision,
	"threshold" double precision NOT NULL,
	"measures" jsonb NOT NULL,
	"example_records" text[] NOT NULL,
	"example_requests" text[] NOT NULL,
	"places" text[],
	"status" text DEFAULT 'open' NOT NULL,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "anomaly_flags_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "anomaly_hour_residents" (
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"hour" timestamp (3) with time zone NOT NULL,
	"resident_id" text NOT NULL,
	"place" text,
	"off_hours" boolean DEFAULT false NOT NULL,
	CONSTRAINT "anomaly_hour_residents_pkey" PRIMARY KEY("department","subject","hour","resident_id")
);
--> statement-breakpoint
CREATE TABLE "anomaly_hours" (
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"hour" timestamp (3) with time zone NOT NULL,
	"roles" text[] NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"accesses" integer DEFAULT 0 NOT NULL,
	"residents" integer DEFAULT 0 NOT NULL,
	"off_hours_residents" integer DEFAULT 0 NOT NULL,
	"lookups" integer DEFAULT 0 NOT NULL,
	"lookup_refusals" integer DEFAULT 0 NOT NULL,
	"places" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"unplaced" boolean DEFAULT false NOT NULL,
	"example_records" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"example_requests" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"lookup_requests" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"dirty" boolean DEFAULT true NOT NULL,
	CONSTRAINT "anomaly_hours_pkey" PRIMARY KEY("department","subject","hour")
);
--> statement-breakpoint
CREATE TABLE "anomaly_place_days" (
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"day" date NOT NULL,
	"place" text NOT NULL,
	"residents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "anomaly_place_days_pkey" PRIMARY KEY("department","subject","day","place")
);
--> statement-breakpoint
CREATE TABLE "anomaly_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"flag_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"note" text,
	"addressed_to" text,
	"reviewer" text NOT NULL,
	"reviewer_department" text NOT NULL,
	"request_id" text NOT NULL,
	"observed_at_review" double precision NOT NULL,
	"reviewed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "lookups" integer;--> statement-breakpoint
ALTER TABLE "anomaly_reviews" ADD CONSTRAINT "anomaly_reviews_flag_id_anomaly_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."anomaly_flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anomaly_denials_department_idx" ON "anomaly_denials" USING btree ("department","window_start");--> statement-breakpoint
CREATE INDEX "anomaly_flags_window_idx" ON "anomaly_flags" USING btree ("window_start","id");--> statement-breakpoint
CREATE INDEX "anomaly_flags_status_idx" ON "anomaly_flags" USING btree ("status","window_start");--> statement-breakpoint
CREATE INDEX "anomaly_flags_principal_idx" ON "anomaly_flags" USING btree ("department","subject","window_start");--> statement-breakpoint
CREATE INDEX "anomaly_hours_department_idx" ON "anomaly_hours" USING btree ("department","hour");--> statement-breakpoint
CREATE INDEX "anomaly_hours_dirty_idx" ON "anomaly_hours" USING btree ("hour") WHERE "anomaly_hours"."dirty";--> statement-breakpoint
CREATE INDEX "anomaly_reviews_flag_idx" ON "anomaly_reviews" USING btree ("flag_id","reviewed_at");--> statement-breakpoint
-- The anomaly detector's tables hold what it derived from the log, never the log: the audit subgraph, which
-- runs the detector and takes auditors' reviews, keeps them as hub_audit_reader. Its aggregates roll (old
-- hours are deleted); a flag is raised once and its numbers and status updated, never deleted.
GRANT SELECT, INSERT, UPDATE, DELETE ON "anomaly_cursors", "anomaly_hours", "anomaly_hour_residents", "anomaly_denials", "anomaly_cases", "anomaly_case_residents", "anomaly_place_days", "anomaly_denial_requests" TO hub_audit_reader;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "anomaly_flags" TO hub_audit_reader;
--> statement-breakpoint
GRANT SELECT, INSERT ON "anomaly_reviews" TO hub_audit_reader;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON "anomaly_flags" FROM PUBLIC;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "anomaly_reviews" FROM PUBLIC;
--> statement-breakpoint
-- A review is an auditor's act, as final as the log entry that vouches for it.
CREATE TRIGGER "anomaly_reviews_append_only" BEFORE UPDATE OR DELETE ON "anomaly_reviews"
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "anomaly_reviews_no_truncate" BEFORE TRUNCATE ON "anomaly_reviews"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
