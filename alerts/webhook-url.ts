import { isIP } from 'node:net';

/**
 * Whether a department system's endpoint may receive alerts. The hub calls
 * out to it with alerts about residents, from inside the government network,
 * so an endpoint must not turn the hub against what lies beside it: no cloud
 * metadata service (which hands out credentials), no link-local address, no
 * credentials in the URL (they would sit in the store and in logs), and in
 * production only https to a public address, since loopback and private
 * ranges there are the hub's own neighbours, not a department's system.
 */

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const MAX_LENGTH = 2_000;

/** Names of metadata services as the clouds resolve them from inside an instance. */
const METADATA_NAMES: ReadonlySet<string> = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);
/** Metadata addresses outside the link-local range (Alibaba Cloud), and the AWS IPv6 one. */
const METADATA_V4: ReadonlySet<string> = new Set(['169.254.169.254', '100.100.100.200', '169.254.170.2']);
const METADATA_V6 = 'fd00:ec2:0:0:0:0:0:254';

type Verdict = { refused: false } | { refused: true; reason: string; always: boolean };

const refuse = (reason: string, always: boolean): Verdict => ({ refused: true, reason, always });
const fine: Verdict = { refused: false };

function v4Octets(address: string): number[] {
  return address.split('.').map(Number);
}

function classifyV4(address: string): Verdict {
  if (METADATA_V4.has(address)) return refuse('is a cloud metadata address', true);
  const [a = 0, b = 0] = v4Octets(address);
  if (a === 169 && b === 254) return refuse('is a link-local address (169.254.0.0/16)', true);
  if (a === 127) return refuse('is a loopback address', false);
  if (a === 0) return refuse('is an unspecified address', false);
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return refuse('is a private address', false);
  if (a === 100 && b >= 64 && b <= 127) return refuse('is a shared (carrier-grade NAT) address', false);
  return fine;
}

/** An IPv6 address as its eight 16-bit groups; an embedded dotted IPv4 tail becomes the last two. */
function v6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Octets(tail[1]);
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const first = parse(head);
  const last = rest === undefined ? [] : parse(rest);
  const missing = 8 - first.length - last.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return null;
  return [...first, ...Array<number>(missing).fill(0), ...last];
}

function classifyV6(address: string): Verdict {
  const groups = v6Groups(address);
  if (!groups || groups.some((group) => Number.isNaN(group))) return refuse('is not an address this hub can check', true);
  if (groups.map((group) => group.toString(16)).join(':') === METADATA_V6) return refuse('is a cloud metadata address', true);
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d) goes where the IPv4 address goes.
  if (groups.slice(0, 5).every((group) => group === 0) && g5 === 0xffff) {
    return classifyV4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.'));
  }
  if ((g0 & 0xffc0) === 0xfe80) return refuse('is a link-local address (fe80::/10)', true);
  if (groups.slice(0, 7).every((group) => group === 0)) return refuse(g7 === 1 ? 'is a loopback address' : 'is an unspecified address', false);
  if ((g0 & 0xfe00) === 0xfc00) return refuse('is a private (unique local) address', false);
  return fine;
}

function classifyHost(hostname: string): Verdict {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname.replace(/\.$/, '');
  const family = isIP(host);
  if (family === 4) return classifyV4(host);
  if (family === 6) return classifyV6(host);
  if (METADATA_NAMES.has(host)) return refuse('names a cloud metadata service', true);
  if (host === 'localhost' || host.endsWith('.localhost')) return refuse('is a loopback address', false);
  return fine;
}

/**
 * Checks an endpoint a department registers. Outside production, plain http
 * and loopback or private addresses are allowed, so a department's test
 * system on the same machine can receive alerts; metadata and link-local
 * addresses are refused everywhere.
 */
export function checkWebhookUrl(raw: string, options: { production: boolean }): WebhookUrlCheck {
  if (raw.length > MAX_LENGTH) return { ok: false, reason: `must be at most ${MAX_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an http or https URL' };
  if (options.production && url.protocol !== 'https:') return { ok: false, reason: 'must be an https URL in production' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not carry a user name or password' };
  if (url.hostname === '') return { ok: false, reason: 'must name a host' };
  const verdict = classifyHost(url.hostname);
  if (verdict.refused && (verdict.always || options.production)) return { ok: false, reason: `must not point at ${url.hostname}: it ${verdict.reason}` };
  return { ok: true, url: url.href };
}

/**
 * Why the hub must not connect to an address a webhook's host name resolved
 * to, or null where it may: the same ranges as at registration, checked again
 * on the address each delivery connects to, so a name that resolved to a
 * public address when it was registered cannot later be pointed (DNS
 * rebinding) at a metadata service or, in production, at the hub's neighbours.
 */
export function refusedAddress(address: string, options: { production: boolean }): string | null {
  if (isIP(address) === 0) return 'is not an address';
  const verdict = classifyHost(address);
  return verdict.refused && (verdict.always || options.production) ? verdict.reason : null;
}
