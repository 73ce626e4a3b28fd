import { connectionFromArray, connectionFromRows, datedKey, readPage } from '../../platform/connection.js';
import { DateScalar, DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../../platform/subgraph.js';
import type { TenancyRow } from './db/schema.js';
import type { Resolvers, ResolversParentTypes } from './generated/resolvers.js';

const byId = (row: { id: string }) => row.id;

/** Tenancies are listed newest first, so their cursor carries the start date as well as the id. */
const tenancyKey = (t: Pick<TenancyRow, 'start' | 'id'>) => datedKey(t.start, t.id);

export const resolvers = {
  Date: DateScalar,
  Query: {
    // ── Imports of legacy records (docs/import.md) ──
    housingImportJob: (_, args, ctx) => ctx.imports.job(args.id, ctx.meta),
    housingImportJobs: (_, args, ctx) => ctx.imports.jobs(args, ctx.meta),
    // ── end ──
    // The loaders hold only houses inside the caller's jurisdiction, so one
    // outside it answers null exactly as an unknown key does: no error, no
    // record, the same one statement.
    house: (_, args, ctx) => ctx.loaders.houseById.load(args.id),
    houseByCode: (_, args, ctx) => ctx.loaders.houseByCode.load(args.code.trim()),
    houses: async (_, args, ctx) => {
      const filter = ctx.rules.houseFilter(args.filter);
      const page = readPage(args, 'id');
      return connectionFromRows(await ctx.store.listHouses(filter, page, ctx.jurisdiction), page, byId);
    },
    houseChecks: (_, args, ctx) => ctx.rules.houseChecks(args.checks, ctx.meta),
    housePremises: (_, args, ctx) => ctx.rules.housePremises(args.codes, ctx.meta.principal),
  },
  Mutation: {
    // ── Imports of legacy records (docs/import.md) ──
    startHousingImport: async (_, args, ctx) => ({ job: await ctx.imports.start(args.input, ctx.meta) }),
    importHousingRows: (_, args, ctx) => ctx.imports.rows(args.input, ctx.meta, ctx.checks),
    finishHousingImport: async (_, args, ctx) => ({ job: await ctx.imports.finish(args.input, ctx.meta) }),
    // ── end ──
    registerHouse: async (_, args, ctx) => ({ house: await ctx.rules.registerHouse(args.input, ctx.meta.principal, ctx.checks) }),
    registerTenancy: (_, args, ctx) => ctx.rules.registerTenancy(args.input, ctx.meta.principal, ctx.checks),
    registerTenancyByIdentity: (_, args, ctx) => ctx.rules.registerTenancyByIdentity(args.input, ctx.meta.principal, ctx.checks),
    endTenancy: async (_, args, ctx) => ({ tenancy: await ctx.rules.endTenancy(args.input, ctx.meta.principal) }),
  },
  House: {
    // Entities reached through `_entities` are narrowed exactly like those
    // from a query field: no field rule runs before this does.
    __resolveReference: (ref, ctx) =>
      'id' in ref && ref.id != null
        ? ctx.loaders.houseById.load(ref.id)
        : 'code' in ref && ref.code != null
          ? ctx.loaders.houseByCode.load(ref.code)
          : null,
    grid: (h) => ({ code: h.gridCode }),
    owner: (h) => (h.ownerId ? { id: h.ownerId } : null),
    // Counted at read time: the flag follows the tenancies as they start and end, and nothing stored can go stale.
    openTenancies: async (h, _, ctx) => (await ctx.loaders.openTenancies.load(h.id))?.open ?? 0,
    groupRentalSuspected: async (h, _, ctx) => ctx.rules.groupRentalSuspected(h.rooms, (await ctx.loaders.openTenancies.load(h.id))?.open ?? 0),
    tenancies: async (h, args, ctx) => {
      const page = readPage(args, 'dated');
      const pages = args.currentOnly ? ctx.loaders.currentTenanciesByHouse : ctx.loaders.tenanciesByHouse;
      return connectionFromRows(await pages.for(page).load(h.id), page, tenancyKey);
    },
  },
  TenancyPayload: {
    warnings: (p) => p.warnings ?? [],
  },
  Tenancy: {
    // The house loader holds only houses inside the caller's jurisdiction,
    // whichever way the tenancy was reached (a house, a person, a payload).
    house: (t, _, ctx) => ctx.loaders.houseById.load(t.houseId),
    tenant: (t) => ({ id: t.tenantId }),
    landlord: (t) => (t.landlordId ? { id: t.landlordId } : null),
  },
  Person: {
    // Housing holds nothing about a person but their id, so the reference is
    // answered without a query; it is still recorded as served, since what is
    // selected under it (tenancies, houses) is about this resident.
    __resolveReference: (ref) => ({ id: ref.id }),
    tenancies: async (p, args, ctx) => connectionFromArray(await ctx.loaders.tenanciesByTenant.load(p.id), readPage(args, 'dated'), tenancyKey),
    ownedHouses: async (p, args, ctx) => {
      const page = readPage(args, 'id');
      return connectionFromRows(await ctx.loaders.housesByOwner.for(page).load(p.id), page, byId);
    },
  },
  Grid: {
    __resolveReference: (ref) => ({ code: ref.code }),
    houses: async (g, args, ctx) => {
      const page = readPage(args, 'id');
      return connectionFromRows(await ctx.loaders.housesByGrid.for(page).load(g.code), page, byId);
    },
  },
  // ── Imports of legacy records (docs/import.md) ──
  DateTime: DateTimeScalar,
  ImportJob: {
    committedBatches: (job, _, ctx) => ctx.imports.committedBatches(job),
    refusals: (job, args, ctx) => ctx.imports.refusals(job, args),
  },
  // ── end ──
} satisfies Resolvers;

// Fields without a resolver are read from the row by name: they too must be what the SDL says.
export type Served = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>;
