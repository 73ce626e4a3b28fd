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

/**
 * Keys whose values are residents' data, or may carry it (a statement's
 * parameters, a request's variables, a body), wherever they sit in a line.
 * pino's own top-level `name` is the logger's name, so a resident's name is
 * censored one or two levels down (`person.name`), which is where it is found.
 */
export const PERSONAL_LOG_FIELDS = [
  'idNumber',
  'name',
  'phone',
  'address',
  'householdAddress',
  'residenceAddress',
  'destinationAddress',
  'ownerName',
  'landlordName',
  'birthDate',
  'payload',
  'params',
  'variables',
  'body',
] as const;

const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'req.headers.cookie',
  'headers.cookie',
  ...PERSONAL_LOG_FIELDS.flatMap((field) => [...(field === 'name' ? [] : [field]), `*.${field}`, `*.*.${field}`, `*[*].${field}`]),
];

/** SQLSTATE classes, for a message the hub chooses instead of the server's, which may quote a value. */
const SQLSTATE_CLASSES: Readonly<Record<string, string>> = {
  '08': 'the database connection failed',
  '22': 'the database refused a value in the statement',
  '23': 'the statement broke an integrity constraint',
  '25': 'the statement was not allowed in the transaction\'s state',
  '28': 'the database refused the credentials',
  '40': 'the transaction was rolled back',
  '42': 'the statement does not fit the schema or the role\'s privileges',
  '53': 'the database ran out of a resource',
  '54': 'the statement exceeded a database limit',
  '57': 'the database cancelled the statement or is shutting down',
  '58': 'the database hit a system error',
  'XX': 'the database hit an internal error',
};

type ErrorLike = Error & Record<string, unknown>;

/** A server-side database error (pg's or PGlite's): a five-character SQLSTATE and the server's severity. */
const isDatabaseError = (error: ErrorLike): boolean =>
  typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && (typeof error.severity === 'string' || error.name === 'DatabaseError');

/** drizzle's wrapper, which puts the statement and every parameter in its message. */
const isQueryError = (error: ErrorLike): boolean => typeof error.query === 'string' && 'params' in error;

/** The kind of statement and the tables it names; identifiers only, never a value. */
function statementSummary(query: string): { verb: string; tables: string[] } {
  const verb = /^\s*([A-Za-z]+)/.exec(query)?.[1]?.toLowerCase() ?? 'unknown';
  const tables = [...new Set([...query.matchAll(/\b(?:from|into|update|join)\s+"([A-Za-z0-9_]+)"/gi)].flatMap((match) => match[1] ?? []))];
  return { verb, tables };
}

/** Stack frames without the first line, which repeats the message. */
const framesOf = (stack: unknown): string | undefined =>
  typeof stack === 'string' ? stack.split('\n').filter((line) => line.startsWith('    at ')).join('\n') : undefined;

/**
 * How an error is written to the log. A database error and drizzle's
 * wrapper of it carry the statement, its parameters (a resident's identity
 * number, name, address...) and the server's detail, which quotes values:
 * only the SQLSTATE, the schema objects named (table, column, constraint), the
 * kind of statement and a message chosen here are kept. Other errors keep
 * their message and code; every error keeps its stack frames and its chain of
 * causes, each written the same way.
 */
export function loggableError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const error = value as ErrorLike;
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name };
  // PGlite's own error is both: a server error that also carries the statement and its parameters.
  if (isDatabaseError(error)) {
    const code = error.code as string;
    out.message = SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'the database refused the statement';
    out.sqlState = code;
    for (const key of ['schema', 'table', 'column', 'constraint', 'dataType'] as const) {
      if (typeof error[key] === 'string') out[key] = error[key];
    }
    if (isQueryError(error)) out.statement = statementSummary(error.query as string);
  } else if (isQueryError(error)) {
    out.message = 'a database statement failed';
    out.statement = statementSummary(error.query as string);
  } else {
    out.message = error.message;
    if (typeof error.code === 'string' || typeof error.code === 'number') out.code = error.code;
    const extensions = error.extensions as { code?: unknown } | undefined;
    if (typeof extensions?.code === 'string') out.extensionsCode = extensions.code;
  }
  const frames = framesOf(error.stack);
  if (frames) out.stack = frames;
  if (depth < 5) {
    const cause = error.cause ?? (error.originalError instanceof Error && error.originalError !== error ? error.originalError : undefined);
    if (cause !== undefined) out.cause = loggableError(cause, depth + 1);
    if (error instanceof AggregateError) out.errors = error.errors.slice(0, 5).map((inner: unknown) => loggableError(inner, depth + 1));
  }
  return out;
}

/** How this process logs unless a logger is told otherwise; its entry point sets it once, from the configuration. */
const processLogging: { level: string; destination: DestinationStream | undefined } = { level: 'info', destination: undefined };

/**
 * Sets the level and destination of every logger made from now on without
 * its own, including those made inside libraries of the hub (the database
 * pools'). `npm start` sends them to stderr, keeping stdout for its progress
 * and banner.
 */
export function configureLogging(settings: { level?: string | undefined; destination?: DestinationStream }): void {
  if (settings.level !== undefined) processLogging.level = settings.level;
  if (settings.destination !== undefined) processLogging.destination = settings.destination;
}

export function createLogger(name: string, level: string = processLogging.level, destination: DestinationStream | undefined = processLogging.destination): Logger {
  return pino(
    {
      name,
      level,
      // pino's default base adds the host name to every line; a shipped log must not map the deployment.
      base: { pid: process.pid },
      // Personal data must never reach the logs: not through request headers, a logged object, or an error.
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: loggableError },
      mixin: () => {
        const requestId = requestScope.getStore();
        return requestId === undefined ? {} : { requestId };
      },
    },
    destination,
  );
}
