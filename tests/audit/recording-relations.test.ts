import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { makeIdNumber } from '../../domain/index.js';
import { employers } from '../../subgraphs/labour/db/schema.js';
import { persons, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import type { Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';

/*
 * The paths that once served residents' data with no access event: a person
 * reached from their residence, a police write's payload, and employers and
 * grids, which no resolver recorded. Each is asked through the gateway and
 * must be in the log of its own request, naming the record and the fields.
 */

let hub: TestHub;
let resident: { id: string };
let gridCode: string;
let employerId: string;

beforeAll(async () => {
  hub = await startTestHub({ persons: 40, key: 'recording-relations' });
  const [home] = await hub.databases.police.db.select().from(residenceRegistrations).where(isNull(residenceRegistrations.until)).limit(1);
  const [person] = await hub.databases.police.db.select().from(persons).where(eq(persons.id, home!.personId));
  resident = { id: person!.id };
  gridCode = home!.gridCode;
  const [employer] = await hub.databases.labour.db.select().from(employers).limit(1);
  employerId = employer!.id;
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

async function ask(role: Role, purpose: Purpose, query: string, variables: Record<string, unknown>, caseId?: string): Promise<{ response: GraphQLResponse; events: AuditEvent[] }> {
  const response = await graphql(hub.gatewayUrl, query, variables, hub.headers(role, purpose, caseId));
  const requestId = response.headers.get('x-request-id');
  const events = (await hub.audit.events()).filter((e) => e.requestId === requestId && e.kind === 'access');
  return { response, events };
}

const accessTo = (events: AuditEvent[], type: string, id: string) => events.filter((e) => e.typeName === type && e.recordIds.includes(id));

describe('recording of relations, payloads, employers and grids', () => {
  it('records a person reached from their own residence, with the fields served', async () => {
    const { response, events } = await ask(
      'police',
      'public-security',
      `query($id: ID!) { person(id: $id) { residence { person { id idNumber phone birthDate keyPersonFlags { id } } } } }`,
      { id: resident.id },
    );
    expect(response.body.errors).toBeUndefined();
    const fromResidence = accessTo(events, 'Person', resident.id).filter((e) => Object.hasOwn(e.fields, 'idNumber'));
    expect(fromResidence).toHaveLength(1);
    expect(fromResidence[0]!.fields).toEqual({ id: 'full', idNumber: 'full', phone: 'full', birthDate: 'full', keyPersonFlags: 'full' });
    const [registration] = await hub.databases.police.db
      .select()
      .from(residenceRegistrations)
      .where(and(eq(residenceRegistrations.personId, resident.id), isNull(residenceRegistrations.until)));
    expect(accessTo(events, 'ResidenceRegistration', registration!.id)).toHaveLength(1);
  });

  it('records the person a registration answers with, before the payload is served', async () => {
    const idNumber = makeIdNumber('511302', '1991-03-04', 321, 'MALE');
    const { response, events } = await ask(
      'police',
      'population-management',
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id idNumber phone } } }`,
      { input: { idNumber, name: '周明', ethnicity: '汉族', householdDivisionCode: '511302', householdAddress: '南充市顺庆区人民路2号', phone: '13900001111' } },
    );
    expect(response.body.errors).toBeUndefined();
    const person = (response.body.data?.registerPerson as { person: { id: string; idNumber: string } }).person;
    expect(person.idNumber).toBe(idNumber);
    expect(accessTo(events, 'Person', person.id).map((e) => e.fields)).toEqual([{ id: 'full', idNumber: 'full', phone: 'full' }]);
  });

  it('records an employer and a grid read, with the community officer’s name', async () => {
    const employer = await ask('labour', 'labour-administration', `query($id: ID!) { employer(id: $id) { id name address } }`, { id: employerId });
    expect(employer.response.body.errors).toBeUndefined();
    expect(accessTo(employer.events, 'Employer', employerId).map((e) => e.fields)).toEqual([{ id: 'full', name: 'full', address: 'full' }]);

    const grid = await ask('police', 'population-management', `query($code: String!) { grid(code: $code) { code name officerName } }`, { code: gridCode });
    expect(grid.response.body.errors).toBeUndefined();
    expect(accessTo(grid.events, 'Grid', gridCode).map((e) => e.fields)).toEqual([{ code: 'full', name: 'full', officerName: 'full' }]);
  });
});
