import { expect } from 'vitest';
import { generateCityIdentity } from '../../exchange/identity.js';
import { MESSAGE_FIELDS, MESSAGE_TYPES } from '../../exchange/messages.js';
import type { CityIdentity } from '../../exchange/signing.js';
import { graphql } from './graphql.js';
import type { TestHub } from './hub.js';

/**
 * A partner city (Hangzhou unless told) added to the hub by its
 * administrator through the gateway, agreeing to every field of every
 * message type, so the notices it signs reach the inbox whole.
 */
export async function addWholePartner(hub: TestHub, code = '330100', name = '杭州市'): Promise<CityIdentity> {
  const partner = await generateCityIdentity(code, name);
  const added = await graphql(
    hub.gatewayUrl,
    `mutation($input: AddExchangePartnerInput!) { addExchangePartner(input: $input) { partner { code } } }`,
    {
      input: {
        code: partner.code,
        name: partner.name,
        inboxUrl: 'https://hub.hangzhou.example/exchange/v1/inbox',
        publicKey: JSON.stringify(partner.publicJwk),
        agreements: MESSAGE_TYPES.map((messageType) => ({ messageType, fields: [...MESSAGE_FIELDS[messageType]] })),
      },
    },
    hub.headers('admin', 'inter-city-exchange'),
  );
  expect(added.body.errors).toBeUndefined();
  return partner;
}
