import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../platform/paths.js';

/*
 * The documentation's code blocks and the annotations that say how each one
 * is run. The convention is written out for authors in docs/README.md
 * ("Examples that run"); this module is its only reader.
 *
 *   <!-- example: as=housing purpose=housing-administration -->
 *   ```graphql
 *   ...
 *   ```
 *
 * The annotation is the last non-blank line before the block's fence.
 */

/** The documents whose examples run, in the order a reader meets them (and the order they run in). */
export const DOCUMENTS = [
  'README.md',
  'docs/README.md',
  'docs/callers.md',
  'docs/querying.md',
  'docs/verification.md',
  'docs/web.md',
  'docs/limits.md',
  'docs/writing.md',
  'docs/import.md',
  'docs/auditing.md',
  'docs/exchange.md',
  'docs/inbox.md',
  'docs/events.md',
  'docs/collection.md',
  'docs/operations.md',
  'docs/scale.md',
  'docs/architecture.md',
  'docs/testing.md',
  'docs/benchmarks.md',
  'docs/libraries.md',
] as const;

/** Generated from the policy, the record rules and the alert rules (`npm run policy:table`, `rules:table`, `alerts:table`), each with a test of its own. */
export const GENERATED_DOCUMENTS = ['docs/policy.md', 'docs/rules.md', 'docs/alerts.md', 'docs/anomalies.md'] as const;

/**
 * The variables examples may use without an earlier example keeping them: what
 * tests/docs/fixtures.ts finds in the hub, and docs/README.md lists for readers.
 */
export const EXAMPLE_VARIABLES = [
  'idNumber',
  'name',
  'personId',
  'gridCode',
  'divisionCode',
  'houseCode',
  'houseId',
  'creditCode',
  'employerId',
  'moverId',
  'flaggedPersonId',
  'newHouseCode',
  'importedHouseCode',
  'newAddress',
  'newEmployerAddress',
  'today',
  'from',
  'to',
  'partnerKey',
  'partnerInbox',
] as const;

/** Blocks a reader runs: each needs an annotation. */
export const RUNNABLE_LANGUAGES = ['graphql', 'sh'] as const;
/** Blocks a reader may run somewhere else (a partner's store, a PostgreSQL server): annotated, never run here. */
export const ELSEWHERE_LANGUAGES = ['sql'] as const;
/** What a command prints or a server answers, pictures, and code run by a test of its own (the webhook receiver: tests/alerts/webhooks.test.ts): shown, not run here. */
export const SHOWN_LANGUAGES = ['json', 'text', 'js'] as const;
export const LANGUAGES: readonly string[] = [...RUNNABLE_LANGUAGES, ...ELSEWHERE_LANGUAGES, ...SHOWN_LANGUAGES];

/** What each annotation key means is in docs/README.md; these are the keys each language knows. */
export const ANNOTATION_KEYS: Readonly<Record<string, readonly string[]>> = {
  graphql: ['as', 'roles', 'grid', 'division', 'sub', 'house', 'employer', 'id-number', 'purpose', 'case', 'expect', 'empty', 'keep', 'given', 'skip'],
  sh: ['env', 'expect', 'output', 'needs', 'given', 'skip'],
  sql: ['skip'],
};

export interface CodeBlock {
  /** The document, relative to the repository root. */
  file: string;
  /** Line of the opening fence, from 1. */
  line: number;
  lang: string;
  code: string;
  /** The annotation's key=value pairs; null when the block has none. */
  annotation: Map<string, string> | null;
  /** What is wrong with the annotation, if it could not be read. */
  annotationProblem: string | null;
}

export const where = (block: Pick<CodeBlock, 'file' | 'line'>): string => `${block.file}:${block.line}`;

export function readDocument(file: string): string {
  return readFileSync(fromRoot(file), 'utf8');
}

/** Every Markdown file of docs/, relative to the repository root. */
export function docsFolder(): string[] {
  return readdirSync(fromRoot('docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.posix.join('docs', name))
    .sort();
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*$/;
const ANNOTATION = /^<!--\s*example:(.*?)-->\s*$/;
const PAIR = /\s*([a-z][a-z-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))/y;

/** Reads `key=value key="a value" key='a "value"'` pairs; throws naming what it could not read. */
export function parseAnnotation(text: string): Map<string, string> {
  const values = new Map<string, string>();
  PAIR.lastIndex = 0;
  let at = 0;
  const rest = text.trimEnd();
  while (at < rest.length) {
    PAIR.lastIndex = at;
    const match = PAIR.exec(rest);
    if (!match) throw new Error(`cannot read ${JSON.stringify(rest.slice(at).trim())}: write key=value, key="a value" or key='a "value"'`);
    const key = match[1]!;
    if (values.has(key)) throw new Error(`${key} is given twice`);
    values.set(key, match[2] ?? match[3] ?? match[4]!);
    at = PAIR.lastIndex;
  }
  return values;
}

/** The fenced code blocks of a Markdown text, each with the annotation before it. */
export function codeBlocks(file: string, text: string = readDocument(file)): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j]!);
      if (close && close[2]!.startsWith(fence[0]!) && close[2]!.length >= fence.length && close[3] === '') break;
      body.push(lines[j]!);
    }
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const before = ANNOTATION.exec(k >= 0 ? lines[k]!.trim() : '');
    let annotation: Map<string, string> | null = null;
    let annotationProblem: string | null = null;
    if (before) {
      try {
        annotation = parseAnnotation(before[1]!);
      } catch (error) {
        annotationProblem = (error as Error).message;
      }
    }
    blocks.push({ file, line: i + 1, lang: open[3]!, code: body.join('\n'), annotation, annotationProblem });
    i = j;
  }
  return blocks;
}

/** Every code block of the documents, in reading order. */
export function allBlocks(): CodeBlock[] {
  return DOCUMENTS.flatMap((file) => codeBlocks(file));
}

/** A list value of an annotation: `a,b,c`. */
export const listOf = (value: string | undefined): string[] => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped (letters of
 * any script kept), spaces to hyphens; repeats numbered -1, -2, …
 */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Inline links `[text](target)` outside code, with their lines. */
export function linksOf(text: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  let inFence = false;
  text.split('\n').forEach((line, index) => {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) return;
    const outsideCode = line.replace(/`[^`]*`/g, '');
    for (const match of outsideCode.matchAll(/\]\(([^)\s]+)\)/g)) links.push({ line: index + 1, target: match[1]! });
  });
  return links;
}
