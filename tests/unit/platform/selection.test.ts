import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields, selectedFieldsAt } from '../../../platform/selection.js';

function infoFor(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('the fields an access record names', () => {
  it('looks through inline and named fragments of the entity type only', () => {
    const info = infoFor(`query { _entities(representations: []) { __typename ... on Person { id name ...More } ... on House { address } } }
      fragment More on Person { phone }`);
    expect(selectedFields(info, 'Person').sort()).toEqual(['id', 'name', 'phone']);
    expect(selectedFields(info, 'House')).toEqual(['address']);
  });

  it('names the fields under a connection node rather than the wrapper', () => {
    const info = infoFor(`query { persons { pageInfo { hasNextPage } edges { cursor node { id idNumber } } } }`);
    expect(selectedFieldsAt(info, ['edges', 'node'])).toEqual(['id', 'idNumber']);
  });
});
