import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AccessRecorder } from '../../../auth/access.js';
import type { RequestMeta } from '../../../auth/principal.js';
import { recordServedValues } from '../../../auth/recording.js';
import { MemoryAccessRecorder } from '../../support/recorder.js';

/*
 * `_entities` is recorded entity by entity: each keeps its own answer at its
 * own index, whether its loading failed or its recording did.
 */

const LOAD_FAILED = 'the register could not be read';

const schema = recordServedValues(
  buildSubgraphSchema({
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Person @key(fields: "id") { id: ID! name: String }
      type Query { ping: Boolean }
    `),
    resolvers: {
      Person: {
        __resolveReference: (ref: { id: string }) =>
          ref.id === 'unreadable' ? Promise.reject(new Error(LOAD_FAILED)) : Promise.resolve({ id: ref.id, name: `name of ${ref.id}` }),
      },
    },
  }),
);

const meta: RequestMeta = { requestId: 'entities-unit-0001', principal: null, purpose: 'case-investigation', caseId: 'WH-2025-0001' };

const entities = (access: AccessRecorder, ids: string[]): Promise<ExecutionResult> =>
  Promise.resolve(
    execute({
      schema,
      document: parse('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id name } } }'),
      variableValues: { reps: ids.map((id) => ({ __typename: 'Person', id })) },
      contextValue: { meta, access },
    }),
  );

const errorsByIndex = (result: ExecutionResult) => (result.errors ?? []).map((e) => [e.path?.[1], e.message, e.extensions.code ?? null]);

describe('recording _entities', () => {
  it('serves and records the entities that loaded, and leaves one whose loading failed its own error at its own index', async () => {
    const recorder = new MemoryAccessRecorder();
    const result = await entities(recorder, ['p-1', 'unreadable', 'p-2']);
    expect(result.data?._entities).toEqual([{ id: 'p-1', name: 'name of p-1' }, null, { id: 'p-2', name: 'name of p-2' }]);
    expect(errorsByIndex(result)).toEqual([[1, LOAD_FAILED, null]]);
    expect(recorder.events.map((e) => [e.type, e.ids, e.fields])).toEqual([['Person', ['p-1', 'p-2'], ['id', 'name']]]);
  });

  it('withholds every loaded entity when the access cannot be recorded, and still gives the failed one its own error', async () => {
    const refusing: AccessRecorder = { record: () => Promise.reject(new Error('the audit store is down')) };
    const result = await entities(refusing, ['p-1', 'unreadable']);
    expect(result.data?._entities).toEqual([null, null]);
    expect(errorsByIndex(result)).toEqual([
      [0, 'The access could not be recorded, so no data was returned', 'SERVICE_UNAVAILABLE'],
      [1, LOAD_FAILED, null],
    ]);
  });
});
