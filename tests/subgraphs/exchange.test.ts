import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../exchange/db/schema.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { createExchangeSubgraph } from '../../exchange/subgraph.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph, type TestSubgraphServer } from '../support/servers.js';

let database: TestDatabase<typeof schema>;
let server: TestSubgraphServer;

/** Partner cities, and how many notices to each wait, went through, or failed. */
const PARTNERS = [
  { code: '500000', name: '重庆市', counts: { PENDING: 2, DELIVERED: 1, FAILED: 0 } },
  { code: '530100', name: '昆明市', counts: { PENDING: 0, DELIVERED: 0, FAILED: 3 } },
  { code: '610100', name: '西安市', counts: { PENDING: 0, DELIVERED: 0, FAILED: 0 } },
] as const;

beforeAll(async () => {
  database = await openTestDatabase('exchange', schema);
  const partnerKey = (await generateCityIdentity('500000', '重庆市')).publicJwk;
  for (const partner of PARTNERS) {
    await database.db.insert(schema.partners).values({
      code: partner.code,
      name: partner.name,
      inboxUrl: `https://hub.${partner.code}.example/exchange/v1/inbox`,
      publicKey: partnerKey,
      keyFingerprint: `fingerprint-${partner.code}`,
      status: 'ACTIVE',
      agreement: { INFLOW_NOTICE: ['idNumber', 'name'], OUTFLOW_NOTICE: ['idNumber'] },
    });
    for (const [status, count] of Object.entries(partner.counts) as [keyof typeof partner.counts, number][]) {
      for (let i = 0; i < count; i++) {
        await database.db.insert(schema.outboundMessages).values({
          id: randomUUID(),
          partnerCode: partner.code,
          messageType: 'OUTFLOW_NOTICE',
          personId: randomUUID(),
          payload: { idNumber: '110101199003070011' },
          occurredAt: new Date(),
          status,
        });
      }
    }
  }
  const identity = await generateCityIdentity('510100', '成都市');
  server = await startTestSubgraph(createExchangeSubgraph({ database, identity, access: new MemoryAccessRecorder(), allowPlainHttp: true }), {
    purpose: 'inter-city-exchange',
  });
});

afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('exchange subgraph', () => {
  it("answers a page of partners with their keys, agreements and delivery counts, counting every partner's notices in one statement", async () => {
    const before = database.statements.count;
    const read = await server.graphql(`{ exchangePartners { edges { node {
      code name publicKey agreements { messageType fields } delivery { pending delivered failed }
    } } } }`);
    const statements = database.statements.count - before;
    expect(read.body.errors).toBeUndefined();
    const nodes = read.body.data?.exchangePartners.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toEqual(
      PARTNERS.map((p) => ({
        code: p.code,
        name: p.name,
        publicKey: expect.stringContaining('"kty":"OKP"'),
        agreements: [
          { messageType: 'INFLOW_NOTICE', fields: ['idNumber', 'name'] },
          { messageType: 'OUTFLOW_NOTICE', fields: ['idNumber'] },
        ],
        delivery: { pending: p.counts.PENDING, delivered: p.counts.DELIVERED, failed: p.counts.FAILED },
      })),
    );
    // One statement for the page of partners, one for all their delivery counts.
    expect(statements).toBe(2);
  });

  it('refuses a partner-list cursor that is not a division code, naming the argument', async () => {
    const forged = Buffer.from('k:1 OR 1=1', 'utf8').toString('base64url');
    const read = await server.graphql(`query($after: String) { exchangePartners(after: $after) { edges { cursor } } }`, { after: forged });
    expect(read.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
