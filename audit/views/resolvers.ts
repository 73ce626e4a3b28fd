import { GraphQLError } from 'graphql';
import { forbidden } from '../../auth/decide.js';
import { requireUnconfined } from '../../auth/jurisdiction.js';
import { PURPOSE_REGISTRY, isPurpose } from '../../auth/purposes.js';
import { connectionFromRows } from '../../platform/connection.js';
import { badUserInput } from '../../platform/errors.js';
import { selectedFields, selectedFieldsAt } from '../../platform/selection.js';
import { DateScalar } from '../../platform/subgraph.js';
import type { AuditEvent } from '../api.js';
import type { AuditContext } from '../context.js';
import { exportSelection } from '../export.js';
import type { Resolvers } from '../generated/resolvers.js';
import { toAuditEvent } from '../read.js';
import { eventKey } from '../rules.js';
import { latestEvidence } from './integrity.js';
import { resolveResident } from './residents.js';
import * as input from './rules.js';
import { WITHHELD_PURPOSE } from './store.js';
import { chinaDays, officerAgainstDepartment, overviewSeries, withheldCases, withheldNow } from './summaries.js';

/**
 * The audit views' resolvers, merged into the audit subgraph's own
 * (audit/resolvers.ts). Thin: arguments are read by ./rules.ts, SQL is in
 * ./store.ts, counting in ./summaries.ts. Every view is recorded before it
 * is answered, like every other read of the log.
 */

const eventId = (event: Pick<AuditEvent, 'writerId' | 'seq'>) => `${event.writerId}/${event.seq}`;

/** The fields of an event an export hands out, by their names on AuditEvent: what the log records an export as having read. */
const EXPORTED_FIELDS = [
  'id', 'writerId', 'seq', 'occurredAt', 'kind', 'requestId', 'correlationId', 'subject', 'department', 'roles', 'purpose', 'caseId',
  'subgraph', 'typeName', 'recordIds', 'fields', 'operationName', 'documentHash', 'outcome', 'errorCode', 'durationMs', 'count', 'prevHash', 'hash',
];

/** Whether residents' own reports withhold this access now. */
async function withheld(event: AuditEvent, ctx: AuditContext): Promise<boolean> {
  if (event.kind !== 'access' || event.recordIds.length === 0 || event.purpose !== WITHHELD_PURPOSE) return false;
  if (event.caseId === null) return true;
  return withheldNow((await ctx.views.disclosures.load(event.caseId)) ?? undefined, ctx.views.now);
}

const unavailable = (message: string) => new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });

/**
 * An event as a selective export carries it: without where its records lie
 * (no field of the log serves that to auditors), marked so the offline check
 * knows its own hash cannot be recomputed from the file.
 */
function withoutPlaces(event: AuditEvent): AuditEvent & { placesWithheld?: true } {
  if (event.places === undefined) return event;
  const { places: _places, placesNonce: _nonce, ...rest } = event;
  return { ...rest, placesWithheld: true };
}

