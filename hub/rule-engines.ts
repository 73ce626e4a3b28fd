import { RuleEngine } from '../alerts/engine.js';
import { createTransport } from '../events/runtime.js';
import type { EventTransport } from '../events/transport.js';
import type { Logger } from '../platform/logger.js';
import { createHousingEvaluators } from '../subgraphs/housing/alert-evaluators.js';
import { createPoliceEvaluators } from '../subgraphs/police/alert-evaluators.js';
import { PoliceStore } from '../subgraphs/police/store.js';
import type { DatabaseOf } from '../subgraphs/registry.js';
import type { Env } from './env.js';

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

/**
 * The rule engine of a department run as its own process: the police's and
 * housing's, over NATS. Without EVENTS_NATS_URL no event reaches this
 * process (its outbox keeps them), so no engine runs and the process says so
 * once; any other department has no rules to run.
 */
export async function startOwnRuleEngine(
  name: string,
  /** The process's own database; only the police's rules read it. */
  database: DatabaseOf<'police'>,
  config: Pick<Env, 'EVENTS_NATS_URL' | 'HUB_CITY_CODE' | 'GROUP_RENTAL_FACTOR' | 'ALERT_UNREGISTERED_TENANT_DAYS' | 'ALERT_PASS_SECONDS'>,
  logger: Logger,
  /** NATS names under a prefix of their own: for tests sharing a server. */
  options: { prefix?: string } = {},
): Promise<{ engine: RuleEngine; stop(): Promise<void> } | null> {
  if (name !== 'police' && name !== 'housing') return null;
  if (!config.EVENTS_NATS_URL) {
    logger.warn({ owner: name }, 'EVENTS_NATS_URL is not set: no events reach this process, so its alert rules do not run');
    return null;
  }
  const transport = await createTransport(config, logger, options);
  const settings: RuleEngineSettings = {
    cityCode: config.HUB_CITY_CODE,
    groupRentalFactor: config.GROUP_RENTAL_FACTOR,
    unregisteredTenantDays: config.ALERT_UNREGISTERED_TENANT_DAYS,
    passIntervalMs: config.ALERT_PASS_SECONDS * 1_000,
  };
  try {
    const target: RuleOwnerAndFacts = name === 'police' ? { owner: 'police', database } : { owner: 'housing' };
    const engine = await startRuleEngine(target, transport, settings, logger);
    logger.info({ owner: name }, 'running the alert rules over NATS');
    return {
      engine,
      stop: async () => {
        await engine.stop();
        await transport.close();
      },
    };
  } catch (error) {
    await transport.close();
    throw error;
  }
}
