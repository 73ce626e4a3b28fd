CREATE TABLE "audit_chain_heads" (
	"writer_id" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
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
);
--> statement-breakpoint
CREATE INDEX "audit_events_record_ids_idx" ON "audit_events" USING gin ("record_ids");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_department_idx" ON "audit_events" USING btree ("department","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_purpose_case_idx" ON "audit_events" USING btree ("purpose","case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("case_id","occurred_at") WHERE "audit_events"."case_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_request_idx" ON "audit_events" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "audit_events_time_idx" ON "audit_events" USING btree ("occurred_at","writer_id","seq");