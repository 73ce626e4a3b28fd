import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';

type ShieldRule = ReturnType<ReturnType<typeof rule>> | typeof allow;
import type { AccessRecorder } from './access.js';
import { decide, forbidden, ruleFor } from './decide.js';
import { applyMask } from './masking.js';
import { FEDERATION_FIELDS, isCarrierType } from './policy.js';
import { recordingMiddlewares } from './recording.js';
import type { RequestMeta } from './principal.js';

interface PolicyContext {
  meta: RequestMeta;
  /** Where the subgraph records accesses; refusals are recorded there too. */
  access?: AccessRecorder;
}

/**
 * A refused field never reaches a resolver, so nothing else would tell the
 * audit log that someone asked for it. The attempt is recorded with no
 * record ids: nothing was served. A recorder that fails changes nothing —
 * the field is refused either way, and the writer logs its own failure.
 */
async function recordRefusal(ctx: PolicyContext, coordinate: string): Promise<void> {
  if (!ctx.access) return;
  const [type, field] = coordinate.split('.') as [string, string];
  await ctx.access.record(ctx.meta, { type, ids: [], fields: { [field]: 'denied' } }).catch(() => undefined);
}

/**
 * One shield rule per governed field, cached per request: the same answer
 * for every row of a list, and one record of a refusal per field per request.
 */
function policyRule(coordinate: string): ShieldRule {
  return rule(coordinate, { cache: 'contextual' })(async (_parent, _args, ctx: PolicyContext) => {
    const decision = decide(ctx.meta, coordinate);
    if (decision.allowed) return true;
    await recordRefusal(ctx, coordinate);
    return forbidden(decision.reason);
  });
}

/** A field the policy does not name: refused to everyone, and the attempt recorded. */
function unreleasedRule(coordinate: string): ShieldRule {
  return rule(coordinate, { cache: 'contextual' })(async (_parent, _args, ctx: PolicyContext) => {
    await recordRefusal(ctx, coordinate);
    return forbidden(`${coordinate} is not released by the policy`);
  });
}

/** Masks a value after it is resolved, for principals whose grant is `masked`: the decision the shield rule already made for this request. */
function maskingMiddleware(coordinate: string): IMiddlewareFunction {
  return async (resolve, parent, args, ctx: PolicyContext, info: GraphQLResolveInfo) => {
    const value: unknown = await resolve(parent, args, ctx, info);
    const decision = decide(ctx.meta, coordinate);
    return decision.allowed && decision.access === 'masked' && decision.rule.mask ? applyMask(decision.rule.mask, value) : value;
  };
}

/**
 * Wraps a subgraph schema with the policy, deny by default: every field the
 * policy does not name is denied (fallbackRule), carriers and federation's
 * own fields are let through, masked grants see masked values, and every
 * value of a recorded type (auth/recorded-types.ts) is recorded before it is
 * served (auth/recording.ts).
 *
 * graphql-shield does not wrap `__resolveReference`, so entity loaders
 * enforce row-level jurisdiction themselves; the fields of an entity
 * returned through `_entities` still pass through the rules below.
 */
export function protectSubgraphSchema(schema: GraphQLSchema): GraphQLSchema {
  const rules: Record<string, Record<string, ShieldRule>> = {};
  const masks: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRules: Record<string, ShieldRule> = {};
    for (const field of Object.keys(type.getFields())) {
      const coordinate = `${type.name}.${field}`;
      if (isCarrierType(type.name) || type.name === '_Service' || FEDERATION_FIELDS.has(coordinate)) {
        typeRules[field] = allow;
      } else if (ruleFor(coordinate)) {
        typeRules[field] = policyRule(coordinate);
        if (ruleFor(coordinate)?.mask) (masks[type.name] ??= {})[field] = maskingMiddleware(coordinate);
      } else {
        typeRules[field] = unreleasedRule(coordinate);
      }
    }
    rules[type.name] = typeRules;
  }
  const permissions = shield(rules, {
    fallbackRule: deny,
    // Errors the resolvers raise on purpose (BAD_USER_INPUT, NOT_FOUND, …) reach the caller as they are.
    allowExternalErrors: true,
    fallbackError: (thrown, _parent, _args, _ctx, info) =>
      thrown instanceof Error ? thrown : forbidden(`${info.parentType.name}.${info.fieldName} is not released by the policy`),
  });
  // Innermost: a field is recorded only once its rule let it through, and
  // before its answer leaves, whichever resolver produced it.
  return applyMiddleware(schema, permissions, masks, recordingMiddlewares(schema));
}
