import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Kind, OperationTypeNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isPurpose, mayDeclare, PURPOSE_REGISTRY } from '../../auth/purposes.js';
import { fromRoot } from '../../platform/paths.js';
import { apiSchema } from '../../schema/compose.js';
import { parseTokenArgs } from '../../scripts/token.js';
import { answerProblems, jsonValuesIn } from './answers.js';
import {
  allBlocks,
  anchorsOf,
  ANNOTATION_KEYS,
  codeBlocks,
  DOCUMENTS,
  docsFolder,
  EXAMPLE_VARIABLES,
  GENERATED_DOCUMENTS,
  LANGUAGES,
  linksOf,
  listOf,
  parseAnnotation,
  readDocument,
  RUNNABLE_LANGUAGES,
  where,
  type CodeBlock,
} from './markdown.js';

/*
 * The documentation's examples, checked without a hub: every block says how
 * it runs, every GraphQL example is valid against the supergraph, every
 * mutation of the supergraph has an example that runs, few blocks are left
 * unrun, and every link between the pages leads somewhere. The examples
 * themselves run in tests/docs/examples.test.ts.
 */

/** Blocks that need a long-lived deployment: each one is a place where the documentation goes unchecked. */
const MAX_NOT_RUN = 10;
const README_MAX_LINES = 250;

const blocks = allBlocks();
const annotated = (lang: readonly string[]) => blocks.filter((b) => lang.includes(b.lang));
const runs = (b: CodeBlock) => (RUNNABLE_LANGUAGES as readonly string[]).includes(b.lang) && b.annotation !== null && !b.annotation.has('skip');
const schema = apiSchema();

