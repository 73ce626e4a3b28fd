import { divisionName } from '../../domain/index.js';
import { connectionFromArray, connectionFromRows, readIdPage, readPage, type PageArgs } from '../../platform/connection.js';
import { DateScalar, type GraphQLResolverMap } from '../../platform/subgraph.js';
import { today } from '../../platform/input.js';
import type { GridRow, PermitRow, PersonRow, ResidenceRow } from './db/schema.js';
import type { PoliceContext } from './subgraph.js';
import type { PersonFilter } from './store.js';

/** A page of residents, in id order. */
function personConnection(rows: PersonRow[], args: PageArgs) {
  return connectionFromRows(rows, readPage(args), (p) => p.id);
}

export const resolvers: GraphQLResolverMap<PoliceContext> = {
  Date: DateScalar,
  Query: {
    // The loaders hold only residents inside the caller's jurisdiction, so one
    // outside it answers null exactly as an unknown key does: no error, no
    // record, the same one statement.
    person: (_: unknown, args: { id: string }, ctx: PoliceContext) => ctx.loaders.personById.load(args.id),
    personByIdNumber: (_: unknown, args: { idNumber: string }, ctx: PoliceContext) => ctx.loaders.personByIdNumber.load(args.idNumber.trim()),
    persons: async (_: unknown, args: PageArgs & { filter?: PersonFilter | null }, ctx: PoliceContext) => {
      const rows = await ctx.store.listPersons(args.filter ?? {}, readIdPage(args), ctx.jurisdiction);
      return personConnection(rows, args);
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
    // out lives nowhere a confined caller covers).
    person: (payload: { person: PersonRow }, _: unknown, ctx: PoliceContext) => ctx.loaders.personById.load(payload.person.id),
  },
  Person: {
    // Entities reached through `_entities` are narrowed exactly like those
    // from a query field: no field rule runs before this does.
    __resolveReference: (ref: { id: string }, ctx: PoliceContext) => ctx.loaders.personById.load(ref.id),
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
    residents: async (g: GridRow, args: PageArgs, ctx: PoliceContext) =>
      personConnection(await ctx.loaders.residentsByGrid.for(readIdPage(args)).load(g.code), args),
  },
  House: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    residents: async (h: { code: string }, args: PageArgs, ctx: PoliceContext) =>
      personConnection(await ctx.loaders.residentsByHouse.for(readIdPage(args)).load(h.code), args),
  },
};
