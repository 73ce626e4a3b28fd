import { connectionFromRows, mapNodes, readPage } from '../platform/connection.js';
import { DateScalar, DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../platform/subgraph.js';
import type { InboundRow, OutboundRow } from './db/schema.js';
import type { ExchangeLogEntry, PartnerNotice, Resolvers, ResolversParentTypes } from './generated/resolvers.js';
import { isMessageType } from './messages.js';

const noticeNode = (row: InboundRow): PartnerNotice => ({
  ...row.payload,
  id: row.id,
  messageType: row.messageType,
  partnerCode: row.partnerCode,
  occurredAt: row.occurredAt,
  receivedAt: row.receivedAt,
  droppedFields: row.droppedFields,
});

const sentEntry = (row: OutboundRow): ExchangeLogEntry => ({
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
  // The resident the notice was about: what the recorder records a read of this entry under.
  personId: row.personId,
});

const receivedEntry = (row: InboundRow): ExchangeLogEntry => ({
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

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    exchangeCity: (_, __, ctx) => ({
      code: ctx.identity.code,
      name: ctx.identity.name,
      keyFingerprint: ctx.identity.fingerprint,
      publicKey: JSON.stringify(ctx.identity.publicJwk),
    }),
    exchangePartners: async (_, args, ctx) => {
      const page = readPage(args, 'divisionCode');
      return connectionFromRows(await ctx.store.listPartners(page, args.includeRemoved === true), page, (p) => p.code);
    },
    exchangePartner: async (_, args, ctx) => (/^\d{6}$/.test(args.code) ? ((await ctx.store.partner(args.code)) ?? null) : null),
    // Each notice served is recorded where the policy wraps the schema.
    residentsInPartnerCities: async (_, args, ctx) => {
      const filter = ctx.rules.noticeFilter(args, 'INFLOW_NOTICE', ctx.meta.principal);
      const page = readPage(args, 'seq');
      return mapNodes(connectionFromRows(await ctx.store.listInbound(filter, page), page, bySeq), noticeNode);
    },
    arrivalsFromPartnerCities: async (_, args, ctx) => {
      const filter = ctx.rules.noticeFilter(args, 'OUTFLOW_NOTICE', ctx.meta.principal);
      const page = readPage(args, 'seq');
      return mapNodes(connectionFromRows(await ctx.store.listInbound(filter, page), page, bySeq), noticeNode);
    },
    // Sent entries name the residents they were about: reading the log is recorded like any other access (auth/recorded-types.ts).
    exchangeLog: async (_, args, ctx) => {
      const filter = ctx.rules.logFilter(args.direction, args.filter, ctx.meta.principal);
      const page = readPage(args, 'seq');
      return args.direction === 'SENT'
        ? mapNodes(connectionFromRows(await ctx.store.listOutbound(filter, page), page, bySeq), sentEntry)
        : mapNodes(connectionFromRows(await ctx.store.listInbound(filter, page), page, bySeq), receivedEntry);
    },
  },
  ExchangePartner: {
    publicKey: (partner) => JSON.stringify(partner.publicKey),
    // In the order the agreement is stored; a key that names no notice type was never agreed to.
    agreements: (partner) =>
      Object.entries(partner.agreement).flatMap(([messageType, fields]) => (isMessageType(messageType) && fields ? [{ messageType, fields: [...fields] }] : [])),
    delivery: async (partner, _, ctx) => {
      const counts = await ctx.loaders.deliveryCountsByPartner.load(partner.code);
      return { pending: counts.PENDING, delivered: counts.DELIVERED, failed: counts.FAILED };
    },
  },
  // Partnerships and their delivery queues belong to the whole city, not to a
  // grid or district: a confined caller is refused them before the arguments are read.
  Mutation: {
    addExchangePartner: async (_, args, ctx) => {
      ctx.rules.requireCityWide(ctx.meta.principal);
      return { partner: await ctx.registry.add(args.input) };
    },
    updateExchangePartner: async (_, args, ctx) => {
      ctx.rules.requireCityWide(ctx.meta.principal);
      return { partner: await ctx.registry.update(args.input) };
    },
    suspendExchangePartner: async (_, args, ctx) => {
      ctx.rules.requireCityWide(ctx.meta.principal);
      return { partner: await ctx.registry.suspend(args.code) };
    },
    resumeExchangePartner: async (_, args, ctx) => {
      ctx.rules.requireCityWide(ctx.meta.principal);
      return { partner: await ctx.registry.resume(args.code) };
    },
    removeExchangePartner: async (_, args, ctx) => {
      ctx.rules.requireCityWide(ctx.meta.principal);
      return { partner: await ctx.registry.remove(args.code) };
    },
    retryExchangeNotices: async (_, args, ctx) => {
      ctx.rules.requireCityWide(ctx.meta.principal);
      return { notices: (await ctx.store.retryFailed(ctx.rules.noticeIds(args.ids))).map(sentEntry) };
    },
  },
} satisfies Resolvers;

// Fields without a resolver are read from the row by name: they too must be what the SDL says.
export type Served = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>;
