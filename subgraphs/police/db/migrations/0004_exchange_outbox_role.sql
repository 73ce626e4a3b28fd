-- The exchange's relay reads the notices the police write for partner cities and marks them relayed;
-- it needs nothing else of the police database. hub_exchange_outbox (NOLOGIN; `npm run db:migrate`
-- makes the user named in EXCHANGE_OUTBOX_DATABASE_URL a member, or an operator does) may read
-- exchange_outbox and set its relayed_at, and nothing more: no resident's record, no other table,
-- no insert or delete of a notice. Roles belong to the server: the first police database migrated on
-- it creates the role, every one grants it its own table.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_exchange_outbox') THEN
    CREATE ROLE hub_exchange_outbox NOLOGIN;
  END IF;
EXCEPTION
  -- Two police databases on one server migrated at the same moment.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO hub_exchange_outbox', current_database());
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hub_exchange_outbox;
--> statement-breakpoint
GRANT SELECT ON "exchange_outbox" TO hub_exchange_outbox;
--> statement-breakpoint
GRANT UPDATE ("relayed_at") ON "exchange_outbox" TO hub_exchange_outbox;
