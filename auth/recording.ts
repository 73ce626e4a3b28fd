import {
  getNamedType,
  isObjectType,
  type FieldNode,
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

/** One access as the log is told it: the rows of one type, with the same fields, that a request is served. */
interface PendingAccess {
  type: string;
  ids: Set<string>;
  fields: ResidentAccess['fields'];
  /** Null once any access of the group names no place: no jurisdiction covers the whole of it. */
  places: Place[] | null;
}

/** The accesses of one request waiting to be recorded, and the promise every row among them waits on. */
interface PendingRecords {
  byAccess: Map<string, PendingAccess>;
  recorded: Promise<void>;
}

/**
 * Each request's accesses not yet handed to its recorder, keyed by the
 * request's context. A list of a hundred residents reaches a field's
 * middleware once per resident; the rows resolved together are recorded by
 * one call, made once the rows resolving at the same moment have all come
 * in, instead of a hundred, each with its own promise for the store's answer.
 */
const PENDING = new WeakMap<RecordingContext, PendingRecords>();

function pendingRecords(ctx: RecordingContext, recorder: AccessRecorder): PendingRecords {
  const existing = PENDING.get(ctx);
  if (existing) return existing;
  const byAccess = new Map<string, PendingAccess>();
  const recorded = new Promise<void>((resolve, reject) => {
    // After the microtasks now queued: every row resolved with this one has been added by then.
    process.nextTick(() => {
      PENDING.delete(ctx);
      const calls = [...byAccess.values()].map(({ type, ids, fields, places }) => {
        try {
          return recorder.record(ctx.meta, { type, ids: [...ids], fields, places });
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      Promise.all(calls).then(
        () => resolve(),
        () => reject(accessNotRecorded()),
      );
    });
  });
  const pending = { byAccess, recorded };
  PENDING.set(ctx, pending);
  return pending;
}

/**
 * Records before anything is served; a recorder that is missing or fails means nothing is served (fail closed).
 * An access naming no record is left out, unless it is an answer of a type that records every answer (`everyAnswer`).
 * Accesses of the same type and fields made at the same moment of a request are recorded as one.
 */
async function recordOrWithhold(ctx: RecordingContext, accesses: readonly (ResidentAccess & { answered?: boolean })[]): Promise<void> {
  const due = accesses.filter((a) => a.ids.length > 0 || (a.answered === true && recordedType(a.type)?.everyAnswer === true));
  if (due.length === 0) return;
  const recorder = ctx.access;
  if (!recorder) throw accessNotRecorded();
  const pending = pendingRecords(ctx, recorder);
  for (const access of due) {
    // Keyed by the schema's type name and the selected field names, in a Map.
    const key = `${access.type}\u0000${JSON.stringify(access.fields)}`;
    let group = pending.byAccess.get(key);
    if (!group) {
      group = { type: access.type, ids: new Set(), fields: access.fields, places: [] };
      pending.byAccess.set(key, group);
    }
    for (const id of access.ids) group.ids.add(id);
    // As the writer states places: an access naming no record, or no place, leaves the group with none.
    if (access.ids.length === 0 || !access.places || access.places.length === 0) group.places = null;
    else group.places?.push(...access.places);
  }
  await pending.recorded;
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

/**
 * The fields selected on a field's recorded rows, read from the query once
 * per field of an operation: graphql-js hands every row of a list the same
 * field nodes, so a hundred rows need not walk the same selection a hundred
 * times.
 */
const SELECTED = new WeakMap<readonly FieldNode[], string[]>();

function fieldsServed(info: GraphQLResolveInfo, plan: RecordingPlan): string[] {
  let fields = SELECTED.get(info.fieldNodes);
  if (!fields) {
    fields = plan.path.length > 0 ? selectedFieldsAt(info, plan.path) : selectedFields(info, plan.typeName);
    SELECTED.set(info.fieldNodes, fields);
  }
  return fields;
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
    const fields = fieldsServed(info, plan);
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
