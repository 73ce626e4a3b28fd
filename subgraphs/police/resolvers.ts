import { divisionName } from '../../domain/index.js';
import { connectionFromArray, connectionFromRows, readPage } from '../../platform/connection.js';
import { today } from '../../platform/input.js';
import { DateScalar, DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../../platform/subgraph.js';
import type { PersonRow } from './db/schema.js';
import { DECLARED_IDENTITY_WORDS } from './rules.js';
import type { Resolvers, ResolversParentTypes } from './generated/resolvers.js';
import type { PlacedPersonRow } from './store.js';

const byId = (row: { id: string }) => row.id;

/** A resident by hub id only, placed where they live so the access log can place the look-up. */
const residentReference = (person: PlacedPersonRow | null) =>
  person ? { personId: person.id, residenceGridCode: person.residenceGridCode, residenceDivisionCode: person.residenceDivisionCode } : null;

export const resolvers = {
  Date: DateScalar,
  Query: {
    // ── Imports of legacy records (docs/import.md) ──
    policeImportJob: (_, args, ctx) => ctx.imports.job(args.id, ctx.meta),
    policeImportJobs: (_, args, ctx) => ctx.imports.jobs(args, ctx.meta),
    // ── end ──
    // The loaders hold only residents inside the caller's jurisdiction, so one
    // outside it answers null exactly as an unknown key does: no error, no
    // record, the same one statement.
    person: (_, args, ctx) => ctx.loaders.personById.load(args.id),
    personByIdNumber: (_, args, ctx) => ctx.loaders.personByIdNumber.load(args.idNumber.trim()),
    persons: async (_, args, ctx) => {
      const page = readPage(args, 'id');
      return connectionFromRows(await ctx.store.listPersons(ctx.rules.personFilter(args.filter), page, ctx.jurisdiction), page, byId);
    },
    grid: (_, args, ctx) => ctx.loaders.gridByCode.load(args.code),
    grids: async (_, args, ctx) => {
      const page = readPage(args, 'text');
      return connectionFromRows(await ctx.store.listGrids(page, ctx.jurisdiction), page, (g) => g.code);
    },
    personChecks: (_, args, ctx) => ctx.rules.personChecks(args.checks, ctx.meta),
    gridChecks: (_, args, ctx) => ctx.rules.gridChecks(args.codes, ctx.meta),
    identityChecks: (_, args, ctx) => ctx.rules.identityChecks(args.checks, ctx.meta),
    holdsValidResidencePermit: (_, args, ctx) => ctx.rules.holdsValidResidencePermit(args, ctx.meta.principal),
    livesInDistrict: (_, args, ctx) => ctx.rules.livesInDistrict(args, ctx.meta.principal),
    livesInGrid: (_, args, ctx) => ctx.rules.livesInGrid(args, ctx.meta.principal),
    declaredIdentityCheck: (_, args, ctx) => ctx.rules.declaredIdentityCheck(args),
    // The hub id of a resident, and nothing else of the register: for the access log's reviewers and for residents' own reports.
    auditedResident: async (_, args, ctx) => residentReference(await ctx.loaders.personByIdNumber.load(ctx.rules.auditedIdNumber(args.idNumber))),
    ownRecord: async (_, _args, ctx) => residentReference(await ctx.loaders.personByIdNumber.load(ctx.rules.ownIdNumber(ctx.meta.principal))),
  },
  Mutation: {
    // ── Imports of legacy records (docs/import.md) ──
    startPoliceImport: async (_, args, ctx) => ({ job: await ctx.imports.start(args.input, ctx.meta) }),
    importPoliceRows: (_, args, ctx) => ctx.imports.rows(args.input, ctx.meta, ctx.checks),
    finishPoliceImport: async (_, args, ctx) => ({ job: await ctx.imports.finish(args.input, ctx.meta) }),
    // ── end ──
    registerPerson: async (_, args, ctx) => ({ person: await ctx.rules.registerPerson(args.input, ctx.meta.principal) }),
    registerResidence: async (_, args, ctx) => ({ registration: await ctx.rules.registerResidence(args.input, ctx.meta.principal, ctx.checks) }),
    registerResidenceByIdentity: (_, args, ctx) => ctx.rules.registerResidenceByIdentity(args.input, ctx.meta.principal, ctx.checks),
    recordMoveOut: async (_, args, ctx) => ({ person: await ctx.rules.recordMoveOut(args.input, ctx.meta.principal) }),
    issueResidencePermit: async (_, args, ctx) => ({ person: await ctx.rules.issueResidencePermit(args.input, ctx.meta.principal) }),
  },
  PersonPayload: {
    // A payload is read like any other answer: the person as they stand after
    // the write, through the caller's jurisdiction (someone who has just moved
    // out lives nowhere a confined caller covers).
    person: (payload, _, ctx) => ctx.loaders.personById.load(payload.person.id),
  },
  Person: {
    // Entities reached through `_entities` are narrowed exactly like those
    // from a query field: no field rule runs before this does.
    __resolveReference: (ref, ctx) => ctx.loaders.personById.load(ref.id),
    householdDivisionName: (p) => divisionName(p.householdDivisionCode),
    residence: async (p, _, ctx) => (await ctx.loaders.residencesByPerson.load(p.id)).find((r) => r.until === null) ?? null,
    residenceHistory: async (p, args, ctx) => connectionFromArray(await ctx.loaders.residencesByPerson.load(p.id), readPage(args, 'id'), byId),
    residencePermit: async (p, _, ctx) => (await ctx.loaders.permitsByPerson.load(p.id))[0] ?? null,
    keyPersonFlags: (p, _, ctx) => ctx.loaders.flagsByPerson.load(p.id),
    moveOut: async (p, _, ctx) => (await ctx.loaders.moveOutsByPerson.load(p.id))[0] ?? null,
  },
  ResidenceRegistration: {
    person: (r, _, ctx) => ctx.loaders.personById.load(r.personId),
    grid: (r, _, ctx) => ctx.loaders.gridByCode.load(r.gridCode),
    house: (r) => (r.houseCode ? { code: r.houseCode } : null),
  },
  DeclaredIdentityCheck: {
    message: (check) => DECLARED_IDENTITY_WORDS[check.result],
  },
  ResidencePermit: {
    valid: (p) => p.issuedOn <= today() && today() <= p.validUntil,
  },
  Grid: {
    __resolveReference: (ref, ctx) => ctx.loaders.gridByCode.load(ref.code),
    districtName: (g) => divisionName(g.districtCode),
    residents: async (g, args, ctx) => {
      const page = readPage(args, 'id');
      return connectionFromRows<PersonRow>(await ctx.loaders.residentsByGrid.for(page).load(g.code), page, byId);
    },
  },
  House: {
    __resolveReference: (ref) => ({ code: ref.code }),
    residents: async (h, args, ctx) => {
      const page = readPage(args, 'id');
      return connectionFromRows<PersonRow>(await ctx.loaders.residentsByHouse.for(page).load(h.code), page, byId);
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
