import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from './logger.js';
import type { MetricsText } from './metrics.js';

/**
 * One `/metrics` for a cluster of gateway workers sharing a port: whichever
 * worker takes the scrape asks the primary, which gathers every worker's
 * registry (prom-client's AggregatorRegistry) and answers with all of them,
 * each series labelled with the worker's slot. Without it a scrape would show
 * one worker's counters, a different one each time.
 */

const ASK = 'hub:cluster-metrics';
const ANSWER = 'hub:cluster-metrics-answer';
/** The variable the primary gives each worker its place in: 0, 1, … */
export const WORKER_SLOT_VARIABLE = 'GATEWAY_WORKER_SLOT';

interface Ask {
  type: typeof ASK;
  id: number;
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  metrics?: MetricsText;
}

const isAsk = (message: unknown): message is Ask => typeof message === 'object' && message !== null && (message as { type?: unknown }).type === ASK;
const isAnswer = (message: unknown): message is Answer => typeof message === 'object' && message !== null && (message as { type?: unknown }).type === ANSWER;

/** In the primary: gathers every worker's metrics for the worker that asks. */
export function answerClusterMetrics(logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isAsk(message)) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: ANSWER, id: message.id, metrics: { contentType: aggregator.contentType, body } } satisfies Answer),
      (error: unknown) => {
        logger.warn({ err: error }, "the workers' metrics could not be gathered: the asking worker answers with its own");
        worker.send({ type: ANSWER, id: message.id } satisfies Answer);
      },
    );
  });
}

/**
 * In a worker: `registry` is what it gives the primary, labelled with its
 * slot; returns what its `/metrics` answers — every worker's, or its own when
 * the primary does not answer within `timeoutMs`.
 */
export function clusterMetricsOf(registry: Registry, slot: string, timeoutMs = 5_000): () => Promise<MetricsText> {
  registry.setDefaultLabels({ worker: slot });
  AggregatorRegistry.setRegistries([registry]);
  // Made for its side effect: a worker answers the primary's requests for its metrics once one exists.
  new AggregatorRegistry();
  const own = async (): Promise<MetricsText> => ({ contentType: registry.contentType, body: await registry.metrics() });
  let next = 0;
  const waiting = new Map<number, (metrics: MetricsText | undefined) => void>();
  process.on('message', (message: unknown) => {
    if (!isAnswer(message)) return;
    waiting.get(message.id)?.(message.metrics);
    waiting.delete(message.id);
  });
  return async () => {
    const id = next++;
    const gathered = await new Promise<MetricsText | undefined>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      waiting.set(id, (metrics) => {
        clearTimeout(timer);
        resolve(metrics);
      });
      process.send?.({ type: ASK, id } satisfies Ask);
    });
    return gathered ?? own();
  };
}
