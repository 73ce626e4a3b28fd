import DataLoader from 'dataloader';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { Page } from '../../platform/connection.js';
import { PagedLoaders, manyByKey, oneByKey } from '../../platform/loaders.js';
import type { EmploymentRow } from './db/schema.js';
import type { EmploymentPage, LabourStore } from './store.js';

/**
 * Windowed employment pages per employer: one batching loader per distinct
 * page, so `employments(first: 10)` on many employers is still one statement.
 */
class EmploymentPages {
  private readonly loaders = new Map<string, DataLoader<string, EmploymentRow[]>>();

  constructor(
    private readonly store: LabourStore,
    private readonly currentOnly: boolean,
  ) {}

  for(page: EmploymentPage): DataLoader<string, EmploymentRow[]> {
    const id = `${page.size}:${page.afterKey ?? ''}`;
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = manyByKey((ids: readonly string[]) => this.store.employmentsOfEmployers(ids, page, this.currentOnly), (e) => e.employerId);
      this.loaders.set(id, loader);
    }
    return loader;
  }
}

/**
 * Per-request batch loaders: every lookup in one request shares one statement
 * per kind. Lists are narrowed to the caller's jurisdiction in SQL; employers
 * by key are returned as stored, so a resolver can tell an unknown key (null)
 * from an employer outside the jurisdiction (refused).
 */
export function createLabourLoaders(store: LabourStore, jurisdiction: JurisdictionFilter | null) {
  return {
    employerById: oneByKey((ids: readonly string[]) => store.employersByIds(ids), (e) => e.id),
    employerByCreditCode: oneByKey((codes: readonly string[]) => store.employersByCreditCodes(codes), (e) => e.creditCode),
    employmentsByPerson: manyByKey((ids: readonly string[]) => store.employmentsByPersonIds(ids, jurisdiction), (e) => e.personId),
    employmentsByEmployer: new EmploymentPages(store, false),
    currentEmploymentsByEmployer: new EmploymentPages(store, true),
    employersByGrid: new PagedLoaders((codes: readonly string[], page: Page) => store.employersOfGrids(codes, page, jurisdiction), (e) => e.parentKey),
  };
}

export type LabourLoaders = ReturnType<typeof createLabourLoaders>;
