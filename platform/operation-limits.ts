import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  GraphQLError,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
  validate,
} from 'graphql';
import { pickOperation, type DocumentLimits } from './request-guards.js';
import { DEFAULT_PAGE_SIZE, isPageSize, MAX_PAGE_SIZE, PAGE_SIZE_RULE } from './connection.js';

/**
 * How large an operation the gateway runs; each subgraph applies a looser
 * bound derived from the same numbers (subgraphDocumentLimits), which is why
 * they live here, below both. Every check happens after the operation is
 * parsed and validated and before anything is planned or executed, so a
 * refused operation reaches no subgraph and stores nothing.
 */
export interface OperationLimits {
  /** Nesting of fields, fragments flattened. */
  maxDepth: number;
  /** Aliased fields, `__typename` included: aliases turn one request into many lookups. */
  maxAliases: number;
  /** Directives anywhere in the operation. */
  maxDirectives: number;
  /** Lexical tokens of the document, counted while parsing. */
  maxTokens: number;
  /** graphql-armor's cost, with every list counted at the page size it will be served at. */
  maxCost: number;
}

/**
 * Fitted to the hub's own queries. Its deepest (a page of 100 residents with
 * their tenancies' houses and their employers, bench/hub-load.ts) is 8 levels
 * deep and costs 338,872 with nested lists at their default page size of 20;
 * a page of 100 full dossiers costs 611,909; one dossier is 6 deep and costs
 * under 3,000. Two more levels allow one more hop through a related record but
 * not a walk round the schema's person-house-person cycle, and the cost stops
 * 100 residents with 100 tenancies each (1,346,731): page through those.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 1_000,
  maxCost: 1_000_000,
};

/** What each refusal names in `extensions.limit`; the same names as the settings. */
type LimitName = keyof OperationLimits;

/** A caller's operation is too large: HTTP 400, nothing executed. */
function refusal(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } } });
}

const isConnectionField = (field: GraphQLField<unknown, unknown> | null | undefined): boolean =>
  !!field && getNamedType(field.type).name.endsWith('Connection') && field.args.some((arg) => arg.name === 'first');

const firstArgument = (size: number): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: 'first' },
  value: { kind: Kind.INT, value: String(size) },
});

/**
 * The operation as it will be served: every connection field carries the
 * page size it will be answered with (its `first`, from a literal or a
 * variable, or the default page size), so the cost counts what the hub would
 * fetch rather than what the text happens to spell out. A `first` outside
 * 0..MAX_PAGE_SIZE is refused here, naming `first`, as the subgraph would.
 */
export function withServedPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
): { document: DocumentNode; problem?: GraphQLError } {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const defaults = new Map(
    (operation?.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue ? valueFromASTUntyped(d.defaultValue) : undefined]),
  );
  const requestedSize = (argument: ArgumentNode | undefined): unknown => {
    if (!argument) return undefined;
    if (argument.value.kind !== Kind.VARIABLE) return valueFromASTUntyped(argument.value);
    const name = argument.value.name.value;
    return Object.hasOwn(variables, name) ? variables[name] : defaults.get(name);
  };
  let problem: GraphQLError | undefined;
  const typeInfo = new TypeInfo(schema);
  const served = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        if (!isConnectionField(typeInfo.getFieldDef())) return undefined;
        const argument = node.arguments?.find((a) => a.name.value === 'first');
        const requested = requestedSize(argument);
        let size = DEFAULT_PAGE_SIZE;
        if (typeof requested === 'number') {
          if (!isPageSize(requested)) problem ??= refusal(`first: ${PAGE_SIZE_RULE}`, { field: 'first' });
          size = Math.min(Math.max(requested, 0), MAX_PAGE_SIZE);
        } else if (requested !== undefined && requested !== null) {
          // Not a number at all: variable coercion refuses it before execution; until then, count the largest page.
          size = MAX_PAGE_SIZE;
        }
        return { ...node, arguments: [...(node.arguments ?? []).filter((a) => a !== argument), firstArgument(Math.trunc(size))] };
      },
    }),
  );
  return { document: served, ...(problem ? { problem } : {}) };
}

/** Armor's message without the "Syntax Error" it prefixes to every refusal, which would send a caller looking for a typo. */
const armorMessage = (error: GraphQLError): string => error.message.replace(/^Syntax Error: /, '');

/**
 * graphql-armor's rules, reporting through the validation context instead of
 * throwing (a throw from a rule would escape graphql-js's validate), each
 * refusal tagged with the limit it broke.
 */
