import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import secureJson from 'secure-json-parse';
import {
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Checks on the shape of an HTTP request that come before GraphQL sees it.
 * A refusal is the whole answer: its status, its code (BAD_REQUEST unless
 * said), and a message naming what was wrong.
 */
export interface Refusal {
  status: number;
  message: string;
  code?: string;
  /** More for `extensions`, e.g. which limit was broken. */
  extensions?: Record<string, unknown>;
  /** Where in the document, for a parse failure. */
  locations?: readonly { line: number; column: number }[];
}

/** Keys that would reach an object's prototype if some code merged the body into another object. */
const PROTOTYPE_KEYS = { protoAction: 'error', constructorAction: 'error' } as const;

const prototypeKeyRefusal = (where: string): Refusal => ({
  status: 400,
  message: `${where} holds a "__proto__" key, or a "constructor" key holding "prototype"; no GraphQL name can be either, so such a request is refused`,
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only ever asked of an object or an array: scan reads properties of whatever it is given, and would fail on null for another reason. */
function holdsPrototypeKeys(value: object): boolean {
  try {
    secureJson.scan(value, PROTOTYPE_KEYS);
    return false;
  } catch (error) {
    if (error instanceof SyntaxError) return true;
    throw error;
  }
}

/** What a JSON value is, in the words a caller would use. */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

const ONE_REQUEST = 'send one GraphQL request as a JSON object: {"query": "...", "variables": {...}, "operationName": "..."}';

/**
 * The members of one request that must have a type before anything reads
 * them; null stands for absent, as the GraphQL over HTTP specification
 * requires servers to allow.
 */
function checkMembers(body: Record<string, unknown>): Refusal | undefined {
  const wrong = (member: string, expected: string) => ({
    status: 400,
    message: `"${member}" is ${jsonKind(body[member])}; it must be ${expected}, or left out`,
  });
  if (body.query != null && typeof body.query !== 'string') return wrong('query', 'a string holding the GraphQL document');
  if (body.operationName != null && typeof body.operationName !== 'string') return wrong('operationName', 'a string naming an operation of the document');
  if (body.variables != null && !isObject(body.variables)) return wrong('variables', 'a JSON object mapping variable names to values');
  if (body.extensions != null && !isObject(body.extensions)) return wrong('extensions', 'a JSON object');
  return undefined;
}

/**
 * Reads a POSTed JSON body: one GraphQL request, as a JSON object. A batch
 * (a JSON array) is refused with a message saying so, rather than Apollo's
 * terse one; so is any other value that is not an object, a member of the
 * wrong type, and a body carrying prototype keys.
 */
export function readJsonBody(text: string): { body: unknown } | { refusal: Refusal } {
  if (text === '') return { body: undefined };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { refusal: { status: 400, message: 'Request body is not valid JSON' } };
  }
  if (Array.isArray(body)) {
    return {
      refusal: {
        status: 400,
        message: 'Request body is a JSON array, a batch of operations; this endpoint takes one operation per request, as a JSON object: send each on its own',
      },
    };
  }
  if (!isObject(body)) return { refusal: { status: 400, message: `Request body is JSON ${jsonKind(body)}; ${ONE_REQUEST}` } };
  if (holdsPrototypeKeys(body)) return { refusal: prototypeKeyRefusal('Request body') };
  const wrong = checkMembers(body);
  if (wrong) return { refusal: wrong };
  return { body };
}

/** The JSON-valued parameters of a GET request get the same prototype check as a body; anything else about them is Apollo's to judge. */
export function checkQueryParameters(parameters: URLSearchParams): Refusal | undefined {
  for (const name of ['variables', 'extensions']) {
    const text = parameters.get(name);
    if (!text) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof value === 'object' && value !== null && holdsPrototypeKeys(value)) return prototypeKeyRefusal(`The ${name} parameter`);
  }
  return undefined;
}

/** How large a document the HTTP layer lets through to authentication and GraphQL. */
export interface DocumentLimits {
  /** Lexical tokens: parsing stops there. */
  maxTokens: number;
  /** Nesting of fields in the operation to run, fragments flattened. */
  maxDepth: number;
}

/** The parsed document and the one operation of it the request runs. */
export interface ResolvedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** The depth rule reads only the document; validation wants some schema to walk beside it. */
const SHAPE_ONLY_SCHEMA = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { _: { type: GraphQLString } } }) });

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;

