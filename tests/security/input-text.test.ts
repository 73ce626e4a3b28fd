import { and, desc, eq, gte, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { exportJWK, generateKeyPair } from 'jose';
import { getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CallerTokenInput } from '../../auth/caller.js';
import type { Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';
import { DIVISIONS, makeCreditCode, makeIdNumber, VACCINES } from '../../domain/index.js';
import { hostileCharacter, today, zMultilineString, zString, zText } from '../../platform/input.js';
import { DEFAULT_ANOMALY_SETTINGS, type AnomalySettings } from '../../audit/anomalies/rules.js';
import { isCaseId } from '../../auth/purposes.js';
import { anomalyFlags } from '../../audit/db/schema.js';
import { partners } from '../../exchange/db/schema.js';
import { houses } from '../../subgraphs/housing/db/schema.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import { employers, employments } from '../../subgraphs/labour/db/schema.js';
import { grids, persons } from '../../subgraphs/police/db/schema.js';
import { graphql } from '../support/graphql.js';
import { raisePoliceAlert } from '../support/alerts.js';
import { metaFor, testWriter } from '../support/audit.js';
import { principalForRole } from '../support/tokens.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { DEPARTMENT_IMPORTS, digestOf, emptyRow, loadableRow, startedJob, startInput, valuesOf } from '../support/imports.js';
import { leavesOf, rootFields, selectionFor, wellFormed, withLeaf, type InputLeaf, type RootField, type SubgraphName } from '../support/schema-inputs.js';

/*
 * Text that would display as something other than what is stored, hide in a
 * log, steer a terminal or make the database fail is refused where it comes
 * in, naming the field, and nothing of the request is stored. The fields are
 * every String leaf of every mutation input in the subgraphs' SDL.
 */

/** What no text field takes, one of each kind the hub refuses. */
const HOSTILE: Record<string, string> = {
  'NUL': '\u0000',
  'a bell (C0)': '\u0007',
  'an ANSI colour escape': '\u001b[31m',
  'DEL': '\u007f',
  'a C1 control (NEL)': '\u0085',
  'a C1 CSI': '\u009b',
  'a tab': '\t',
  'a line feed': '\n',
  'a carriage return': '\r',
  'a line separator': '\u2028',
  'a right-to-left override': '\u202e',
  'a left-to-right embedding': '\u202a',
  'a pop directional formatting': '\u202c',
  'a right-to-left isolate': '\u2067',
  'a pop directional isolate': '\u2069',
  'a right-to-left mark': '\u200f',
  'an Arabic letter mark': '\u061c',
  'a zero-width space': '\u200b',
  'a byte order mark': '\ufeff',
  'a lone high surrogate': '\ud800',
  'a lone low surrogate': '\udc00',
  'a noncharacter': '\uffff',
};
/** What multi-line text (a pasted JSON key) takes that one-line text does not. */
const LINE_BREAKS = new Set(['a tab', 'a line feed', 'a carriage return']);

/** Text the register holds every day, which must stay accepted. */
const ORDINARY = ['李娜', '买买提·艾力', '成都市武侯区玉林南路1号 2单元', 'Zoë O\u2019Brien', '四川省成都市青羊区人民中路（东）3号', '𠀀𪚥', '\ue000氏'];

describe('the shared text types', () => {
  for (const text of ORDINARY) {
    it(`accept ordinary text: ${JSON.stringify(text)}`, () => {
      expect(zText(100).safeParse(text).success).toBe(true);
      expect(hostileCharacter(text)).toBeNull();
    });
  }
  for (const [kind, char] of Object.entries(HOSTILE)) {
    it(`refuse ${kind} in one-line text, naming the character and where it is`, () => {
      const result = zText(100).safeParse(`李${char}娜`);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(`at character 2`);
      expect(zString.safeParse(`${char}李娜`).success).toBe(false);
    });
    it(`${LINE_BREAKS.has(kind) ? 'take' : 'refuse'} ${kind} in multi-line text`, () => {
      expect(zMultilineString.safeParse(`{${char}"kty": "OKP"}`).success).toBe(LINE_BREAKS.has(kind));
    });
  }
  it('refuse a trailing line break rather than trimming it away', () => {
    expect(zText(100).safeParse('李娜\n').success).toBe(false);
    expect(zText(100).safeParse('  李娜  ').data).toBe('李娜');
  });
});

let hub: TestHub;
let sequence = 0;

/** Thresholds low enough that a handful of reads raises a flag to review; the hub works around the clock here. */
const ANOMALIES: AnomalySettings = { ...DEFAULT_ANOMALY_SETTINGS, bulkMinResidents: 5, workHours: { start: 0, end: 24 * 60 }, workDays: [1, 2, 3, 4, 5, 6, 7] };

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'input-text', anomalies: { settings: ANOMALIES } });
});
afterAll(async () => {
  await hub?.close();
});

