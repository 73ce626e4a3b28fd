-- drizzle cannot declare what makes the audit log what it is: partitions by month, and a
-- database that refuses to change or remove what was written. 0000 created the tables as
-- drizzle sees them; here `audit_events` (still empty) is rebuilt partitioned by range of
-- `occurred_at`, with the same columns, key and indexes, so drizzle's view stays true.
DROP TABLE "audit_events";
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"writer_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"kind" text NOT NULL,
	"request_id" text NOT NULL,
	"subject" text,
	"department" text,
	"roles" text[] NOT NULL,
	"purpose" text,
	"case_id" text,
	"subgraph" text,
	"type_name" text,
	"record_ids" text[] NOT NULL,
	"fields" jsonb NOT NULL,
	"operation_name" text,
	"document_hash" text,
	"outcome" text,
	"error_code" text,
	"duration_ms" integer,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_pkey" PRIMARY KEY("writer_id","seq","occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
CREATE INDEX "audit_events_record_ids_idx" ON "audit_events" USING gin ("record_ids");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_department_idx" ON "audit_events" USING btree ("department","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_purpose_case_idx" ON "audit_events" USING btree ("purpose","case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("case_id","occurred_at") WHERE "audit_events"."case_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_request_idx" ON "audit_events" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "audit_events_time_idx" ON "audit_events" USING btree ("occurred_at","writer_id","seq");--> statement-breakpoint
-- Catches whatever falls outside the monthly partitions the writers create ahead, so an
-- event is never refused for want of a partition.
CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;
--> statement-breakpoint
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Row triggers on a partitioned table are cloned onto every partition, present and future.
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
-- TRUNCATE triggers are not cloned: each partition gets its own (see audit_ensure_partition).
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events_default"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
-- A head moves only forward: winding it back would hide events deleted from a chain's end.
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.writer_id <> OLD.writer_id OR NEW.last_seq <= OLD.last_seq THEN
    RAISE EXCEPTION 'a chain head only moves forward: % cannot go from seq % to %', OLD.writer_id, OLD.last_seq, NEW.last_seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_chain_heads_forward_only" BEFORE UPDATE ON "audit_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
--> statement-breakpoint
CREATE TRIGGER "audit_chain_heads_no_delete" BEFORE DELETE ON "audit_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_chain_heads_no_truncate" BEFORE TRUNCATE ON "audit_chain_heads"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
-- On a shared server, no role gets to rewrite the log by default; writers need INSERT and
-- SELECT only (and UPDATE of their own chain head, which the trigger keeps moving forward).
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON "audit_chain_heads" FROM PUBLIC;
--> statement-breakpoint
-- Writers create next month's partition ahead of time through this function, so a writer
-- connecting as a role that may only insert still gets its partitions. Two writers asking at
-- once both succeed; a month whose rows already went to the default partition stays there.
CREATE FUNCTION audit_ensure_partition(month_start date) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  first_day date := date_trunc('month', month_start)::date;
  partition_name text := 'audit_events_' || to_char(first_day, 'YYYY_MM');
BEGIN
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
      partition_name, first_day, (first_day + interval '1 month')::date);
    EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()',
      partition_name);
  END IF;
  RETURN partition_name;
EXCEPTION
  WHEN duplicate_table OR duplicate_object OR unique_violation THEN
    RETURN partition_name;
  WHEN check_violation THEN
    RETURN NULL;
END
$$;
