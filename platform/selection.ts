import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode, type SelectionSetNode } from 'graphql';

/**
 * What a resolver was asked for, read from its selection: the fields the
 * recorder names in the audit log (auth/recording.ts) and the audit
 * subgraph's own reads.
 */

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
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
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

