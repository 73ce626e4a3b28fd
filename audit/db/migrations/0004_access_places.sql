ALTER TABLE "audit_events" ADD COLUMN "places" text[];--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "places_nonce" text;