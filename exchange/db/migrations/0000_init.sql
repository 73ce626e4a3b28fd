CREATE TABLE "inbound_messages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"partner_code" text NOT NULL,
	"message_type" text NOT NULL,
	"id_number" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dropped_fields" text[] NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evidence_sha256" text NOT NULL,
	CONSTRAINT "inbound_messages_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"partner_code" text NOT NULL,
	"message_type" text NOT NULL,
	"person_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"receipt" text,
	CONSTRAINT "outbound_messages_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"inbox_url" text NOT NULL,
	"public_key" jsonb NOT NULL,
	"key_fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"agreement" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_partner_code_partners_code_fk" FOREIGN KEY ("partner_code") REFERENCES "public"."partners"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_partner_code_partners_code_fk" FOREIGN KEY ("partner_code") REFERENCES "public"."partners"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_type_idx" ON "inbound_messages" USING btree ("message_type","seq");--> statement-breakpoint
CREATE INDEX "inbound_id_number_idx" ON "inbound_messages" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "outbound_pending_idx" ON "outbound_messages" USING btree ("partner_code","seq") WHERE "outbound_messages"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "outbound_partner_idx" ON "outbound_messages" USING btree ("partner_code","seq");