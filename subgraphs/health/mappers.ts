import type { CheckupRow, HealthProfileRow, MaternalCareRow, VaccinationRow } from './db/schema.js';
import type { ImportRowsView, ImportRowView } from '../import/jobs.js';
import type { ImportJobRow } from '../import/ledger.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, and the shapes resolvers build. `npm run codegen` maps a type `X`
 * to `XMapper`, so the generated resolver types know each parent.
 */

export type HealthProfileMapper = HealthProfileRow;
export type VaccinationMapper = VaccinationRow;
export type MaternalCareRecordMapper = MaternalCareRow;
export type CheckupMapper = CheckupRow;

/** Health holds nothing about a person but the id its rows name. */
export interface PersonMapper {
  id: string;
}

/** The person written about, and their profile after the write. */
export interface HealthProfilePayloadMapper {
  personId: string;
  healthProfile: HealthProfileRow;
}

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
