import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config, { TARGETS } from '../../codegen.js';
import { fromRoot } from '../../platform/paths.js';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../subgraphs/registry.js';

describe('the committed resolver types', () => {
  it('are exactly what generating from the current subgraph SDL files produces (run `npm run codegen` after an SDL change)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: fromRoot() }, false);
    expect(outputs.map((o) => o.filename).sort()).toEqual(Object.keys(config.generates).sort());
    for (const output of outputs) {
      expect(readFileSync(fromRoot(output.filename), 'utf8'), output.filename).toBe(output.content);
    }
  });

  it('are generated for every subgraph of the registry, in the folder holding its SDL', () => {
    expect(TARGETS.map((t) => `${t.name} ${t.folder}/schema.graphql`).sort()).toEqual(SUBGRAPH_NAMES.map((name) => `${name} ${SUBGRAPHS[name].sdl}`).sort());
  });

  it('leave no subgraph folder with an SDL out of the registry', () => {
    const departmentFolders = readdirSync(fromRoot('subgraphs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(fromRoot('subgraphs', entry.name, 'schema.graphql')))
      .map((entry) => path.join('subgraphs', entry.name));
    const hubFolders = ['audit', 'exchange', 'alerts'].filter((folder) => existsSync(fromRoot(folder, 'schema.graphql')));
    expect([...departmentFolders, ...hubFolders].sort()).toEqual(TARGETS.map((t) => t.folder).sort());
  });
});
