import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * The request id of the request being served, wherever in its handling a line
 * is logged: a line about a request an operator cannot tie to the request is
 * no use, and not every logger on the path (Apollo's, a library's) is handed
 * a child logger carrying it.
 */
const requestScope = new AsyncLocalStorage<string>();

/** From here on, in this call and everything it starts, log lines carry `requestId`. */
export function enterRequestScope(requestId: string): void {
  requestScope.enterWith(requestId);
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore();
}

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      name,
      level,
      // Personal data must never reach the logs through request headers.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.idNumber', '*.phone'], censor: '[redacted]' },
      mixin: () => {
        const requestId = requestScope.getStore();
        return requestId === undefined ? {} : { requestId };
      },
    },
    destination,
  );
}
