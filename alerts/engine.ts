import type { EventTransport, Consumer } from '../events/transport.js';
import type { NewAlert } from '../events/alerts.js';
import type { DomainEvent, EventType } from '../events/types.js';
import type { Logger } from '../platform/logger.js';
import { rulesEvaluatedBy, type AlertRule } from './rules.js';

/**
 * Runs the alert rules one department evaluates, where the facts their
 * conditions need are owned (alerts/rules.ts says which): the police's engine
 * reads the police database, housing's the housing database, and neither
 * reads the other's. Events arrive through the transport under the durable
 * consumer `rules-<owner>`; what the rules raise leaves through the same
 * transport for the alert store.
 *
 * Delivery is at least once, so raising must be idempotent: an alert's key
 * is the rule and the event (or, for a task, the fact), the alert store keeps
 * the first alert of a key, and a check an event leaves is keyed the same way.
 * A handler that throws (a database down) has its event delivered again.
 */

/** A rule's condition over one event, with the owner's facts: the alerts to raise, none when it does not hold. */
export type EventEvaluator = (event: DomainEvent, rule: AlertRule) => Promise<NewAlert[]>;

/**
 * A periodic pass of a rule (a permit about to expire, a tenancy's residence
 * check falling due): finds what is owed as of `now` and raises each through
 * `raise`, which resolves once the transport has accepted it, so the pass
 * marks a fact done only after its alert is on its way. Returns how many it raised.
 */
export type ScheduledPass = (rule: AlertRule, now: Date, raise: (alert: NewAlert) => Promise<void>) => Promise<number>;

export interface Evaluators {
  /** By rule id: what the rule does with its trigger event (a delayed rule only leaves a check here). */
  events: ReadonlyMap<string, EventEvaluator>;
  /** By rule id: the rule's periodic pass, for scheduled and delayed rules. */
  passes?: ReadonlyMap<string, ScheduledPass>;
}

export interface RuleEngineOptions {
  owner: AlertRule['evaluatedBy'];
  transport: EventTransport;
  evaluators: Evaluators;
  logger: Logger;
  /** How often the passes run; 0 runs them only when asked (`runPasses`). */
  passIntervalMs: number;
  /** The rules to run; the owner's lines of ALERT_RULES unless a test narrows them. */
  rules?: readonly AlertRule[];
}

/** How many keys the engine remembers having raised, to skip a redelivered event's alerts without asking the store. */
const REMEMBERED_KEYS = 10_000;

export class RuleEngine {
  private readonly rules: readonly AlertRule[];
  private consumer: Consumer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private passing: Promise<number> | null = null;
  private readonly raised = new Set<string>();

  constructor(private readonly options: RuleEngineOptions) {
    this.rules = options.rules ?? rulesEvaluatedBy(options.owner);
    for (const rule of this.rules) {
      if (rule.evaluatedBy !== options.owner) throw new Error(`rule ${rule.id} is evaluated by ${rule.evaluatedBy}, not ${options.owner}`);
      const hasEvent = options.evaluators.events.has(rule.id);
      const hasPass = options.evaluators.passes?.has(rule.id) ?? false;
      if (rule.trigger === 'schedule' ? !hasPass : !hasEvent) throw new Error(`the ${options.owner} evaluators have nothing for rule ${rule.id}`);
    }
  }

  /** The event types the owner's rules are triggered by. */
  get triggers(): EventType[] {
    return [...new Set(this.rules.flatMap((rule) => (rule.trigger === 'schedule' ? [] : [rule.trigger])))];
  }

  /** Subscribes to the triggers and starts the passes. */
  async start(): Promise<void> {
    const triggers = this.triggers;
    if (triggers.length > 0) this.consumer = await this.options.transport.consumeEvents(`rules-${this.options.owner}`, triggers, (event) => this.handle(event).then(() => undefined));
    if (this.options.passIntervalMs > 0 && this.options.evaluators.passes && this.options.evaluators.passes.size > 0) {
      this.timer = setInterval(() => {
        this.runPasses().catch((error: unknown) => this.options.logger.error({ err: error, owner: this.options.owner }, 'an alert rules pass failed; the next pass tries again'));
      }, this.options.passIntervalMs);
      this.timer.unref();
    }
  }

  /**
   * Runs every rule the event triggers and hands their alerts on. Throws when
   * a rule or the transport fails, so the event is delivered again; rules
   * that had already raised raise the same keys, which the store ignores.
   */
  async handle(event: DomainEvent): Promise<NewAlert[]> {
    const raised: NewAlert[] = [];
    for (const rule of this.rules) {
      if (rule.trigger !== event.type) continue;
      const evaluate = this.options.evaluators.events.get(rule.id);
      if (!evaluate) continue;
      for (const alert of await evaluate(event, rule)) {
        if (this.raised.has(alert.key)) continue;
        await this.raise(alert);
        raised.push(alert);
      }
    }
    return raised;
  }

  /** Runs every pass once, as of `now`; a pass already running is waited for rather than run twice at once. */
  async runPasses(now: Date = new Date()): Promise<number> {
    if (this.passing) return this.passing;
    this.passing = (async () => {
      let count = 0;
      for (const rule of this.rules) {
        const pass = this.options.evaluators.passes?.get(rule.id);
        if (pass) count += await pass(rule, now, (alert) => this.raise(alert));
      }
      return count;
    })();
    try {
      return await this.passing;
    } finally {
      this.passing = null;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.consumer?.stop();
    this.consumer = null;
    await this.passing?.catch(() => undefined);
  }

  private async raise(alert: NewAlert): Promise<void> {
    await this.options.transport.publishAlert(alert);
    if (this.raised.size >= REMEMBERED_KEYS) this.raised.clear();
    this.raised.add(alert.key);
  }
}

/** The key of an alert about an event: the same rule over the same event is always the same alert. */
export function eventKey(rule: AlertRule, event: DomainEvent): string {
  return `${rule.id}:${event.id}`;
}
