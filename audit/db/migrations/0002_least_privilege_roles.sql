-- Least privilege on the audit store. The hub's processes should not reach it as its owner: the
-- owner can turn the append-only triggers off. Two group roles (NOLOGIN; an operator puts LOGIN
-- users in them, or `npm run db:migrate` does for the users named in AUDIT_WRITER_DATABASE_URL and
-- AUDIT_READER_DATABASE_URL):
--   hub_audit_writer  appends events and moves chain heads forward (the trigger keeps them going
--                     forward), and reads what it needs; the subgraphs and the gateway.
--   hub_audit_reader  reads; the audit subgraph, the verifier, the checkpointer.
-- Neither owns a table, so neither may alter one, disable its triggers, or truncate it; neither is
-- granted UPDATE or DELETE of events. Roles belong to the server, not the database: the first
-- audit database migrated on a server creates them, every one grants them its own tables.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_audit_writer') THEN
    CREATE ROLE hub_audit_writer NOLOGIN;
  END IF;
EXCEPTION
  -- Two audit databases on one server migrated at the same moment.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_audit_reader') THEN
    CREATE ROLE hub_audit_reader NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO hub_audit_writer, hub_audit_reader', current_database());
END
$$;
--> statement-breakpoint
-- Nobody but the owner creates objects here: a role that could would own them, and could hide a
-- table called audit_events in front of the real one.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hub_audit_writer, hub_audit_reader;
--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_events" TO hub_audit_writer;
--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_chain_heads" TO hub_audit_writer;
--> statement-breakpoint
-- Only the columns a head moves by; audit_head_forward_only() refuses any move backwards.
GRANT UPDATE ("last_seq", "last_hash", "updated_at") ON "audit_chain_heads" TO hub_audit_writer;
--> statement-breakpoint
-- Partitions are made by the owner's function, on a writer's request, so writers need no DDL.
REVOKE EXECUTE ON FUNCTION audit_ensure_partition(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_ensure_partition(date) TO hub_audit_writer;
--> statement-breakpoint
GRANT SELECT ON "audit_events", "audit_chain_heads" TO hub_audit_reader;
