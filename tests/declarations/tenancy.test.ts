import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { accepted, aHouse, as, CONFIRM, DECLARATION_FIELDS, freeResidents, issueLink, landlordOf, REJECT, submit, tenancyOf, type Resident } from '../support/declarations.js';

/*
 * A landlord declares a tenant through the premises link of their house,
 * through the real gateway with real tokens; housing sees it in its queue and
 * confirms it, and the tenancy is registered by housing's own mutation, as the
 * confirming officer, readable through the gateway and in the access log.
 */

let hub: TestHub;
let house: housing.HouseRow;
let tenants: Resident[];
let link: Record<string, any>;

const landlord = () => landlordOf(house.code);
const QUEUE = `query($filter: DeclarationFilter) { declarations(filter: $filter, first: 50) { edges { node { ${DECLARATION_FIELDS} declarant declarantRole } } } }`;
const MINE = `{ myDeclarations(first: 50) { edges { node { id status rejectionReason } } } }`;

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'declared-tenancies', subgraphTimeoutMs: 30_000 });
  house = await aHouse(hub);
  tenants = await freeResidents(hub, 4);
  link = await issueLink(hub, landlord(), 'declaration', 'HOUSE', house.code);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

describe('a landlord declaring a tenant', () => {
  it('gets a link to its own house, signed, expiring, with its QR code as SVG and PNG', () => {
    expect(link.url).toMatch(/\/declare\?p=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(link.url.endsWith(link.token)).toBe(true);
    expect(link.premises).toEqual({ kind: 'HOUSE', code: house.code, label: house.address });
    expect(link.qrSvg).toMatch(/^<svg[^]*<\/svg>\s*$/);
    expect(link.qrPngDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(new Date(link.expiresAt).getTime()).toBeGreaterThan(Date.now() + 170 * 86_400_000);
    expect(link.revokedAt).toBeNull();
  });

  it('is told by the link what it is for, and nothing about residents', async () => {
    const data = accepted(await as(hub, landlord(), 'declaration', `query($t: String!) { premisesLink(token: $t) { valid expired revoked premises { kind code label } } }`, { t: link.token }));
    expect(data.premisesLink).toEqual({ valid: true, expired: false, revoked: false, premises: { kind: 'HOUSE', code: house.code, label: house.address } });
  });

  it('declares a tenant through the link; the declaration is pending, its own, and in housing’s queue', async () => {
    const data = accepted(await submit(hub, landlord(), tenancyOf(tenants[0]!, link.token)));
    const declaration = data.submitDeclaration.declaration;
    expect(data.submitDeclaration.duplicate).toBe(false);
    expect(declaration).toMatchObject({ kind: 'TENANCY', status: 'PENDING', idNumber: tenants[0]!.idNumber, room: '302室', premises: { kind: 'HOUSE', code: house.code }, gridCode: house.gridCode });

    const mine = accepted(await as(hub, landlord(), 'declaration', MINE));
    expect(mine.myDeclarations.edges.map((e: any) => e.node.id)).toContain(declaration.id);

    const queue = accepted(await as(hub, 'housing', 'housing-administration', QUEUE));
    const queued = queue.declarations.edges.map((e: any) => e.node);
    expect(queued.find((d: any) => d.id === declaration.id)).toMatchObject({ declarant: landlord().sub, declarantRole: 'landlord', status: 'PENDING' });
  });

  it('confirms through housing: the tenancy is readable through the gateway, and the access log names the officer for the checks and the write', async () => {
    const declared = accepted(await submit(hub, landlord(), tenancyOf(tenants[1]!, link.token, '2025-04-01'))).submitDeclaration.declaration;
    const officer = { sub: 'housing-officer-li', dept: 'housing', roles: ['housing'] };
    const response = await as(hub, officer, 'housing-administration', CONFIRM, { ids: [declared.id] });
    const [result] = accepted(response).confirmDeclarations.results;
    expect(result).toMatchObject({ id: declared.id, done: true, problems: [], declaration: { status: 'CONFIRMED', decidedBy: officer.sub } });
    const tenancyId = result.declaration.recordId as string;

    const read = accepted(
      await as(hub, 'housing', 'housing-administration', `query($id: ID!) { person(id: $id) { tenancies { edges { node { id room start monthlyRent house { code } } } } } }`, { id: tenants[1]!.id }),
    );
    expect(read.person.tenancies.edges.map((e: any) => e.node)).toContainEqual({ id: tenancyId, room: '302室', start: '2025-04-01', monthlyRent: 1500, house: { code: house.code } });

    const events = await hub.audit.events();
    const confirmRequest = events.find((e) => e.kind === 'request' && e.operationName === null && e.subject === officer.sub && e.outcome === 'ok' && e.purpose === 'housing-administration');
    expect(confirmRequest).toBeDefined();
    // The tenancy the department wrote was served to the officer, in a request of its own correlated to the confirmation.
    const write = events.find((e) => e.kind === 'access' && e.typeName === 'Tenancy' && e.recordIds.includes(tenancyId));
    expect(write).toMatchObject({ subject: officer.sub, department: 'housing', purpose: 'housing-administration', subgraph: 'housing' });
    const writeRequest = events.find((e) => e.kind === 'request' && e.requestId === write!.requestId);
    expect(writeRequest).toMatchObject({ operationName: 'ConfirmTenancy', subject: officer.sub, correlationId: confirmRequest!.requestId });
    // The identity was asked of the police as the officer, too.
    const identity = events.find((e) => e.kind === 'access' && e.typeName === 'IdentityCheck' && e.recordIds.includes(tenants[1]!.id));
    expect(identity).toMatchObject({ subject: officer.sub, department: 'housing', purpose: 'housing-administration' });

    const mine = accepted(await as(hub, landlord(), 'declaration', MINE));
    expect(mine.myDeclarations.edges.find((e: any) => e.node.id === declared.id).node.status).toBe('CONFIRMED');
    // A second confirmation of the same declaration changes nothing.
    const again = accepted(await as(hub, officer, 'housing-administration', CONFIRM, { ids: [declared.id] })).confirmDeclarations.results[0];
    expect(again).toMatchObject({ done: false, problems: [{ code: 'CONFLICT' }] });
    expect(await hub.databases.housing.db.select().from(housing.tenancies).where(eq(housing.tenancies.tenantId, tenants[1]!.id))).toHaveLength(1);
  });

  it('keeps a declaration the department refuses pending, with housing’s problems; rejected with a reason, the landlord reads it', async () => {
    // A name the register does not hold for this number: the identity is not confirmed, so housing registers nothing.
    const declared = accepted(await submit(hub, landlord(), { ...tenancyOf(tenants[2]!, link.token), name: `${tenants[2]!.name}某` })).submitDeclaration.declaration;
    const [refused] = accepted(await as(hub, 'housing', 'housing-administration', CONFIRM, { ids: [declared.id] })).confirmDeclarations.results;
    expect(refused).toMatchObject({ done: false, declaration: { status: 'PENDING', recordId: null } });
    expect(refused.problems).toEqual([expect.objectContaining({ field: 'idNumber', code: 'NOT_FOUND' })]);
    expect(await hub.databases.housing.db.select().from(housing.tenancies).where(eq(housing.tenancies.tenantId, tenants[2]!.id))).toEqual([]);

    // A tenant already renting from the same day elsewhere: housing's own overlap rule refuses it, naming the field.
    const overlapping = accepted(await submit(hub, landlord(), tenancyOf(tenants[1]!, link.token, '2025-05-01'))).submitDeclaration.declaration;
    const [clash] = accepted(await as(hub, 'housing', 'housing-administration', CONFIRM, { ids: [overlapping.id] })).confirmDeclarations.results;
    expect(clash).toMatchObject({ done: false, declaration: { status: 'PENDING' } });
    expect(clash.problems.map((p: any) => p.code)).toEqual(['CONFLICT']);

    const [rejected] = accepted(await as(hub, 'housing', 'housing-administration', REJECT, { ids: [declared.id], reason: '姓名与身份证号不符，请核对后重新申报' })).rejectDeclarations.results;
    expect(rejected).toMatchObject({ done: true, declaration: { status: 'REJECTED', rejectionReason: '姓名与身份证号不符，请核对后重新申报' } });
    const mine = accepted(await as(hub, landlord(), 'declaration', MINE)).myDeclarations.edges.map((e: any) => e.node);
    expect(mine.find((d: any) => d.id === declared.id)).toEqual({ id: declared.id, status: 'REJECTED', rejectionReason: '姓名与身份证号不符，请核对后重新申报' });
  });

  it('shows a landlord only its own declarations, and never the register', async () => {
    const other = aHouse(hub, 1);
    const stranger = landlordOf((await other).code);
    const theirs = accepted(await as(hub, stranger, 'declaration', MINE)).myDeclarations.edges;
    expect(theirs).toEqual([]);
    const [own] = await hub.declarations.database.db.select().from(declarationsDb.declarations).where(eq(declarationsDb.declarations.declarantSubject, landlord().sub!)).limit(1);
    const peek = await as(hub, stranger, 'declaration', `query($id: ID!) { declaration(id: $id) { id } }`, { id: own!.id });
    expect(accepted(peek).declaration).toBeNull();
    // Declarant fields of the department are refused, and the register is not theirs to read.
    const declarantField = await as(hub, landlord(), 'declaration', `query($id: ID!) { declaration(id: $id) { id recordId declarant } }`, { id: own!.id });
    expect(declarantField.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const register = await as(hub, landlord(), 'declaration', `query($n: String!) { personByIdNumber(idNumber: $n) { name } }`, { n: tenants[0]!.idNumber });
    expect(register.body.data?.personByIdNumber ?? null).toBeNull();
    expect(register.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps a confined housing office to declarations in its district', async () => {
    const inside = { sub: 'housing-district', dept: 'housing', roles: ['housing'], jurisdiction: { divisions: [house.divisionCode] } };
    const outside = { sub: 'housing-elsewhere', dept: 'housing', roles: ['housing'], jurisdiction: { divisions: [house.divisionCode === '510104' ? '510105' : '510104'] } };
    const filter = { status: 'REJECTED' };
    const seen = accepted(await as(hub, inside, 'housing-administration', QUEUE, { filter })).declarations.edges;
    expect(seen.length).toBeGreaterThan(0);
    const unseen = accepted(await as(hub, outside, 'housing-administration', QUEUE, { filter })).declarations.edges;
    expect(unseen).toEqual([]);
    const [pending] = accepted(await as(hub, inside, 'housing-administration', QUEUE)).declarations.edges;
    const [refused] = accepted(await as(hub, outside, 'housing-administration', CONFIRM, { ids: [pending.node.id] })).confirmDeclarations.results;
    expect(refused).toMatchObject({ done: false, declaration: null, problems: [{ code: 'NOT_FOUND' }] });
    // Labour confirms no tenancy: the same declaration is not in its queue.
    const labourQueue = accepted(await as(hub, 'labour', 'labour-administration', QUEUE, { filter: { kind: 'TENANCY' } })).declarations.edges;
    expect(labourQueue).toEqual([]);
  });
});