const WHO: Record<SubgraphName, [Role | Partial<CallerTokenInput>, Purpose]> = {
  police: ['police', 'population-management'],
  housing: ['housing', 'housing-administration'],
  labour: ['labour', 'labour-administration'],
  health: ['health', 'public-health'],
  exchange: ['admin', 'inter-city-exchange'],
  audit: ['auditor', 'audit'],
  alerts: ['police', 'public-security'],
  declarations: ['housing', 'housing-administration'],
};

/** The house landlords declare at in these examples, and its link; made on first use. */
let premises: { code: string; link: string } | null = null;
const landlordClaims = (code: string) => ({ sub: `landlord-${code}`, dept: 'landlord', roles: ['landlord'], premises: { houses: [code] } });

/** The case the disclosure example is set for: the police declare it in X-Case-Id, as the mutation asks. */
const DISCLOSED_CASE = 'CASE-2026-0701';
if (!isCaseId(DISCLOSED_CASE)) throw new Error(`${DISCLOSED_CASE} is not a case id X-Case-Id takes`);

/** Who sends a mutation when its subgraph's usual caller is not the one who makes it (and the case they declare, if any). */
const WHO_FOR: Readonly<Record<string, () => [Role | Partial<CallerTokenInput>, Purpose, string?]>> = {
  submitDeclaration: () => [landlordClaims(premises!.code), 'declaration'],
  setCaseDisclosure: () => ['police', 'case-investigation', DISCLOSED_CASE],
};
const whoFor = (root: RootField): [Role | Partial<CallerTokenInput>, Purpose, string?] => WHO_FOR[root.field.name]?.() ?? WHO[root.subgraph];

/** A flag for auditors to review, raised once by a detector pass over a system reading more residents in an hour than the low threshold allows. */
let flagged: string | null = null;
async function raisedFlag(): Promise<string> {
  if (flagged) return flagged;
  const subject = 'input-text-bulk-reader';
  const writer = testWriter(hub.audit.database, 'police');
  try {
    const meta = metaFor('housing', { principal: principalForRole('housing', { subject }) });
    const ids = Array.from({ length: ANOMALIES.bulkMinResidents + 1 }, (_, i) => `input-text-resident-${i}`);
    await Promise.all(ids.map((id) => writer.record({ ...meta, requestId: `input-text-${id}` }, { type: 'Person', ids: [id], fields: ['name'] })));
    await writer.flush();
  } finally {
    await writer.close();
  }
  await hub.anomalies.runOnce();
  const [flag] = await hub.audit.database.db.select().from(anomalyFlags).where(eq(anomalyFlags.subject, subject)).limit(1);
  if (!flag) throw new Error('the detector raised no flag over the bulk reads');
  flagged = flag.id;
  return flagged;
}

