import type { RecordRule } from '../platform/record-rules.js';
import { HEALTH_RECORD_RULES } from './health/record-rules.js';
import { HOUSING_RECORD_RULES } from './housing/record-rules.js';
import { LABOUR_RECORD_RULES } from './labour/record-rules.js';
import { POLICE_RECORD_RULES } from './police/record-rules.js';

/** Each department's record rules, in the order the documentation lists them. */
export const RECORD_RULE_TABLES: readonly (readonly [department: 'police' | 'housing' | 'labour' | 'health', rules: readonly RecordRule[]])[] = [
  ['police', POLICE_RECORD_RULES],
  ['housing', HOUSING_RECORD_RULES],
  ['labour', LABOUR_RECORD_RULES],
  ['health', HEALTH_RECORD_RULES],
];

/** Every department's record rules. */
export const RECORD_RULES: readonly RecordRule[] = RECORD_RULE_TABLES.flatMap(([, rules]) => rules);
