import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PremisesLinkSigner } from '../../auth/premises-link.js';
import { makeIdNumber } from '../../domain/index.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import type * as housing from '../../subgraphs/housing/db/schema.js';
import type * as labour from '../../subgraphs/labour/db/schema.js';
import { today } from '../../platform/input.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { newKeyPair } from '../support/tokens.js';
import { accepted, aHouse, anEmployer, as, employerOf, freeResidents, issueLink, landlordOf, residentWith, submit, tenancyOf, type Resident } from '../support/declarations.js';
import type { GraphQLResponse } from '../support/graphql.js';

/*
 * Everything a declaration can be refused for, through the gateway with real
 * tokens: each refusal names its field, and none of them stores anything.
 */

const LIMITS = { perDeclarantPerMinute: 12, perPremisesPerHour: 8 };

let hub: TestHub;
let house: housing.HouseRow;
let otherHouse: housing.HouseRow;
let employer: labour.EmployerRow;
let tenant: Resident;
let link: Record<string, any>;
let subjects = 0;

/** A landlord of the house under a subject of its own, so no test spends another's allowance. */
const landlord = (code = house.code) => landlordOf(code, `landlord-${++subjects}`);

async function stored(): Promise<number> {
  const [row] = await hub.declarations.database.db.select({ n: sql<number>`count(*)::int` }).from(declarationsDb.declarations);
  return row!.n;
}

/** The refusal's problems as `field code`, and that nothing was stored by it. */
async function refused(send: () => Promise<GraphQLResponse>): Promise<string[]> {
  const before = await stored();
  const response = await send();
  expect(response.body.data?.submitDeclaration ?? null).toBeNull();
  expect(await stored()).toBe(before);
  return (response.body.errors ?? []).map((e) => `${String(e.extensions?.field)} ${String(e.extensions?.code)}`);
}

