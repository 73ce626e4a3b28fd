CREATE TABLE "audit_case_disclosures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_case_disclosures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" text NOT NULL,
	"disclose_after" timestamp (3) with time zone,
	"set_at" timestamp (3) with time zone NOT NULL,
	"subject" text NOT NULL,
	"department" text NOT NULL,
	"request_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_hourly_counts" (
	"hour" timestamp with time zone NOT NULL,
	"writer_id" text NOT NULL,
	"kind" text NOT NULL,
	"department" text NOT NULL,
	"purpose" text NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text NOT NULL,
	"events" bigint NOT NULL,
	"records" bigint NOT NULL,
	"tallied" bigint NOT NULL,
	CONSTRAINT "audit_hourly_counts_pkey" PRIMARY KEY("hour","writer_id","kind","department","purpose","outcome","error_code")
);
--> statement-breakpoint
CREATE TABLE "audit_hourly_place_counts" (
	"hour" timestamp with time zone NOT NULL,
	"writer_id" text NOT NULL,
	"region" text NOT NULL,
	"department" text NOT NULL,
	"purpose" text NOT NULL,
	"outcome" text NOT NULL,
	"events" bigint NOT NULL,
	"records" bigint NOT NULL,
	CONSTRAINT "audit_hourly_place_counts_pkey" PRIMARY KEY("hour","writer_id","region","department","purpose","outcome")
);
--> statement-breakpoint
CREATE TABLE "audit_verification_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_verification_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"verified_at" timestamp (3) with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"chains" integer NOT NULL,
	"events" bigint NOT NULL,
	"problems" integer NOT NULL,
	"evidence_problems" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"checkpoint_seq" integer,
	"writer_id" text,
	"ran_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_case_disclosures_case_idx" ON "audit_case_disclosures" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "audit_verification_runs_time_idx" ON "audit_verification_runs" USING btree ("verified_at");
