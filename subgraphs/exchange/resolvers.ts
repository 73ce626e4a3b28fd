import type { InboundRow, OutboundRow, PartnerRow } from '../../exchange/db/schema.js';
import type { MessageType } from '../../exchange/messages.js';
import { connectionFromRows, type PageArgs } from '../../platform/connection.js';
import { DateScalar, DateTimeScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { ExchangeContext } from './subgraph.js';

const partnerNode = (row: PartnerRow) => ({
  code: row.code,
  name: row.name,
  inboxUrl: row.inboxUrl,
  status: row.status,
  keyFingerprint: row.keyFingerprint,
  publicKey: JSON.stringify(row.publicKey),
  agreements: Object.entries(row.agreement).map(([messageType, fields]) => ({ messageType, fields })),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const noticeNode = (row: InboundRow) => ({
  ...row.payload,
  id: row.id,
  messageType: row.messageType,
  partnerCode: row.partnerCode,
  occurredAt: row.occurredAt,
  receivedAt: row.receivedAt,
  droppedFields: row.droppedFields,
});

const sentEntry = (row: OutboundRow) => ({
  id: row.id,
  direction: 'SENT',
  partnerCode: row.partnerCode,
  messageType: row.messageType,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  occurredAt: row.occurredAt,
  recordedAt: row.createdAt,
  deliveredAt: row.deliveredAt,
  fields: Object.keys(row.payload),
  droppedFields: [],
  personId: row.personId,
});

const receivedEntry = (row: InboundRow) => ({
  id: row.id,
  direction: 'RECEIVED',
  partnerCode: row.partnerCode,
  messageType: row.messageType,
  status: 'RECEIVED',
  attempts: null,
  lastError: null,
  occurredAt: row.occurredAt,
  recordedAt: row.receivedAt,
  deliveredAt: null,
  fields: Object.keys(row.payload),
  droppedFields: row.droppedFields,
  personId: null,
});

const bySeq = (row: { seq: number }) => String(row.seq);

/** Notices a partner sent us; each served is recorded where the policy wraps the schema. */
async function receivedNotices(ctx: ExchangeContext, args: PageArgs & { partnerCode?: unknown; idNumber?: unknown }, type: MessageType) {
  ctx.rules.requireUnconfined(ctx.meta, 'exchange notices are released');
  const filter = ctx.rules.noticeFilter(args, type);
  const page = ctx.rules.page(args);
  const connection = connectionFromRows(await ctx.store.listInbound(filter, page), page, bySeq);
  return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: noticeNode(e.node) })), pageInfo: connection.pageInfo };
}

/** A mutation of the city's exchange, refused to a confined caller before its arguments are even read. */
function cityWide<A, R>(resolve: (args: A, ctx: ExchangeContext) => Promise<R>) {
  return (_: unknown, args: A, ctx: ExchangeContext): Promise<R> => {
    ctx.rules.requireCityWide(ctx.meta);
    return resolve(args, ctx);
  };
}

export const resolvers: GraphQLResolverMap<ExchangeContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    exchangeCity: (_: unknown, __: unknown, ctx: ExchangeContext) => ({
      code: ctx.identity.code,
      name: ctx.identity.name,
      keyFingerprint: ctx.identity.fingerprint,
      publicKey: JSON.stringify(ctx.identity.publicJwk),
    }),
    exchangePartners: async (_: unknown, args: PageArgs & { includeRemoved?: boolean | null }, ctx: ExchangeContext) => {
      const page = ctx.rules.partnerPage(args);
      const connection = connectionFromRows(await ctx.store.listPartners(page, args.includeRemoved === true), page, (p) => p.code);
      return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: partnerNode(e.node) })), pageInfo: connection.pageInfo };
    },
    exchangePartner: async (_: unknown, args: { code: string }, ctx: ExchangeContext) => {
      const row = /^\d{6}$/.test(args.code) ? await ctx.store.partner(args.code) : undefined;
      return row ? partnerNode(row) : null;
    },
    residentsInPartnerCities: (_: unknown, args: PageArgs, ctx: ExchangeContext) => receivedNotices(ctx, args, 'INFLOW_NOTICE'),
    arrivalsFromPartnerCities: (_: unknown, args: PageArgs, ctx: ExchangeContext) => receivedNotices(ctx, args, 'OUTFLOW_NOTICE'),
    exchangeLog: async (_: unknown, args: PageArgs & { direction: 'SENT' | 'RECEIVED'; filter?: unknown }, ctx: ExchangeContext) => {
      // Sent entries name residents of every district, and notices carry no place here to narrow them by.
      ctx.rules.requireUnconfined(ctx.meta, 'the exchange log is released');
      const filter = ctx.rules.logFilter(args.direction, args.filter);
      const page = ctx.rules.page(args);
      const entries =
        args.direction === 'SENT'
          ? connectionFromRows(await ctx.store.listOutbound(filter, page), page, bySeq)
          : connectionFromRows(await ctx.store.listInbound(filter, page), page, bySeq);
      const edges = entries.edges.map((e) => ({ cursor: e.cursor, node: 'status' in e.node ? sentEntry(e.node as OutboundRow) : receivedEntry(e.node as InboundRow) }));
      // Sent entries name the residents they were about: reading the log is recorded like any other access (auth/recorded-types.ts).
      return { edges, pageInfo: entries.pageInfo };
    },
  },
  ExchangePartner: {
    delivery: async (partner: { code: string }, _: unknown, ctx: ExchangeContext) => {
      const counts = (await ctx.store.deliveryCounts([partner.code])).get(partner.code)!;
      return { pending: counts.PENDING, delivered: counts.DELIVERED, failed: counts.FAILED };
    },
  },
  // Partnerships and their delivery queues belong to the whole city, not to a
  // grid or district: a confined caller is refused them whatever is asked.
  Mutation: {
    addExchangePartner: cityWide(async (args: { input: unknown }, ctx) => ({ partner: partnerNode(await ctx.registry.add(args.input)) })),
    updateExchangePartner: cityWide(async (args: { input: unknown }, ctx) => ({ partner: partnerNode(await ctx.registry.update(args.input)) })),
    suspendExchangePartner: cityWide(async (args: { code: unknown }, ctx) => ({ partner: partnerNode(await ctx.registry.suspend(args.code)) })),
    resumeExchangePartner: cityWide(async (args: { code: unknown }, ctx) => ({ partner: partnerNode(await ctx.registry.resume(args.code)) })),
    removeExchangePartner: cityWide(async (args: { code: unknown }, ctx) => ({ partner: partnerNode(await ctx.registry.remove(args.code)) })),
    retryExchangeNotices: cityWide(async (args: { ids: unknown }, ctx) => ({
      notices: (await ctx.store.retryFailed(ctx.rules.noticeIds(args.ids))).map(sentEntry),
    })),
  },
};
