import type { AuditEvent } from '../../audit/api.js';
import { RECORDED_TYPES, recordedType } from '../../auth/recorded-types.js';

/**
 * How much of what a hub served about residents its access log accounts for:
 * every field value of a recorded type in a response, against the access
 * events recorded under that response's request id.
 */

/** One field value of a recorded type in a response. */
export interface ServedValue {
  type: string;
  /** The record id as the recorded-types table reads it from the served object; null when the response does not show it. */
  id: string | null;
  /**
   * Every key the served object shows (`id`, `code`): a department that holds
   * a record only by another key records it under that one (the police know
   * a house by its unified code).
   */
  keys: string[];
  field: string;
  path: string;
}

/** Entity keys are the record ids themselves, which the events name in `recordIds`, not as fields. */
const KEYS = new Set(['id', 'code', '__typename']);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Every non-null field value of a recorded type in `data` (objects carry
 * `__typename`). A health profile, which has no id of its own in the API,
 * is the resident's: its parent person's id, or the `personId` the root
 * field was asked with.
 */
export function servedValues(data: unknown, rootPersonId: string | null = null): ServedValue[] {
  const out: ServedValue[] = [];
  const walk = (value: unknown, path: string, parent: Record<string, unknown> | null): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}.${i}`, parent));
      return;
    }
    if (!isObject(value)) return;
    const type = value.__typename;
    const recorded = typeof type === 'string' ? recordedType(type) : undefined;
    if (recorded && typeof type === 'string') {
      let id = recorded.idOf(value);
      if (id === null && type === 'HealthProfile') id = parent?.__typename === 'Person' && typeof parent.id === 'string' ? parent.id : rootPersonId;
      const keys = [id, value.id, value.code].filter((k): k is string => typeof k === 'string');
      for (const [field, served] of Object.entries(value)) if (!KEYS.has(field) && served !== null) out.push({ type, id, keys, field, path: `${path}.${field}` });
    }
    for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, recorded ? value : parent);
  };
  walk(data, 'data', null);
  return out;
}

export interface Coverage {
  served: number;
  covered: number;
  /** Values of records the response names by id, each matched to an event naming that record. */
  identified: { served: number; covered: number };
  uncovered: ServedValue[];
}

/**
 * A value is covered when an access event of the request, of the value's
 * type, names its record by any key the response shows (or, for a record the
 * response shows no id of, names any record) and names the field as
 * released, full or masked.
 */
export function coverage(requests: { values: ServedValue[]; events: AuditEvent[] }[]): Coverage {
  const result: Coverage = { served: 0, covered: 0, identified: { served: 0, covered: 0 }, uncovered: [] };
  for (const { values, events } of requests) {
    const accesses = events.filter((e) => e.kind === 'access' && e.recordIds.length > 0);
    for (const value of values) {
      const covered = accesses.some(
        (e) =>
          e.typeName === value.type &&
          (value.id === null || value.keys.some((key) => e.recordIds.includes(key))) &&
          Object.hasOwn(e.fields, value.field) &&
          e.fields[value.field] !== 'denied',
      );
      result.served += 1;
      if (value.id !== null) result.identified.served += 1;
      if (covered) {
        result.covered += 1;
        if (value.id !== null) result.identified.covered += 1;
      } else {
        result.uncovered.push(value);
      }
    }
  }
  return result;
}

export function describeCoverage(run: string, c: Coverage): string {
  const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(2)}%`);
  return (
    `${run}: ${c.covered.toLocaleString('en')} of ${c.served.toLocaleString('en')} served resident field values covered by access events (${pct(c.covered, c.served)}); ` +
    `${c.identified.covered.toLocaleString('en')} of ${c.identified.served.toLocaleString('en')} matched to the very record (${pct(c.identified.covered, c.identified.served)}); ` +
    `recorded types: ${Object.keys(RECORDED_TYPES).length}`
  );
}
