import type { GridRow, KeyPersonFlagRow, MoveOutRow, PermitRow, PersonRow, ResidenceRow } from './db/schema.js';

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
