import { t } from './i18n.js';
import type { NamedOption } from './label.js';

/**
 * What a page shows for a name the hub sent: its label in the current
 * language with the name itself beside it, or the name alone when the page
 * was given no label for it (a value newer than the page's data), or a dash
 * for none.
 */
export function labelOf(options: readonly NamedOption[], name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return '–';
  const option = options.find((o) => o.name === name);
  return option ? `${t(option.label)} (${name})` : name;
}
