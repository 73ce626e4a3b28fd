CREATE TABLE "import_batches" (
	"job_id" uuid NOT NULL,
	"batch" integer NOT NULL,
	"first_row" integer NOT NULL,
	"last_row" integer NOT NULL,
	"rows" integer NOT NULL,
	"loaded" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"refused" integer NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batches_pkey" PRIMARY KEY("job_id","batch")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_digest" text NOT NULL,
	"row_count" integer NOT NULL,
	"fields" text[] NOT NULL,
	"batch_size" integer NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"loaded" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"report_digest" text,
	"started_by" text NOT NULL,
	"department" text NOT NULL,
	"confined" boolean NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_refusals" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"batch" integer NOT NULL,
	"problems" jsonb NOT NULL,
	CONSTRAINT "import_refusals_pkey" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
CREATE INDEX "import_jobs_file_idx" ON "import_jobs" USING btree ("file_digest","kind");--> statement-breakpoint
CREATE INDEX "import_jobs_started_idx" ON "import_jobs" USING btree ("started_at","id");