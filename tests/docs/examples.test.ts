import { spawn } from 'node:child_process';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../../auth/caller.js';
import { fromRoot } from '../../platform/paths.js';
import { claimsFor, parseTokenArgs } from '../../scripts/token.js';
import { answerProblems, isGraphQLAnswer, jsonValuesIn } from './answers.js';
import { auditStoreForCommands, envName, GIVEN, startDocsHub, type DocsHub } from './fixtures.js';
import { allBlocks, listOf, RUNNABLE_LANGUAGES, where, type CodeBlock } from './markdown.js';

/*
 * Runs every GraphQL and shell example of README.md and docs/*.md, in reading
 * order, against one test hub, and fails when an example errors or answers
 * nothing useful. How a block says how it runs is in docs/README.md
 * ("Examples that run"); tests/docs/coverage.test.ts checks every block says
 * it, and that every mutation has an example. With DOCS_PRINT=1 it prints
 * what each example answered, for writing the sample answers beside them.
 */

const show = (label: string, text: string) => {
  if (process.env.DOCS_PRINT) process.stdout.write(`\n--- ${label}\n${text}\n`);
};

let docs: DocsHub;
/** Values examples kept from their answers (`keep=`), for the examples after them. */
const kept = new Map<string, unknown>();
const givenDone = new Set<string>();
let auditStoreEnv: Record<string, string> | null = null;

beforeAll(async () => {
  docs = await startDocsHub();
}, 240_000);

afterAll(async () => {
  await docs?.close();
});

const valueOf = (name: string): unknown => {
  if (kept.has(name)) return kept.get(name);
  if (docs.variables.has(name)) return docs.variables.get(name);
  throw new Error(`$${name} is no variable the examples know (docs/README.md lists them) and no earlier example kept it`);
};

/** An annotation value, or the variable it names (`grid=$gridCode`). */
const resolved = (value: string): string => (value.startsWith('$') ? String(valueOf(value.slice(1))) : value);

async function before(block: CodeBlock): Promise<void> {
  for (const name of listOf(block.annotation!.get('given'))) {
    if (givenDone.has(name)) continue;
    const step = GIVEN[name];
    if (!step) throw new Error(`given=${name} is not a step the examples know (${Object.keys(GIVEN).join(', ')})`);
    await step(docs);
    givenDone.add(name);
  }
  // The delivery worker has had its round, as it does every EXCHANGE_POLL_MS on a running hub.
  await docs.hub.exchange.worker.runOnce();
  await docs.hub.eventsHandedOn();
}

/** `a.b.0.c`, or `a.edges.*.node.id` for every element. */
function pick(value: unknown, path: string[]): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.map((item) => pick(item, rest)) : undefined;
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, head!)) return undefined;
  return pick((value as Record<string, unknown>)[head!], rest);
}

async function runGraphQL(block: CodeBlock): Promise<void> {
  const note = block.annotation!;
  const flags = ['--dept', note.get('as')!];
  for (const [key, flag] of [['roles', '--roles'], ['grid', '--grid'], ['division', '--division'], ['sub', '--sub'], ['house', '--house'], ['employer', '--employer'], ['id-number', '--id-number']] as const) {
    const value = note.get(key);
    if (value !== undefined) flags.push(flag, resolved(value));
  }
  const request = parseTokenArgs(flags);
  if (!request) throw new Error('the annotation asks for no token');
  const token = await signCallerToken(docs.issuer, claimsFor(request), { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 600 });
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-purpose': note.get('purpose')! };
  if (note.has('case')) headers['x-case-id'] = note.get('case')!;

  const operations = parse(block.code).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  expect(operations.length, 'a GraphQL example holds at least one operation').toBeGreaterThan(0);
  for (const operation of operations) {
    const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, valueOf(v.variable.name.value)]));
    const response = await fetch(docs.hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: block.code, variables, ...(operation.name ? { operationName: operation.name.value } : {}) }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    const label = operation.name?.value ?? 'the operation';
    show(`${where(block)} ${label} (${response.status})`, JSON.stringify(answer, null, 1));
    const expectations = { expect: listOf(note.get('expect')), empty: listOf(note.get('empty')) };
    expect(answerProblems(answer, expectations), `${label}: ${JSON.stringify(answer).slice(0, 1500)}`).toEqual([]);
    if (expectations.expect.length === 0) expect(response.status, label).toBe(200);
    for (const entry of listOf(note.get('keep'))) {
      const [name, path] = entry.split(':');
      const value = pick(answer.data, path!.split('.'));
      expect(value, `keep=${entry}`).not.toBeUndefined();
      kept.set(name!, value);
    }
  }
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bash(script: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: fromRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function runShell(block: CodeBlock): Promise<void> {
  const note = block.annotation!;
  if (listOf(note.get('needs')).includes('audit-store')) auditStoreEnv ??= await auditStoreForCommands(docs);
  const gateway = new URL(docs.hub.gatewayUrl);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', NODE_ENV: 'development', LOG_LEVEL: 'silent' };
  Object.assign(env, {
    HUB: gateway.origin,
    EXCHANGE: new URL(docs.hub.exchange.inboxUrl).origin,
    POLICE: new URL(docs.hub.subgraphUrls.police).origin,
    HUB_DATA_DIR: docs.dataDir,
    ...(auditStoreEnv ?? {}),
  });
  for (const name of listOf(note.get('env'))) {
    const variable = [...docs.variables.keys(), ...kept.keys()].find((v) => envName(v) === name);
    if (!variable) throw new Error(`env=${name} names no variable the examples know`);
    env[name] = String(valueOf(variable));
  }
  const ran = await bash(block.code, env);
  const output = `${ran.stdout}${ran.stderr}`;
  show(`${where(block)} (exit ${ran.code})`, output);
  expect(ran.code, `exit status; output:\n${output.slice(0, 3000)}`).toBe(0);
  expect(output.trim(), 'the example prints something').not.toBe('');
  const wanted = note.get('output');
  if (wanted !== undefined) expect(output).toMatch(new RegExp(wanted, 'm'));
  const expectations = { expect: listOf(note.get('expect')), empty: [] };
  for (const value of jsonValuesIn(ran.stdout)) {
    if (isGraphQLAnswer(value)) expect(answerProblems(value, expectations), JSON.stringify(value).slice(0, 1500)).toEqual([]);
  }
}

const runnable = allBlocks().filter((b) => (RUNNABLE_LANGUAGES as readonly string[]).includes(b.lang) && b.annotation && !b.annotation.has('skip'));

describe('the documentation examples, run against a hub', () => {
  for (const block of runnable) {
    const first = block.code.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'))?.trim() ?? '';
    it(`${where(block)} (${block.lang}) ${first.slice(0, 70)}`, async () => {
      await before(block);
      if (block.lang === 'graphql') await runGraphQL(block);
      else await runShell(block);
    }, 180_000);
  }
});
