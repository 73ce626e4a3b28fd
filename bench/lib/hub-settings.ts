import { z } from 'zod';

/** How the benchmark hub is started (bench/hub-load.ts passes them to bench/hub-process.ts). */
export const BenchHubSettings = z.object({
  /** Off: the subgraphs serve without the field-level policy, to measure what it costs. */
  policy: z.boolean(),
  /** Off: accesses are recorded to the log only, not the audit store, to measure what recording costs. */
  audit: z.boolean(),
  /** Residents seeded into the in-memory databases. */
  persons: z.number().int().min(1).default(2000),
  /** Department databases under this PostgreSQL base URL, already seeded; in-memory PGlite when absent. */
  databaseUrl: z.url().optional(),
  /** The audit store on this PostgreSQL database; `<databaseUrl>_audit`, or in-memory PGlite, when absent. */
  auditDatabaseUrl: z.url().optional(),
  /** The import allowance of identity look-ups per caller and hour (IMPORT_LOOKUP_CAP_PER_HOUR); the hub's default when absent. */
  importLookupsPerHour: z.number().int().min(1).optional(),
});

export type BenchHubSettings = z.input<typeof BenchHubSettings>;
