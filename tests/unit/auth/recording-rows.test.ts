import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AccessRecorder } from '../../../auth/access.js';
import type { RequestMeta } from '../../../auth/principal.js';
import { recordServedValues } from '../../../auth/recording.js';
import { MemoryAccessRecorder } from '../../support/recorder.js';

/*
 * A field of a recorded type under a list is reached once per row; the rows
 * resolved together are recorded by one call, and none of them is served
 * unless that call succeeds.
 */

const GRIDS = ['510107001', '510107002', '510107003'];

const schema = recordServedValues(
  buildSubgraphSchema({
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Grid @key(fields: "code") { code: ID! name: String }
      type Holder { name: String grid: Grid }
      type Query { holders: [Holder!]! }
    `),
    resolvers: {
      Query: { holders: () => GRIDS.map((code) => ({ name: `holder in ${code}`, code })) },
      Holder: { grid: (holder: { code: string }) => Promise.resolve({ code: holder.code, districtCode: '510107', name: `grid ${holder.code}` }) },
    },
  }),
);

const meta: RequestMeta = { requestId: 'rows-unit-0001', principal: null, purpose: 'case-investigation', caseId: 'WH-2025-0001' };

const holders = (access: AccessRecorder): Promise<ExecutionResult> =>
  Promise.resolve(execute({ schema, document: parse('{ holders { name grid { code name } } }'), contextValue: { meta, access } }));

describe('recording the rows of a list', () => {
  it('records the grids of every row of a list in one call naming each of them', async () => {
    const recorder = new MemoryAccessRecorder();
    const result = await holders(recorder);
    expect(result.errors).toBeUndefined();
    expect(recorder.events.map((e) => [e.type, [...e.ids].sort(), e.fields])).toEqual([['Grid', GRIDS, ['code', 'name']]]);
  });

  it('serves no row of the list when that call fails', async () => {
    const refusing: AccessRecorder = { record: () => Promise.reject(new Error('the audit store is down')) };
    const result = await holders(refusing);
    expect((result.data?.holders as { grid: unknown }[]).map((h) => h.grid)).toEqual([null, null, null]);
    expect(new Set(result.errors?.map((e) => e.extensions.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
  });
});
