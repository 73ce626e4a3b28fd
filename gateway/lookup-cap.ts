import { createRequire } from 'node:module';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLError as GraphQLErrorType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { decide } from '../auth/decide.js';
import type { RequestMeta } from '../auth/principal.js';
import type { Logger } from '../platform/logger.js';
import { checkOperation, DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../platform/operation-limits.js';
import { sharedLimiter, type SharedState } from '../platform/shared-state.js';

// The copy of graphql Apollo Server checks errors against (see auth/errors.ts).
const { GraphQLError } = createRequire(import.meta.url)('graphql') as { GraphQLError: typeof GraphQLErrorType };

/**
 * A caller who sees identity numbers masked can still test a guess: ask for
 * `personByIdNumber` with a candidate number and see whether a resident comes
 * back. The mask hides the birth date (auth/disclosure.ts), which leaves a few
 * thousand candidates for one resident — minutes of aliased look-ups. So the
 * gateway counts each look-up by a full identity number from a principal who
 * does not read the number in full, refuses those past the cap before anything
 * is executed, and the refusal is recorded for the auditors as `LOOKUP_CAP`.
 * The police, who read numbers in full, learn nothing by guessing and are not
 * counted.
 */

export interface LookupCapSettings {
  /** Look-ups by full identity number one principal may make per window. */
  lookups: number;
  windowSeconds: number;
  /**
   * Look-ups one principal's imports may make per window (DEFAULT_IMPORT_LOOKUPS
   * unless given): an import confirms the identity of every row of a legacy
   * file that names a resident by number and name, far more than anyone looks
   * up by hand, and each import is recorded with its file's digest, its rows
   * and what was refused (docs/import.md), so it is counted apart.
   */
  importLookups?: number;
}

export const DEFAULT_IMPORT_LOOKUPS = 200_000;

export const DEFAULT_LOOKUP_CAP: LookupCapSettings = { lookups: 60, windowSeconds: 3_600, importLookups: DEFAULT_IMPORT_LOOKUPS };

export function lookupCapSettingsFromEnv(env: { LOOKUP_CAP_PER_HOUR: number; IMPORT_LOOKUP_CAP_PER_HOUR: number }): LookupCapSettings {
  return { lookups: env.LOOKUP_CAP_PER_HOUR, windowSeconds: 3_600, importLookups: env.IMPORT_LOOKUP_CAP_PER_HOUR };
}

/**
 * The mutations that take a batch of an import: the check grant given to
 * them says so, and the look-ups their checks make count against the import
 * allowance. An operation holding anything else besides is not a batch.
 */
export const IMPORT_BATCH_FIELDS: ReadonlySet<string> = new Set(['importPoliceRows', 'importHousingRows', 'importLabourRows', 'importHealthRows']);

/** Whether every root field of a mutation takes a batch of an import. */
export function importBatchOnly(operation: OperationDefinitionNode | null | undefined): boolean {
  const selections = operation?.selectionSet.selections ?? [];
  return selections.length > 0 && selections.every((selection) => selection.kind === Kind.FIELD && IMPORT_BATCH_FIELDS.has(selection.name.value));
}

/** Which allowance a request's look-ups are counted against. */
export type LookupAllowance = 'interactive' | 'import';

/**
 * The arguments through which a caller names a resident by full identity
 * number, as `Type.field` → argument. An entitled service's yes or no and a
 * declarant's identity check answer as little as a look-up can, but a yes
 * still says the number is someone's: a school or a landlord sweeping
 * candidate numbers would learn who lives here, so each question is counted
 * like a look-up.
 */
export const IDENTITY_NUMBER_ARGUMENTS: ReadonlyMap<string, string> = new Map([
  ['Query.personByIdNumber', 'idNumber'],
  ['Query.residentsInPartnerCities', 'idNumber'],
  ['Query.arrivalsFromPartnerCities', 'idNumber'],
  ['Query.holdsValidResidencePermit', 'idNumber'],
  ['Query.livesInDistrict', 'idNumber'],
  ['Query.livesInGrid', 'idNumber'],
  ['Query.declaredIdentityCheck', 'idNumber'],
  // An auditor finding a resident's accesses by number learns whether the number is registered, and sees none in full.
  ['Query.auditedResident', 'idNumber'],
]);

/**
 * Lists of questions each of which names a resident by full identity number,
 * as `Type.field` → the list argument and the number's field in each item:
 * every item with a number is one look-up. A labour office asking whether a
 * worker's number and name match the register learns yes or no, and could
 * test guesses as with `personByIdNumber`; the employer's registration by
 * identity (`registerEmploymentByIdentity`) asks exactly this, once, so it
 * is counted here and only here.
 */
export const IDENTITY_NUMBER_LISTS: ReadonlyMap<string, { argument: string; field: string }> = new Map([['Query.identityChecks', { argument: 'checks', field: 'idNumber' }]]);

/**
 * Fields that take a full identity number from callers who read numbers
 * masked (or not at all), and the counted look-up through which they find
 * the person: the field itself is not counted, the look-up it makes through
 * the hub is, once. An auditor's history by identity number asks the police
 * register `auditedResident`.
 */
export const LOOKED_UP_THROUGH: ReadonlyMap<string, string> = new Map([
  ['Mutation.registerEmploymentByIdentity', 'Query.identityChecks'],
  ['Mutation.registerTenancyByIdentity', 'Query.identityChecks'],
  ['Query.residentHistory', 'Query.auditedResident'],
]);

/**
 * Mutations that take a full identity number only to keep it as it was
 * declared, looking nobody up: the answer is the same pending declaration
 * whoever the number names, so a guess tests nothing. The number is looked up
 * only when the owning department confirms the declaration, as that department
 * (docs/collection.md), through the counted check its own write makes.
 */
export const KEPT_AS_DECLARED: ReadonlySet<string> = new Set(['Mutation.submitDeclaration']);

/** What the audit trail files a refusal under, so auditors can tell guessing from an ordinary flood. */
export const LOOKUP_CAP_CODE = 'LOOKUP_CAP';

/** The field of the principal's access the cap depends on. */
const NUMBER_FIELD = 'Person.idNumber';

/** True when the principal reads identity numbers in full for this request's purpose. */
export function readsNumbersInFull(meta: RequestMeta): boolean {
  const decision = decide(meta, NUMBER_FIELD);
  return decision.allowed && decision.access === 'full';
}

const isGiven = (value: ValueNode, variables: Readonly<Record<string, unknown>>, defaults: ReadonlyMap<string, ValueNode | undefined>): boolean => {
  if (value.kind === Kind.NULL) return false;
  if (value.kind !== Kind.VARIABLE) return true;
  const name = value.name.value;
  if (Object.hasOwn(variables, name)) return variables[name] !== null && variables[name] !== undefined;
  const fallback = defaults.get(name);
  return fallback !== undefined && fallback.kind !== Kind.NULL;
};

/** The items of a list argument (written out, or a variable) that give a number in `field`. */
function numbersInList(value: ValueNode, field: string, variables: Readonly<Record<string, unknown>>): number {
  const given = (item: unknown): boolean => typeof item === 'object' && item !== null && Object.hasOwn(item, field) && (item as Record<string, unknown>)[field] != null;
  if (value.kind === Kind.VARIABLE) {
    const list = Object.hasOwn(variables, value.name.value) ? variables[value.name.value] : undefined;
    return Array.isArray(list) ? list.filter(given).length : given(list) ? 1 : 0;
  }
  const items = value.kind === Kind.LIST ? value.values : [value];
  return items.filter((item) => {
    if (item.kind === Kind.VARIABLE) return given(Object.hasOwn(variables, item.name.value) ? variables[item.name.value] : undefined);
    if (item.kind !== Kind.OBJECT) return false;
    const number = item.fields.find((f) => f.name.value === field);
    return number !== undefined && number.value.kind !== Kind.NULL && (number.value.kind !== Kind.VARIABLE || given({ [field]: variables[number.value.name.value] }));
  }).length;
}

/**
 * How many look-ups by full identity number an operation makes: every field
 * that takes one, with a number given, counted once per place it is written
 * (aliases and fragments included). A fragment spread twice at the same place
 * runs once but is counted once too; counting by the text never counts less
 * than what runs.
 */
export function countIdentityNumberLookups(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  const defaults = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]));
  // The operation to run and the fragments it may use; another operation in the document does not run.
  const executed: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  const typeInfo = new TypeInfo(schema);
  let count = 0;
  visit(
    executed,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const parent = typeInfo.getParentType();
        const coordinate = parent ? `${parent.name}.${node.name.value}` : '';
        const list = IDENTITY_NUMBER_LISTS.get(coordinate);
        if (list) {
          const argument = node.arguments?.find((a) => a.name.value === list.argument);
          if (argument) count += numbersInList(argument.value, list.field, variables);
          return;
        }
        const argumentName = IDENTITY_NUMBER_ARGUMENTS.get(coordinate);
        if (!argumentName) return;
        const argument = node.arguments?.find((a) => a.name.value === argumentName);
        if (argument && isGiven(argument.value, variables, defaults)) count += 1;
      },
    }),
  );
  return count;
}

