import type { Label } from './label.js';

/**
 * A purpose of use as a page is given it: the registry's entry (auth/purposes.ts)
 * as data, served with the page, with its name in both languages. A page
 * offers a caller only the purposes their roles may declare; the gateway
 * decides again on every request.
 */
export interface PurposeOption {
  name: string;
  label: Label;
  /** What the purpose is for, in the registry's words. */
  meaning: string;
  /** The roles that may declare it. */
  roles: string[];
  /** Whether a request declaring it must name a case (X-Case-Id). */
  needsCase: boolean;
}

/** The purposes at least one of these roles may declare, in the registry's order (as auth/purposes.ts declarablePurposes). */
export function declarable(purposes: readonly PurposeOption[], roles: readonly string[]): PurposeOption[] {
  return purposes.filter((purpose) => roles.some((role) => purpose.roles.includes(role)));
}
