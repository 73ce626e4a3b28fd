import { PURPOSE_REGISTRY, type Purpose } from '../auth/purposes.js';
import type { Label } from './shared/label.js';
import type { PurposeOption } from './shared/purposes.js';

/**
 * Each purpose of use by name in both languages, for the pages' purpose
 * fields. Keyed by the registry's own type, so a purpose added to the
 * registry without a name here does not compile.
 */
export const PURPOSE_LABELS: Readonly<Record<Purpose, Label>> = {
  'case-investigation': { zh: '案件侦查', en: 'Case investigation' },
  'public-security': { zh: '治安管理', en: 'Public security' },
  'population-management': { zh: '人口管理', en: 'Population management' },
  'housing-administration': { zh: '房屋管理', en: 'Housing administration' },
  'labour-administration': { zh: '劳动就业管理', en: 'Labour administration' },
  'public-health': { zh: '公共卫生', en: 'Public health' },
  'medical-care': { zh: '医疗服务', en: 'Medical care' },
  'community-service': { zh: '网格服务', en: 'Community service' },
  statistics: { zh: '统计分析', en: 'Statistics' },
  audit: { zh: '审计', en: 'Audit' },
  'inter-city-exchange': { zh: '城际交换', en: 'Inter-city exchange' },
  declaration: { zh: '信息申报', en: 'Declaration' },
  'own-record': { zh: '查询本人记录', en: 'Own record' },
  'school-enrolment': { zh: '入学核验', en: 'School enrolment' },
  'social-insurance': { zh: '社会保险核验', en: 'Social insurance' },
};

/** The purpose registry as the pages are given it, in the registry's order. */
export function purposeOptions(): PurposeOption[] {
  return [...PURPOSE_REGISTRY].map(([name, entry]) => ({
    name,
    label: PURPOSE_LABELS[name],
    meaning: entry.meaning,
    roles: [...entry.roles],
    needsCase: entry.needsCase,
  }));
}
