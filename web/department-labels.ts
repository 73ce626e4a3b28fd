import { CALLER_DEPARTMENTS, type CallerDepartment } from '../auth/roles.js';
import type { Label, NamedOption } from './shared/label.js';

/**
 * Each department a caller may belong to by name in both languages, for the
 * pages that show who read what. Keyed by the roles table's own type, so a
 * department added there without a name here does not compile.
 */
export const DEPARTMENT_LABELS: Readonly<Record<CallerDepartment, Label>> = {
  police: { zh: '公安', en: 'Police' },
  housing: { zh: '住房', en: 'Housing' },
  labour: { zh: '人社', en: 'Labour' },
  health: { zh: '卫健', en: 'Health' },
  grid: { zh: '网格', en: 'Community grid' },
  auditor: { zh: '审计', en: 'Audit' },
  admin: { zh: '平台管理', en: 'Hub administration' },
  landlord: { zh: '房东', en: 'Landlord' },
  employer: { zh: '用人单位', en: 'Employer' },
  resident: { zh: '居民本人', en: 'Resident' },
  school: { zh: '学校', en: 'School' },
  'social-insurance': { zh: '社保经办', en: 'Social insurance' },
};

/** The departments as the pages are given them, in the roles table's order. */
export function departmentOptions(): NamedOption[] {
  return CALLER_DEPARTMENTS.map((name) => ({ name, label: DEPARTMENT_LABELS[name] }));
}
