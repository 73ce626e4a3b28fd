import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, refusedAddress } from '../../../alerts/webhook-url.js';

const anywhere = [{ production: false }, { production: true }] as const;
/** The URL as each setting would be given it: https in production, so the refusal is for the address. */
const asGiven = (url: string, options: { production: boolean }) => (options.production ? url.replace(/^http:/, 'https:') : url);

describe('a webhook endpoint', () => {
  it.each([
    ['https://alerts.police.example.gov.cn/hub', true],
    ['https://203.0.113.10:8443/alerts', true],
    ['https://[2001:db8::10]/alerts', true],
    ['http://127.0.0.1:9000/alerts', false],
    ['http://localhost:9000/alerts', false],
    ['http://10.1.2.3/alerts', false],
    ['http://192.168.1.20/alerts', false],
    ['http://172.16.0.5/alerts', false],
    ['http://[::1]:9000/alerts', false],
    ['http://[fd12:3456::1]/alerts', false],
  ])('%s is accepted (in production too: %s)', (url, inProduction) => {
    expect(checkWebhookUrl(url, { production: false }).ok).toBe(true);
    expect(checkWebhookUrl(url, { production: true }).ok).toBe(inProduction);
  });

  it('must be https in production, and says so', () => {
    expect(checkWebhookUrl('http://alerts.police.example.gov.cn/', { production: true })).toEqual({ ok: false, reason: 'must be an https URL in production' });
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.com/', 'not a url', '/relative/path', ''])(
    'refuses %j: not an absolute http(s) URL',
    (url) => {
      for (const options of anywhere) expect(checkWebhookUrl(url, options).ok).toBe(false);
    },
  );

  it.each(['https://user:secret@example.com/x', 'https://user@example.com/x', 'https://:secret@example.com/x'])('refuses %s: credentials in the URL', (url) => {
    for (const options of anywhere) expect(checkWebhookUrl(url, options)).toEqual({ ok: false, reason: 'must not carry a user name or password' });
  });

  it.each([
    'http://169.254.1.1/x',
    'http://169.254.0.1/x',
    'http://[fe80::1]/x',
    'http://[febf::1]/x',
    'http://[::ffff:169.254.10.10]/x',
  ])('refuses %s everywhere: a link-local address', (url) => {
    for (const options of anywhere) {
      const checked = checkWebhookUrl(asGiven(url, options), options);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(/link-local/);
    }
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/latest/meta-data/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/',
    'http://100.100.100.200/latest/meta-data/',
  ])('refuses %s everywhere: a cloud metadata service', (url) => {
    for (const options of anywhere) {
      const checked = checkWebhookUrl(asGiven(url, options), options);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(/metadata/);
    }
  });

  it.each([
    ['http://127.0.0.1/x', /loopback/],
    ['http://127.9.9.9/x', /loopback/],
    ['http://localhost/x', /loopback/],
    ['http://api.localhost/x', /loopback/],
    ['http://[::1]/x', /loopback/],
    ['http://[::ffff:127.0.0.1]/x', /loopback/],
    ['http://10.0.0.1/x', /private/],
    ['http://172.31.255.1/x', /private/],
    ['http://192.168.0.1/x', /private/],
    ['http://[fc00::1]/x', /private/],
    ['http://0.0.0.0/x', /unspecified/],
    ['http://100.64.0.1/x', /shared/],
  ])('refuses %s in production: a loopback or private address', (url, reason) => {
    const checked = checkWebhookUrl(url.replace('http:', 'https:'), { production: true });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
    expect(checkWebhookUrl(url, { production: false }).ok).toBe(true);
  });

  it('refuses a URL longer than 2000 characters', () => {
    expect(checkWebhookUrl(`https://example.com/${'a'.repeat(2_000)}`, { production: false }).ok).toBe(false);
  });
});

describe('an address a receiver’s name resolves to at delivery', () => {
  // Every literal address registration judges, judged the same way when a name resolves to it.
  it.each([
    '203.0.113.10',
    '2001:db8::10',
    '127.0.0.1',
    '10.1.2.3',
    '192.168.1.20',
    '172.16.0.5',
    '::1',
    'fd12:3456::1',
    '169.254.169.254',
    '169.254.10.1',
    '100.100.100.200',
    'fe80::1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '0.0.0.0',
  ])('%s is refused exactly where registering it is', (address) => {
    const url = address.includes(':') ? `https://[${address}]/alerts` : `https://${address}/alerts`;
    for (const options of anywhere) expect(refusedAddress(address, options) === null, `${address} ${JSON.stringify(options)}`).toBe(checkWebhookUrl(asGiven(url, options), options).ok);
  });

  it('refuses what is not an address at all', () => {
    for (const options of anywhere) expect(refusedAddress('alerts.police.example', options)).toBe('is not an address');
  });
});
