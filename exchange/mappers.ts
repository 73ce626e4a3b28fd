import type { PartnerRow } from './db/schema.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, and the shapes resolvers build. `npm run codegen` maps a type `X`
 * to `XMapper`, so the generated resolver types know each parent. Notices
 * and log entries have none: they are built to the SDL's own types, so the
 * ids the recorder reads from them are checked against the schema.
 */

export type ExchangePartnerMapper = PartnerRow;

export interface ExchangePartnerPayloadMapper {
  partner: PartnerRow;
}