--> statement-breakpoint
-- What drizzle cannot declare. An access's decision as the overview counts it: denied when any
-- field asked for was refused, else masked when any was masked, else full; a request's outcome
-- otherwise. One definition for the hourly counts and for every query that counts events directly.
CREATE FUNCTION audit_event_outcome(kind text, fields jsonb, outcome text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN kind = 'access' THEN
    CASE WHEN EXISTS (SELECT 1 FROM jsonb_each_text(fields) AS f(name, value) WHERE f.value = 'denied') THEN 'denied'
         WHEN EXISTS (SELECT 1 FROM jsonb_each_text(fields) AS f(name, value) WHERE f.value = 'masked') THEN 'masked'
         ELSE 'full' END
  ELSE coalesce(outcome, '') END
$$;
--> statement-breakpoint
-- Where an access's records lie, as a district auditor's pattern reads it: the longest division code every
-- place starts with (the district, 6 digits; else the city, 4; else the province, 2; else '*'), '' for none.
CREATE FUNCTION audit_places_region(places text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN places IS NULL OR cardinality(places) = 0 THEN ''
    WHEN (SELECT count(DISTINCT split_part(p, '/', 1)) FROM unnest(places) AS u(p)) = 1 THEN (SELECT min(split_part(p, '/', 1)) FROM unnest(places) AS u(p))
    WHEN (SELECT count(DISTINCT left(p, 4)) FROM unnest(places) AS u(p)) = 1 THEN (SELECT min(left(p, 4)) FROM unnest(places) AS u(p))
    WHEN (SELECT count(DISTINCT left(p, 2)) FROM unnest(places) AS u(p)) = 1 THEN (SELECT min(left(p, 2)) FROM unnest(places) AS u(p))
    ELSE '*' END
$$;
--> statement-breakpoint
-- Adds each inserted batch to the hourly counts, in the batch's own statement, so the counts are
-- exactly the events committed. Rows are per writer: two writers committing at once never wait on
-- each other's counts. Rows are locked in key order, so no two batches deadlock. The function runs
-- as the owner: writers need no right on the counts, and cannot change them.
CREATE FUNCTION audit_count_hourly() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO audit_hourly_counts AS c (hour, writer_id, kind, department, purpose, outcome, error_code, events, records, tallied)
  SELECT date_trunc('hour', e.occurred_at, 'UTC'), e.writer_id, e.kind, coalesce(e.department, ''), coalesce(e.purpose, ''),
    audit_event_outcome(e.kind, e.fields, e.outcome), coalesce(e.error_code, ''),
    count(*), coalesce(sum(cardinality(e.record_ids)), 0), coalesce(sum(e.count), 0)
  FROM new_events AS e
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (hour, writer_id, kind, department, purpose, outcome, error_code)
  DO UPDATE SET events = c.events + EXCLUDED.events, records = c.records + EXCLUDED.records, tallied = c.tallied + EXCLUDED.tallied;
  INSERT INTO audit_hourly_place_counts AS c (hour, writer_id, region, department, purpose, outcome, events, records)
  SELECT date_trunc('hour', e.occurred_at, 'UTC'), e.writer_id, audit_places_region(e.places), coalesce(e.department, ''), coalesce(e.purpose, ''),
    audit_event_outcome(e.kind, e.fields, e.outcome), count(*), coalesce(sum(cardinality(e.record_ids)), 0)
  FROM new_events AS e
  WHERE e.kind = 'access' AND e.places IS NOT NULL AND cardinality(e.places) > 0
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (hour, writer_id, region, department, purpose, outcome)
  DO UPDATE SET events = c.events + EXCLUDED.events, records = c.records + EXCLUDED.records;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- First the trigger, whose creation holds off every insert until this migration commits; then the
-- counts of what is already stored. No event is counted twice or missed.
CREATE TRIGGER "audit_events_count_hourly" AFTER INSERT ON "audit_events"
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION audit_count_hourly();
--> statement-breakpoint
INSERT INTO audit_hourly_counts (hour, writer_id, kind, department, purpose, outcome, error_code, events, records, tallied)
SELECT date_trunc('hour', e.occurred_at, 'UTC'), e.writer_id, e.kind, coalesce(e.department, ''), coalesce(e.purpose, ''),
  audit_event_outcome(e.kind, e.fields, e.outcome), coalesce(e.error_code, ''),
  count(*), coalesce(sum(cardinality(e.record_ids)), 0), coalesce(sum(e.count), 0)
FROM audit_events AS e
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO audit_hourly_place_counts (hour, writer_id, region, department, purpose, outcome, events, records)
SELECT date_trunc('hour', e.occurred_at, 'UTC'), e.writer_id, audit_places_region(e.places), coalesce(e.department, ''), coalesce(e.purpose, ''),
  audit_event_outcome(e.kind, e.fields, e.outcome), count(*), coalesce(sum(cardinality(e.record_ids)), 0)
FROM audit_events AS e
WHERE e.kind = 'access' AND e.places IS NOT NULL AND cardinality(e.places) > 0
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
-- The case register and the verifications are kept, never changed: a disclosure date is changed
-- by adding a row, and who set which date when stays.
CREATE TRIGGER "audit_case_disclosures_append_only" BEFORE UPDATE OR DELETE ON "audit_case_disclosures"
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_case_disclosures_no_truncate" BEFORE TRUNCATE ON "audit_case_disclosures"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_verification_runs_append_only" BEFORE UPDATE OR DELETE ON "audit_verification_runs"
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_verification_runs_no_truncate" BEFORE TRUNCATE ON "audit_verification_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_hourly_counts", "audit_hourly_place_counts", "audit_case_disclosures", "audit_verification_runs" FROM PUBLIC;
--> statement-breakpoint
-- The audit subgraph stores disclosure dates and its verifications through its writer connection.
GRANT SELECT, INSERT ON "audit_case_disclosures", "audit_verification_runs" TO hub_audit_writer;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE "audit_case_disclosures_id_seq", "audit_verification_runs_id_seq" TO hub_audit_writer;
--> statement-breakpoint
GRANT SELECT ON "audit_hourly_counts", "audit_hourly_place_counts" TO hub_audit_writer;
--> statement-breakpoint
GRANT SELECT ON "audit_hourly_counts", "audit_hourly_place_counts", "audit_case_disclosures", "audit_verification_runs" TO hub_audit_reader;

--> statement-breakpoint
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
