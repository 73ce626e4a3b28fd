import { z } from 'zod';
import { cityCodeOf } from '../domain/index.js';
import { badUserInput, conflict, notFound } from '../platform/errors.js';
import { parseInput, zDivisionCode, zMultilineString, zString, zText } from '../platform/input.js';
import type { PartnerRow } from './db/schema.js';
import { AgreementInput } from './messages.js';
import { checkPartnerKey } from './signing.js';
import type { ExchangeStore } from './store.js';

/**
 * The partner registry's rules: who this city exchanges with, where their
 * inbox is, which key their notices must verify with, and which fields the
 * two cities agreed to share. Partners are suspended (nothing sent, nothing
 * accepted, notices wait) or removed (the registry keeps the row so the
 * exchange log still names the city), never deleted.
 */

const parseUrl = (value: string): URL | null => (URL.canParse(value) ? new URL(value) : null);

// Checked for hostile characters before the URL parser, which would quietly drop line breaks and percent-encode the rest.
const inboxUrl = (allowPlainHttp: boolean) =>
  zString
    .trim()
    .max(500)
    .pipe(z.url('must be an absolute URL'))
    .refine((value) => {
      const url = parseUrl(value);
      return url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && allowPlainHttp));
    }, allowPlainHttp ? 'must be an http or https URL' : 'must be an https URL: notices carry residents\' data')
    .refine((value) => !parseUrl(value)?.username && !parseUrl(value)?.password, 'must not carry credentials');

// Multi-line: a key is JSON, often pasted pretty-printed.
const PublicKeyText = zMultilineString.max(4_000).transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be the partner\'s public key as a JWK in JSON' });
    return z.NEVER;
  }
});

export interface RegistryOptions {
  /** This city's code: it cannot be its own partner. */
  cityCode: string;
  /** Plain http inboxes, for cities on one machine; production requires https. */
  allowPlainHttp: boolean;
}

export class PartnerRegistry {
  private readonly addInput;
  private readonly updateInput;

  constructor(
    private readonly store: ExchangeStore,
    private readonly options: RegistryOptions,
  ) {
    // zod runs every refinement, so this one must not trust the check before it.
    const code = zDivisionCode.refine((c) => /^\d{6}$/.test(c) && cityCodeOf(c) === c, 'must be a city-level division code (e.g. 500000, 330100)');
    this.addInput = z.object({
      code,
      name: zText(50),
      inboxUrl: inboxUrl(options.allowPlainHttp),
      publicKey: PublicKeyText,
      agreements: AgreementInput,
    });
    this.updateInput = z.object({
      code,
      name: zText(50).nullish(),
      inboxUrl: inboxUrl(options.allowPlainHttp).nullish(),
      publicKey: PublicKeyText.nullish(),
      agreements: AgreementInput.nullish(),
    });
  }

  async add(raw: unknown): Promise<PartnerRow> {
    const input = parseInput(this.addInput, raw);
    if (input.code === cityCodeOf(this.options.cityCode)) throw badUserInput('input.code', 'is this city\'s own code');
    const key = await this.readKey(input.publicKey);
    const existing = await this.store.partner(input.code);
    if (existing && existing.status !== 'REMOVED') throw conflict(`City ${input.code} is already a partner (${existing.status})`, 'input.code');
    const row = { name: input.name, inboxUrl: input.inboxUrl, publicKey: key.jwk, keyFingerprint: key.fingerprint, agreement: input.agreements, status: 'ACTIVE' as const };
    // A removed partner that comes back keeps its history under the same code.
    if (existing) return this.updateExisting(input.code, row);
    return this.store.insertPartner({ code: input.code, ...row });
  }

  async update(raw: unknown): Promise<PartnerRow> {
    const input = parseInput(this.updateInput, raw);
    const current = await this.require(input.code);
    if (current.status === 'REMOVED') throw conflict(`City ${input.code} was removed; add it again instead`, 'input.code');
    const key = input.publicKey == null ? null : await this.readKey(input.publicKey);
    return this.updateExisting(input.code, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.inboxUrl ? { inboxUrl: input.inboxUrl } : {}),
      ...(key ? { publicKey: key.jwk, keyFingerprint: key.fingerprint } : {}),
      ...(input.agreements ? { agreement: input.agreements } : {}),
    });
  }

  /** Stops the exchange both ways: nothing is sent (notices wait), nothing from the partner is accepted. */
  suspend(code: unknown): Promise<PartnerRow> {
    return this.move(code, ['ACTIVE'], 'SUSPENDED');
  }

  resume(code: unknown): Promise<PartnerRow> {
    return this.move(code, ['SUSPENDED'], 'ACTIVE');
  }

  /** Ends the partnership; notices still waiting are not sent. */
  remove(code: unknown): Promise<PartnerRow> {
    return this.move(code, ['ACTIVE', 'SUSPENDED'], 'REMOVED');
  }

  private async move(rawCode: unknown, from: PartnerRow['status'][], to: PartnerRow['status']): Promise<PartnerRow> {
    const code = parseInput(zDivisionCode, rawCode, 'code');
    const current = await this.require(code);
    if (!from.includes(current.status)) throw conflict(`City ${code} is ${current.status}; it cannot become ${to}`, 'code');
    return this.updateExisting(code, { status: to });
  }

  /** Partners are never deleted (removal is a status), so one read a moment ago is still there. */
  private async updateExisting(code: string, changes: Parameters<ExchangeStore['updatePartner']>[1]): Promise<PartnerRow> {
    const updated = await this.store.updatePartner(code, changes);
    if (!updated) throw new Error(`partner ${code} disappeared while it was being changed`);
    return updated;
  }

  private async require(code: string): Promise<PartnerRow> {
    const partner = await this.store.partner(code);
    if (!partner) throw notFound(`Partner city ${code}`);
    return partner;
  }

  private async readKey(jwk: unknown) {
    try {
      return await checkPartnerKey(jwk);
    } catch (error) {
      throw badUserInput('input.publicKey', (error as Error).message);
    }
  }
}
