import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields, selectedFieldsAt as fieldsAt } from '../../platform/access.js';
import { connectionFromArray, connectionFromRows, datedAfter, datedKey, readPage, type Connection, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { HouseRow, TenancyRow } from './db/schema.js';
import type { HousingContext } from './subgraph.js';

/** Tenancies are listed newest first, so their cursor carries the start date as well as the id. */
const tenancyKey = (t: Pick<TenancyRow, 'start' | 'id'>) => datedKey(t.start, t.id);

const NODE = ['edges', 'node'] as const;

/** Records the access before the data leaves; a recorder failure stops the data (fail closed). */
async function record(ctx: HousingContext, type: string, ids: readonly string[], fields: readonly string[]): Promise<void> {
  if (ids.length > 0) await ctx.access.record(ctx.meta, { type, ids, fields });
}

/**
 * A house looked up by a key, recorded when served. The loaders hold only
 * houses inside the caller's jurisdiction, so one outside it answers null
 * exactly as an unknown key does: no error, no record, the same one statement.
 */
async function servedHouse(ctx: HousingContext, house: HouseRow | null, fields: readonly string[]): Promise<HouseRow | null> {
  if (house) await record(ctx, 'House', [house.id], fields);
  return house;
}

async function servedHouses(ctx: HousingContext, info: GraphQLResolveInfo, connection: Connection<HouseRow>) {
  await record(ctx, 'House', connection.edges.map((e) => e.node.id), fieldsAt(info, NODE));
  return connection;
}

async function servedTenancies(ctx: HousingContext, info: GraphQLResolveInfo, connection: Connection<TenancyRow>) {
  await record(ctx, 'Tenancy', connection.edges.map((e) => e.node.id), fieldsAt(info, NODE));
  return connection;
}

interface HouseFilterArgs {
  filter?: unknown;
}

export const resolvers: GraphQLResolverMap<HousingContext> = {
  Date: DateScalar,
  Query: {
    house: async (_: unknown, args: { id: string }, ctx: HousingContext, info: GraphQLResolveInfo) =>
      servedHouse(ctx, await ctx.loaders.houseById.load(args.id), selectedFields(info)),
    houseByCode: async (_: unknown, args: { code: string }, ctx: HousingContext, info: GraphQLResolveInfo) =>
      servedHouse(ctx, await ctx.loaders.houseByCode.load(args.code.trim()), selectedFields(info)),
    houses: async (_: unknown, args: PageArgs & HouseFilterArgs, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const filter = ctx.rules.houseFilter(args.filter);
      const page = readPage(args);
      const rows = await ctx.store.listHouses(filter, page, ctx.jurisdiction);
      return servedHouses(ctx, info, connectionFromRows(rows, page, (h) => h.id));
    },
  },
  Mutation: {
    registerHouse: async (_: unknown, args: { input: unknown }, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const house = await ctx.rules.registerHouse(args.input, ctx.meta.principal);
      await record(ctx, 'House', [house.id], fieldsAt(info, ['house']));
      return { house };
    },
    registerTenancy: async (_: unknown, args: { input: unknown }, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const tenancy = await ctx.rules.registerTenancy(args.input, ctx.meta.principal);
      await record(ctx, 'Tenancy', [tenancy.id], fieldsAt(info, ['tenancy']));
      return { tenancy };
    },
    endTenancy: async (_: unknown, args: { input: unknown }, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const tenancy = await ctx.rules.endTenancy(args.input, ctx.meta.principal);
      await record(ctx, 'Tenancy', [tenancy.id], fieldsAt(info, ['tenancy']));
      return { tenancy };
    },
  },
  House: {
    // Entities reached through `_entities` are narrowed and recorded exactly like
    // those from a query field: no field rule runs before this does.
    __resolveReference: async (ref: { id?: string | null; code?: string | null }, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const house =
        ref.id != null ? await ctx.loaders.houseById.load(ref.id) : ref.code != null ? await ctx.loaders.houseByCode.load(ref.code) : null;
      return servedHouse(ctx, house, selectedFields(info, 'House'));
    },
    grid: (h: HouseRow) => ({ code: h.gridCode }),
    owner: (h: HouseRow) => (h.ownerId ? { id: h.ownerId } : null),
    tenancies: async (
      h: HouseRow,
      args: PageArgs & { currentOnly?: boolean | null },
      ctx: HousingContext,
      info: GraphQLResolveInfo,
    ) => {
      const page = readPage(args);
      datedAfter(page);
      const loaders = args.currentOnly ? ctx.loaders.currentTenanciesByHouse : ctx.loaders.tenanciesByHouse;
      const rows = await loaders.for(page).load(h.id);
      return servedTenancies(ctx, info, connectionFromRows(rows, page, tenancyKey));
    },
  },
  Tenancy: {
    // The house loader holds only houses inside the caller's jurisdiction,
    // whichever way the tenancy was reached (a house, a person, a payload).
    house: async (t: TenancyRow, _: unknown, ctx: HousingContext, info: GraphQLResolveInfo) =>
      servedHouse(ctx, await ctx.loaders.houseById.load(t.houseId), selectedFields(info)),
    tenant: (t: TenancyRow) => ({ id: t.tenantId }),
    landlord: (t: TenancyRow) => (t.landlordId ? { id: t.landlordId } : null),
  },
  Person: {
    // Housing holds nothing about a person but their id, so the reference is
    // answered without a query; the access is still recorded, since what is
    // selected under it (tenancies, houses) is about this resident.
    __resolveReference: async (ref: { id: string }, ctx: HousingContext, info: GraphQLResolveInfo) => {
      await record(ctx, 'Person', [ref.id], selectedFields(info, 'Person'));
      return { id: ref.id };
    },
    tenancies: async (p: { id: string }, args: PageArgs, ctx: HousingContext, info: GraphQLResolveInfo) => {
      datedAfter(readPage(args));
      const rows = await ctx.loaders.tenanciesByTenant.load(p.id);
      return servedTenancies(ctx, info, connectionFromArray(rows, args, tenancyKey));
    },
    ownedHouses: async (p: { id: string }, args: PageArgs, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const page = readPage(args);
      const rows = await ctx.loaders.housesByOwner.for(page).load(p.id);
      return servedHouses(ctx, info, connectionFromRows(rows, page, (h) => h.id));
    },
  },
  Grid: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    houses: async (g: { code: string }, args: PageArgs, ctx: HousingContext, info: GraphQLResolveInfo) => {
      const page = readPage(args);
      const rows = await ctx.loaders.housesByGrid.for(page).load(g.code);
      return servedHouses(ctx, info, connectionFromRows(rows, page, (h) => h.id));
    },
  },
};
