import { connectionFromArray, connectionFromRows, datedAfter, datedKey, readPage, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { HouseRow, TenancyRow } from './db/schema.js';
import type { HousingContext } from './subgraph.js';

/** Tenancies are listed newest first, so their cursor carries the start date as well as the id. */
const tenancyKey = (t: Pick<TenancyRow, 'start' | 'id'>) => datedKey(t.start, t.id);

interface HouseFilterArgs {
  filter?: unknown;
}

export const resolvers: GraphQLResolverMap<HousingContext> = {
  Date: DateScalar,
  Query: {
    // The loaders hold only houses inside the caller's jurisdiction, so one
    // outside it answers null exactly as an unknown key does: no error, no
    // record, the same one statement.
    house: (_: unknown, args: { id: string }, ctx: HousingContext) => ctx.loaders.houseById.load(args.id),
    houseByCode: (_: unknown, args: { code: string }, ctx: HousingContext) => ctx.loaders.houseByCode.load(args.code.trim()),
    houses: async (_: unknown, args: PageArgs & HouseFilterArgs, ctx: HousingContext) => {
      const filter = ctx.rules.houseFilter(args.filter);
      const page = readPage(args);
      const rows = await ctx.store.listHouses(filter, page, ctx.jurisdiction);
      return connectionFromRows(rows, page, (h) => h.id);
    },
  },
  Mutation: {
    registerHouse: async (_: unknown, args: { input: unknown }, ctx: HousingContext) => ({
      house: await ctx.rules.registerHouse(args.input, ctx.meta.principal),
    }),
    registerTenancy: async (_: unknown, args: { input: unknown }, ctx: HousingContext) => ({
      tenancy: await ctx.rules.registerTenancy(args.input, ctx.meta.principal),
    }),
    endTenancy: async (_: unknown, args: { input: unknown }, ctx: HousingContext) => ({
      tenancy: await ctx.rules.endTenancy(args.input, ctx.meta.principal),
    }),
  },
  House: {
    // Entities reached through `_entities` are narrowed exactly like those
    // from a query field: no field rule runs before this does.
    __resolveReference: (ref: { id?: string | null; code?: string | null }, ctx: HousingContext) =>
      ref.id != null ? ctx.loaders.houseById.load(ref.id) : ref.code != null ? ctx.loaders.houseByCode.load(ref.code) : null,
    grid: (h: HouseRow) => ({ code: h.gridCode }),
    owner: (h: HouseRow) => (h.ownerId ? { id: h.ownerId } : null),
    tenancies: async (
      h: HouseRow,
      args: PageArgs & { currentOnly?: boolean | null },
      ctx: HousingContext,
    ) => {
      const page = readPage(args);
      datedAfter(page);
      const loaders = args.currentOnly ? ctx.loaders.currentTenanciesByHouse : ctx.loaders.tenanciesByHouse;
      return connectionFromRows(await loaders.for(page).load(h.id), page, tenancyKey);
    },
  },
  Tenancy: {
    // The house loader holds only houses inside the caller's jurisdiction,
    // whichever way the tenancy was reached (a house, a person, a payload).
    house: (t: TenancyRow, _: unknown, ctx: HousingContext) => ctx.loaders.houseById.load(t.houseId),
    tenant: (t: TenancyRow) => ({ id: t.tenantId }),
    landlord: (t: TenancyRow) => (t.landlordId ? { id: t.landlordId } : null),
  },
  Person: {
    // Housing holds nothing about a person but their id, so the reference is
    // answered without a query; it is still recorded as served, since what is
    // selected under it (tenancies, houses) is about this resident.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    tenancies: async (p: { id: string }, args: PageArgs, ctx: HousingContext) => {
      datedAfter(readPage(args));
      return connectionFromArray(await ctx.loaders.tenanciesByTenant.load(p.id), args, tenancyKey);
    },
    ownedHouses: async (p: { id: string }, args: PageArgs, ctx: HousingContext) => {
      const page = readPage(args);
      return connectionFromRows(await ctx.loaders.housesByOwner.for(page).load(p.id), page, (h) => h.id);
    },
  },
  Grid: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    houses: async (g: { code: string }, args: PageArgs, ctx: HousingContext) => {
      const page = readPage(args);
      return connectionFromRows(await ctx.loaders.housesByGrid.for(page).load(g.code), page, (h) => h.id);
    },
  },
};
