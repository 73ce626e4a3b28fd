import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work belongs to, carried across awaits, so that an
 * error logged deep inside execution (by the error formatter, which Apollo
 * hands no context) still names the request the caller was told about.
 */
const scope = new AsyncLocalStorage<string>();

export const withRequestId = <T>(requestId: string, work: () => T): T => scope.run(requestId, work);

export const currentRequestId = (): string | undefined => scope.getStore();
