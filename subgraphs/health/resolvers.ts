import { connectionFromArray, readPage } from '../../platform/connection.js';
import { DateScalar, DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../../platform/subgraph.js';
import type { HealthProfileRow } from './db/schema.js';
import type { Resolvers, ResolversParentTypes } from './generated/resolvers.js';
import type { HealthProfilePayloadMapper } from './mappers.js';

const byId = (row: { id: string }) => row.id;

const payload = (healthProfile: HealthProfileRow): HealthProfilePayloadMapper => ({ personId: healthProfile.personId, healthProfile });

export const resolvers = {
  Date: DateScalar,
  Query: {
    // ── Imports of legacy records (docs/import.md) ──
    healthImportJob: (_, args, ctx) => ctx.imports.job(args.id, ctx.meta),
    healthImportJobs: (_, args, ctx) => ctx.imports.jobs(args, ctx.meta),
    // ── end ──
    // A profile is recorded as served by its person's id even when there is
    // none: that absence is itself a health fact (auth/recorded-types.ts).
    healthProfile: (_, args, ctx) => {
      ctx.rules.requireReader(ctx.meta.principal);
      return ctx.loaders.profileByPerson.load(ctx.rules.readPersonId(args.personId));
    },
  },
  Mutation: {
    // ── Imports of legacy records (docs/import.md) ──
    startHealthImport: async (_, args, ctx) => ({ job: await ctx.imports.start(args.input, ctx.meta) }),
    importHealthRows: (_, args, ctx) => ctx.imports.rows(args.input, ctx.meta, ctx.checks),
    finishHealthImport: async (_, args, ctx) => ({ job: await ctx.imports.finish(args.input, ctx.meta) }),
    // ── end ──
    setFamilyPlanningStatus: async (_, args, ctx) => payload(await ctx.rules.setFamilyPlanningStatus(args.input, ctx.meta.principal, ctx.checks)),
    recordVaccination: async (_, args, ctx) => payload(await ctx.rules.recordVaccination(args.input, ctx.meta.principal, ctx.checks)),
    recordMaternalCare: async (_, args, ctx) => payload(await ctx.rules.recordMaternalCare(args.input, ctx.meta.principal, ctx.checks)),
    recordCheckup: async (_, args, ctx) => payload(await ctx.rules.recordCheckup(args.input, ctx.meta.principal, ctx.checks)),
  },
  Person: {
    // Health knows nothing about a person beyond the id, so the reference needs
    // no lookup; it is still recorded as served before anything is.
    __resolveReference: (ref) => ({ id: ref.id }),
    healthProfile: (p, _, ctx) => {
      ctx.rules.requireReader(ctx.meta.principal);
      // Ids are stored in the lowercase spelling PostgreSQL returns.
      return ctx.loaders.profileByPerson.load(p.id.toLowerCase());
    },
  },
  HealthProfile: {
    vaccinations: async (p, args, ctx) => connectionFromArray(await ctx.loaders.vaccinationsByPerson.load(p.personId), readPage(args, 'id'), byId),
    maternalCare: async (p, args, ctx) => connectionFromArray(await ctx.loaders.maternalCareByPerson.load(p.personId), readPage(args, 'id'), byId),
    checkups: async (p, args, ctx) => connectionFromArray(await ctx.loaders.checkupsByPerson.load(p.personId), readPage(args, 'id'), byId),
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