async function declaredPremises(): Promise<{ code: string; link: string }> {
  if (premises) return premises;
  const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
  const issued = await graphql(
    hub.gatewayUrl,
    'mutation($input: IssuePremisesLinkInput!) { issuePremisesLink(input: $input) { link { token } } }',
    { input: { kind: 'HOUSE', code: house!.code } },
    hub.headers(landlordClaims(house!.code), 'declaration'),
  );
  expect(issued.body.errors, JSON.stringify(issued.body.errors)).toBeUndefined();
  premises = { code: house!.code, link: issued.body.data?.issuePremisesLink.link.token as string };
  return premises;
}

/** A person newly on the register, with no tenancy, home or job yet: examples by identity name them. */
let newcomers = 0;
async function newlyRegistered(): Promise<{ idNumber: string; name: string }> {
  // A birth day and a sequence number of their own: no other example registers anyone born in 1979.
  newcomers += 1;
  const born = new Date(Date.UTC(1979, 0, 1) + Math.floor(newcomers / 400) * 86_400_000).toISOString().slice(0, 10);
  const idNumber = makeIdNumber('500103', born, 2 * (newcomers % 400) + 2, 'FEMALE');
  const registered = await graphql(
    hub.gatewayUrl,
    'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
    { input: { idNumber, name: '李娜', ethnicity: '汉族', householdDivisionCode: '500103', householdAddress: '重庆市渝中区解放碑民权路28号' } },
    hub.headers('police', 'population-management'),
  );
  expect(registered.body.errors, JSON.stringify(registered.body.errors)).toBeUndefined();
  return { idNumber, name: '李娜' };
}

/** City-level codes a test partner may take: any city but this one (510100). */
const partnerCities = [...DIVISIONS.keys()].filter((code) => /^\d{4}00$/.test(code) && !code.endsWith('0000') && code !== '510100');
let partnerKey: string;
/** A city that is not a partner yet: a test that let a bad one through must not leave the others without a city to add. */
async function freshPartnerCode(): Promise<string> {
  const taken = new Set((await hub.exchange.database.db.select({ code: partners.code }).from(partners)).map((p) => p.code));
  const free = partnerCities.filter((code) => !taken.has(code));
  expect(free.length, 'cities left to add as partners').toBeGreaterThan(0);
  return free[sequence++ % free.length]!;
}

/**
 * Arguments each mutation accepts, fresh on every call (a new identity
 * number, house code, partner...) so that an attempt that got through would
 * be stored and seen. A mutation with text arguments and no entry here fails
 * the coverage test below.
 */
/** Tenants registered so far; steps of two, since the sequence digit's parity is the sex. */
let tenants = 0;

/** A woman the register holds in the city, of working and child-bearing age on 2024-01-01: every labour and health example may name her. */
async function womanOnRegister(): Promise<string> {
  const [woman] = await hub.databases.police.db
    .select()
    .from(persons)
    .where(and(ne(persons.status, 'MOVED_OUT'), eq(persons.sex, 'FEMALE'), gte(persons.birthDate, '1970-01-01'), lte(persons.birthDate, '2000-01-01')))
    .limit(1);
  if (!woman) throw new Error('the test city holds no woman of the ages the examples need');
  return woman.id;
}

