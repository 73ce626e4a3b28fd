import type { EmployerRow, EmploymentRow } from './db/schema.js';
import type { ImportRowsView, ImportRowView } from '../import/jobs.js';
import type { ImportJobRow } from '../import/ledger.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, and the shapes resolvers build. `npm run codegen` maps a type `X`
 * to `XMapper`, so the generated resolver types know each parent.
 */

export type EmployerMapper = EmployerRow;
export type EmploymentMapper = EmploymentRow;

/** Labour holds nothing about a person but the id its rows name. */
export interface PersonMapper {
  id: string;
}

/** A grid is the police's; labour knows only its code. */
export interface GridMapper {
  code: string;
}

export interface EmployerPayloadMapper {
  employer: EmployerRow;
}

export interface EmploymentPayloadMapper {
  employment: EmploymentRow;
}

/** Registering by identity: the employment only when the register confirmed the identity. */
export interface EmploymentByIdentityPayloadMapper {
  employment: EmploymentRow | null;
  identityConfirmed: boolean;
  advice: string | null;
}

/** Premises as a link names them: the employer's place, so the access log can place what it answered about. */
export interface EmployerPremisesMapper {
  creditCode: string;
  found: boolean;
  gridCode: string | null;
  divisionCode: string | null;
  name: string | null;
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
