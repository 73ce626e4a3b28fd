import { sql } from 'drizzle-orm';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { decide } from '../../auth/decide.js';
import { POLICY } from '../../auth/policy.js';
import { declarablePurposes, type Purpose } from '../../auth/purposes.js';
import { DEFAULT_SCOPES, VERIFIER_ROLES, type VerifierRole } from '../../auth/roles.js';
import { today } from '../../platform/input.js';
import { apiSchema } from '../../schema/compose.js';
import { residencePermits } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { principalForRole } from '../support/tokens.js';
import { eventsOf, moveOut, readRegister, shapeOf, unknownNumber, withWrongCheckCharacter, type Register, type Resident } from './register.js';

/*
 * A school or a social-insurance office asks the register, through the
 * gateway with its own token, whether a person holds a valid residence permit
 * or lives in a district or grid, and hears yes or no: the same no for every
 * way of not being yes, a number nobody holds included, nothing else of the
 * record, every answer recorded with its purpose before it is served, and
 * every question counted against the look-up cap.
 */

const CAP = { lookups: 6, windowSeconds: 3_600 };
const UNRECORDED = 'The access could not be recorded, so no data was returned';

let hub: TestHub;
let register: Register;
/** A floating resident whose permit is valid today, moved out of the city today by the police. */
let movedOut: Resident & { issuedOn: string };
let unknown: string;

const PERMIT = `query Permit($idNumber: String!, $on: Date) { holdsValidResidencePermit(idNumber: $idNumber, on: $on) { holds } }`;
const DISTRICT = `query District($idNumber: String!, $divisionCode: String!) { livesInDistrict(idNumber: $idNumber, divisionCode: $divisionCode) { holds } }`;
const GRID = `query Grid($idNumber: String!, $gridCode: String!) { livesInGrid(idNumber: $idNumber, gridCode: $gridCode) { holds } }`;

const YES = (field: string) => ({ data: { [field]: { holds: true } } });
const NO = (field: string) => ({ data: { [field]: { holds: false } } });

let callers = 0;
/** A service's token claims; a subject of its own each time unless given, so the look-up cap is tested only where it is meant to be. */
function service(role: VerifierRole = 'school', overrides: Partial<CallerTokenInput> = {}): Partial<CallerTokenInput> {
  return { sub: `${role}-system-${++callers}`, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' '), ...overrides };
}

const PURPOSE: Readonly<Record<VerifierRole, Purpose>> = { school: 'school-enrolment', 'social-insurance': 'social-insurance' };