const VALID: Record<string, () => Promise<Record<string, unknown>>> = {
  registerPerson: async () => ({
    input: { idNumber: makeIdNumber('511302', '1990-05-17', ++sequence, 'FEMALE'), name: '李娜', ethnicity: '汉族', householdDivisionCode: '511302', householdAddress: '南充市顺庆区人民路1号', phone: '13812345678' },
  }),
  registerResidence: async () => {
    // A house housing has, in its own grid; from today, so no earlier residence of the person begins after it.
    const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
    const [person] = await hub.databases.police.db.select().from(persons).where(ne(persons.status, 'MOVED_OUT')).limit(1);
    const division = house!.gridCode.slice(0, 6);
    return { input: { personId: person!.id, address: `成都市${DIVISIONS.get(division) ?? ''}玉林南路1号`, divisionCode: division, gridCode: house!.gridCode, houseCode: house!.code, since: today() } };
  },
  recordMoveOut: async () => {
    const [person] = await hub.databases.police.db.select().from(persons).where(ne(persons.status, 'MOVED_OUT')).limit(1);
    return { input: { personId: person!.id, destinationDivisionCode: '330106', destinationAddress: '杭州市西湖区文三路8号', movedOn: today() } };
  },
  registerHouse: async () => {
    // A grid the police hold, and an address naming its district.
    const [grid] = await hub.databases.police.db.select().from(grids).limit(1);
    const division = grid!.code.slice(0, 6);
    return {
      input: { code: `${division}${String(900_000_000_000 + ++sequence).slice(0, 12)}`, address: `成都市${DIVISIONS.get(division) ?? ''}玉林南路2号`, divisionCode: division, gridCode: grid!.code, ownerName: '王芳', use: 'RENTAL', rooms: 3 },
    };
  },
  registerTenancy: async () => {
    const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
    // A tenant on the register with no tenancy yet, so the example is one the rules accept.
    const idNumber = makeIdNumber('500103', '1988-02-02', (tenants += 2) % 1000, 'FEMALE');
    const tenant = await graphql(
      hub.gatewayUrl,
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
      { input: { idNumber, name: '李娜', ethnicity: '汉族', householdDivisionCode: '500103', householdAddress: '重庆市渝中区解放碑民权路28号' } },
      hub.headers('police', 'population-management'),
    );
    expect(tenant.body.errors, JSON.stringify(tenant.body.errors)).toBeUndefined();
    return { input: { houseId: house!.id, tenantId: tenant.body.data?.registerPerson.person.id, landlordName: '王芳', start: '2024-01-01', monthlyRent: 1500 } };
  },
  registerTenancyByIdentity: async () => {
    const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
    const tenant = await newlyRegistered();
    return { input: { houseCode: house!.code, idNumber: tenant.idNumber, name: tenant.name, landlordName: '王芳', start: '2024-01-01', monthlyRent: 1500, room: '1室' } };
  },
  registerResidenceByIdentity: async () => {
    const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
    const person = await newlyRegistered();
    const division = house!.gridCode.slice(0, 6);
    return { input: { idNumber: person.idNumber, name: person.name, address: `成都市${DIVISIONS.get(division) ?? ''}玉林南路1号`, divisionCode: division, gridCode: house!.gridCode, houseCode: house!.code, since: today() } };
  },
  submitDeclaration: async () => {
    const { link } = await declaredPremises();
    const tenant = await newlyRegistered();
    return { input: { kind: 'TENANCY', link, clientKey: `form-${++sequence}`, idNumber: tenant.idNumber, name: tenant.name, phone: '13812345678', start: '2024-01-01', room: '1室', landlordName: '王芳', monthlyRent: 1500 } };
  },
  rejectDeclarations: async () => {
    // A pending tenancy declaration in housing's queue, stored as the subgraph would.
    const id = randomUUID();
    const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
    await hub.declarations.database.db.insert(declarationsDb.declarations).values({
      id, kind: 'TENANCY', declarantSubject: 'landlord-example', declarantRole: 'landlord', factsHash: id, idNumber: makeIdNumber('500103', '1988-02-02', 1, 'MALE'),
      name: '李明', start: '2024-01-01', landlordName: '王芳', monthlyRent: 1500, premisesKind: 'HOUSE', premisesCode: house!.code, gridCode: house!.gridCode, divisionCode: house!.divisionCode,
    });
    return { ids: [id], reason: '身份证号与姓名不符' };
  },
  issuePremisesLink: async () => {
    const [house] = await hub.databases.housing.db.select().from(houses).limit(1);
    return { input: { kind: 'HOUSE', code: house!.code, validDays: 30 } };
  },
  registerEmployer: async () => {
    // The grid must be one the police know, and the address must name its district.
    const [grid] = await hub.databases.police.db.select().from(grids).limit(1);
    const division = grid!.code.slice(0, 6);
    return {
      input: {
        creditCode: makeCreditCode(division, `T${String(++sequence).padStart(8, '0')}`),
        name: '成都玉林机械有限公司',
        industry: '制造业',
        address: `${DIVISIONS.get(division) ?? ''}玉林南路3号`,
        divisionCode: division,
        gridCode: grid!.code,
      },
    };
  },
  registerEmployment: async () => {
    const [employer] = await hub.databases.labour.db.select().from(employers).limit(1);
    return { input: { personId: await womanOnRegister(), employerId: employer!.id, position: '技工', start: '2024-01-01', socialInsurance: 'INSURED' } };
  },
  registerEmploymentByIdentity: async () => {
    // An employer she has never worked for, so the job overlaps none of hers (registerEmployment's example included).
    const [woman] = await hub.databases.police.db.select().from(persons).where(eq(persons.id, await womanOnRegister()));
    const held = await hub.databases.labour.db.select().from(employments).where(eq(employments.personId, woman!.id));
    const [employer] = await hub.databases.labour.db
      .select()
      .from(employers)
      .where(held.length === 0 ? undefined : notInArray(employers.id, held.map((e) => e.employerId)))
      .orderBy(desc(employers.id))
      .limit(1);
    return { input: { idNumber: woman!.idNumber, name: woman!.name, employerId: employer!.id, position: '技工', start: '2024-01-01', socialInsurance: 'INSURED' } };
  },
  recordVaccination: async () => ({ input: { personId: await womanOnRegister(), vaccine: VACCINES[0], dose: 1, administeredOn: '2024-01-01', institution: '武侯区社区卫生服务中心' } }),
  recordMaternalCare: async () => ({ input: { personId: await womanOnRegister(), kind: 'PRENATAL', visitOn: '2024-01-01', institution: '成都市妇女儿童中心医院' } }),
  recordCheckup: async () => ({ input: { personId: await womanOnRegister(), checkedOn: '2024-01-01', institution: '武侯区人民医院', result: 'NORMAL' } }),
  addExchangePartner: async () => ({
    input: {
      code: await freshPartnerCode(),
      name: '伙伴城市',
      inboxUrl: 'https://hub.partner.example/exchange/v1/inbox',
      publicKey: partnerKey,
      agreements: [{ messageType: 'INFLOW_NOTICE', fields: ['idNumber', 'name'] }],
    },
  }),
  updateExchangePartner: async () => ({
    input: { code: await partnerIn('ACTIVE'), name: '伙伴城市', inboxUrl: 'https://hub.partner.example/exchange/v1/inbox', publicKey: partnerKey, agreements: [{ messageType: 'INFLOW_NOTICE', fields: ['idNumber', 'name'] }] },
  }),
  suspendExchangePartner: async () => ({ code: await partnerIn('ACTIVE') }),
  resumeExchangePartner: async () => ({ code: await partnerIn('SUSPENDED') }),
  removeExchangePartner: async () => ({ code: await partnerIn('ACTIVE') }),
  // Each on an alert of its own: resolving one ends it.
  resolveAlert: async () => ({ input: { id: await raisePoliceAlert(hub, '510107001001'), note: '已上门核实' } }),
  reassignAlert: async () => ({ input: { id: await raisePoliceAlert(hub, '510107001001'), assignee: 'police-officer-7', note: '辖区民警核实' } }),
  registerAlertWebhook: async () => ({ input: { url: `https://alerts${++sequence}.police.example.gov.cn/hub` } }),
  // Questioned, the verdict that needs its note; a flag takes any number of reviews.
  reviewAnomalyFlag: async () => ({ input: { id: await raisedFlag(), verdict: 'QUESTIONED', note: '请说明该系统一小时内查阅大量居民信息的业务依据。' } }),
  setCaseDisclosure: async () => ({ caseId: DISCLOSED_CASE, discloseAfter: '2027-01-01T00:00:00.000Z' }),
  // Each department's import, on a job of its own: a file's start, a batch with a row holding a cell the importer
  // could not read and a row that loads, and the finish of a job whose every row is committed (one of none).
  ...Object.fromEntries(
    DEPARTMENT_IMPORTS.flatMap(({ department, kind, start, rows, finish }) => [
      [start, async () => ({ input: startInput(kind) })],
      [
        rows,
        async () => ({
          input: {
            jobId: await startedJob(hub, department, { rowCount: 2 }),
            batch: 0,
            rows: [
              { ...emptyRow(kind, 2), unreadable: [{ field: kind.fields[0]!.name, message: '含有无法识别的字符' }] },
              { rowNumber: 3, values: valuesOf(kind, await loadableRow(hub, department)) },
            ],
          },
        }),
      ],
      [finish, async () => ({ input: { jobId: await startedJob(hub, department, { rowCount: 0 }), reportDigest: digestOf('row,column,value,reason') } })],
    ]),
  ),
};

