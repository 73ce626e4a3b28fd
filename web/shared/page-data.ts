import { ENVELOPE_ID, type PageEnvelope } from './envelope.js';
import { localiseDocument } from './i18n.js';

/**
 * Reads what the hub embedded in the page when it served it (web/pages.ts),
 * a JSON block and never a script, so the page's Content-Security-Policy
 * admits no inline code at all; hands the response's style nonce to the
 * libraries that look for one; and titles the document in the chosen
 * language, now and on every switch.
 */
export function startPage<TData>(): PageEnvelope<TData> {
  const block = document.getElementById(ENVELOPE_ID);
  if (!block?.textContent) throw new Error('this page was served without its data');
  const envelope = JSON.parse(block.textContent) as PageEnvelope<TData>;
  // The response's nonce, which the page's policy names for style elements: libraries that insert one
  // (Radix's scroll lock, through get-nonce) read it from where webpack's convention puts it.
  if (block.nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = block.nonce;
  localiseDocument(envelope.title, envelope.site);
  return envelope;
}
