import type { HouseRow, TenancyRow } from './db/schema.js';
import type { RecordWarning } from './rules.js';
import type { ImportRowsView, ImportRowView } from '../import/jobs.js';
import type { ImportJobRow } from '../import/ledger.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, and the shapes resolvers build. `npm run codegen` maps a type `X`
 * to `XMapper`, so the generated resolver types know each parent.
 */

export type HouseMapper = HouseRow;
export type TenancyMapper = TenancyRow;

/** Housing holds nothing about a person but the id its rows name. */
export interface PersonMapper {
  id: string;
}

/** A grid is the police's; housing knows only its code. */
export interface GridMapper {
  code: string;
}

export interface HousePayloadMapper {
  house: HouseRow;
}

export interface TenancyPayloadMapper {
  tenancy: TenancyRow;
  /** Only a registration can warn; ending a tenancy answers none. */
  warnings?: RecordWarning[];
}

export type RecordWarningMapper = RecordWarning;

/** A house check carries the house's place when found, so the access log can place what it answered about. */
export interface HouseCheckMapper {
  code: string;
  found: boolean;
  problems: 'OTHER_GRID'[];
  gridCode: string | null;
  divisionCode: string | null;
}

/** Registering by identity: the tenancy only when the register confirmed the identity. */
export interface TenancyByIdentityPayloadMapper {
  tenancy: TenancyRow | null;
  warnings: RecordWarning[];
  identityConfirmed: boolean;
  advice: string | null;
}

/** Premises as a link names them: the house's place, so the access log can place what it answered about. */
export interface HousePremisesMapper {
  code: string;
  found: boolean;
  gridCode: string | null;
  divisionCode: string | null;
  address: string | null;
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
