import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionNode } from 'graphql';
import { selectedFields } from '../../platform/access.js';
import { connectionFromArray, connectionFromRows, type Connection, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { EmployerRow, EmploymentRow } from './db/schema.js';
import { employmentKey, readEmployerFilter, readEmploymentPage, readIdPage } from './rules.js';
import type { LabourContext } from './subgraph.js';

type Info = GraphQLResolveInfo;

/** The field nodes named `name` directly under `nodes`, looking through inline and named fragments. */
function childFieldNodes(nodes: readonly FieldNode[], name: string, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (selections: readonly SelectionNode[], seen: Set<string>): void => {
    for (const selection of selections) {
      if (selection.kind === 'Field') {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet.selections, seen);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet?.selections ?? [], new Set());
  return found;
}

/** The fields a caller selected on each node of a connection (under `edges { node { ... } }`). */
function nodeFields(info: Info): string[] {
  const edges = childFieldNodes(info.fieldNodes, 'edges', info.fragments);
  return selectedFields({ fieldNodes: childFieldNodes(edges, 'node', info.fragments), fragments: info.fragments });
}

/** Records the employments a connection is about to hand out, before they leave. */
async function servedEmployments(ctx: LabourContext, info: Info, connection: Connection<EmploymentRow>): Promise<Connection<EmploymentRow>> {
  const ids = connection.edges.map((e) => e.node.id);
  if (ids.length > 0) await ctx.access.record(ctx.meta, { type: 'Employment', ids, fields: nodeFields(info) });
  return connection;
}

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
  EmploymentPayload: {
    // A mutation's answer is a resident's record like any other and is recorded the same way.
    employment: async (payload: { employment: EmploymentRow }, _: unknown, ctx: LabourContext, info: Info) => {
      await ctx.access.record(ctx.meta, { type: 'Employment', ids: [payload.employment.id], fields: selectedFields(info) });
      return payload.employment;
    },
  },
  Employer: {
    // No field rule runs before an entity is loaded; the loader's own
    // jurisdiction condition is what keeps an employer outside from coming back.
    __resolveReference: (ref: { id: string }, ctx: LabourContext) => ctx.loaders.employerById.load(ref.id),
    grid: (e: EmployerRow) => ({ code: e.gridCode }),
    employments: async (e: EmployerRow, args: PageArgs & { currentOnly?: boolean | null }, ctx: LabourContext, info: Info) => {
      const page = readEmploymentPage(args);
      const pages = args.currentOnly ? ctx.loaders.currentEmploymentsByEmployer : ctx.loaders.employmentsByEmployer;
      const rows = await pages.for(page).load(e.id);
      return servedEmployments(ctx, info, connectionFromRows(rows, page, employmentKey));
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
    // The access is still recorded, since the caller is asking about this resident.
    __resolveReference: async (ref: { id: string }, ctx: LabourContext, info: Info) => {
      await ctx.access.record(ctx.meta, { type: 'Person', ids: [ref.id], fields: selectedFields(info, 'Person') });
      return { id: ref.id };
    },
    employments: async (p: { id: string }, args: PageArgs, ctx: LabourContext, info: Info) => {
      const all = await ctx.loaders.employmentsByPerson.load(p.id);
      return servedEmployments(ctx, info, connectionFromArray(all, args, employmentKey));
    },
  },
  Grid: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    employers: async (g: { code: string }, args: PageArgs, ctx: LabourContext) => {
      const page = readIdPage(args);
      return connectionFromRows(await ctx.loaders.employersByGrid.for(page).load(g.code), page, (e) => e.id);
    },
  },
};