/**
 * Multi-line by nature: a partner's key is JSON, often pasted pretty-printed;
 * an auditor's note on a flag is words, one line or several (audit/anomalies/flags.ts).
 */
const MULTILINE = new Set(['addExchangePartner input.publicKey', 'updateExchangePartner input.publicKey', 'reviewAnomalyFlag input.note']);

/** A partner in `status` for the mutations that need one, registered (and suspended) when there is none. */
async function partnerIn(status: 'ACTIVE' | 'SUSPENDED'): Promise<string> {
  const [existing] = await hub.exchange.database.db.select({ code: partners.code }).from(partners).where(eq(partners.status, status)).limit(1);
  if (existing) return existing.code;
  const code = await freshPartnerCode();
  const added = await send(mutationOf('addExchangePartner'), withLeaf(await VALID.addExchangePartner!(), ['input', 'code'], code) as Record<string, unknown>);
  expect(added.body.errors, JSON.stringify(added.body.errors)).toBeUndefined();
  if (status === 'SUSPENDED') {
    const suspended = await send(mutationOf('suspendExchangePartner'), { code });
    expect(suspended.body.errors, JSON.stringify(suspended.body.errors)).toBeUndefined();
  }
  return code;
}

const mutations = rootFields().filter((r) => r.operation === 'mutation');
const textLeaves = (root: RootField): InputLeaf[] => root.field.args.flatMap((a) => leavesOf(a)).filter((leaf) => getNamedType(leaf.type).name === 'String');
const withText = mutations.filter((root) => textLeaves(root).length > 0);
const mutationOf = (name: string): RootField => mutations.find((m) => m.field.name === name)!;

