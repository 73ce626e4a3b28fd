import type { Label } from './label.js';

/** What the hub embeds in every page it serves, as JSON: the page's title, the site's name, and the page's own data. */
export interface PageEnvelope<TData = unknown> {
  title: Label;
  site: Label;
  data: TData;
}

/** The id of the JSON block that carries it. */
export const ENVELOPE_ID = 'page-data';