describe('the documents', () => {
  it('are every Markdown page of docs/, and the README, in a reading order', () => {
    expect([...DOCUMENTS, ...GENERATED_DOCUMENTS].filter((f) => f.startsWith('docs/')).sort()).toEqual(docsFolder());
    for (const file of DOCUMENTS) expect(existsSync(fromRoot(file)), file).toBe(true);
  });

  it('keep the README a quick start and a map', () => {
    expect(readDocument('README.md').split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('link only to files and headings that exist', () => {
    const problems: string[] = [];
    for (const file of [...DOCUMENTS, ...GENERATED_DOCUMENTS]) {
      for (const { line, target } of linksOf(readDocument(file))) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [pathPart, anchor] = target.split('#') as [string, string | undefined];
        const resolved = pathPart === '' ? fromRoot(file) : path.resolve(path.dirname(fromRoot(file)), pathPart);
        if (!existsSync(resolved)) {
          problems.push(`${file}:${line}: ${target} — no such file`);
          continue;
        }
        if (anchor !== undefined && statSync(resolved).isFile() && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
          problems.push(`${file}:${line}: ${target} — no such heading`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('every code block', () => {
  it('names a language the examples know', () => {
    expect(blocks.filter((b) => !LANGUAGES.includes(b.lang)).map((b) => `${where(b)} \`\`\`${b.lang}`)).toEqual([]);
  });

  it('that a reader runs says how it runs, in keys its language knows', () => {
    const problems: string[] = [];
    for (const block of annotated([...RUNNABLE_LANGUAGES, 'sql'])) {
      if (block.annotationProblem) problems.push(`${where(block)}: ${block.annotationProblem}`);
      else if (!block.annotation) problems.push(`${where(block)}: no <!-- example: … --> annotation before the block`);
      else {
        const unknown = [...block.annotation.keys()].filter((k) => !ANNOTATION_KEYS[block.lang]!.includes(k));
        if (unknown.length > 0) problems.push(`${where(block)}: ${unknown.join(', ')} is no key of a ${block.lang} example`);
        if (block.annotation.has('skip') && block.annotation.get('skip')!.trim().length < 10) problems.push(`${where(block)}: skip needs a reason`);
        if (block.lang === 'sql' && !block.annotation.has('skip')) problems.push(`${where(block)}: sql runs on a deployment's server: skip, saying where`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('of GraphQL names a caller, and a purpose the caller may declare', () => {
    const problems: string[] = [];
    for (const block of annotated(['graphql']).filter(runs)) {
      const note = block.annotation!;
      const as = note.get('as');
      const purpose = note.get('purpose');
      if (!as || !purpose) {
        problems.push(`${where(block)}: as= and purpose= are required`);
        continue;
      }
      const flags = ['--dept', as, ...(note.has('roles') ? ['--roles', note.get('roles')!] : [])];
      if (note.has('grid')) flags.push('--grid', '510107001001');
      if (note.has('division')) flags.push('--division', '510107');
      // A declarant's token names its premises or its own identity number: any well-formed one will do here.
      if (note.has('house')) flags.push('--house', '510107001001000001');
      if (note.has('employer')) flags.push('--employer', '91510107MA6CXH7Q2W');
      if (note.has('id-number')) flags.push('--id-number', '510104199506180136');
      let roles: string[] = [];
      try {
        roles = parseTokenArgs(flags)?.roles ?? [];
      } catch (error) {
        problems.push(`${where(block)}: ${(error as Error).message}`);
      }
      if (!isPurpose(purpose)) problems.push(`${where(block)}: ${purpose} is no purpose of the registry`);
      else if (!mayDeclare(roles, purpose)) problems.push(`${where(block)}: ${roles.join(',')} may not declare ${purpose}`);
    }
    expect(problems).toEqual([]);
  });

  it('of GraphQL is valid against the supergraph, with variables the examples know', () => {
    const problems: string[] = [];
    const kept = new Set<string>();
    for (const block of annotated(['graphql']).filter(runs)) {
      let document;
      try {
        document = parse(block.code);
      } catch (error) {
        problems.push(`${where(block)}: ${(error as Error).message}`);
        continue;
      }
      problems.push(...validate(schema, document).map((e) => `${where(block)}: ${e.message}`));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const variable of definition.variableDefinitions ?? []) {
          const name = variable.variable.name.value;
          if (!(EXAMPLE_VARIABLES as readonly string[]).includes(name) && !kept.has(name)) problems.push(`${where(block)}: $${name} is neither an example variable nor kept by an earlier example`);
        }
      }
      for (const entry of listOf(block.annotation!.get('keep'))) kept.add(entry.split(':')[0]!);
    }
    expect(problems).toEqual([]);
  });
});

describe('the examples', () => {
  it('write with every mutation of the supergraph', () => {
    const shown = new Set<string>();
    for (const block of annotated(['graphql']).filter(runs)) {
      for (const definition of parse(block.code).definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== OperationTypeNode.MUTATION) continue;
        for (const selection of definition.selectionSet.selections) if (selection.kind === Kind.FIELD) shown.add(selection.name.value);
      }
    }
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
    expect(mutations.length).toBeGreaterThan(0);
    expect(mutations.filter((m) => !shown.has(m))).toEqual([]);
  });

  it('are run, except a few that need a long-lived deployment', () => {
    const notRun = blocks.filter((b) => b.annotation?.has('skip'));
    expect(notRun.length, notRun.map((b) => `${where(b)}: ${b.annotation!.get('skip')}`).join('\n')).toBeLessThanOrEqual(MAX_NOT_RUN);
    expect(blocks.filter(runs).length).toBeGreaterThan(notRun.length);
  });

  it('list every purpose of the registry on the callers page, with who may declare it and whether it needs a case number', () => {
    const page = readDocument('docs/callers.md');
    for (const [name, entry] of PURPOSE_REGISTRY) {
      expect(page, name).toContain(`| \`${name}\` | ${entry.roles.join(', ')} | ${entry.needsCase ? 'required' : '—'} |`);
    }
  });

  it('tell readers of every variable they use', () => {
    const guide = readDocument('docs/README.md');
    expect(EXAMPLE_VARIABLES.filter((name) => !guide.includes(`\`$${name}\``))).toEqual([]);
  });
});

describe('the annotation reader', () => {
  it('reads keys with plain and quoted values, and refuses what it cannot read', () => {
    expect([...parseAnnotation(' as=police purpose=case-investigation skip="a reason, with spaces" ')]).toEqual([
      ['as', 'police'],
      ['purpose', 'case-investigation'],
      ['skip', 'a reason, with spaces'],
    ]);
    expect(() => parseAnnotation(' as=police purpose')).toThrow(/cannot read "purpose"/);
    expect(() => parseAnnotation(' as=police as=housing')).toThrow(/as is given twice/);
  });

  it('finds the annotation on the last non-blank line before a block, and only there', () => {
    const text = ['<!-- example: as=police purpose=audit -->', '', '```graphql', '{ a }', '```', 'text', '```sh', 'ls', '```'].join('\n');
    const [first, second] = codeBlocks('x.md', text);
    expect(first).toMatchObject({ line: 3, lang: 'graphql', code: '{ a }' });
    expect(first!.annotation?.get('as')).toBe('police');
    expect(second).toMatchObject({ line: 7, lang: 'sh', annotation: null });
  });

  it('makes GitHub anchors of headings', () => {
    expect([...anchorsOf('# Callers, tokens and purposes\n## The internal token: why calling a subgraph directly gets nothing\n## Rows: `jurisdiction`\n## Rows: jurisdiction')]).toEqual([
      'callers-tokens-and-purposes',
      'the-internal-token-why-calling-a-subgraph-directly-gets-nothing',
      'rows-jurisdiction',
      'rows-jurisdiction-1',
    ]);
  });
});

describe('the answer checks', () => {
  const none = { expect: [], empty: [] };

  it('find a look-up that answered null, a record of nulls, an empty page and an unexpected error', () => {
    expect(answerProblems({ data: { houseByCode: null } }, none)).toEqual(['houseByCode answered null']);
    expect(answerProblems({ data: { person: { name: null, phone: null } } }, none)).toEqual(['person holds nothing but nulls']);
    expect(answerProblems({ data: { person: { tenancies: { edges: [] } } } }, none)).toEqual(['person.tenancies.edges is empty']);
    expect(answerProblems({ data: { person: { tenancies: { edges: [] } } } }, { expect: [], empty: ['tenancies'] })).toEqual([]);
    expect(answerProblems({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] }, none)).toEqual(['unexpected FORBIDDEN error: Forbidden', 'no data']);
  });

  it('accept the errors an example shows, and the nulls they explain, and insist they come', () => {
    const forbidden = { data: { person: { name: 'x', healthProfile: null } }, errors: [{ message: 'Forbidden', path: ['person', 'healthProfile'], extensions: { code: 'FORBIDDEN' } }] };
    expect(answerProblems(forbidden, none)).toEqual([expect.stringMatching(/^unexpected FORBIDDEN error at person.healthProfile/)]);
    expect(answerProblems(forbidden, { expect: ['FORBIDDEN'], empty: [] })).toEqual([]);
    expect(answerProblems({ data: { person: { name: 'x' } } }, { expect: ['FORBIDDEN'], empty: [] })).toEqual(['the example shows a FORBIDDEN error, but none came']);
  });

  it('read answers printed back to back among other output', () => {
    expect(jsonValuesIn('token\n{"data":{"a":1}}{"errors":[{"message":"x ]"}]}\ndone [not json]')).toEqual([{ data: { a: 1 } }, { errors: [{ message: 'x ]' }] }]);
  });
});