beforeAll(async () => {
  hub = await startTestHub({ persons: 40, key: 'declaration-refusals', declarationLimits: LIMITS, subgraphTimeoutMs: 30_000 });
  house = await aHouse(hub, 0);
  otherHouse = await aHouse(hub, 1);
  employer = await anEmployer(hub);
  tenant = (await freeResidents(hub, 1))[0]!;
  link = await issueLink(hub, landlordOf(house.code), 'declaration', 'HOUSE', house.code);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

describe('a declaration', () => {
  it('names every bad field at once, as the department would, and stores nothing', async () => {
    const input = {
      ...tenancyOf(tenant!, link.token),
      idNumber: `${tenant!.idNumber.slice(0, 17)}${tenant!.idNumber.endsWith('X') ? '0' : 'X'}`,
      phone: '1380013800',
      start: '2999-01-01',
      room: 'a'.repeat(51),
      landlordName: '',
      monthlyRent: -5,
      position: '厨师',
    };
    const problems = await refused(() => submit(hub, landlord(), input));
    expect(problems.sort()).toEqual(
      [
        'input.idNumber BAD_USER_INPUT',
        'input.phone BAD_USER_INPUT',
        'input.start BAD_USER_INPUT',
        'input.room BAD_USER_INPUT',
        'input.landlordName BAD_USER_INPUT',
        'input.monthlyRent BAD_USER_INPUT',
        'input.position BAD_USER_INPUT',
      ].sort(),
    );
  });

  it('refuses fields of another kind, missing fields of its own, and a kind the declarant does not declare', async () => {
    const { landlordName: _l, monthlyRent: _m, ...bare } = tenancyOf(tenant!, link.token);
    expect((await refused(() => submit(hub, landlord(), { ...bare, address: '武侯区玉林南路12号' }))).sort()).toEqual(
      ['input.address BAD_USER_INPUT', 'input.landlordName BAD_USER_INPUT', 'input.monthlyRent BAD_USER_INPUT'].sort(),
    );
    expect(await refused(() => submit(hub, landlord(), { ...tenancyOf(tenant!, link.token), kind: 'EMPLOYMENT' }))).toEqual(['input.kind BAD_USER_INPUT']);
  });

  it('needs a premises link for a tenancy, and refuses a forged, expired, revoked or other premises’ one', async () => {
    const { link: _none, ...withoutLink } = tenancyOf(tenant!, link.token);
    expect(await refused(() => submit(hub, landlord(), withoutLink))).toEqual(['input.link BAD_USER_INPUT']);

    // Signed by another key: a forgery, however well formed.
    const forger = new PremisesLinkSigner((await newKeyPair()).signer);
    const forged = await forger.sign({ id: randomUUID(), kind: 'HOUSE', code: house.code, issuedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, forged)))).toEqual(['input.link BAD_USER_INPUT']);
    // This hub's key on a link it never issued: no row, no link.
    const unissued = await new PremisesLinkSigner(hub.declarations.linkKey.signer).sign({ id: randomUUID(), kind: 'HOUSE', code: house.code, issuedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, unissued)))).toEqual(['input.link BAD_USER_INPUT']);
    // Altered: the claims of another house under the real signature.
    const [header, , signature] = (link.token as string).split('.');
    const claims = Buffer.from(JSON.stringify({ pk: 'HOUSE', pc: otherHouse.code, jti: randomUUID(), iat: 1, exp: 9_999_999_999 })).toString('base64url');
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, `${header}.${claims}.${signature}`)))).toEqual(['input.link BAD_USER_INPUT']);
    // A check grant or any other JWT of the hub's is not a premises link.
    const other = await new SignJWT({ pk: 'HOUSE', pc: house.code }).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).setJti(randomUUID()).setIssuedAt().setExpirationTime('1h').sign(hub.declarations.linkKey.signer.key);
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, other)))).toEqual(['input.link BAD_USER_INPUT']);

    // Expired: issued for a day, its day passed.
    const shortLived = await issueLink(hub, landlordOf(house.code), 'declaration', 'HOUSE', house.code, 1);
    await hub.declarations.database.db.execute(sql`UPDATE premises_links SET issued_at = now() - interval '3 days', expires_at = now() - interval '2 days' WHERE id = ${shortLived.id}`);
    const past = await new PremisesLinkSigner(hub.declarations.linkKey.signer).sign({ id: shortLived.id, kind: 'HOUSE', code: house.code, issuedAt: new Date(Date.now() - 3 * 86_400_000), expiresAt: new Date(Date.now() - 2 * 86_400_000) });
    const expiredProblems = await refused(() => submit(hub, landlord(), tenancyOf(tenant!, past)));
    expect(expiredProblems).toEqual(['input.link BAD_USER_INPUT']);
    const told = accepted(await as(hub, landlordOf(house.code), 'declaration', `query($t: String!) { premisesLink(token: $t) { valid expired revoked } }`, { t: past }));
    expect(told.premisesLink).toEqual({ valid: false, expired: true, revoked: false });

    // Revoked by its landlord: refused from then on.
    const revocable = await issueLink(hub, landlordOf(house.code), 'declaration', 'HOUSE', house.code);
    const revoked = accepted(await as(hub, landlordOf(house.code), 'declaration', `mutation($id: ID!) { revokePremisesLink(id: $id) { link { id revokedAt } } }`, { id: revocable.id }));
    expect(revoked.revokePremisesLink.link.revokedAt).not.toBeNull();
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, revocable.token)))).toEqual(['input.link BAD_USER_INPUT']);

    // Another landlord's house: the credential names one house, the link another.
    expect(await refused(() => submit(hub, landlord(otherHouse.code), tenancyOf(tenant!, link.token)))).toEqual(['input.link BAD_USER_INPUT']);
    // A workplace's link for a tenancy.
    const workplace = await issueLink(hub, employerOf(employer.creditCode), 'declaration', 'EMPLOYER', employer.creditCode);
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, workplace.token)))).toEqual(['input.link BAD_USER_INPUT']);
    // A token that is no JWT at all.
    expect(await refused(() => submit(hub, landlord(), tenancyOf(tenant!, 'not-a-link')))).toEqual(['input.link BAD_USER_INPUT']);
    const unknown = await as(hub, landlordOf(house.code), 'declaration', `query { premisesLink(token: "a.b.c") { valid } }`);
    expect(unknown.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'token']]);
  });

  it('is made once: the same facts or the same client key again answer the first; the key with other facts is refused', async () => {
    const who = landlord();
    const clientKey = `form-${randomUUID()}`;
    const first = accepted(await submit(hub, who, { ...tenancyOf(tenant!, link.token, '2025-02-02'), clientKey })).submitDeclaration;
    const before = await stored();
    const again = accepted(await submit(hub, who, { ...tenancyOf(tenant!, link.token, '2025-02-02'), clientKey })).submitDeclaration;
    expect(again).toMatchObject({ duplicate: true, declaration: { id: first.declaration.id } });
    const sameFacts = accepted(await submit(hub, who, tenancyOf(tenant!, link.token, '2025-02-02'))).submitDeclaration;
    expect(sameFacts).toMatchObject({ duplicate: true, declaration: { id: first.declaration.id } });
    expect(await stored()).toBe(before);
    expect(await refused(() => submit(hub, who, { ...tenancyOf(tenant!, link.token, '2025-02-03'), clientKey }))).toEqual(['input.clientKey CONFLICT']);
  });

  it('is refused to a resident for someone else, and to a caller who is not a declarant', async () => {
    const resident = residentWith(tenant!.idNumber);
    const someoneElse = makeIdNumber('510107', '1990-01-01', 17, 'MALE');
    const residence = { kind: 'RESIDENCE', idNumber: someoneElse, name: tenant!.name, start: today(), address: '武侯区玉林南路12号', divisionCode: '510107', gridCode: '510107001001' };
    expect(await refused(() => submit(hub, resident, residence))).toEqual(['input.idNumber BAD_USER_INPUT']);
    const officer = await as(hub, 'housing', 'housing-administration', `mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { duplicate } }`, { input: tenancyOf(tenant!, link.token) });
    expect(officer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is limited per declarant and per premises', async () => {
    const who = landlord();
    const codes: string[] = [];
    // Refused fields cost the declarant's allowance as any submission does: a flood is cheap to refuse.
    for (let i = 0; i < LIMITS.perDeclarantPerMinute + 1; i += 1) {
      const response = await submit(hub, who, { ...tenancyOf(tenant!, link.token), phone: 'x' });
      codes.push(String(response.body.errors?.[0]?.extensions?.code));
    }
    expect(codes.slice(0, LIMITS.perDeclarantPerMinute).every((code) => code === 'BAD_USER_INPUT')).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');

    // Valid declarations at one house, each from a landlord of its own: the house's allowance runs out.
    const premises = await aHouse(hub, 2);
    const premisesLink = await issueLink(hub, landlordOf(premises.code), 'declaration', 'HOUSE', premises.code);
    const outcomes: string[] = [];
    for (let i = 0; i < LIMITS.perPremisesPerHour + 1; i += 1) {
      const response = await submit(hub, landlord(premises.code), tenancyOf(tenant!, premisesLink.token, `2025-01-${String(i + 1).padStart(2, '0')}`));
      const code = response.body.errors?.[0]?.extensions?.code;
      outcomes.push(typeof code === 'string' ? code : 'ok');
    }
    expect(outcomes).toEqual([...Array<string>(LIMITS.perPremisesPerHour).fill('ok'), 'RATE_LIMITED']);
  });
});
