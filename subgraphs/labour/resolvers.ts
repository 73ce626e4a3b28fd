import { connectionFromArray, connectionFromRows, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { EmployerRow, EmploymentRow } from './db/schema.js';
import { employmentKey, readEmployerFilter, readEmploymentPage, readIdPage } from './rules.js';
import type { LabourContext } from './subgraph.js';

export const resolvers: GraphQLResolverMap<LabourContext> = {
  Date: DateScalar,
  Query: {
    // The employer loaders hold only employers inside the caller's jurisdiction:
    // one outside answers null exactly as an unknown key does.
    employer: (_: unknown, args: { id: string }, ctx: LabourContext) => ctx.loaders.employerById.load(args.id),
    employerByCreditCode: (_: unknown, args: { creditCode: string }, ctx: LabourContext) => ctx.loaders.employerByCreditCode.load(args.creditCode.trim()),
    employers: async (_: unknown, args: PageArgs & { filter?: unknown }, ctx: LabourContext) => {
      const filter = readEmployerFilter(args.filter);
      const page = readIdPage(args);
      return connectionFromRows(await ctx.store.listEmployers(filter, page, ctx.jurisdiction), page, (e) => e.id);
    },
  },
  Mutation: {
    registerEmployer: async (_: unknown, args: { input: unknown }, ctx: LabourContext) => ({
      employer: await ctx.rules.registerEmployer(args.input, ctx.meta.principal),
    }),
    registerEmployment: async (_: unknown, args: { input: unknown }, ctx: LabourContext) => ({
      employment: await ctx.rules.registerEmployment(args.input, ctx.meta.principal),
    }),
    endEmployment: async (_: unknown, args: { input: unknown }, ctx: LabourContext) => ({
      employment: await ctx.rules.endEmployment(args.input, ctx.meta.principal),
    }),
  },
  Employer: {
    // No field rule runs before an entity is loaded; the loader's own
    // jurisdiction condition is what keeps an employer outside from coming back.
    __resolveReference: (ref: { id: string }, ctx: LabourContext) => ctx.loaders.employerById.load(ref.id),
    grid: (e: EmployerRow) => ({ code: e.gridCode }),
    employments: async (e: EmployerRow, args: PageArgs & { currentOnly?: boolean | null }, ctx: LabourContext) => {
      const page = readEmploymentPage(args);
      const pages = args.currentOnly ? ctx.loaders.currentEmploymentsByEmployer : ctx.loaders.employmentsByEmployer;
      return connectionFromRows(await pages.for(page).load(e.id), page, employmentKey);
    },
  },
  Employment: {
    // Labour knows only the person's id; the police subgraph supplies the rest through the gateway.
    person: (e: EmploymentRow) => ({ id: e.personId }),
    // The employer loader holds only employers inside the caller's jurisdiction,
    // whichever way the employment was reached (an employer, a person, a payload).
    employer: (e: EmploymentRow, _: unknown, ctx: LabourContext) => ctx.loaders.employerById.load(e.employerId),
  },
  Person: {
    // Nothing to load: labour holds no person row, only employments keyed by the id.
    // The reference is still recorded as served, since the caller is asking about this resident.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    employments: async (p: { id: string }, args: PageArgs, ctx: LabourContext) =>
      connectionFromArray(await ctx.loaders.employmentsByPerson.load(p.id), args, employmentKey),
  },
  Grid: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    employers: async (g: { code: string }, args: PageArgs, ctx: LabourContext) => {
      const page = readIdPage(args);
      return connectionFromRows(await ctx.loaders.employersByGrid.for(page).load(g.code), page, (e) => e.id);
    },
  },
};