const operationResolutionFailure = (message: string): Refusal => ({ status: 400, code: 'OPERATION_RESOLUTION_FAILURE', message });

function describeOperations(operations: readonly OperationDefinitionNode[]): string {
  const names = operations.slice(0, 10).map((o) => (o.name ? o.name.value : `an anonymous ${o.operation}`));
  return operations.length > 10 ? `${names.join(', ')} and ${operations.length - 10} more` : names.join(', ');
}

/**
 * The operation of a document a request runs, by graphql-js's rule (the one
 * named, or the only one), or a refusal naming why there is none to run; a
 * subscription is refused too, as the hub serves none.
 */
export function pickOperation(document: DocumentNode, operationName: string | null | undefined): { operation: OperationDefinitionNode } | { refusal: Refusal } {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) return { refusal: operationResolutionFailure('The document holds no operation: send a query or a mutation') };
  let operation: OperationDefinitionNode | undefined;
  if (!operationName) {
    if (operations.length > 1) {
      return {
        refusal: operationResolutionFailure(
          `The document holds ${operations.length} operations (${describeOperations(operations)}) and no operationName says which to run: name the one to run in operationName`,
        ),
      };
    }
    operation = operations[0];
  } else {
    operation = operations.find((o) => o.name?.value === operationName);
    if (!operation) {
      const named = GRAPHQL_NAME.test(operationName) ? `no operation named "${operationName}"` : 'no operation of the name given in operationName, which is not a GraphQL name';
      return { refusal: operationResolutionFailure(`The document holds ${named}; it holds ${describeOperations(operations)}`) };
    }
  }
  if (!operation) return { refusal: operationResolutionFailure('The document holds no operation: send a query or a mutation') };
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
    return {
      refusal: operationResolutionFailure(
        'This hub has no subscriptions: send a query or a mutation',
      ),
    };
  }
  return { operation };
}

/**
 * Parses the document once, with the token limit, picks the operation the
 * request runs and measures its depth: all of it cheap, none of it needing
 * to know who the caller is, so an oversized or ambiguous document is
 * refused before any token is verified or any budget spent. The codes are
 * Apollo Server's for the same mistakes.
 */
export function resolveOperation(query: string, operationName: string | null | undefined, limits: DocumentLimits): { resolved: ResolvedOperation } | { refusal: Refusal } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    // graphql-js words it "more that N tokens" behind "Syntax Error"; a caller should read which limit it hit.
    if (/^Syntax Error: Document contains more th.. \d+ tokens/.test(error.message)) {
      return {
        refusal: {
          status: 400,
          code: 'GRAPHQL_PARSE_FAILED',
          message: `The document holds more than ${limits.maxTokens} tokens, the limit here; parsing stopped there`,
          extensions: { limit: 'maxTokens', max: limits.maxTokens },
        },
      };
    }
    return { refusal: { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: error.message, ...(error.locations ? { locations: error.locations } : {}) } };
  }
  const picked = pickOperation(document, operationName);
  if ('refusal' in picked) return picked;
  const { operation } = picked;
  const executed: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  let tooDeep: Refusal | undefined;
  validate(SHAPE_ONLY_SCHEMA, executed, [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        (_context, error) => {
          tooDeep ??= {
            status: 400,
            code: 'BAD_USER_INPUT',
            // Armor prefixes "Syntax Error", which would send a caller looking for a typo.
            message: error.message.replace(/^Syntax Error: /, ''),
            extensions: { limit: 'maxDepth', max: limits.maxDepth },
          };
        },
      ],
    }),
  ]);
  if (tooDeep) return { refusal: tooDeep };
  return { resolved: { document, operation } };
}
