import type { AlertActionRow, AlertRow, WebhookSubscriptionRow } from './db/schema.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, references to what other subgraphs own, and payloads. `npm run
 * codegen` maps a type `X` to `XMapper`.
 */

export type AlertMapper = AlertRow;
export type AlertActionMapper = AlertActionRow;
export type AlertWebhookMapper = WebhookSubscriptionRow;

/** The alert store holds nothing of a person, house, employer or grid but the key its alerts name. */
export interface PersonMapper {
  id: string;
}

export interface HouseMapper {
  id: string;
}

export interface EmployerMapper {
  id: string;
}

export interface GridMapper {
  code: string;
}

export interface AlertPayloadMapper {
  alert: AlertRow;
}

export interface AlertWebhookPayloadMapper {
  webhook: WebhookSubscriptionRow;
}
