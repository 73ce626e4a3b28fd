import { connectionFromRows, readPage } from '../platform/connection.js';
import { DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../platform/subgraph.js';
import type { AlertRow } from './db/schema.js';
import type { Resolvers, ResolversParentTypes } from './generated/resolvers.js';

const bySeq = (row: { seq: number }) => String(row.seq);

/** A fact the rule revealed, by name; null when it revealed none of that name. */
const revealed = (alert: AlertRow, name: string): string | null => {
  const value = Object.hasOwn(alert.details, name) ? alert.details[name] : undefined;
  return typeof value === 'string' ? value : null;
};

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    // Each alert served is recorded where the policy wraps the schema (auth/recorded-types.ts).
    alerts: async (_, args, ctx) => {
      const filter = ctx.rules.alertFilter(args.filter);
      const page = readPage(args, 'seq');
      const rows = ctx.reader ? await ctx.store.listAlerts(ctx.reader, filter, page) : [];
      return connectionFromRows(rows, page, bySeq);
    },
    alert: (_, args, ctx) => ctx.loaders.alertById.load(args.id.toLowerCase()),
    alertWebhooks: (_, __, ctx) => ctx.rules.webhooks(ctx.meta),
  },
  Alert: {
    __resolveReference: (ref, ctx) => ctx.loaders.alertById.load(ref.id.toLowerCase()),
    grid: (a) => (a.gridCode ? { code: a.gridCode } : null),
    person: (a) => (a.personId ? { id: a.personId } : null),
    house: (a) => (a.houseId ? { id: a.houseId } : null),
    employer: (a) => (a.employerId ? { id: a.employerId } : null),
    actions: (a, _, ctx) => ctx.loaders.actionsByAlert.load(a.id),
    flagCategory: (a) => revealed(a, 'flagCategory'),
    flagLevel: (a) => revealed(a, 'flagLevel'),
    reason: (a) => revealed(a, 'reason'),
    idNumber: (a) => revealed(a, 'idNumber'),
    name: (a) => revealed(a, 'name'),
  },
  Mutation: {
    acknowledgeAlert: async (_, args, ctx) => ({ alert: await ctx.rules.acknowledge(args.input, ctx.meta) }),
    resolveAlert: async (_, args, ctx) => ({ alert: await ctx.rules.resolve(args.input, ctx.meta) }),
    reassignAlert: async (_, args, ctx) => ({ alert: await ctx.rules.reassign(args.input, ctx.meta) }),
    registerAlertWebhook: async (_, args, ctx) => ({ webhook: await ctx.rules.registerWebhook(args.input, ctx.meta) }),
    removeAlertWebhook: async (_, args, ctx) => ({ webhook: await ctx.rules.removeWebhook(args.input, ctx.meta) }),
  },
} satisfies Resolvers;

// Fields without a resolver are read from the row by name: they too must be what the SDL says.
export type Served = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>;
