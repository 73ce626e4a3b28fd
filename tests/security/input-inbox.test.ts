import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import { inboundMessages } from '../../exchange/db/schema.js';
import { MESSAGE_FIELDS, MESSAGE_TYPES, type MessageType } from '../../exchange/messages.js';
import { signNotice, type CityIdentity } from '../../exchange/signing.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { addWholePartner } from '../support/partners.js';

/*
 * A partner city's notice is input like any other: a field holding control
 * characters, bidi overrides or unpaired surrogates makes the whole delivery
 * a 400 BAD_NOTICE naming `messages[i].data.<field>`, and nothing of it is
 * stored. The fields are every field each message type may carry.
 */

const HOSTILE: Record<string, string> = {
  'NUL': '\u0000',
  'an ANSI escape': '\u001b[2J',
  'a line feed': '\n',
  'a C1 control': '\u009b',
  'a right-to-left override': '\u202e',
  'a first-strong isolate': '\u2068',
  'a zero-width joiner': '\u200d',
  'a lone surrogate': '\udfff',
};

let hub: TestHub;
let partner: CityIdentity;
let sequence = 0;

beforeAll(async () => {
  hub = await startTestHub({ persons: 5, key: 'input-inbox' });
  partner = await addWholePartner(hub);
});
afterAll(async () => {
  await hub?.close();
});

/** Every field a notice may carry, well formed. */
function fullPayload(): Record<string, string> {
  return {
    idNumber: makeIdNumber('510107', '1991-03-04', (sequence += 2), 'FEMALE'),
    name: '李蓉',
    sex: 'FEMALE',
    birthDate: '1991-03-04',
    ethnicity: '汉族',
    householdDivisionCode: '510107',
    householdAddress: '四川省成都市武侯区玉林路1号',
    residenceAddress: '浙江省杭州市西湖区文三路8号',
    residenceDivisionCode: '330106',
    residenceSince: '2024-01-01',
    destinationDivisionCode: '330106',
    destinationAddress: '浙江省杭州市西湖区文三路9号',
    movedOn: '2024-01-01',
    phone: '13912345678',
  };
}

function payloadOf(type: MessageType): Record<string, string> {
  const full = fullPayload();
  return Object.fromEntries(MESSAGE_FIELDS[type].map((field) => [field, full[field]!]));
}

async function deliver(type: MessageType, payloads: Record<string, string>[]) {
  const messages = await Promise.all(payloads.map((payload) => signNotice(partner, hub.exchange.identity.code, { id: randomUUID(), type, occurredAt: new Date(), payload })));
  const response = await fetch(hub.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string; index?: number; field?: string } } };
}

const stored = async (): Promise<number> => (await hub.exchange.database.db.select({ id: inboundMessages.id }).from(inboundMessages)).length;

describe('the exchange inbox', () => {
  it('refuses a delivery whose body is not valid UTF-8 as a 400 naming the encoding, storing nothing, even where a lenient reading would find a good delivery', async () => {
    const good = await signNotice(partner, hub.exchange.identity.code, { id: randomUUID(), type: 'INFLOW_NOTICE', occurredAt: new Date(), payload: payloadOf('INFLOW_NOTICE') });
    // Read leniently, the malformed byte turns into U+FFFD inside a member JSON.parse then overwrites with the good one.
    const bodies = [
      Buffer.concat([Buffer.from('{"messages":["'), Buffer.from([0xff]), Buffer.from(`"],"messages":${JSON.stringify([good])}}`)]),
      Buffer.concat([Buffer.from(`{"messages":${JSON.stringify([good])}`), Buffer.from([0x20, 0xc3, 0x28]), Buffer.from('}')]),
    ];
    for (const body of bodies) {
      const before = await stored();
      const response = await fetch(hub.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { error?: { code: string; message: string } };
      expect(response.status, JSON.stringify(answer)).toBe(400);
      expect(answer.error).toMatchObject({ code: 'MALFORMED_DELIVERY', message: expect.stringMatching(/^body: is not valid UTF-8/) });
      expect(await stored()).toBe(before);
    }
  });

  for (const type of MESSAGE_TYPES) {
    it(`accepts a well-formed ${type} carrying every field`, async () => {
      const before = await stored();
      const answer = await deliver(type, [payloadOf(type)]);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(await stored()).toBe(before + 1);
    });

    for (const field of MESSAGE_FIELDS[type]) {
      it(`refuses a ${type} whose ${field} holds hostile characters as BAD_NOTICE naming messages[1].data.${field}, storing nothing`, async () => {
        const problems: string[] = [];
        for (const [kind, char] of Object.entries(HOSTILE)) {
          const bad = payloadOf(type);
          bad[field] = `${bad[field]!.slice(0, 1)}${char}${bad[field]!.slice(1)}`;
          const before = await stored();
          const { status, body } = await deliver(type, [payloadOf(type), bad]);
          const where = `messages[1].data.${field}`;
          if (status !== 400 || body.error?.code !== 'BAD_NOTICE' || body.error.field !== where || !body.error.message.startsWith(`${where}: `) || body.error.index !== 1) {
            problems.push(`${kind}: ${status} ${JSON.stringify(body)}`);
          }
          if ((await stored()) !== before) problems.push(`${kind}: something was stored`);
        }
        expect(problems).toEqual([]);
      });
    }
  }
});
