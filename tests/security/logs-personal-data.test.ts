import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import { DrizzleQueryError, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { today } from '../../platform/input.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { signNotice } from '../../exchange/signing.js';
import { createLogger, loggableError, PERSONAL_LOG_FIELDS } from '../../platform/logger.js';
import { grids, persons } from '../../subgraphs/police/db/schema.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The log is read by operators, shipped to log stores and kept for months:
 * it must not become a second copy of the register. Failure paths that used
 * to log residents' data — a database error with its statement's values, a
 * subgraph's error answer, a malformed value, a bad token, a refused notice —
 * run against a hub logging into memory, and no identity number, phone or
 * name held by the register appears in what was written.
 */

const captured: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    captured.push(chunk.toString('utf8'));
    done();
  },
});

let hub: TestHub;
/** Personal values the log must not hold: every seeded resident's, and those the tests send. */
const secrets = new Set<string>();
let sequence = 0;

beforeAll(async () => {
  hub = await startTestHub({ persons: 40, key: 'logs-personal-data', logger: createLogger('hub', 'info', sink) });
  for (const person of await hub.databases.police.db.select().from(persons)) {
    secrets.add(person.idNumber);
    secrets.add(person.name);
    if (person.phone) secrets.add(person.phone);
    secrets.add(person.householdAddress);
  }
});
afterAll(async () => {
  await hub?.close();
});

const police = (query: string, variables: Record<string, unknown> = {}) => graphql(hub.gatewayUrl, query, variables, hub.headers('police', 'population-management'));

/** Where the current test's lines begin, so each test answers for its own. */
let firstLine = 0;
beforeEach(() => {
  firstLine = captured.length;
});

function expectNoPersonalData(): void {
  const log = captured.slice(firstLine).join('');
  const leaked = [...secrets].filter((secret) => log.includes(secret) || log.includes(JSON.stringify(secret).slice(1, -1)));
  expect(leaked, 'personal values in the log').toEqual([]);
}

describe('what failures write to the log', () => {
  it('a database error on an insert is logged with its SQLSTATE and table, without the statement\'s values', async () => {
    const [floating] = await hub.databases.police.db.select().from(persons).where(eq(persons.status, 'FLOATING')).limit(1);
    const [grid] = await hub.databases.police.db.select().from(grids).limit(1);
    // The notice to the resident's home city carries their identity number, name and phone: make its insert fail.
    await hub.databases.police.db.execute(sql`ALTER TABLE exchange_outbox ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    const idNumber = makeIdNumber('511302', '1990-05-17', ++sequence, 'FEMALE');
    ['陈小燕', '13700001111', idNumber, '南充市顺庆区滨江路88号'].forEach((value) => secrets.add(value));
    try {
      const residence = await police(`mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`, {
        // An address naming the grid's district, from today: a residence the rules accept, so it reaches the insert.
        input: { personId: floating!.id, address: `成都市${DIVISIONS.get(grid!.code.slice(0, 6)) ?? ''}玉林南路8号`, divisionCode: grid!.code.slice(0, 6), gridCode: grid!.code, since: today() },
      });
      expect(residence.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await hub.databases.police.db.execute(sql`ALTER TABLE exchange_outbox DROP CONSTRAINT refuse_all`);
    }
    await hub.databases.police.db.execute(sql`ALTER TABLE persons ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      const registered = await police(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
        input: { idNumber, name: '陈小燕', ethnicity: '汉族', householdDivisionCode: '511302', householdAddress: '南充市顺庆区滨江路88号', phone: '13700001111' },
      });
      expect(registered.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await hub.databases.police.db.execute(sql`ALTER TABLE persons DROP CONSTRAINT refuse_all`);
    }
    const lines = captured.slice(firstLine).join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = lines.filter((line) => line.msg === 'internal error while resolving');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(failed);
    expect(text).toContain('23514');
    expect(text).toContain('exchange_outbox');
    expect(text).toContain('refuse_all');
    expect(text).not.toMatch(/params|insert into/i);
    expectNoPersonalData();
  });

  it('a failed look-up by identity number is logged without the number', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    await hub.databases.police.db.execute(sql`ALTER TABLE persons RENAME TO persons_moved_away`);
    try {
      const response = await police(`query($idNumber: String!) { personByIdNumber(idNumber: $idNumber) { name } }`, { idNumber: resident!.idNumber });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await hub.databases.police.db.execute(sql`ALTER TABLE persons_moved_away RENAME TO persons`);
    }
    expectNoPersonalData();
  });

  it('a subgraph\'s error answer is logged by its codes, not its body', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    // A value where a date goes that is someone's identity number: the subgraph's refusal quotes it.
    const response = await police(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
      input: { idNumber: resident!.idNumber, name: resident!.name, birthDate: resident!.idNumber, ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: resident!.householdAddress, phone: resident!.phone },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expectNoPersonalData();
  });

  it('a bad token is logged without the token or what it carries', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    const claims = { sub: resident!.idNumber, name: resident!.name } as never;
    for (const authorization of [`Bearer ${resident!.idNumber}`, `Bearer ${await hub.token(claims, { ttlSeconds: -60 })}`]) {
      const response = await graphql(hub.gatewayUrl, `{ persons(first: 1) { edges { node { id } } } }`, {}, { authorization, 'x-purpose': 'population-management' });
      expect(response.status).toBe(401);
    }
    expectNoPersonalData();
  });

  it('a partner\'s refused notice is logged without its contents', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    const stranger = await generateCityIdentity('440300', '深圳市');
    const notice = { id: randomUUID(), type: 'OUTFLOW_NOTICE' as const, occurredAt: new Date(), payload: { idNumber: resident!.idNumber, name: resident!.name, phone: resident!.phone, movedOn: 'soon' } };
    for (const from of [stranger, hub.exchange.identity]) {
      const response = await fetch(hub.exchange.inboxUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [await signNotice(from, hub.exchange.identity.code, notice)] }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
    expectNoPersonalData();
  });
});

