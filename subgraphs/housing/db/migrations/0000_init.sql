CREATE TABLE "houses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"address" text NOT NULL,
	"division_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"owner_id" uuid,
	"owner_name" text NOT NULL,
	"use" text NOT NULL,
	"rooms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "houses_code_unique" UNIQUE("code"),
	CONSTRAINT "houses_rooms_positive" CHECK ("houses"."rooms" > 0)
);
--> statement-breakpoint
CREATE TABLE "tenancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"house_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"landlord_id" uuid,
	"landlord_name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"monthly_rent" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenancies_dates_ordered" CHECK ("tenancies"."end_date" IS NULL OR "tenancies"."end_date" >= "tenancies"."start_date"),
	CONSTRAINT "tenancies_rent_non_negative" CHECK ("tenancies"."monthly_rent" >= 0)
);
--> statement-breakpoint
ALTER TABLE "tenancies" ADD CONSTRAINT "tenancies_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "houses_grid_idx" ON "houses" USING btree ("grid_code","id");--> statement-breakpoint
CREATE INDEX "houses_owner_idx" ON "houses" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "tenancies_tenant_idx" ON "tenancies" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "tenancies_house_idx" ON "tenancies" USING btree ("house_id");