import {
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { selectedFields, selectedFieldsAt } from '../platform/selection.js';
import type { AccessRecorder, ResidentAccess } from './access.js';
import { accessNotRecorded } from '../platform/errors.js';
import type { Place } from './jurisdiction.js';
import type { RequestMeta } from './principal.js';
import { recordedType, type RecordedType, type ServedRow } from './recorded-types.js';

interface RecordingContext {
  meta: RequestMeta;
  access?: AccessRecorder;
}

/** Where a field's answer holds rows of a recorded type: the type, and the carrier fields to walk through (`edges.node` of a connection). */
export interface RecordingPlan {
  typeName: string;
  recorded: RecordedType;
  path: readonly string[];
}

/**
 * The recorded type a field serves, looking through lists, non-null and
 * connections (`edges` → `node`). Payloads are not looked through: their own
 * fields are wrapped like any other field that returns a recorded type.
 */
export function recordingPlan(field: GraphQLField<unknown, unknown>): RecordingPlan | null {
  const named = getNamedType(field.type);
  const recorded = recordedType(named.name);
  if (recorded) return { typeName: named.name, recorded, path: [] };
  if (!isObjectType(named) || !named.name.endsWith('Connection')) return null;
  const edges = named.getFields().edges;
  const edge = edges ? getNamedType(edges.type) : null;
  if (!edge || !isObjectType(edge)) return null;
  const node = edge.getFields().node;
  const nodeType = node ? getNamedType(node.type) : null;
  const recordedNode = nodeType ? recordedType(nodeType.name) : undefined;
  return nodeType && recordedNode ? { typeName: nodeType.name, recorded: recordedNode, path: ['edges', 'node'] } : null;
}

const isRow = (value: unknown): value is ServedRow => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The rows under `path` of an answer, through lists at any level; nulls left out. */
function rowsAt(value: unknown, path: readonly string[]): ServedRow[] {
  if (Array.isArray(value)) return value.flatMap((item) => rowsAt(item, path));
  if (!isRow(value)) return [];
  if (path.length === 0) return [value];
  const [head, ...rest] = path as [string, ...string[]];
  return Object.hasOwn(value, head) ? rowsAt(value[head], rest) : [];
}

/**
 * Records before anything is served; a recorder that is missing or fails means nothing is served (fail closed).
 * An access naming no record is left out, unless it is an answer of a type that records every answer (`everyAnswer`).
 */
async function recordOrWithhold(ctx: RecordingContext, accesses: readonly (ResidentAccess & { answered?: boolean })[]): Promise<void> {
  const due = accesses.filter((a) => a.ids.length > 0 || (a.answered === true && recordedType(a.type)?.everyAnswer === true));
  if (due.length === 0) return;
  const recorder = ctx.access;
  if (!recorder) throw accessNotRecorded();
  try {
    await Promise.all(due.map(({ answered: _answered, ...access }) => recorder.record(ctx.meta, access)));
  } catch {
    throw accessNotRecorded();
  }
}

/**
 * The ids of the rows, and where each lies: its own place, or for a type its
 * subgraph serves only through the record it belongs to, that record's. The
 * places are null when any recorded row has none.
 */
function served(rows: readonly ServedRow[], typeName: string, parentPlace: Place | null = null): { ids: string[]; places: Place[] | null } {
  const recorded = recordedType(typeName);
  if (!recorded) return { ids: [], places: null };
  const ids = new Set<string>();
  let places: Place[] | null = [];
  for (const row of rows) {
    const id = recorded.idOf(row);
    if (id === null) continue;
    ids.add(id);
    const place = recorded.placeOf(row) ?? (recorded.placedByParent ? parentPlace : null);
    if (place === null) places = null;
    else places?.push(place);
  }
  return { ids: [...ids], places };
}

/** Where the parent of a field lies, when it is a record of a placed type. */
function placeOfParent(parent: unknown, info: GraphQLResolveInfo): Place | null {
  const recorded = recordedType(info.parentType.name);
  return recorded && isRow(parent) ? recorded.placeOf(parent) : null;
}

/** A field that serves a recorded type: its answer is recorded after the resolver returns and before it is handed on. */
function recordingMiddleware(plan: RecordingPlan): IMiddlewareFunction {
  const { recorded } = plan;
  return async (resolve, parent, args, ctx: RecordingContext, info: GraphQLResolveInfo) => {
    const value: unknown = await resolve(parent, args, ctx, info);
    let { ids, places } = served(rowsAt(value, plan.path), plan.typeName, placeOfParent(parent, info));
    if (ids.length === 0 && value == null && recorded.absent) {
      const id = recorded.absent.idOf(isRow(parent) ? parent : null, isRow(args) ? args : {});
      if (id !== null) [ids, places] = [[id], null];
    }
    const fields = plan.path.length > 0 ? selectedFieldsAt(info, plan.path) : selectedFields(info, plan.typeName);
    await recordOrWithhold(ctx, [{ type: plan.typeName, ids, fields, places, answered: value != null }]);
    return value;
  };
}

/**
 * An entity's answer as graphql-js is to see it: the loaded value, or for a
 * failed load its own rejected promise, so its reason reaches the caller as
 * that entity's error exactly as if nothing had stood in between.
 */
const unsettled = (result: PromiseSettledResult<unknown>, item: unknown): unknown => (result.status === 'fulfilled' ? result.value : item);

/**
 * `_entities` answers a list of references of any entity types, each loaded
 * by its `__resolveReference` (which no field rule wraps). The loaded rows
 * are grouped by type and recorded with the fields selected on that type.
 * Each entity keeps its own answer at its own index: one whose loading
 * failed keeps its error, and when recording fails every recorded entity is
 * replaced by the fail-closed error, so nothing of it is served.
 */
const entitiesMiddleware: IMiddlewareFunction = async (resolve, parent, args, ctx: RecordingContext, info: GraphQLResolveInfo) => {
  const value: unknown = await resolve(parent, args, ctx, info);
  if (!Array.isArray(value)) return value;
  const items: readonly unknown[] = value;
  const settled = await Promise.allSettled(items);
  const byType = new Map<string, ServedRow[]>();
  const recordedAt = new Set<number>();
  settled.forEach((result, index) => {
    if (result.status !== 'fulfilled' || !isRow(result.value)) return;
    const typeName = result.value.__typename;
    if (typeof typeName !== 'string' || !recordedType(typeName)) return;
    const rows = byType.get(typeName) ?? [];
    rows.push(result.value);
    byType.set(typeName, rows);
    recordedAt.add(index);
  });
  // An entity is reached by its key alone: it lies where its own row places it, or nowhere.
  const accesses = [...byType].map(([type, rows]) => ({ type, ...served(rows, type), fields: selectedFields(info, type) }));
  try {
    await recordOrWithhold(ctx, accesses);
  } catch (error) {
    // graphql-js raises an Error found in a list as that item's error.
    return settled.map((result, index) => (recordedAt.has(index) ? error : unsettled(result, items[index])));
  }
  return settled.map((result, index) => unsettled(result, items[index]));
};

/**
 * The recording middleware of a schema, by type and field: every field whose
 * answer holds a recorded type, and `Query._entities`. Fields of an edge are
 * left to the connection that holds it, so a page is recorded once.
 */
export function recordingMiddlewares(schema: GraphQLSchema): Record<string, Record<string, IMiddlewareFunction>> {
  // Keyed by the schema's own type and field names, never by anything a caller sent.
  const middlewares: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Edge')) continue;
    const fields = fieldsOf(type);
    for (const [name, field] of fields) {
      if (type.name === 'Query' && name === '_entities') {
        (middlewares[type.name] ??= {})[name] = entitiesMiddleware;
        continue;
      }
      const plan = recordingPlan(field);
      if (plan) (middlewares[type.name] ??= {})[name] = recordingMiddleware(plan);
    }
  }
  return middlewares;
}

function fieldsOf(type: GraphQLObjectType): [string, GraphQLField<unknown, unknown>][] {
  return Object.entries(type.getFields());
}

/**
 * A schema that records what it serves and applies no policy: only for
 * measuring what the policy costs, where recording must still happen so the
 * measurement leaves the audit store's share out of the policy's.
 */
export function recordServedValues(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, recordingMiddlewares(schema));
}
