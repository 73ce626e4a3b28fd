import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnreachable } from '../../../platform/errors.js';
import { createLogger } from '../../../platform/logger.js';

const format = createErrorFormatter(createLogger('test', 'silent'));

/** An error as drizzle throws it: its own, with the driver's as the cause. */
const wrapped = (cause: Error) => new Error('Failed query: select "id" from "persons"', { cause });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** An error the server sent, as the driver reads it: its SQLSTATE and severity. */
const fromServer = (message: string, code: string, severity: string) => Object.assign(new Error(message), { code, severity });

describe('telling a database that cannot be reached from a query that failed', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection cut while in use', new Error('Connection terminated unexpectedly')],
    ['a connect that timed out', new Error('timeout exceeded when trying to connect')],
    ['a server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a database not accepting connections (FATAL 55000)', fromServer('database "hub_police" is not currently accepting connections', '55000', 'FATAL')],
    ['a database the user may not connect to (FATAL 42501)', fromServer('permission denied for database "hub_police"', '42501', 'FATAL')],
    ['a database that does not exist (FATAL 3D000)', fromServer('database "hub_police" does not exist', '3D000', 'FATAL')],
    ['a failed login (FATAL 28P01)', fromServer('password authentication failed for user "police"', '28P01', 'FATAL')],
  ])('counts %s, wrapped by the query builder, as unreachable', (_, cause) => {
    expect(isDatabaseUnreachable(wrapped(cause))).toBe(true);
  });

  it.each([
    ['a missing relation (42P01)', withCode('relation "persons" does not exist', '42P01')],
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a statement refused for want of a privilege (ERROR 42501)', fromServer('permission denied for table persons', '42501', 'ERROR')],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
  ])('does not count %s as unreachable', (_, cause) => {
    expect(isDatabaseUnreachable(wrapped(cause))).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE with a generic message for an unreachable database, keeping the path and hiding the cause', () => {
    const cause = wrapped(withCode('connect ECONNREFUSED db-police.internal:5432', 'ECONNREFUSED'));
    const formatted = format({ message: cause.message, path: ['person', 'residence'], extensions: { stacktrace: ['at pool.js:1'] } }, new GraphQLError(cause.message, { originalError: cause }));
    expect(formatted).toEqual({ message: DATABASE_UNAVAILABLE_MESSAGE, path: ['person', 'residence'], extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });
});
