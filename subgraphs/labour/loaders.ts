import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { Page } from '../../platform/connection.js';
import { PagedLoaders, manyByKey, oneByKey } from '../../platform/loaders.js';
import type { LabourStore } from './store.js';

/**
 * Per-request batch loaders: every lookup in one request shares one statement
 * per kind. Every loader that reaches an employer is narrowed to the
 * caller's jurisdiction in SQL, so an employer outside it and one that does
 * not exist are the same absent row, found by the same statement.
 */
export function createLabourLoaders(store: LabourStore, jurisdiction: JurisdictionFilter | null) {
  return {
    employerById: oneByKey((ids: readonly string[]) => store.employersByIds(ids, jurisdiction), (e) => e.id),
    employerByCreditCode: oneByKey((codes: readonly string[]) => store.employersByCreditCodes(codes, jurisdiction), (e) => e.creditCode),
    employmentsByPerson: manyByKey((ids: readonly string[]) => store.employmentsByPersonIds(ids, jurisdiction), (e) => e.personId),
    employmentsByEmployer: new PagedLoaders((ids: readonly string[], page: Page) => store.employmentsOfEmployers(ids, page, false), (e) => e.employerId),
    currentEmploymentsByEmployer: new PagedLoaders((ids: readonly string[], page: Page) => store.employmentsOfEmployers(ids, page, true), (e) => e.employerId),
    employersByGrid: new PagedLoaders((codes: readonly string[], page: Page) => store.employersOfGrids(codes, page, jurisdiction), (e) => e.parentKey),
  };
}

export type LabourLoaders = ReturnType<typeof createLabourLoaders>;
