import type { CheckupRow, HealthProfileRow, MaternalCareRow, VaccinationRow } from './db/schema.js';

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
