import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { decide } from '../../auth/decide.js';
import { READ_POLICY } from '../../auth/policy.js';
import { declarablePurposes } from '../../auth/purposes.js';
import { DECLARANT_ROLES, DEFAULT_SCOPES, type DeclarantRole } from '../../auth/roles.js';
import { fromRoot } from '../../platform/paths.js';
import { houses } from '../../subgraphs/housing/db/schema.js';
import { employers } from '../../subgraphs/labour/db/schema.js';
import { DECLARED_IDENTITY_WORDS } from '../../subgraphs/police/rules.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { principalForRole } from '../support/tokens.js';
import { eventsOf, moveOut, readRegister, shapeOf, unknownNumber, withWrongCheckCharacter, type Register, type Resident } from './register.js';

/*
 * A landlord, an employer or a resident declaring checks the identity number
 * and name a tenant or worker gave them, through the gateway with their own
 * token, and hears one of two answers: matches the register, or cannot be
 * confirmed. Every way of not matching (a number nobody holds, a wrong name,
 * a move out, someone not yet registered) answers the very same body at the
 * very same cost; a malformed number is the form's own mistake, named.
 */

const CAP = { lookups: 5, windowSeconds: 3_600 };
const UNRECORDED = 'The access could not be recorded, so no data was returned';
const CHECK = `query Check($idNumber: String!, $name: String!) { declaredIdentityCheck(idNumber: $idNumber, name: $name) { result message } }`;

const MATCHES = { data: { declaredIdentityCheck: { result: 'MATCHES', message: DECLARED_IDENTITY_WORDS.MATCHES } } };
const CANNOT_CONFIRM = { data: { declaredIdentityCheck: { result: 'CANNOT_CONFIRM', message: DECLARED_IDENTITY_WORDS.CANNOT_CONFIRM } } };

let hub: TestHub;
let register: Register;
let resident: Resident;
let gone: Resident;
let unknown: string;
let premises: { house: string; employer: string };

let callers = 0;
/** A declarant's token claims, as the identity provider vouches for them: a landlord's house, an employer's workplace, a resident's own number. */
function declarant(role: DeclarantRole = 'landlord', overrides: Partial<CallerTokenInput> = {}): Partial<CallerTokenInput> {
  const own =
    role === 'landlord' ? { premises: { houses: [premises.house] } } : role === 'employer' ? { premises: { employers: [premises.employer] } } : { idNumber: resident.idNumber };
  return { sub: `${role}-${++callers}`, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' '), ...own, ...overrides };
}

function check(idNumber: string, name: string, claims = declarant()): Promise<GraphQLResponse> {
  return graphql(hub.gatewayUrl, CHECK, { idNumber, name }, hub.headers(claims, 'declaration'));
}

/** What one call cost the police's register, in statements. */
async function costOf(call: () => Promise<GraphQLResponse>): Promise<[GraphQLResponse, number]> {
  const before = hub.statements().police;
  const response = await call();
  return [response, hub.statements().police - before];
}

/** Response headers that are the same for any two answers: all but the request's own id and the time. */
const steadyHeaders = (response: GraphQLResponse) => [...response.headers].filter(([name]) => !['x-request-id', 'date'].includes(name)).sort();