describe('the logger\'s redaction', () => {
  it('censors every personal field, at the top of a line and nested in what is logged', () => {
    const lines: string[] = [];
    const logger = createLogger('redaction', 'info', { write: (line: string) => void lines.push(line) });
    const secret = (field: string) => `SECRET-${field}`;
    const fields = Object.fromEntries(PERSONAL_LOG_FIELDS.map((field) => [field, secret(field)]));
    // At the top of a line `name` is pino's, the logger's own name.
    const { name: _loggerName, ...topLevel } = fields;
    logger.info(topLevel, 'top level');
    logger.info({ person: fields }, 'one level down');
    logger.info({ request: { input: fields } }, 'two levels down');
    logger.info({ persons: [fields] }, 'in a list');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!).name).toBe('redaction');
    for (const field of PERSONAL_LOG_FIELDS) {
      for (const line of lines) expect(line, `${field} in ${line}`).not.toContain(secret(field));
    }
    for (const field of ['idNumber', 'name', 'phone', 'address', 'householdAddress', 'params', 'variables', 'body']) expect(PERSONAL_LOG_FIELDS).toContain(field);
  });
});

describe('how an error is written', () => {
  it('keeps a database error\'s SQLSTATE, table and constraint and the statement\'s kind, and none of its values', () => {
    const server = Object.assign(new Error('duplicate key value violates unique constraint "persons_id_number_unique"'), {
      name: 'DatabaseError',
      severity: 'ERROR',
      code: '23505',
      table: 'persons',
      constraint: 'persons_id_number_unique',
      detail: 'Key (id_number)=(510107199001011234) already exists.',
    });
    const wrapped = new DrizzleQueryError('insert into "persons" ("id_number", "name") values ($1, $2)', ['510107199001011234', '王芳'], server);
    const written = loggableError(wrapped) as Record<string, unknown>;
    const text = JSON.stringify(written);
    expect(text).not.toContain('510107199001011234');
    expect(text).not.toContain('王芳');
    expect(written).toMatchObject({
      type: 'DrizzleQueryError',
      statement: { verb: 'insert', tables: ['persons'] },
      cause: { sqlState: '23505', table: 'persons', constraint: 'persons_id_number_unique', message: 'the statement broke an integrity constraint' },
    });
  });

  it('keeps the message and code of an error that is not the database\'s', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(loggableError(new Error('the audit store refused a batch', { cause: error }))).toMatchObject({
      message: 'the audit store refused a batch',
      cause: { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' },
    });
  });

  it('names no host in any line the hub wrote, so a shipped log does not map the deployment', () => {
    expect(captured.length).toBeGreaterThan(0);
    for (const line of captured.join('').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Object.hasOwn(entry, 'hostname'), line.slice(0, 200)).toBe(false);
      expect(Object.values(entry), line.slice(0, 200)).not.toContain(hostname());
    }
  });
});
