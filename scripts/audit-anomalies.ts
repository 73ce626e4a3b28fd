import { inArray, sql } from 'drizzle-orm';
import { AnomalyDetector } from '../audit/anomalies/detector.js';
import { anomalySettingsFromEnv, flagSummary } from '../audit/anomalies/rules.js';
import { auditReaderTarget, openAuditDatabase } from '../audit/database.js';
import { anomalyFlags, type AnomalyFlagRow } from '../audit/db/schema.js';
import { startProcess } from '../hub/config.js';

/**
 * One pass of the anomaly detector over the audit store, as the process
 * serving the audit subgraph runs every ANOMALY_PASS_SECONDS: it reads the
 * events appended since the last pass (of either), and prints each flag it
 * raised or updated, one line each, then how much it read. Exit 0; 2 on a
 * usage error.
 *
 *   npm run audit:anomalies
 */
if (process.argv.length > 2) {
  process.stderr.write(`Unexpected argument ${JSON.stringify(process.argv[2])}\nUsage: npm run audit:anomalies\n`);
  process.exit(2);
}

const { config, logger } = startProcess('audit-anomalies', { defaultLevel: 'warn' });
const settings = anomalySettingsFromEnv(config);
// The detector keeps its tables as the audit subgraph's reader does; migrations are the migrate step's.
const database = await openAuditDatabase(auditReaderTarget(config), { migrate: false });
try {
  const report = await new AnomalyDetector(database, settings, logger).pass();
  const ids = [...report.raised, ...report.updated].map((flag) => flag.id);
  const rows = ids.length === 0 ? [] : await database.db.select().from(anomalyFlags).where(inArray(anomalyFlags.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const line = (what: string, flag: AnomalyFlagRow) =>
    process.stdout.write(`${what} ${flag.rule} ${flag.department}/${flag.subject} ${flag.windowStart.toISOString()} ${flag.id}: ${flagSummary(flag, settings)}\n`);
  for (const flag of report.raised) line('raised', byId.get(flag.id) ?? missing(flag.id));
  for (const flag of report.updated) line('updated', byId.get(flag.id) ?? missing(flag.id));
  const [open] = await database.db.select({ n: sql<number>`count(*)::int` }).from(anomalyFlags).where(sql`${anomalyFlags.status} = 'open'`);
  process.stderr.write(
    `read ${report.eventsRead.toLocaleString('en')} events from ${report.chains} chains in ${report.durationMs} ms; ` +
      `${report.raised.length} flags raised, ${report.updated.length} updated; ${Number(open?.n ?? 0).toLocaleString('en')} open in all\n`,
  );
} finally {
  await database.close();
}

function missing(id: string): never {
  throw new Error(`flag ${id} was raised and is gone`);
}
