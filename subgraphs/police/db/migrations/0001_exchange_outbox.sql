CREATE TABLE "exchange_outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"message_type" text NOT NULL,
	"city_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone,
	CONSTRAINT "exchange_outbox_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD CONSTRAINT "exchange_outbox_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_outbox_unrelayed_idx" ON "exchange_outbox" USING btree ("seq") WHERE "exchange_outbox"."relayed_at" IS NULL;