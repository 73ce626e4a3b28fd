CREATE TABLE "witnessed_checkpoints" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"partner_code" text NOT NULL,
	"checkpoint_seq" bigint NOT NULL,
	"checkpoint_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"line" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "witnessed_checkpoints_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
ALTER TABLE "witnessed_checkpoints" ADD CONSTRAINT "witnessed_checkpoints_partner_code_partners_code_fk" FOREIGN KEY ("partner_code") REFERENCES "public"."partners"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "witnessed_partner_idx" ON "witnessed_checkpoints" USING btree ("partner_code","checkpoint_seq");