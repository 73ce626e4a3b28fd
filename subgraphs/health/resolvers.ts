import type { GraphQLResolveInfo } from 'graphql';
import { requireUnconfined as refuseConfined } from '../../auth/jurisdiction.js';
import { selectedFields } from '../../platform/access.js';
import { connectionFromArray, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import type { HealthProfileRow } from './db/schema.js';
import type { HealthContext } from './subgraph.js';

interface ProfilePayload {
  personId: string;
  healthProfile: HealthProfileRow;
}

/**
 * Records that a person's health profile is being served. Recorded even when
 * the person has no profile: that absence is itself a health fact.
 */
function recordProfileAccess(ctx: HealthContext, info: GraphQLResolveInfo, personId: string): Promise<void> {
  return ctx.access.record(ctx.meta, { type: 'HealthProfile', ids: [personId], fields: selectedFields(info) });
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
    healthProfile: async (_: unknown, args: { personId: string }, ctx: HealthContext, info: GraphQLResolveInfo) => {
      requireUnconfined(ctx);
      const personId = ctx.rules.readPersonId(args.personId);
      const profile = await ctx.loaders.profileByPerson.load(personId);
      await recordProfileAccess(ctx, info, personId);
      return profile;
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
  HealthProfilePayload: {
    // The payload reads the profile back, records included, so it is served like any other read.
    healthProfile: async (p: ProfilePayload, _: unknown, ctx: HealthContext, info: GraphQLResolveInfo) => {
      await recordProfileAccess(ctx, info, p.personId);
      return p.healthProfile;
    },
  },
  Person: {
    // Health knows nothing about a person beyond the id, so the reference needs
    // no lookup; the access is still recorded before anything is served.
    __resolveReference: async (ref: { id: string }, ctx: HealthContext, info: GraphQLResolveInfo) => {
      await ctx.access.record(ctx.meta, { type: 'Person', ids: [ref.id], fields: selectedFields(info, 'Person') });
      return { id: ref.id };
    },
    // Ids are stored in the lowercase spelling PostgreSQL returns. The profile
    // is recorded with the fields read from it, as through the query field:
    // the Person access names only that a profile was asked for.
    healthProfile: async (p: { id: string }, _: unknown, ctx: HealthContext, info: GraphQLResolveInfo) => {
      requireUnconfined(ctx);
      const personId = p.id.toLowerCase();
      const profile = await ctx.loaders.profileByPerson.load(personId);
      await recordProfileAccess(ctx, info, personId);
      return profile;
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