/** HTTP 429 with Retry-After, filed as LOOKUP_CAP: the principal has used its look-ups for this window. */
export function lookupCapped(retryAfterSeconds: number, cap: LookupCapSettings): GraphQLErrorType {
  const headers = new HeaderMap();
  headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(
    `Too many look-ups by identity number from this caller (at most ${cap.lookups} per ${cap.windowSeconds} s): try again in ${retryAfterSeconds} s`,
    { extensions: { code: 'RATE_LIMITED', limit: LOOKUP_CAP_CODE, retryAfterSeconds, http: { status: 429, headers } } },
  );
}

/** The code a request's audit event is filed under: LOOKUP_CAP for a capped look-up, otherwise the error's own code. */
export function auditCodeOf(error: { extensions?: Record<string, unknown> } | undefined): string | null {
  if (error?.extensions?.limit === LOOKUP_CAP_CODE) return LOOKUP_CAP_CODE;
  return typeof error?.extensions?.code === 'string' ? error.extensions.code : null;
}

/**
 * Counts look-ups per principal (department and subject: a subject is unique
 * only within the department that issued it). In this process's memory by
 * default; pass a shared limiter to count across gateway instances.
 */
export class LookupCap {
  private readonly limiter: RateLimiterAbstract;

  private readonly importLimiter: RateLimiterAbstract;