beforeAll(async () => {
  hub = await startTestHub({ persons: 150, key: 'verification-declarants', lookupCap: CAP });
  register = await readRegister(hub);
  resident = register.permitted[0]!;
  gone = register.permitted[1]!;
  await moveOut(hub, gone.id);
  unknown = unknownNumber(register, 211);
  const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
  const [employer] = await hub.databases.labour.db.select().from(employers).limit(1);
  premises = { house: house!.code, employer: employer!.creditCode };
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

describe('a declarant checking the identity a tenant or worker gave', () => {
  it('hears that a resident’s number and name match the register, in the words the form shows, whichever kind of declarant asks', async () => {
    for (const role of DECLARANT_ROLES) {
      const response = await check(resident.idNumber, resident.name, declarant(role));
      expect(response.status, role).toBe(200);
      expect(response.body, role).toEqual(MATCHES);
    }
    // Spaces around a name as typed are not a different name.
    expect((await check(resident.idNumber, ` ${resident.name} `)).body).toEqual(MATCHES);
  });

  it('hears the very same answer, body and headers, for a number nobody holds, a wrong name and a person who moved out, at the same cost', async () => {
    const otherName = register.everyone.find((p) => p.name !== resident.name)!.name;
    const [matching, matchingCost] = await costOf(() => check(resident.idNumber, resident.name));
    const cases = {
      unknown: await costOf(() => check(unknown, resident.name)),
      wrongName: await costOf(() => check(resident.idNumber, otherName)),
      movedOut: await costOf(() => check(gone.idNumber, gone.name)),
    };
    for (const [what, [response, cost]] of Object.entries(cases)) {
      expect(response.body, what).toEqual(CANNOT_CONFIRM);
      expect(steadyHeaders(response), what).toEqual(steadyHeaders(cases.unknown[0]));
      expect(cost, what).toBe(matchingCost);
    }
    expect(matchingCost).toBe(1);
    // The same events too: an answer recorded before it is served, and the request; only whom it was about differs.
    const shapes = async (response: GraphQLResponse) => (await eventsOf(hub, response)).map((e) => ({ ...shapeOf(e), records: undefined })).sort((a, b) => a.kind.localeCompare(b.kind));
    const expected = await shapes(matching);
    expect(expected.map((e) => [e.kind, e.typeName, e.purpose])).toEqual([
      ['access', 'DeclaredIdentityCheck', 'declaration'],
      ['request', null, 'declaration'],
    ]);
    for (const [what, [response]] of Object.entries(cases)) expect(await shapes(response), what).toEqual(expected);
  });

  it('cannot confirm someone not yet on the register, and confirms them once the police have registered them', async () => {
    const newcomer = { idNumber: unknownNumber(register, 733), name: '林小雨' };
    expect((await check(newcomer.idNumber, newcomer.name)).body).toEqual(CANNOT_CONFIRM);
    const registered = await graphql(
      hub.gatewayUrl,
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
      { input: { idNumber: newcomer.idNumber, name: newcomer.name, ethnicity: '汉族', householdDivisionCode: '511302', householdAddress: '四川省南充市顺庆区人民路1号' } },
      hub.headers('police', 'population-management'),
    );
    expect(registered.body.errors).toBeUndefined();
    expect((await check(newcomer.idNumber, newcomer.name)).body).toEqual(MATCHES);
  });

  it('records each answer with the declarant, the purpose and the resident the number names, and a number nobody holds as a question about nobody', async () => {
    const caller = declarant('employer');
    const named = await check(resident.idNumber, '某某某', caller);
    const nobody = await check(unknown, resident.name, caller);
    expect((await eventsOf(hub, named)).find((e) => e.kind === 'access')).toMatchObject({
      subgraph: 'police',
      typeName: 'DeclaredIdentityCheck',
      recordIds: [resident.id],
      subject: caller.sub,
      department: 'employer',
      purpose: 'declaration',
      fields: { result: 'full', message: 'full' },
    });
    expect((await eventsOf(hub, nobody)).find((e) => e.kind === 'access')?.recordIds).toEqual([]);
    expect(JSON.stringify(await hub.audit.events())).not.toContain(unknown);
  });
});

describe('a declarant’s mistakes', () => {
  it('refuse a malformed number and a name with control characters, empty or too long as BAD_USER_INPUT naming each field, reading nothing', async () => {
    const cases: [string, string, string[]][] = [
      [withWrongCheckCharacter(resident.idNumber), resident.name, ['idNumber']],
      [resident.idNumber.slice(0, 17), resident.name, ['idNumber']],
      [resident.idNumber, `${resident.name}\u0000`, ['name']],
      [resident.idNumber, `\u202E${resident.name}`, ['name']],
      [resident.idNumber, '', ['name']],
      [resident.idNumber, '张'.repeat(51), ['name']],
      [withWrongCheckCharacter(resident.idNumber), '张'.repeat(51), ['idNumber', 'name']],
    ];
    for (const [idNumber, name, fields] of cases) {
      const [response, cost] = await costOf(() => check(idNumber, name));
      const where = JSON.stringify([idNumber, name.slice(0, 20)]);
      expect(response.body.data?.declaredIdentityCheck ?? null, where).toBeNull();
      expect(response.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field]), where).toEqual(fields.map((field) => ['BAD_USER_INPUT', field]));
      expect(cost, where).toBe(0);
      expect((await eventsOf(hub, response)).filter((e) => e.kind === 'access'), where).toEqual([]);
    }
  });
});