function ask(query: string, variables: Record<string, unknown>, claims = service(), purpose: Purpose = PURPOSE.school): Promise<GraphQLResponse> {
  return graphql(hub.gatewayUrl, query, variables, hub.headers(claims, purpose));
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
/** A city's code from a district's: `510107` → `510100`. */
const cityOf = (divisionCode: string) => `${divisionCode.slice(0, 4)}00`;

beforeAll(async () => {
  hub = await startTestHub({ persons: 200, key: 'verification-services', lookupCap: CAP });
  register = await readRegister(hub);
  unknown = unknownNumber(register, 401);
  // A resident whose permit was issued before today, moved out today: the permit no longer counts from the move on.
  const permits = await hub.databases.police.db.select().from(residencePermits);
  const issued = new Map(permits.map((row) => [row.personId, row.issuedOn]));
  const leaving = register.permitted.find((p, i) => i > 0 && (issued.get(p.id) ?? today()) < today());
  if (!leaving) throw new Error('no resident with a valid permit issued before today');
  await moveOut(hub, leaving.id);
  movedOut = { ...leaving, status: 'MOVED_OUT', issuedOn: issued.get(leaving.id)! };
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

/** The first resident with a valid permit who still lives here. */
const holder = () => register.permitted.find((p) => p.id !== movedOut.id)!;

describe('a school asking whether a person holds a valid residence permit', () => {
  it('hears yes about a floating resident whose permit is valid today, and the very same no about a lapsed permit, none, a move out and a number nobody holds', async () => {
    const yes = await ask(PERMIT, { idNumber: holder().idNumber });
    expect(yes.status).toBe(200);
    expect(yes.body).toEqual(YES('holdsValidResidencePermit'));
    const noes = [register.lapsed[0]!.idNumber, register.unpermitted[0]!.idNumber, movedOut.idNumber, unknown];
    const seededGone = register.everyone.find((p) => p.status === 'MOVED_OUT');
    if (seededGone) noes.push(seededGone.idNumber);
    for (const idNumber of noes) {
      const no = await ask(PERMIT, { idNumber });
      expect(no.status, idNumber).toBe(200);
      expect(no.body, idNumber).toEqual(NO('holdsValidResidencePermit'));
    }
  });

  it('answers for the day asked about: yes within a lapsed permit, no before it was issued, and yes before a move out but not after it', async () => {
    const lapsed = register.lapsed[0]!;
    expect((await ask(PERMIT, { idNumber: lapsed.idNumber, on: lapsed.issuedOn })).body).toEqual(YES('holdsValidResidencePermit'));
    expect((await ask(PERMIT, { idNumber: lapsed.idNumber, on: lapsed.validUntil })).body).toEqual(YES('holdsValidResidencePermit'));
    expect((await ask(PERMIT, { idNumber: lapsed.idNumber, on: dayBefore(lapsed.issuedOn) })).body).toEqual(NO('holdsValidResidencePermit'));
    expect((await ask(PERMIT, { idNumber: movedOut.idNumber, on: movedOut.issuedOn })).body).toEqual(YES('holdsValidResidencePermit'));
    expect((await ask(PERMIT, { idNumber: movedOut.idNumber, on: today() })).body).toEqual(NO('holdsValidResidencePermit'));
  });
});

describe('a school asking whether a person lives in a district or a grid', () => {
  it('hears yes for the district, the city and the grid of the current residence, and the very same no elsewhere, after a move out and for a number nobody holds', async () => {
    const resident = holder();
    const elsewhere = register.everyone.find((p) => p.divisionCode !== null && p.divisionCode !== resident.divisionCode)!;
    const otherGrid = register.everyone.find((p) => p.gridCode !== null && p.gridCode !== resident.gridCode)!;
    expect((await ask(DISTRICT, { idNumber: resident.idNumber, divisionCode: resident.divisionCode })).body).toEqual(YES('livesInDistrict'));
    expect((await ask(DISTRICT, { idNumber: resident.idNumber, divisionCode: cityOf(resident.divisionCode!) })).body).toEqual(YES('livesInDistrict'));
    expect((await ask(GRID, { idNumber: resident.idNumber, gridCode: resident.gridCode })).body).toEqual(YES('livesInGrid'));
    for (const [idNumber, divisionCode] of [
      [resident.idNumber, elsewhere.divisionCode],
      [movedOut.idNumber, movedOut.divisionCode],
      [unknown, resident.divisionCode],
    ]) {
      expect((await ask(DISTRICT, { idNumber, divisionCode })).body, `${idNumber} ${divisionCode}`).toEqual(NO('livesInDistrict'));
    }
    for (const [idNumber, gridCode] of [
      [resident.idNumber, otherGrid.gridCode],
      [movedOut.idNumber, movedOut.gridCode],
      [unknown, resident.gridCode],
      // A well-formed code of no grid of this city.
      [resident.idNumber, `${resident.divisionCode}999999`],
    ]) {
      expect((await ask(GRID, { idNumber, gridCode })).body, `${idNumber} ${gridCode}`).toEqual(NO('livesInGrid'));
    }
  });
});

describe('an entitled service and the rest of the record', () => {
  const schema = apiSchema();
  const answersVerification = (coordinate: string) => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type && isObjectType(type) ? type.getFields()[fieldName] : undefined;
    return typeName === 'VerificationAnswer' || (field !== undefined && getNamedType(field.type).name === 'VerificationAnswer');
  };

  it('is released by the policy only the yes/no answers, for each purpose its role may declare', () => {
    for (const role of VERIFIER_ROLES) {
      for (const purpose of declarablePurposes([role])) {
        const meta = { requestId: 'services', principal: principalForRole(role), purpose, caseId: null };
        const released = Object.keys(POLICY).filter((coordinate) => decide(meta, coordinate).allowed);
        expect(released.length, `${role} ${purpose}`).toBeGreaterThan(0);
        expect(released.filter((coordinate) => !answersVerification(coordinate)), `${role} ${purpose}`).toEqual([]);
        expect(released.sort(), `${role} ${purpose}`).toEqual(Object.keys(POLICY).filter(answersVerification).sort());
      }
    }
  });

  it('gets an answer holding a boolean and no field beside it', () => {
    const type = schema.getType('VerificationAnswer');
    expect(type && isObjectType(type) ? Object.keys(type.getFields()) : []).toEqual(['holds']);
  });

  it('is refused the resident’s record through the gateway, and its answers carry nothing of it', async () => {
    const resident = holder();
    for (const [query, variables] of [
      [`query($n: String!) { personByIdNumber(idNumber: $n) { name } }`, { n: resident.idNumber }],
      [`query($id: ID!) { person(id: $id) { name } }`, { id: resident.id }],
      [`{ persons(first: 1) { edges { node { id } } } }`, {}],
      [`query($n: String!, $name: String!) { identityChecks(checks: [{ idNumber: $n, name: $name }]) { confirmed personId } }`, { n: resident.idNumber, name: resident.name }],
    ] as const) {
      const response = await ask(query, variables);
      expect(Object.values(response.body.data ?? {}).every((value) => value === null), query).toBe(true);
      expect(response.body.errors?.map((e) => e.extensions?.code), query).toEqual(['FORBIDDEN']);
    }
    const answer = await ask(`query($n: String!, $d: String!, $g: String!) {
      permit: holdsValidResidencePermit(idNumber: $n) { holds __typename } district: livesInDistrict(idNumber: $n, divisionCode: $d) { holds } grid: livesInGrid(idNumber: $n, gridCode: $g) { holds } }`, { n: resident.idNumber, d: resident.divisionCode, g: resident.gridCode });
    expect(answer.body).toEqual({ data: { permit: { holds: true, __typename: 'VerificationAnswer' }, district: { holds: true }, grid: { holds: true } } });
  });

  it('answers a social-insurance office the same questions for its own purpose', async () => {
    const resident = holder();
    const insurer = service('social-insurance');
    expect((await ask(PERMIT, { idNumber: resident.idNumber }, insurer, PURPOSE['social-insurance'])).body).toEqual(YES('holdsValidResidencePermit'));
    expect((await ask(DISTRICT, { idNumber: unknown, divisionCode: resident.divisionCode }, insurer, PURPOSE['social-insurance'])).body).toEqual(NO('livesInDistrict'));
  });
});

describe('the audit trail of the answers', () => {
  it('records each answer before serving it, with the caller, its purpose and the resident it was about', async () => {
    const resident = register.lapsed[0]!;
    const caller = service();
    const response = await ask(PERMIT, { idNumber: resident.idNumber }, caller);
    expect(response.body).toEqual(NO('holdsValidResidencePermit'));
    const events = await eventsOf(hub, response);
    const access = events.find((e) => e.kind === 'access');
    expect(access).toMatchObject({
      subgraph: 'police',
      typeName: 'VerificationAnswer',
      recordIds: [resident.id],
      subject: caller.sub,
      department: 'school',
      roles: ['school'],
      purpose: 'school-enrolment',
      fields: { holds: 'full' },
    });
    expect(events.find((e) => e.kind === 'request')).toMatchObject({ subject: caller.sub, purpose: 'school-enrolment', operationName: 'Permit', outcome: 'ok' });
  });

  it('records an answer about a number nobody holds as a question about nobody, with the same events, and keeps the number out of the log', async () => {
    const known = await ask(DISTRICT, { idNumber: register.unpermitted[0]!.idNumber, divisionCode: '110101' });
    const nobody = await ask(DISTRICT, { idNumber: unknown, divisionCode: '110101' });
    expect(nobody.body).toEqual(known.body);
    const [knownEvents, nobodyEvents] = [await eventsOf(hub, known), await eventsOf(hub, nobody)];
    expect(nobodyEvents.find((e) => e.kind === 'access')?.recordIds).toEqual([]);
    expect(knownEvents.find((e) => e.kind === 'access')?.recordIds).toEqual([register.unpermitted[0]!.id]);
    // The same events, in kind, writer, type, fields and outcome: only who it was about differs.
    const withoutRecords = (events: typeof knownEvents) => events.map((e) => ({ ...shapeOf(e), records: undefined })).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(withoutRecords(nobodyEvents)).toEqual(withoutRecords(knownEvents));
    expect(JSON.stringify(await hub.audit.events())).not.toContain(unknown);
  });
});

describe('bad input', () => {
  it('refuses a malformed identity number, division, grid or day as BAD_USER_INPUT naming each field, and reads nothing of the register', async () => {
    const resident = holder();
    const cases: [string, Record<string, unknown>, string[]][] = [
      [PERMIT, { idNumber: withWrongCheckCharacter(resident.idNumber) }, ['idNumber']],
      [PERMIT, { idNumber: resident.idNumber.slice(0, 17) }, ['idNumber']],
      [DISTRICT, { idNumber: resident.idNumber, divisionCode: '5101' }, ['divisionCode']],
      [DISTRICT, { idNumber: withWrongCheckCharacter(resident.idNumber), divisionCode: '999999' }, ['idNumber', 'divisionCode']],
      [GRID, { idNumber: resident.idNumber, gridCode: 'grid 1' }, ['gridCode']],
    ];
    for (const [query, variables, fields] of cases) {
      const before = hub.statements().police;
      const response = await ask(query, variables);
      const where = JSON.stringify(variables);
      expect(Object.values(response.body.data ?? {}).every((value) => value === null), where).toBe(true);
      expect(response.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field]), where).toEqual(fields.map((field) => ['BAD_USER_INPUT', field]));
      expect(hub.statements().police, where).toBe(before);
    }
    const badDay = await ask(PERMIT, { idNumber: resident.idNumber, on: '2026-02-30' });
    expect(badDay.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'on']]);
  });
});