function send(root: RootField, variables: Record<string, unknown>) {
  const declared = root.field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = root.field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const [role, purpose, caseId] = whoFor(root);
  return graphql(hub.gatewayUrl, `mutation(${declared}) { ${root.field.name}(${passed})${selectionFor(root.field)} }`, variables, hub.headers(role, purpose, caseId));
}

/**
 * The access log and what its triggers derive from it: every request is
 * recorded there, a refused one too, so the audit store's count of what a
 * mutation stored leaves them out, and the log's monthly partitions (named
 * after it) with them.
 */
const ACCESS_LOG_TABLES = ['audit_events', 'audit_chain_heads', 'audit_hourly_counts', 'audit_hourly_place_counts'];
const inAccessLog = (table: string) => ACCESS_LOG_TABLES.some((log) => table === log || table.startsWith(`${log}_`));

/** Rows in every table of the store a subgraph writes to (the audit store's access log aside). */
async function rowsIn(subgraph: SubgraphName): Promise<number> {
  const store =
    subgraph === 'exchange'
      ? hub.exchange.database
      : subgraph === 'alerts'
        ? hub.alerts.database
        : subgraph === 'declarations'
          ? hub.declarations.database
          : subgraph === 'audit'
            ? hub.audit.database
            : hub.databases[subgraph];
  const db = store.db as unknown as { execute(query: SQL): Promise<{ rows: unknown[] }> };
  const tables = (await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows as { table_name: string }[];
  let total = 0;
  for (const { table_name: table } of tables) {
    if (subgraph === 'audit' && inAccessLog(table)) continue;
    const [row] = (await db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${table}"`))).rows as { n: number }[];
    total += row!.n;
  }
  return total;
}

/** Puts `char` after the first character of the value at `leaf` (or in a list's first item). */
function spliced(variables: Record<string, unknown>, leaf: InputLeaf, char: string): Record<string, unknown> {
  let current: unknown = variables;
  for (const step of leaf.steps) current = (current as Record<string | number, unknown>)[step];
  const text = typeof current === 'string' ? current : 'x';
  return withLeaf(variables, leaf.steps, `${text.slice(0, 1)}${char}${text.slice(1)}`) as Record<string, unknown>;
}

describe('text fields of every mutation input', () => {
  beforeAll(async () => {
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    partnerKey = JSON.stringify(await exportJWK(publicKey));
  });

  it('are found in the SDL, each mutation with a valid example to vary', () => {
    expect(withText.length).toBeGreaterThan(10);
    expect(withText.map((m) => m.field.name).filter((name) => !Object.hasOwn(VALID, name))).toEqual([]);
  });

  for (const root of withText) {
    it(`${root.field.name} accepts its example unchanged`, async () => {
      const response = await send(root, await VALID[root.field.name]!());
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    });

    for (const leaf of textLeaves(root)) {
      it(`${root.field.name} refuses hostile characters in ${leaf.path} as BAD_USER_INPUT naming it, and stores nothing`, async () => {
        const multiline = MULTILINE.has(`${root.field.name} ${leaf.path}`);
        const problems: string[] = [];
        for (const [kind, char] of Object.entries(HOSTILE)) {
          if (multiline && LINE_BREAKS.has(kind)) continue;
          const variables = spliced(await VALID[root.field.name]!(), leaf, char);
          const before = await rowsIn(root.subgraph);
          const response = await send(root, variables);
          const errors = response.body.errors ?? [];
          const named = errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field === leaf.path);
          if (!named) problems.push(`${kind}: ${JSON.stringify(errors) || 'accepted'}`);
          if ((await rowsIn(root.subgraph)) !== before) problems.push(`${kind}: something was stored`);
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('text arguments of every query and mutation', () => {
  const everyRoot = rootFields().filter((root) => textLeaves(root).length > 0);

  for (const root of everyRoot) {
    for (const leaf of textLeaves(root)) {
      it(`${root.field.name} answers a NUL byte in ${leaf.path} as BAD_USER_INPUT naming it, never as an internal error`, async () => {
        const used = root.field.args.filter((a) => a.name === leaf.steps[0] || a.type.toString().endsWith('!'));
        const variables: Record<string, unknown> = {};
        for (const argument of used) {
          const value = wellFormed(argument.type);
          variables[argument.name] = argument.name === leaf.steps[0] ? withLeaf(value, leaf.steps.slice(1), 'x\u0000y') : value;
        }
        const declared = used.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const passed = used.map((a) => `${a.name}: $${a.name}`).join(', ');
        const [role, purpose] = WHO[root.subgraph];
        const response = await graphql(
          hub.gatewayUrl,
          `${root.operation}(${declared}) { ${root.field.name}(${passed})${selectionFor(root.field)} }`,
          variables,
          hub.headers(role, purpose),
        );
        const errors = response.body.errors ?? [];
        expect(errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field === leaf.path), JSON.stringify(errors)).toBe(true);
      });
    }
  }
});
