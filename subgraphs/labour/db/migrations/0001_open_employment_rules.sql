DROP INDEX "employments_employer_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "employments_one_open_per_employer" ON "employments" USING btree ("person_id","employer_id") WHERE "employments"."end_date" IS NULL;--> statement-breakpoint
CREATE INDEX "employments_employer_idx" ON "employments" USING btree ("employer_id","start_date" DESC NULLS LAST,"id" DESC NULLS LAST);