import { RuleEngine } from '../alerts/engine.js';
import type { EventTransport } from '../events/transport.js';
import type { Logger } from '../platform/logger.js';
import { createHousingEvaluators } from '../subgraphs/housing/alert-evaluators.js';
import { createPoliceEvaluators } from '../subgraphs/police/alert-evaluators.js';
import { PoliceStore } from '../subgraphs/police/store.js';
import type { DatabaseOf } from '../subgraphs/registry.js';

/**
 * Starts the alert rules of a department beside its subgraph, on its own
 * database: the police's in the police process (or the hub), housing's in
 * housing's. Each consumes its rules' events from the transport as
 * `rules-<owner>` and hands what they raise back to it.
 */

export interface RuleEngineSettings {
  cityCode: string;
  /** GROUP_RENTAL_FACTOR, as housing's own warning uses it. */
  groupRentalFactor?: number;
  /** ALERT_UNREGISTERED_TENANT_DAYS. */
  unregisteredTenantDays?: number;
  /** ALERT_PASS_SECONDS in milliseconds; 0 runs no pass. */
  passIntervalMs: number;
}

/** Which department's rules: the police's read the police database; housing's read only the events housing wrote. */
export type RuleOwnerAndFacts = { owner: 'police'; database: DatabaseOf<'police'> } | { owner: 'housing' };

export async function startRuleEngine(target: RuleOwnerAndFacts, transport: EventTransport, settings: RuleEngineSettings, logger: Logger): Promise<RuleEngine> {
  const evaluators =
    target.owner === 'police'
      ? createPoliceEvaluators(new PoliceStore(target.database.db), {
          cityCode: settings.cityCode,
          ...(settings.unregisteredTenantDays === undefined ? {} : { unregisteredTenantDays: settings.unregisteredTenantDays }),
        })
      : createHousingEvaluators(settings.groupRentalFactor === undefined ? {} : { groupRentalFactor: settings.groupRentalFactor });
  const engine = new RuleEngine({ owner: target.owner, transport, evaluators, logger, passIntervalMs: settings.passIntervalMs });
  await engine.start();
  return engine;
}
