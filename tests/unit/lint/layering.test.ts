import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../platform/paths.js';

/*
 * The layering the lint enforces, held to its own table: every folder held to
 * it is refused every folder above it and allowed every folder below, and a
 * department is refused its siblings' folders. The rules are run on one-line
 * sources at the paths a real file would have.
 */

/** What eslint.config.js exports besides the configuration itself (a JavaScript file the compiler does not read). */
interface LayeringTable {
  FOLDERS: string[];
  DEPARTMENTS: string[];
  layering: Linter.Config[];
}

const { FOLDERS, DEPARTMENTS, layering } = (await import(pathToFileURL(fromRoot('eslint.config.js')).href)) as LayeringTable;

const linter = new Linter({ configType: 'flat', cwd: fromRoot() });

/** The messages of the layering rule for `source` as if it were the file at `file`. */
function refusals(file: string, source: string): string[] {
  return linter
    .verify(source, [{ files: ['**/*.ts'] }, ...layering], { filename: fromRoot(file) })
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport { x };\n`;

const LAYERED = FOLDERS.slice(0, FOLDERS.indexOf('bench'));

describe('the layering the lint enforces', () => {
  it('refuses every folder held to it an import of any folder above it, and allows any folder below', () => {
    const wrong: string[] = [];
    for (const [i, folder] of LAYERED.entries()) {
      for (const [j, other] of FOLDERS.entries()) {
        if (other === folder) continue;
        const refused = refusals(`${folder}/module.ts`, importing(`../${other}/module.js`)).length > 0;
        if (refused !== j > i) wrong.push(`${folder} -> ${other}: ${refused ? 'refused' : 'allowed'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('counts a nested file of a folder as the folder, however far up its import climbs', () => {
    expect(refusals('platform/nested/module.ts', importing('../../auth/principal.js'))).toHaveLength(1);
    expect(refusals('subgraphs/police/db/schema.ts', importing('../../../hub/hub.js'))).toHaveLength(1);
    expect(refusals('subgraphs/police/db/schema.ts', importing('../../../exchange/messages.js'))).toEqual([]);
  });

  it('leaves packages alone, even one named like a folder of the hub', () => {
    expect(refusals('platform/module.ts', importing('@apollo/gateway'))).toEqual([]);
    expect(refusals('domain/module.ts', importing('zod'))).toEqual([]);
  });

  it('refuses a department any import of another department’s folder, and allows its own and the hub’s own modules', () => {
    for (const department of DEPARTMENTS) {
      for (const other of DEPARTMENTS.filter((d) => d !== department)) {
        expect(refusals(`subgraphs/${department}/store.ts`, importing(`../${other}/store.js`)), `${department} -> ${other}`).toHaveLength(1);
        expect(refusals(`subgraphs/${department}/db/schema.ts`, importing(`../../../subgraphs/${other}/db/schema.js`)), `${department} -> ${other}`).toHaveLength(1);
      }
      expect(refusals(`subgraphs/${department}/store.ts`, importing('./db/schema.js'))).toEqual([]);
      expect(refusals(`subgraphs/${department}/store.ts`, importing('../../audit/api.js'))).toEqual([]);
      expect(refusals(`subgraphs/${department}/store.ts`, importing('../registry.js'))).toEqual([]);
      // Its layer still holds: a department is a subgraph.
      expect(refusals(`subgraphs/${department}/store.ts`, importing('../../hub/hub.js'))).toHaveLength(1);
    }
  });

  it('keeps the pages’ browser code off the server: it imports its own folder, web/shared and packages, never a server module or Node', () => {
    for (const file of ['web/explorer/main.tsx', 'web/shared/session.ts']) {
      expect(refusals(file, importing('../shared/i18n.js')), file).toEqual([]);
      expect(refusals(file, importing('./data.js')), file).toEqual([]);
      expect(refusals(file, importing('graphiql')), file).toEqual([]);
      for (const specifier of ['../../auth/purposes.js', '../../platform/http.js', '../../web/pages.js', '../pages.js', 'node:fs']) {
        expect(refusals(file, importing(specifier)), `${file} -> ${specifier}`).toHaveLength(1);
      }
    }
    // The national-standard checks of domain/ that use nothing of Node, and only those, are the browser's too: a form checks as the hub does.
    for (const module of ['id-number', 'phone', 'divisions']) expect(refusals('web/declare/main.ts', importing(`../../domain/${module}.js`)), module).toEqual([]);
    for (const specifier of ['../../domain/index.js', '../../domain/names.js', '../../domain/id-number-extra.js']) {
      expect(refusals('web/declare/main.ts', importing(specifier)), specifier).toHaveLength(1);
    }
    // The server's part of web/ is a layer like any other.
    expect(refusals('web/server.ts', importing('../platform/http.js'))).toEqual([]);
    expect(refusals('web/server.ts', importing('./shared/purposes.js'))).toEqual([]);
    expect(refusals('web/server.ts', importing('../hub/hub.js'))).toHaveLength(1);
  });

  it('lets tests, benchmarks and scripts import anything', () => {
    for (const file of ['tests/unit/module.ts', 'bench/module.ts', 'scripts/module.ts']) {
      expect(refusals(file, importing('../hub/hub.js')), file).toEqual([]);
    }
  });
});
