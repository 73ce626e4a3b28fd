import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode, type SelectionSetNode } from 'graphql';
import type { FieldDecision } from '../audit/api.js';
import type { Place } from '../auth/jurisdiction.js';
import type { RequestMeta } from '../auth/principal.js';
import type { Logger } from './logger.js';

/** One act of reading residents' data: which type, which records, which fields. */
export interface ResidentAccess {
  type: string;
  ids: readonly string[];
  /**
   * The fields asked for, whose decisions the recorder takes from the policy;
   * or the decisions themselves, where they were made before any resolver ran
   * (a field the policy refused outright).
   */
  fields: readonly string[] | Readonly<Record<string, FieldDecision>>;
  /**
   * Where each record served lies, as the serving subgraph's jurisdiction
   * rule places it (auth/recorded-types.ts); null or absent when any record
   * carries no place. Confined auditors are shown only accesses placed
   * wholly inside their jurisdiction.
   */
  places?: readonly Place[] | null;
}

/**
 * The single place a data-owning subgraph reports what it is about to return.
 * Resolvers do not call it: the policy's wrapper (auth/recording.ts) does,
 * for every value of a recorded type, before the value is handed out.
 */
export interface AccessRecorder {
  record(meta: RequestMeta, access: ResidentAccess): Promise<void>;
}

/**
 * Writes accesses to the structured log only. Not tamper-evident and not
 * fail-closed: the hub's processes record to the audit store (audit/writer.ts);
 * this serves tests of a subgraph alone and the benchmark of what the audit
 * store costs.
 */
export class LogAccessRecorder implements AccessRecorder {
  constructor(
    private readonly logger: Logger,
    private readonly subgraph: string,
  ) {}

  async record(meta: RequestMeta, access: ResidentAccess): Promise<void> {
    this.logger.debug(
      {
        subgraph: this.subgraph,
        requestId: meta.requestId,
        purpose: meta.purpose,
        caseId: meta.caseId,
        subject: meta.principal?.subject ?? null,
        type: access.type,
        ids: access.ids.length <= 20 ? access.ids : access.ids.slice(0, 20),
        count: access.ids.length,
        fields: access.fields,
      },
      'resident data access',
    );
  }
}

/**
 * The field names selected directly under the resolved field, looking through
 * inline fragments and named fragments (as `_entities` queries use them).
 * With `typeName`, fragments on other types are left out, so an `_entities`
 * request for Person and House records only Person fields against a Person.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, typeName?: string): string[] {
  const applies = (condition: { name: { value: string } } | undefined) =>
    typeName === undefined || condition === undefined || condition.name.value === typeName;
  const names = new Set<string>();
  const visit = (selections: readonly SelectionNode[], seen: Set<string>): void => {
    for (const selection of selections) {
      if (selection.kind === 'Field') {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === 'InlineFragment') {
        if (applies(selection.typeCondition)) visit(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition)) visit(fragment.selectionSet.selections, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet?.selections ?? [], new Set());
  return [...names];
}

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** The fields named `name` directly under `nodes`, looking through fragments. */
function childFields(info: SelectionInfo, nodes: readonly FieldNode[], name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet, new Set());
  return found;
}

/**
 * The fields selected at `path` below the resolved field, e.g. under
 * `edges.node` of a connection or `tenancy` of a payload: the audit log
 * should name the fields served, not the wrapper they travel in.
 */
export function selectedFieldsAt(info: SelectionInfo, path: readonly string[]): string[] {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) nodes = childFields(info, nodes, name);
  return selectedFields({ fieldNodes: nodes, fragments: info.fragments });
}

