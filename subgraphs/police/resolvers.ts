import type { GraphQLResolveInfo } from 'graphql';
import { divisionName } from '../../domain/index.js';
import { selectedFields, selectedFieldsAt } from '../../platform/access.js';
import { connectionFromArray, connectionFromRows, readIdPage, readPage, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import { today } from '../../platform/input.js';
import type { GridRow, PermitRow, PersonRow, ResidenceRow } from './db/schema.js';
import type { PoliceContext } from './subgraph.js';
import type { PersonFilter } from './store.js';

/** Records that these persons are being served, before the data leaves. */
async function served<T extends PersonRow | null>(ctx: PoliceContext, info: GraphQLResolveInfo, rows: T[]): Promise<T[]> {
  const ids = rows.filter((r): r is NonNullable<T> => r !== null).map((r) => r.id);
  if (ids.length > 0) await ctx.access.record(ctx.meta, { type: 'Person', ids, fields: selectedFields(info, 'Person') });
  return rows;
}

/**
 * A resident looked up by a key, recorded when served. The loaders hold only
 * residents inside the caller's jurisdiction, so one outside it answers null
 * exactly as an unknown key does: no error, no record, the same one statement.
 */
async function servedPerson(ctx: PoliceContext, info: GraphQLResolveInfo, person: PersonRow | null): Promise<PersonRow | null> {
  const [visible = null] = await served(ctx, info, [person]);
  return visible;
}

async function servedConnection(ctx: PoliceContext, info: GraphQLResolveInfo, rows: PersonRow[], args: PageArgs) {
  const page = readPage(args);
  const connection = connectionFromRows(rows, page, (p) => p.id);
  const ids = connection.edges.map((e) => e.node.id);
  if (ids.length > 0) await ctx.access.record(ctx.meta, { type: 'Person', ids, fields: selectedFieldsAt(info, ['edges', 'node']) });
  return connection;
}

export const resolvers: GraphQLResolverMap<PoliceContext> = {
  Date: DateScalar,
  Query: {
    person: async (_: unknown, args: { id: string }, ctx: PoliceContext, info: GraphQLResolveInfo) =>
      servedPerson(ctx, info, await ctx.loaders.personById.load(args.id)),
    personByIdNumber: async (_: unknown, args: { idNumber: string }, ctx: PoliceContext, info: GraphQLResolveInfo) =>
      servedPerson(ctx, info, await ctx.loaders.personByIdNumber.load(args.idNumber.trim())),
    persons: async (_: unknown, args: PageArgs & { filter?: PersonFilter | null }, ctx: PoliceContext, info: GraphQLResolveInfo) => {
      const page = readIdPage(args);
      const rows = await ctx.store.listPersons(args.filter ?? {}, page, ctx.jurisdiction);
      return servedConnection(ctx, info, rows, args);
    },
    grid: (_: unknown, args: { code: string }, ctx: PoliceContext) => ctx.loaders.gridByCode.load(args.code),
    grids: async (_: unknown, args: PageArgs, ctx: PoliceContext) => {
      const page = readPage(args);
      return connectionFromRows(await ctx.store.listGrids(page, ctx.jurisdiction), page, (g) => g.code);
    },
  },
  Mutation: {
    registerPerson: async (_: unknown, args: { input: unknown }, ctx: PoliceContext) => ({
      person: await ctx.rules.registerPerson(args.input, ctx.meta.principal),
    }),
    registerResidence: async (_: unknown, args: { input: unknown }, ctx: PoliceContext) => ({
      registration: await ctx.rules.registerResidence(args.input, ctx.meta.principal),
    }),
    recordMoveOut: async (_: unknown, args: { input: unknown }, ctx: PoliceContext) => ({
      person: await ctx.rules.recordMoveOut(args.input, ctx.meta.principal),
    }),
    issueResidencePermit: async (_: unknown, args: { input: unknown }, ctx: PoliceContext) => ({
      person: await ctx.rules.issueResidencePermit(args.input, ctx.meta.principal),
    }),
  },
  PersonPayload: {
    // A payload is read like any other answer: the person as they stand after
    // the write, through the caller's jurisdiction (someone who has just moved
    // out lives nowhere a confined caller covers), and recorded when served.
    person: async (payload: { person: PersonRow }, _: unknown, ctx: PoliceContext, info: GraphQLResolveInfo) =>
      servedPerson(ctx, info, await ctx.loaders.personById.load(payload.person.id)),
  },
  Person: {
    // Entities reached through `_entities` are narrowed and recorded exactly like
    // those from a query field: no field rule runs before this does.
    __resolveReference: async (ref: { id: string }, ctx: PoliceContext, info: GraphQLResolveInfo) =>
      servedPerson(ctx, info, await ctx.loaders.personById.load(ref.id)),
    householdDivisionName: (p: PersonRow) => divisionName(p.householdDivisionCode),
    residence: async (p: PersonRow, _: unknown, ctx: PoliceContext) =>
      (await ctx.loaders.residencesByPerson.load(p.id)).find((r) => r.until === null) ?? null,
    residenceHistory: async (p: PersonRow, args: PageArgs, ctx: PoliceContext) =>
      connectionFromArray(await ctx.loaders.residencesByPerson.load(p.id), args, (r) => r.id),
    residencePermit: async (p: PersonRow, _: unknown, ctx: PoliceContext) =>
      (await ctx.loaders.permitsByPerson.load(p.id))[0] ?? null,
    keyPersonFlags: (p: PersonRow, _: unknown, ctx: PoliceContext) => ctx.loaders.flagsByPerson.load(p.id),
    moveOut: async (p: PersonRow, _: unknown, ctx: PoliceContext) => (await ctx.loaders.moveOutsByPerson.load(p.id))[0] ?? null,
  },
  ResidenceRegistration: {
    person: (r: ResidenceRow, _: unknown, ctx: PoliceContext) => ctx.loaders.personById.load(r.personId),
    grid: (r: ResidenceRow, _: unknown, ctx: PoliceContext) => ctx.loaders.gridByCode.load(r.gridCode),
    house: (r: ResidenceRow) => (r.houseCode ? { code: r.houseCode } : null),
  },
  ResidencePermit: {
    valid: (p: PermitRow) => p.issuedOn <= today() && today() <= p.validUntil,
  },
  Grid: {
    __resolveReference: (ref: { code: string }, ctx: PoliceContext) => ctx.loaders.gridByCode.load(ref.code),
    districtName: (g: GridRow) => divisionName(g.districtCode),
    residents: async (g: GridRow, args: PageArgs, ctx: PoliceContext, info: GraphQLResolveInfo) => {
      const rows = await ctx.loaders.residentsByGrid.for(readIdPage(args)).load(g.code);
      return servedConnection(ctx, info, rows, args);
    },
  },
  House: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    residents: async (h: { code: string }, args: PageArgs, ctx: PoliceContext, info: GraphQLResolveInfo) => {
      const rows = await ctx.loaders.residentsByHouse.for(readIdPage(args)).load(h.code);
      return servedConnection(ctx, info, rows, args);
    },
  },
};
