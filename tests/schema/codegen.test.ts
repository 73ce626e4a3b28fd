import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config, { TARGETS } from '../../codegen.js';
import { fromRoot } from '../../platform/paths.js';

describe('the committed resolver types', () => {
  it('are exactly what generating from the current subgraph SDL files produces (run `npm run codegen` after an SDL change)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: fromRoot() }, false);
    expect(outputs.map((o) => o.filename).sort()).toEqual(Object.keys(config.generates).sort());
    for (const output of outputs) {
      expect(readFileSync(fromRoot(output.filename), 'utf8'), output.filename).toBe(output.content);
    }
  });

  it('are generated for every subgraph folder that has an SDL', () => {
    const folders = readdirSync(fromRoot('subgraphs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(fromRoot('subgraphs', entry.name, 'schema.graphql')))
      .map((entry) => entry.name);
    expect(TARGETS.map((t) => t.name).sort()).toEqual(folders.sort());
  });
});