  /** Counted in the shared state (Redis) when there is one, one cap for every gateway; else in this process's memory. */
  constructor(
    readonly settings: LookupCapSettings,
    shared?: SharedState | null,
  ) {
    this.limiter = sharedLimiter(shared, 'lookup', settings.lookups, settings.windowSeconds);
    // Imports' look-ups are counted apart (docs/import.md), in the same place.
    this.importLimiter = sharedLimiter(shared, 'lookup-import', settings.importLookups ?? DEFAULT_IMPORT_LOOKUPS, settings.windowSeconds);
  }

  /** Takes `lookups` from the principal's allowance (its imports' when `allowance` says so), or throws the refusal; a refused request takes nothing. */
  async admit(meta: RequestMeta, lookups: number, allowance: LookupAllowance = 'interactive'): Promise<void> {
    const principal = meta.principal;
    if (lookups === 0 || !principal) return;
    const key = JSON.stringify([principal.department, principal.subject]);
    const limiter = allowance === 'import' ? this.importLimiter : this.limiter;
    try {
      await limiter.consume(key, lookups);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // Nothing runs, so nothing is counted: the principal keeps what was left for a smaller request.
      await limiter.reward(key, lookups).catch(() => undefined);
      const cap = allowance === 'import' ? { ...this.settings, lookups: this.settings.importLookups ?? DEFAULT_IMPORT_LOOKUPS } : this.settings;
      throw lookupCapped(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)), cap);
    }
  }
}

/**
 * The cap as a gateway plugin: it runs once the operation is resolved and
 * before the gateway plans or executes anything, so a refused request
 * reaches no subgraph. Apollo Server runs every plugin's didResolveOperation
 * at once, so the cap cannot wait for the operation limits' verdict; it asks
 * for it itself (only for the few operations that look residents up by
 * number), and an operation the limits refuse uses none of the look-ups.
 */
export function lookupCapPlugin(
  cap: LookupCap,
  logger: Logger,
  limits: OperationLimits = DEFAULT_OPERATION_LIMITS,
): ApolloServerPlugin<{ meta: RequestMeta; identityLookups?: number; lookupAllowance?: LookupAllowance }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue, operationName }) {
          if (!operation || readsNumbersInFull(contextValue.meta)) return;
          const variables = request.variables ?? {};
          const lookups = countIdentityNumberLookups(schema, document, operation, variables);
          if (lookups === 0 || checkOperation(schema, document, operation, variables, limits)) return;
          // The request's audit event says how many were asked, admitted or not: what the anomaly detector counts.
          contextValue.identityLookups = lookups;
          try {
            await cap.admit(contextValue.meta, lookups, contextValue.lookupAllowance);
          } catch (error) {
            // The numbers asked for stay out of the log: they are the guesses.
            logger.warn(
              { requestId: contextValue.meta.requestId, department: contextValue.meta.principal?.department, operationName, lookups, cap: cap.settings.lookups },
              'look-ups by identity number refused past the cap',
            );
            throw error;
          }
        },
      };
    },
  };
}
