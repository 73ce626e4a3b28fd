import type { RecordRule } from '../../platform/record-rules.js';

/** What the police department refuses in a write beyond each field's format (platform/record-rules.ts says how to read a line). */
export const POLICE_RECORD_RULES: readonly RecordRule[] = [];
