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
