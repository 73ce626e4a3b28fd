import { connectionFromArray, connectionFromRows, datedKey, readPage } from '../../platform/connection.js';
import { DateScalar, DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../../platform/subgraph.js';
import type { EmploymentRow } from './db/schema.js';
import type { Resolvers, ResolversParentTypes } from './generated/resolvers.js';

const byId = (row: { id: string }) => row.id;

/** Employments are listed newest first, so their cursor carries the start date as well as the id. */
const employmentKey = (e: Pick<EmploymentRow, 'start' | 'id'>) => datedKey(e.start, e.id);

export const resolvers = {
  Date: DateScalar,
  Query: {
    // ── Imports of legacy records (docs/import.md) ──
    labourImportJob: (_, args, ctx) => ctx.imports.job(args.id, ctx.meta),
    labourImportJobs: (_, args, ctx) => ctx.imports.jobs(args, ctx.meta),
    // ── end ──
    // The employer loaders hold only employers inside the caller's jurisdiction:
    // one outside answers null exactly as an unknown key does.
    employer: (_, args, ctx) => ctx.loaders.employerById.load(args.id),
    employerByCreditCode: (_, args, ctx) => ctx.loaders.employerByCreditCode.load(args.creditCode.trim()),
    employerPremises: (_, args, ctx) => ctx.rules.employerPremises(args.creditCodes, ctx.meta.principal),
    employers: async (_, args, ctx) => {
      const filter = ctx.rules.employerFilter(args.filter);
      const page = readPage(args, 'id');
      return connectionFromRows(await ctx.store.listEmployers(filter, page, ctx.jurisdiction), page, byId);
    },
  },
  Mutation: {
    // ── Imports of legacy records (docs/import.md) ──
    startLabourImport: async (_, args, ctx) => ({ job: await ctx.imports.start(args.input, ctx.meta) }),
    importLabourRows: (_, args, ctx) => ctx.imports.rows(args.input, ctx.meta, ctx.checks),
    finishLabourImport: async (_, args, ctx) => ({ job: await ctx.imports.finish(args.input, ctx.meta) }),
    // ── end ──
    registerEmployer: async (_, args, ctx) => ({ employer: await ctx.rules.registerEmployer(args.input, ctx.meta.principal, ctx.checks) }),
    registerEmployment: async (_, args, ctx) => ({ employment: await ctx.rules.registerEmployment(args.input, ctx.meta.principal, ctx.checks) }),
    registerEmploymentByIdentity: (_, args, ctx) => ctx.rules.registerEmploymentByIdentity(args.input, ctx.meta.principal, ctx.checks),
    endEmployment: async (_, args, ctx) => ({ employment: await ctx.rules.endEmployment(args.input, ctx.meta.principal) }),
  },
  Employer: {
    // No field rule runs before an entity is loaded; the loader's own
    // jurisdiction condition is what keeps an employer outside from coming back.
    __resolveReference: (ref, ctx) => ctx.loaders.employerById.load(ref.id),
    grid: (e) => ({ code: e.gridCode }),
    employments: async (e, args, ctx) => {
      const page = readPage(args, 'dated');
      const pages = args.currentOnly ? ctx.loaders.currentEmploymentsByEmployer : ctx.loaders.employmentsByEmployer;
      return connectionFromRows(await pages.for(page).load(e.id), page, employmentKey);
    },
  },
  Employment: {
    // Labour knows only the person's id; the police subgraph supplies the rest through the gateway.
    person: (e) => ({ id: e.personId }),
    // The employer loader holds only employers inside the caller's jurisdiction,
    // whichever way the employment was reached (an employer, a person, a payload).
    employer: (e, _, ctx) => ctx.loaders.employerById.load(e.employerId),
  },
  Person: {
    // Nothing to load: labour holds no person row, only employments keyed by the id.
    // The reference is still recorded as served, since the caller is asking about this resident.
    __resolveReference: (ref) => ({ id: ref.id }),
    employments: async (p, args, ctx) =>
      connectionFromArray(await ctx.loaders.employmentsByPerson.load(p.id), readPage(args, 'dated'), employmentKey),
  },
  Grid: {
    __resolveReference: (ref) => ({ code: ref.code }),
    employers: async (g, args, ctx) => {
      const page = readPage(args, 'id');
      return connectionFromRows(await ctx.loaders.employersByGrid.for(page).load(g.code), page, byId);
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
