import type { DeclaredIdentityRow, VerificationAnswerRow } from './rules.js';
import type { GridRow, KeyPersonFlagRow, MoveOutRow, PermitRow, PersonRow, ResidenceRow } from './db/schema.js';
import type { ImportRowsView, ImportRowView } from '../import/jobs.js';
import type { ImportJobRow } from '../import/ledger.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, and the shapes resolvers build. `npm run codegen` maps a type `X`
 * to `XMapper`, so the generated resolver types know each parent.
 */

export type PersonMapper = PersonRow;
export type ResidenceRegistrationMapper = ResidenceRow;
export type ResidencePermitMapper = PermitRow;
export type KeyPersonFlagMapper = KeyPersonFlagRow;
export type MoveOutMapper = MoveOutRow;
export type GridMapper = GridRow;

/** The police know a house only by the code residences name. */
export interface HouseMapper {
  code: string;
}

export interface PersonPayloadMapper {
  person: PersonRow;
}

export interface ResidencePayloadMapper {
  registration: ResidenceRow;
}

/** A grid check carries the grid's district when found, so the access log can place what it answered about. */
export interface GridCheckMapper {
  code: string;
  found: boolean;
  districtCode: string | null;
}

/**
 * Answers by identity number, with the person they were about when the
 * number is someone's: never served (the SDL has no such field), read only by
 * the access log, which names that person (auth/recorded-types.ts).
 */
export type VerificationAnswerMapper = VerificationAnswerRow;
export type DeclaredIdentityCheckMapper = DeclaredIdentityRow;
/** Registering by identity: the registration only when the register confirmed the identity. */
export interface ResidenceByIdentityPayloadMapper {
  registration: ResidenceRow | null;
  identityConfirmed: boolean;
  advice: string | null;
}
/** A resident by hub id alone, with where they live: the access log places the look-up as it places the person. */
export interface AuditedResidentMapper {
  personId: string;
  residenceGridCode: string | null;
  residenceDivisionCode: string | null;
}

export type OwnRecordMapper = AuditedResidentMapper;
// ── Imports of legacy records (docs/import.md) ──

/** An import job as its ledger row holds it. */
export type ImportJobMapper = ImportJobRow;
/** A row's result; it names the person it is about for the audit record alone. */
export type ImportRowResultMapper = ImportRowView;
export interface ImportJobPayloadMapper {
  job: ImportJobRow;
}
export type ImportRowsPayloadMapper = ImportRowsView;

// ── end ──
