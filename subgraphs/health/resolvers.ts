import { requireUnconfined as refuseConfined } from '../../auth/jurisdiction.js';
import { connectionFromArray, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { HealthProfileRow } from './db/schema.js';
import type { HealthContext } from './subgraph.js';

interface ProfilePayload {
  personId: string;
  healthProfile: HealthProfileRow;
}

/**
 * Health records carry no grid or district, so no jurisdiction can be said
 * to cover them: a caller confined to one is refused them outright, reading
 * or writing, before anything is read or recorded — the same answer whoever
 * the record is about, so the refusal says nothing about what is stored.
 */
function requireUnconfined(ctx: HealthContext): void {
  refuseConfined(ctx.meta.principal, 'health records are released');
}

function requireUnconfinedWriter(ctx: HealthContext): void {
  refuseConfined(ctx.meta.principal, 'health records are written');
}

const payload = (healthProfile: HealthProfileRow): ProfilePayload => ({ personId: healthProfile.personId, healthProfile });

export const resolvers: GraphQLResolverMap<HealthContext> = {
  Date: DateScalar,
  Query: {
    // A profile is recorded as served by its person's id even when there is
    // none: that absence is itself a health fact (auth/recorded-types.ts).
    healthProfile: (_: unknown, args: { personId: string }, ctx: HealthContext) => {
      requireUnconfined(ctx);
      return ctx.loaders.profileByPerson.load(ctx.rules.readPersonId(args.personId));
    },
  },
  Mutation: {
    setFamilyPlanningStatus: async (_: unknown, args: { input: unknown }, ctx: HealthContext) => {
      requireUnconfinedWriter(ctx);
      return payload(await ctx.rules.setFamilyPlanningStatus(args.input));
    },
    recordVaccination: async (_: unknown, args: { input: unknown }, ctx: HealthContext) => {
      requireUnconfinedWriter(ctx);
      return payload(await ctx.rules.recordVaccination(args.input));
    },
    recordMaternalCare: async (_: unknown, args: { input: unknown }, ctx: HealthContext) => {
      requireUnconfinedWriter(ctx);
      return payload(await ctx.rules.recordMaternalCare(args.input));
    },
    recordCheckup: async (_: unknown, args: { input: unknown }, ctx: HealthContext) => {
      requireUnconfinedWriter(ctx);
      return payload(await ctx.rules.recordCheckup(args.input));
    },
  },
  Person: {
    // Health knows nothing about a person beyond the id, so the reference needs
    // no lookup; it is still recorded as served before anything is.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    // Ids are stored in the lowercase spelling PostgreSQL returns.
    healthProfile: (p: { id: string }, _: unknown, ctx: HealthContext) => {
      requireUnconfined(ctx);
      return ctx.loaders.profileByPerson.load(p.id.toLowerCase());
    },
  },
  HealthProfile: {
    vaccinations: async (p: HealthProfileRow, args: PageArgs, ctx: HealthContext) =>
      connectionFromArray(await ctx.loaders.vaccinationsByPerson.load(p.personId), args, (v) => v.id),
    maternalCare: async (p: HealthProfileRow, args: PageArgs, ctx: HealthContext) =>
      connectionFromArray(await ctx.loaders.maternalCareByPerson.load(p.personId), args, (m) => m.id),
    checkups: async (p: HealthProfileRow, args: PageArgs, ctx: HealthContext) =>
      connectionFromArray(await ctx.loaders.checkupsByPerson.load(p.personId), args, (c) => c.id),
  },
};