describe('what a declarant may read of the register', () => {
  /** Coordinates of the police's own schema: its query fields and the fields of its types. */
  const policeCoordinates = (() => {
    const document = parse(readFileSync(fromRoot('subgraphs', 'police', 'schema.graphql'), 'utf8'));
    return new Set(
      document.definitions
        .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
        .flatMap((type) => (type.fields ?? []).map((field) => `${type.name.value}.${field.name.value}`)),
    );
  })();

  it('is, by the policy, the identity check alone, for every purpose a declarant may declare', () => {
    for (const role of DECLARANT_ROLES) {
      for (const purpose of declarablePurposes([role])) {
        const meta = { requestId: 'declarants', principal: principalForRole(role), purpose, caseId: null };
        const released = Object.keys(READ_POLICY).filter((coordinate) => policeCoordinates.has(coordinate) && decide(meta, coordinate).allowed);
        // A resident signed in as themselves may also ask which hub id their own number names (their access report), and nothing more.
        const expected =
          purpose === 'declaration'
            ? ['DeclaredIdentityCheck.message', 'DeclaredIdentityCheck.result', 'Query.declaredIdentityCheck']
            : purpose === 'own-record'
              ? ['OwnRecord.personId', 'Query.ownRecord']
              : [];
        expect(released.sort(), `${role} ${purpose}`).toEqual(expected);
      }
    }
  });

  it('is refused through the gateway the resident’s record, the departments’ identity checks and the services’ yes or no', async () => {
    for (const [query, variables] of [
      [`query($n: String!) { personByIdNumber(idNumber: $n) { name } }`, { n: resident.idNumber }],
      [`query($n: String!, $name: String!) { identityChecks(checks: [{ idNumber: $n, name: $name }]) { confirmed personId } }`, { n: resident.idNumber, name: resident.name }],
      [`query($n: String!) { holdsValidResidencePermit(idNumber: $n) { holds } }`, { n: resident.idNumber }],
    ] as const) {
      const response = await graphql(hub.gatewayUrl, query, variables, hub.headers(declarant('resident'), 'declaration'));
      expect(Object.values(response.body.data ?? {}).every((value) => value === null), query).toBe(true);
      expect(response.body.errors?.map((e) => e.extensions?.code), query).toEqual(['FORBIDDEN']);
    }
  });
});

describe('a declarant sweeping the register', () => {
  it('is stopped by the look-up cap: each check counts, and past the cap the request is refused whole with 429 naming the cap, running nothing', async () => {
    const sweeper = declarant('landlord', { sub: 'landlord-sweeping-the-register' });
    const checks = register.everyone.slice(0, CAP.lookups).map((p, i) => `c${i}: declaredIdentityCheck(idNumber: "${p.idNumber}", name: "张伟") { result }`);
    const allowed = await graphql(hub.gatewayUrl, `query Sweep { ${checks.join(' ')} }`, {}, hub.headers(sweeper, 'declaration'));
    expect(allowed.body.errors).toBeUndefined();
    expect(Object.keys(allowed.body.data ?? {})).toHaveLength(CAP.lookups);
    const before = hub.statements();
    const [refused] = await costOf(() => check(unknown, '张伟', sweeper));
    expect(refused.status).toBe(429);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LOOKUP_CAP' });
    expect(hub.statements()).toEqual(before);
    expect((await eventsOf(hub, refused)).map((e) => [e.kind, e.subject, e.purpose, e.errorCode])).toEqual([['request', sweeper.sub, 'declaration', 'LOOKUP_CAP']]);
  });
});

describe('with the audit store refusing to record', () => {
  beforeAll(async () => {
    await hub.audit.flush();
    await hub.audit.database.db.execute(sql`CREATE FUNCTION refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$`);
    await hub.audit.database.db.execute(sql`CREATE TRIGGER refuse_audit_insert BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_insert()`);
  });

  afterAll(async () => {
    await hub.audit.flush();
    await hub.audit.database.db.execute(sql`DROP TRIGGER refuse_audit_insert ON audit_events`);
    await hub.audit.database.db.execute(sql`DROP FUNCTION refuse_audit_insert()`);
  });

  it('gives no answer, for a match or for a number nobody holds, and says the same of both', async () => {
    const matching = await check(resident.idNumber, resident.name);
    const nobody = await check(unknown, resident.name);
    for (const response of [matching, nobody]) {
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['SERVICE_UNAVAILABLE', UNRECORDED]]);
    }
    expect(nobody.body).toEqual(matching.body);
  });
});
