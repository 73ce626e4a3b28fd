import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import type { AccessRecorder } from './access.js';
import { decide, forbidden } from './decide.js';
import { applyMask } from './masking.js';
import { FEDERATION_FIELDS, isCarrierType } from './policy.js';
import { recordingMiddlewares } from './recording.js';
import type { RequestMeta } from './principal.js';

interface PolicyContext {
  meta: RequestMeta;
  /** Where the subgraph records accesses; refusals are recorded there too. */
  access?: AccessRecorder;
}

type FieldGuard = (
  resolve: (parent: unknown, args: unknown, ctx: unknown, info: GraphQLResolveInfo) => unknown,
  parent: unknown,
  args: unknown,
  ctx: PolicyContext,
  info: GraphQLResolveInfo,
) => unknown;

/**
 * graphql-middleware hands on whatever a middleware returns, a value or a
 * promise, as graphql-js takes either; its type says a promise only. A
 * granted field of a row must not cost a promise: on a list of a hundred
 * residents those promises were most of what the policy cost.
 */
const syncMiddleware = (guard: FieldGuard): IMiddlewareFunction => guard as unknown as IMiddlewareFunction;

/** The fields whose refusal a request has already recorded: one record per refused field per request, however many rows asked. */
const REFUSALS_RECORDED = new WeakMap<RequestMeta, Set<string>>();

/**
 * A refused field never reaches a resolver, so nothing else would tell the
 * audit log that someone asked for it. The attempt is recorded with no
 * record ids: nothing was served. A recorder that fails changes nothing —
 * the field is refused either way, and the writer logs its own failure.
 */
async function recordRefusal(ctx: PolicyContext, type: string, field: string, coordinate: string): Promise<void> {
  if (!ctx.access) return;
  let recorded = REFUSALS_RECORDED.get(ctx.meta);
  if (!recorded) {
    recorded = new Set();
    REFUSALS_RECORDED.set(ctx.meta, recorded);
  }
  if (recorded.has(coordinate)) return;
  recorded.add(coordinate);
  await ctx.access.record(ctx.meta, { type, ids: [], fields: { [field]: 'denied' } }).catch(() => undefined);
}

/**
 * The policy on one field: the request's decision for it (auth/decide.ts,
 * made once per request and field and read back for every row), then the
 * resolver, masked where the grant is `masked`. A granted field costs a row
 * one Map look-up and no promise of its own: its resolver's answer, sync or
 * not, is handed on as it is.
 */
function policyMiddleware(type: string, field: string): IMiddlewareFunction {
  const coordinate = `${type}.${field}`;
  return syncMiddleware((resolve, parent, args, ctx, info) => {
    const decision = decide(ctx.meta, coordinate);
    if (!decision.allowed) return recordRefusal(ctx, type, field, coordinate).then(() => forbidden(decision.reason));
    const value: unknown = resolve(parent, args, ctx, info);
    const mask = decision.access === 'masked' ? decision.rule.mask : undefined;
    if (!mask) return value;
    return value instanceof Promise ? value.then((resolved: unknown) => applyMask(mask, resolved)) : applyMask(mask, value);
  });
}

/**
 * Wraps a subgraph schema with the policy, deny by default: every field the
 * policy does not name is denied, carriers and federation's own fields are
 * let through, masked grants see masked values, and every value of a
 * recorded type (auth/recorded-types.ts) is recorded before it is served
 * (auth/recording.ts).
 *
 * `__resolveReference` is not a field, so entity loaders enforce row-level
 * jurisdiction themselves; the fields of an entity returned through
 * `_entities` still pass through the policy below.
 */
export function protectSubgraphSchema(schema: GraphQLSchema): GraphQLSchema {
  const guards: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (isCarrierType(type.name) || type.name === '_Service') continue;
    const typeGuards: Record<string, IMiddlewareFunction> = {};
    for (const field of Object.keys(type.getFields())) {
      if (FEDERATION_FIELDS.has(`${type.name}.${field}`)) continue;
      // A field the policy does not name is refused by decide() like any field it does not grant.
      typeGuards[field] = policyMiddleware(type.name, field);
    }
    guards[type.name] = typeGuards;
  }
  // Innermost: a field is recorded only once the policy let it through, and
  // before its answer leaves, whichever resolver produced it.
  return applyMiddleware(schema, guards, recordingMiddlewares(schema));
}
