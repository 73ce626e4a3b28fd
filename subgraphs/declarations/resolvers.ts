import { connectionFromRows, readPage } from '../../platform/connection.js';
import { DateScalar, DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../../platform/subgraph.js';
import type { DeclarationRow } from './db/schema.js';
import type { Resolvers, ResolversParentTypes } from './generated/resolvers.js';
import { qrPngOf, qrSvgOf } from './rules.js';

/** Declarations are listed by arrival: their cursor is their sequence number. */
const bySeq = (row: Pick<DeclarationRow, 'seq'>) => String(row.seq);

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    // The loader holds only declarations in the caller's scope: one outside answers null as an unknown id does.
    declaration: (_, args, ctx) => ctx.loaders.declarationById.load(args.id.toLowerCase()),
    myDeclarations: async (_, args, ctx) => {
      const { subject } = ctx.rules.requireDeclarant(ctx.meta.principal);
      const status = ctx.rules.ownStatus(args.status);
      const page = readPage(args, 'seq');
      return connectionFromRows(await ctx.store.ownDeclarations(subject, status, page), page, bySeq);
    },
    declarations: async (_, args, ctx) => {
      const filter = ctx.rules.queueFilter(args.filter);
      const page = readPage(args, 'seq');
      return connectionFromRows(await ctx.store.queue(filter, page, ctx.scope), page, bySeq);
    },
    premisesLink: (_, args, ctx) => ctx.rules.checkLink(args.token, ctx.meta.principal),
    collectionFigures: (_, args, ctx) => ctx.rules.figures(args.filter, ctx.meta.principal),
  },
  Mutation: {
    submitDeclaration: (_, args, ctx) => ctx.rules.submit(args.input, ctx.meta.principal),
    confirmDeclarations: async (_, args, ctx) => ({ results: await ctx.rules.confirm(args.ids, ctx.meta.principal, ctx.checks) }),
    rejectDeclarations: async (_, args, ctx) => ({ results: await ctx.rules.reject(args.ids, args.reason, ctx.meta.principal) }),
    issuePremisesLink: async (_, args, ctx) => ({ link: await ctx.rules.issueLink(args.input, ctx.meta.principal, ctx.checks) }),
    revokePremisesLink: async (_, args, ctx) => ({ link: await ctx.rules.revokeLink(args.id, ctx.meta.principal) }),
  },
  Declaration: {
    declarant: (d) => d.declarantSubject,
    // A declaration names its premises by code; what they are called is told with a link, to those who may see it.
    premises: (d) => (d.premisesKind && d.premisesCode ? { kind: d.premisesKind, code: d.premisesCode, label: null, gridCode: d.gridCode, divisionCode: d.divisionCode } : null),
  },
  PremisesLink: {
    id: (l) => l.row.id,
    issuedAt: (l) => l.row.issuedAt,
    expiresAt: (l) => l.row.expiresAt,
    revokedAt: (l) => l.row.revokedAt,
    // Drawn only when asked for: a form checking a link wants neither.
    qrSvg: (l) => qrSvgOf(l.url),
    qrPngDataUrl: (l) => qrPngOf(l.url),
  },
  PremisesCollectionFigures: {
    premises: (f) => ({ kind: f.premisesKind, code: f.premisesCode, label: null, gridCode: null, divisionCode: null }),
    counts: (f) => f,
  },
  GridCollectionFigures: {
    counts: (f) => f,
  },
} satisfies Resolvers;

// Fields without a resolver are read from the row by name: they too must be what the SDL says.
export type Served = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>;
