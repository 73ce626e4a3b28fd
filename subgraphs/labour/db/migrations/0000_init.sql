CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"industry" text NOT NULL,
	"address" text NOT NULL,
	"division_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "employers_credit_code_len" CHECK (char_length("employers"."credit_code") = 18)
);
--> statement-breakpoint
CREATE TABLE "employments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"position" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"social_insurance" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employments_dates_ordered" CHECK ("employments"."end_date" IS NULL OR "employments"."end_date" >= "employments"."start_date")
);
--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employers_grid_idx" ON "employers" USING btree ("grid_code","id");--> statement-breakpoint
CREATE INDEX "employments_person_idx" ON "employments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "employments_employer_idx" ON "employments" USING btree ("employer_id","id");