import type { RecordRule } from '../platform/record-rules.js';
import { HEALTH_RECORD_RULES } from './health/record-rules.js';
import { HOUSING_RECORD_RULES } from './housing/record-rules.js';
import { LABOUR_RECORD_RULES } from './labour/record-rules.js';
import { POLICE_RECORD_RULES } from './police/record-rules.js';

/** Every department's record rules, in the order the documentation lists them. */
export const RECORD_RULES: readonly RecordRule[] = [...POLICE_RECORD_RULES, ...HOUSING_RECORD_RULES, ...LABOUR_RECORD_RULES, ...HEALTH_RECORD_RULES];