export const viewResolvers = {
  Date: DateScalar,
  Query: {
    auditOverview: async (_, args, ctx, info) => {
      const { from, to } = input.period(args, input.MAX_OVERVIEW_DAYS);
      const days = chinaDays(from, to);
      const rows = await ctx.views.views.store.overviewCounts(from, to, ctx.scope);
      await ctx.access.record(ctx.meta, { type: 'AuditOverview', ids: [], fields: selectedFields(info) });
      return { from: from.toISOString(), to: to.toISOString(), days, ...overviewSeries(rows, days) };
    },

    residentHistory: async (_, args, ctx, info) => {
      const idNumber = input.idNumber(args.idNumber);
      const page = ctx.rules.page(args);
      const personId = await resolveResident(ctx.checks.hub, { idNumber }, ctx.views.views.logger);
      if (personId === null) return null;
      const [rows, withheldCount] = await Promise.all([
        ctx.store.listEvents({ recordId: personId }, page, ctx.scope),
        ctx.views.views.store.withheldFor(personId, ctx.views.now, ctx.scope),
      ]);
      const accesses = connectionFromRows(rows.map(toAuditEvent), page, eventKey);
      // As residentAccessHistory: the events shown, and the resident asked about, so the look shows in their own history.
      await Promise.all([
        ctx.access.record(ctx.meta, { type: 'AuditEvent', ids: accesses.edges.map((e) => eventId(e.node)), fields: selectedFieldsAt(info, ['accesses', 'edges', 'node']) }),
        ctx.access.record(ctx.meta, { type: 'Query', ids: [personId], fields: [info.fieldName] }),
      ]);
      return { personId, withheldFromResident: withheldCount, accesses };
    },

    residentAccessExport: async (_, args, ctx, info) => {
      // Every chain interleaves every district's events, and an export vouches for what it holds as a whole.
      requireUnconfined(ctx.meta.principal, 'the access log is exported');
      const personId = input.personId(args.personId);
      const { from, to } = input.openPeriod(args, ctx.views.now);
      const key = await ctx.views.views.exportKey();
      if (!key) throw unavailable('This hub signs no exports: it was given no export key (AUDIT_EXPORT_KEY_FILE)');
      const rows = await ctx.views.views.store.recordEvents(personId, from, to, input.MAX_EXPORT_EVENTS + 1);
      if (rows.length > input.MAX_EXPORT_EVENTS) throw badUserInput('from', `the period holds more than ${input.MAX_EXPORT_EVENTS.toLocaleString('en')} accesses naming this resident: narrow it`);
      const events = rows.map(toAuditEvent);
      await Promise.all([
        ctx.access.record(ctx.meta, { type: 'AuditEvent', ids: events.map(eventId), fields: EXPORTED_FIELDS }),
        ctx.access.record(ctx.meta, { type: 'SignedAuditExport', ids: [personId], fields: selectedFields(info) }),
      ]);
      const { text } = exportSelection(events.map(withoutPlaces), { from, to, selection: { recordId: personId }, key });
      return { fileName: `audit-${personId}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.jsonl`, content: text, events: events.length, keyId: key.keyId };
    },

    officerActivity: async (_, args, ctx, info) => {
      const subject = input.subject(args.subject);
      const asked = input.department(args.department);
      const { from, to } = input.period(args, input.MAX_OFFICER_DAYS);
      const { store } = ctx.views.views;
      let department = asked;
      if (department === null) {
        const departments = await store.departmentsOf(subject, from, to, ctx.scope);
        if (departments.length > 1) throw badUserInput('department', `the subject is an officer of several departments (${departments.join(', ')}): name one`);
        department = departments[0] ?? null;
      }
      await ctx.access.record(ctx.meta, { type: 'OfficerActivity', ids: [subject], fields: selectedFields(info) });
      if (department === null) return null;
      const days = chinaDays(from, to);
      const [rows, hours, breakdown] = await Promise.all([
        store.officerDays(department, from, to, ctx.scope),
        store.officerHours(subject, department, from, to, ctx.scope),
        store.officerBreakdown(subject, department, from, to, ctx.scope),
      ]);
      return {
        subject,
        department,
        from: from.toISOString(),
        to: to.toISOString(),
        days,
        accessesByHour: Array.from({ length: 24 }, (_h, hour) => hours.get(hour) ?? 0),
        ...breakdown,
        ...officerAgainstDepartment(rows, subject, days),
      };
    },

    myAccessReport: async (_, args, ctx, info) => {
      const principal = ctx.meta.principal;
      if (!principal?.identityNumber) throw forbidden('a resident token must name the identity number of the resident signed in');
      const page = ctx.rules.page(args);
      const personId = await resolveResident(ctx.checks.hub, 'own', ctx.views.views.logger);
      const rows =
        personId === null
          ? []
          : await ctx.views.views.store.residentReport(personId, { subject: principal.subject, department: principal.department }, ctx.views.now, page);
      const connection = connectionFromRows(rows.map(toAuditEvent), page, eventKey);
      if (personId !== null) {
        await Promise.all([
          ctx.access.record(ctx.meta, { type: 'Query', ids: [personId], fields: [info.fieldName] }),
          ctx.access.record(ctx.meta, { type: 'AccessReportEntry', ids: connection.edges.map((e) => eventId(e.node)), fields: selectedFieldsAt(info, ['edges', 'node']) }),
        ]);
      }
      return {
        pageInfo: connection.pageInfo,
        edges: connection.edges.map(({ cursor, node }) => ({
          cursor,
          node: {
            occurredAt: node.occurredAt,
            department: node.department,
            purpose: node.purpose,
            purposeMeaning: isPurpose(node.purpose) ? (PURPOSE_REGISTRY.get(node.purpose)?.meaning ?? null) : null,
            source: node.subgraph,
            // A question naming the resident that read none of their records (an auditor asking for their accesses) has no kind of record.
            record: node.typeName === 'Query' ? null : node.typeName,
            fields: Object.entries(node.fields)
              .filter(([, decision]) => decision !== 'denied')
              .map(([field]) => field)
              .sort(),
          },
        })),
      };
    },
  },

  Mutation: {
    setCaseDisclosure: async (_, args, ctx) => {
      const caseId = input.caseId(args.caseId);
      // The police set the disclosure of the case they declare they work under, and of no other.
      if (ctx.meta.caseId !== caseId) throw badUserInput('caseId', 'must be the case this request declares in X-Case-Id');
      const discloseAfter = input.optionalInstant(args.discloseAfter, 'discloseAfter');
      const principal = ctx.meta.principal;
      if (!principal) throw forbidden('no verified caller');
      const { now } = ctx.views;
      // Recorded before it is stored: a setting the log does not hold is never made.
      await ctx.access.record(ctx.meta, { type: 'CaseDisclosure', ids: [caseId], fields: ['caseId', 'discloseAfter'] });
      const row = await ctx.views.views.store.setDisclosure({ caseId, discloseAfter, setAt: now, subject: principal.subject, department: principal.department, requestId: ctx.meta.requestId });
      return { caseDisclosure: { caseId: row.caseId, discloseAfter: row.discloseAfter, setAt: row.setAt, withheldNow: withheldNow(row, now) } };
    },
  },

  AuditEvent: {
    withheldFromResident: (event, _, ctx) => withheld(event, ctx),
    withheldUntil: async (event, _, ctx) =>
      event.purpose === WITHHELD_PURPOSE && event.caseId !== null ? ((await ctx.views.disclosures.load(event.caseId))?.discloseAfter ?? null) : null,
  },

  AuditOverview: {
    withheldFromResidents: async (overview, _, ctx) => {
      const from = new Date(overview.from);
      const to = new Date(overview.to);
      const counts = await ctx.views.views.store.caseAccesses(from, to, ctx.scope);
      const caseIds = counts.flatMap((c) => (c.caseId === null ? [] : [c.caseId]));
      const settings = await ctx.views.disclosures.loadMany(caseIds);
      const disclosures = new Map(settings.flatMap((row) => (row && !(row instanceof Error) ? [[row.caseId, row] as const] : [])));
      return withheldCases(counts, disclosures, ctx.views.now);
    },
    // Every chain interleaves every district's events: integrity is for unconfined auditors.
    integrity: async (_overview, _, ctx) => {
      if (ctx.scope !== null) return null;
      const [evidence, last] = await Promise.all([latestEvidence(ctx.evidence), ctx.views.views.store.lastVerification()]);
      const latest = evidence.checkpoint;
      return {
        lastVerification: last,
        latestCheckpoint: latest ? { seq: latest.checkpoint.seq, at: latest.checkpoint.at, hash: latest.hash, chainHeads: latest.checkpoint.heads.length } : null,
        witnesses: evidence.witnesses.map((w) => ({ city: w.partner, keyFingerprint: w.partnerFingerprint, checkpointSeq: w.line.checkpoint.seq, checkpointHash: w.line.hash })),
        latestWitnessed: latest !== null && evidence.witnesses.length > 0 && evidence.witnesses.every((w) => w.line.checkpoint.seq === latest.checkpoint.seq),
      };
    },
  },
} satisfies Resolvers;