function armorRules(limits: OperationLimits, refused: (limit: LimitName, message: string) => void): ValidationRule[] {
  const report = (limit: LimitName) => ({
    propagateOnRejection: false,
    onReject: [(_context: ValidationContext | null, error: GraphQLError) => refused(limit, armorMessage(error))],
  });
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...report('maxDepth') }),
    // An empty allow-list: 500 aliases of __typename cost a parse and a response of their own.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...report('maxAliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report('maxDirectives') }),
    costLimitRule({ maxCost: limits.maxCost, flattenFragments: true, ...report('maxCost') }),
  ];
}

/** The executed operation and the fragments it may use: another operation in the same document is not run. */
function executedPart(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  return { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
}

/** The first limit an operation breaks, as the error to answer with, or undefined when it is within all of them. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: OperationLimits,
): GraphQLError | undefined {
  const served = withServedPageSizes(schema, executedPart(document, operation), variables);
  if (served.problem) return served.problem;
  let first: GraphQLError | undefined;
  validate(schema, served.document, armorRules(limits, (limit, message) => {
    first ??= refusal(message, { limit, max: limits[limit] });
  }));
  return first;
}

/** Depth, aliases, directives and cost of an operation as the limits see them (for calibrating the limits). */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
): Record<Exclude<LimitName, 'maxTokens'>, number> {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('the document holds no operation');
  const served = withServedPageSizes(schema, executedPart(document, operation), variables).document;
  const measured = { maxDepth: 0, maxAliases: 0, maxDirectives: 0, maxCost: 0 };
  const accept = (limit: keyof typeof measured) => ({ onAccept: [(_c: unknown, { n }: { n: number }) => void (measured[limit] = n)] });
  const unbounded = Number.MAX_SAFE_INTEGER;
  validate(schema, served, [
    maxDepthRule({ n: unbounded, flattenFragments: true, ...accept('maxDepth') }),
    maxAliasesRule({ n: unbounded, allowList: [], ...accept('maxAliases') }),
    maxDirectivesRule({ n: unbounded, ...accept('maxDirectives') }),
    costLimitRule({ maxCost: unbounded, flattenFragments: true, ...accept('maxCost') }),
  ]);
  return measured;
}

/**
 * The Apollo Server settings that enforce the limits. Tokens and depth are
 * judged first by the HTTP layer, before the caller is authenticated
 * (platform/request-guards.ts); Apollo's parser keeps the token limit as
 * well, and a plugin checks the rest once the operation and its variables
 * are known, before the gateway plans anything. Armor's rules run there rather than among Apollo's
 * validation rules because validation sees no variables (a `first: $n`
 * would escape the cost) and Apollo files every validation error under
 * GRAPHQL_VALIDATION_FAILED, where a caller could not tell a limit from a typo.
 */
export function operationLimits(limits: OperationLimits = DEFAULT_OPERATION_LIMITS): {
  parseOptions: { maxTokens: number };
  plugin: ApolloServerPlugin<BaseContext>;
} {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, operation, request }) {
            // The HTTP layer resolved the operation already, but a persisted query's hash arrives without its document, and the gateway would answer an operation it cannot find with a 500.
            const picked = pickOperation(document, request.operationName);
            if ('refusal' in picked) {
              throw new GraphQLError(picked.refusal.message, { extensions: { code: picked.refusal.code, http: { status: picked.refusal.status } } });
            }
            if (!operation) return;
            const problem = checkOperation(schema, document, operation, request.variables ?? {}, limits);
            if (problem) throw problem;
          },
        };
      },
    },
  };
}

/**
 * A subgraph's own, looser bound, for when something other than this gateway
 * (Apollo Router, say) fronts it: the queries the gateway plans are longer
 * than the caller's (keys, `__typename`) and an entity fetch starts a level
 * lower, so twice the gateway's depth and tokens never refuses a plan the
 * gateway accepted, and still stops a pathological document.
 */
export function subgraphDocumentLimits(limits: Pick<OperationLimits, 'maxDepth' | 'maxTokens'> = DEFAULT_OPERATION_LIMITS): DocumentLimits {
  return { maxTokens: limits.maxTokens * 2, maxDepth: limits.maxDepth * 2 };
}

/** The subgraph's bounds again inside Apollo Server, for an operation that reaches it other than over HTTP. */
export function subgraphOperationLimits(limits: Pick<OperationLimits, 'maxDepth' | 'maxTokens'> = DEFAULT_OPERATION_LIMITS): {
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
} {
  return {
    parseOptions: { maxTokens: limits.maxTokens * 2 },
    validationRules: [
      maxDepthRule({
        n: limits.maxDepth * 2,
        flattenFragments: true,
        propagateOnRejection: false,
        onReject: [(context, error) => context?.reportError(new GraphQLError(armorMessage(error)))],
      }),
    ],
  };
}
