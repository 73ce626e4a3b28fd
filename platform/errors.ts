import { GraphQLError, Kind, parse, type ASTNode, type DocumentNode, type GraphQLFormattedError, type ValueNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger.js';

/**
 * Error codes a caller can act on. Anything else is an internal failure and is
 * shown to the caller only as INTERNAL_SERVER_ERROR, never with its cause.
 */
export const PUBLIC_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SUBGRAPH_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** A caller's input was wrong; `field` names the argument path, e.g. `input.idNumber`. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** What a caller can be told is wrong with one field of a write. */
export type ProblemCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

export interface FieldProblem {
  /** The argument path, e.g. `input.tenantId`. */
  field: string;
  /** BAD_USER_INPUT: the caller can fix the value; NOT_FOUND: it names a record that does not exist; CONFLICT: it clashes with records that do. */
  code: ProblemCode;
  /** What is wrong, in words, without the field's name. */
  message: string;
}

/**
 * A write refused for every problem found at once. It travels as one error
 * (a resolver throws one); the server's problems plugin (fieldProblemsPlugin)
 * answers with one error per problem, each with its own code and field.
 */
export function recordRefused(problems: readonly FieldProblem[]): GraphQLError {
  const [first, ...rest] = problems;
  if (!first) throw new Error('a write is refused for at least one problem');
  if (rest.length === 0) return new GraphQLError(`${first.field}: ${first.message}`, { extensions: { code: first.code, field: first.field } });
  return new GraphQLError(`${first.field}: ${first.message} (and ${rest.length} more)`, {
    extensions: { code: first.code, field: first.field, problems: problems.map((p) => ({ ...p })) },
  });
}

/** Each problem of a write, collected so the caller hears of all of them in one answer. */
export class FieldProblems {
  private readonly found: FieldProblem[] = [];

  add(field: string, code: ProblemCode, message: string): void {
    // One problem per field and code: the first says it, a second says it again.
    if (!this.found.some((p) => p.field === field && p.code === code)) this.found.push({ field, code, message });
  }

  /** Whether a field already has a problem, so rules that need it valid can skip it. */
  has(field: string): boolean {
    return this.found.some((p) => p.field === field);
  }

  get size(): number {
    return this.found.length;
  }

  get list(): readonly FieldProblem[] {
    return this.found;
  }

  /** Throws every problem found, if there is one. */
  throwIfAny(): void {
    if (this.found.length > 0) throw recordRefused(this.found);
  }
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} was not found`, { extensions: { code: 'NOT_FOUND' } });
}

/**
 * The audit store did not take the record of an access, so the data is not
 * handed out (fail closed). The caller learns that and nothing else: the
 * cause is in the writer's log.
 */
export function accessNotRecorded(): GraphQLError {
  return new GraphQLError('The access could not be recorded, so no data was returned', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

export function conflict(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...(field ? { field } : {}) } });
}

/** What a caller reads when a department's database cannot be reached: its part is missing, and it may retry. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The department's records cannot be reached right now; try again shortly";

/** Socket failures of a database connection, as Node names them. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server going away or refusing connections: class 08
 * (connection exception), shutdown and start-up (57P01–57P03), too many
 * connections (53300).
 */
const isConnectionSqlState = (code: string): boolean => code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);

/** pg's own words for a connection that was cut or never made. */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|connect ECONNREFUSED/;

/**
 * The server's severities that end the session: a database that refuses a
 * connection (not accepting connections, no such database, CONNECT not
 * granted, authentication failed) says so at FATAL whatever its SQLSTATE, and
 * so does one that drops a connection it had.
 */
const SESSION_ENDING_SEVERITIES = new Set(['FATAL', 'PANIC']);

/**
 * True when an error, or anything in its chain of causes (drizzle wraps the
 * driver's error), says the database could not be reached, refused the
 * connection or dropped it — as opposed to a query that failed on its own merits.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || isConnectionSqlState(code))) return true;
    const severity = (current as { severity?: unknown }).severity;
    if (typeof severity === 'string' && SESSION_ENDING_SEVERITIES.has(severity)) return true;
    if (CONNECTION_MESSAGES.test(current.message)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnreachable(inner))) return true;
  }
  return false;
}

/**
 * Formats every error leaving a server: known codes keep their message,
 * anything else is logged with its cause and replaced by a generic message
 * so no SQL, host name, file path or stack trace reaches the caller.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    if (code === 'GRAPHQL_VALIDATION_FAILED') {
      const field = fieldOfLiteralError(error);
      // A value written in the document is as much the caller's input as a variable's: same code, same naming.
      if (field) return { ...formatted, message: `${field}: ${withoutSuggestions(formatted.message)}`, extensions: { code: 'BAD_USER_INPUT', field } };
    }
    if (code && PUBLIC_ERROR_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      if (code === 'BAD_USER_INPUT' && extensions.field === undefined) {
        const field = fieldOfCoercionError(formatted.message);
        if (field) extensions.field = field;
      }
      return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    }
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const replaced = (message: string, replacement: string): GraphQLFormattedError => ({
      message,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: replacement },
    });
    if (isDatabaseUnreachable(original)) {
      logger.error({ err: original, path: formatted.path }, 'the database could not be reached while resolving');
      return replaced(DATABASE_UNAVAILABLE_MESSAGE, 'SERVICE_UNAVAILABLE');
    }
    logger.error({ err: original, path: formatted.path, code }, 'internal error while resolving');
    return replaced('Internal server error', 'INTERNAL_SERVER_ERROR');
  };
}

/**
 * GraphQL rejects a malformed variable (a bad enum, a non-date) before any
 * resolver runs; its message names the path, which becomes `field` so every
 * input error can be handled the same way.
 */
export function fieldOfCoercionError(message: string): string | undefined {
  const match = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" (?:got invalid value[^]*?(?: at "([^"]+)")?;|of (?:required|non-null) type .* was not provided\.)/.exec(message);
  if (!match) return undefined;
  return match[2] ?? match[1];
}

/**
 * graphql-js answers a misspelt field with "Did you mean …?", naming fields
 * the caller may not be allowed to see. The hint goes; the error stays.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '').trim();
}

/** `Field "Type.name" of required type "T!" was not provided.`: the missing field, below the object reported. */
const MISSING_FIELD = /^Field "[^".]+\.([A-Za-z_][A-Za-z0-9_]*)" of required type /;

/**
 * The argument path of a value written in the document that validation
 * refused (a bad enum, a non-date, a string where a number goes), printed as
 * GraphQL prints variable paths: `input.agreements[0].messageType`. Validation
 * errors carry only the offending node and the document's text, so the path
 * is found by walking the document to that node. Anything not inside an
 * argument's value (an unknown field, a misused variable) gives undefined.
 */
export function fieldOfLiteralError(error: unknown): string | undefined {
  const { nodes, source } = (error ?? {}) as { nodes?: readonly ASTNode[]; source?: { body?: unknown } };
  const target = nodes?.[0];
  const body = source?.body ?? target?.loc?.source.body;
  if (!target?.loc || typeof body !== 'string') return undefined;
  let document: DocumentNode;
  try {
    document = parse(body);
  } catch {
    return undefined;
  }
  const start = target.loc.start;
  let found: string | undefined;
  const walkValue = (value: ValueNode, path: string): void => {
    if (found !== undefined) return;
    if (value.loc?.start === start && value.kind === target.kind) {
      found = path;
      return;
    }
    if (value.kind === Kind.LIST) value.values.forEach((item, index) => walkValue(item, `${path}[${index}]`));
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        if (field.loc?.start === start && target.kind === Kind.OBJECT_FIELD) {
          found = `${path}.${field.name.value}`;
          return;
        }
        walkValue(field.value, `${path}.${field.name.value}`);
      }
    }
  };
  const walk = (node: unknown): void => {
    if (found !== undefined || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const astNode = node as ASTNode;
    if (astNode.kind === Kind.ARGUMENT) return walkValue(astNode.value, astNode.name.value);
    // Default values of variables are the operation's own, not arguments; everything else may hold arguments.
    if (astNode.kind === Kind.VARIABLE_DEFINITION) return;
    for (const [key, child] of Object.entries(astNode)) if (key !== 'loc') walk(child);
  };
  walk(document);
  if (found === undefined) return undefined;
  const message = (error as { message?: unknown }).message;
  const missing = typeof message === 'string' ? MISSING_FIELD.exec(message) : null;
  return missing && target.kind === Kind.OBJECT ? `${found}.${missing[1]}` : found;
}

const PROBLEM_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']);

/** The problems a formatted error carries (recordRefused), when it carries well-formed ones. */
function problemsOf(error: GraphQLFormattedError): FieldProblem[] | null {
  const problems = error.extensions?.problems;
  if (!Array.isArray(problems)) return null;
  const valid = problems.filter(
    (p): p is FieldProblem =>
      typeof p === 'object' && p !== null && typeof (p as FieldProblem).field === 'string' && typeof (p as FieldProblem).message === 'string' && PROBLEM_CODES.has((p as FieldProblem).code),
  );
  return valid.length === problems.length && valid.length > 0 ? valid : null;
}

/**
 * Answers a write refused for several problems with one error per problem,
 * each at the mutation's path with its own `code` and `field`, so a caller
 * (or a form) handles every field's error the same way, all at once.
 */
export function fieldProblemsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some((error) => problemsOf(error) !== null)) return;
          result.errors = result.errors.flatMap((error) => {
            const problems = problemsOf(error);
            if (!problems) return [error];
            return problems.map((problem) => ({
              message: `${problem.field}: ${problem.message}`,
              ...(error.locations ? { locations: error.locations } : {}),
              ...(error.path ? { path: error.path } : {}),
              extensions: { code: problem.code, field: problem.field },
            }));
          });
        },
      };
    },
  };
}