describe('a service confined to a district', () => {
  it('asks only about places of its own, and hears about a resident living elsewhere as about a number nobody holds', async () => {
    const inside = holder();
    const outsider = register.permitted.find((p) => p.divisionCode !== inside.divisionCode && p.id !== movedOut.id);
    if (!outsider) throw new Error('every resident with a permit lives in one district');
    const confined = () => service('school', { jurisdiction: { divisions: [inside.divisionCode!] } });
    const refused = await ask(DISTRICT, { idNumber: inside.idNumber, divisionCode: outsider.divisionCode }, confined());
    expect(refused.body.data?.livesInDistrict ?? null).toBeNull();
    expect(refused.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['FORBIDDEN', 'divisionCode']]);
    expect((await ask(PERMIT, { idNumber: inside.idNumber }, confined())).body).toEqual(YES('holdsValidResidencePermit'));
    const outside = await ask(PERMIT, { idNumber: outsider.idNumber }, confined());
    const nobody = await ask(PERMIT, { idNumber: unknown }, confined());
    expect(outside.body).toEqual(NO('holdsValidResidencePermit'));
    expect(outside.body).toEqual(nobody.body);
  });
});

describe('the look-up cap', () => {
  it('counts every question by identity number, aliases included, and past the cap refuses the request whole with 429 naming the cap, running nothing', async () => {
    const sweeper = service('school', { sub: 'school-sweeping-the-register' });
    const numbers = register.everyone.slice(0, CAP.lookups).map((p) => p.idNumber);
    const questions = numbers.map((n, i) => `q${i}: ${['holdsValidResidencePermit', 'livesInDistrict', 'livesInGrid'][i % 3]}(idNumber: "${n}"${i % 3 === 1 ? ', divisionCode: "510100"' : i % 3 === 2 ? `, gridCode: "${holder().gridCode}"` : ''}) { holds }`);
    const allowed = await ask(`query Sweep { ${questions.join(' ')} }`, {}, sweeper);
    expect(allowed.body.errors).toBeUndefined();
    expect(Object.keys(allowed.body.data ?? {})).toHaveLength(CAP.lookups);
    const before = hub.statements();
    const refused = await ask(PERMIT, { idNumber: unknown }, sweeper);
    expect(refused.status).toBe(429);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LOOKUP_CAP' });
    expect(refused.body.errors?.[0]?.message).toMatch(/look-ups by identity number .*at most 6 per 3600 s/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(hub.statements()).toEqual(before);
    expect((await eventsOf(hub, refused)).map(shapeOf)).toEqual([
      { kind: 'request', subgraph: null, typeName: null, records: 0, fields: {}, purpose: 'school-enrolment', outcome: 'error', errorCode: 'LOOKUP_CAP' },
    ]);
    // Another service is counted on its own.
    expect((await ask(PERMIT, { idNumber: holder().idNumber })).body).toEqual(YES('holdsValidResidencePermit'));
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

  it('answers nothing, about a resident or about a number nobody holds, and says the same of both', async () => {
    const resident = await ask(PERMIT, { idNumber: holder().idNumber });
    const nobody = await ask(PERMIT, { idNumber: unknown });
    for (const response of [resident, nobody]) {
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['SERVICE_UNAVAILABLE', UNRECORDED]]);
    }
    expect(nobody.body).toEqual(resident.body);
  });
});
