import { GraphQLError } from 'graphql';
import type { Principal } from '../../auth/principal.js';
import {
  MAX_IMPORT_QUESTIONS,
  type ReferenceChecks,
  type ReferenceAnswers,
  type HouseQuestion,
  type IdentityQuestion,
  type PersonQuestion,
  type ReferenceQuestions,
} from '../../auth/reference-checks.js';
import type { FieldProblem } from '../../platform/errors.js';
import { RULE_CODES, type RecordRule } from '../../platform/record-rules.js';
import type { StoredProblem } from './ledger.js';
import type { CellValue } from './values.js';
import { MAX_BATCH_ROWS, type ImportKindDefinition } from './kinds.js';

/**
 * How a batch of rows goes through a department's own rules. Each row is
 * handed, as the input of the department's single write, to the very rules
 * method that write calls, so an imported row is held to exactly what a
 * mutation is: its format, its references asked of other departments through
 * the hub, its plausibility, its clashes with what is stored. Two things
 * change, and only in how, not what:
 *
 * - the questions the rows ask other departments are asked together: every
 *   row runs until it waits on a question, a write or its end, then the
 *   waiting questions go to the hub in as few requests as the limits allow;
 * - the write each row ends in is not made on its own: once every row has
 *   reached its write or its refusal, the batch's records are written in one
 *   transaction, with the events single writes cause and the ledger's record
 *   that the batch is committed.
 */

/** A row as the batch holds it: its number in the file and its values by field, read for their types. */
export interface ImportRow {
  rowNumber: number;
  values: ReadonlyMap<string, CellValue>;
}

/** A refusal's problem, naming the import field, the code and the rule. */
export type RowProblem = StoredProblem;

/** What a row became. */
export type RowOutcome =
  | { status: 'LOADED' | 'UNCHANGED'; recordId: string | null; personId: string | null }
  | { status: 'REFUSED'; problems: RowProblem[] };

/** What a kind's write made of one record the rules handed it. */
export type WriteOutcome<TAnswer = unknown> =
  | { written: true; recordId: string; personId: string | null; answer: TAnswer }
  | { written: false; problem: RowProblem; answer: TAnswer };

/** What a stored record holds of the fields a row is compared on, and who it is about. */
export interface StoredRecord {
  recordId: string;
  personId: string | null;
  values: Readonly<Record<string, unknown>>;
}

/** What a row's rules are handed in place of the store's write and the request's checks. */
export interface RowSession {
  /** Asks other departments through the hub, as the caller; batched with the other rows' questions. */
  readonly checks: ReferenceChecks;
  /** Hands the record to the batch's transaction; resolves with what the store would have answered once it is committed. */
  write<T>(payload: unknown): Promise<T>;
}

/** Asks the hub many questions at once: as many requests as MAX_IMPORT_QUESTIONS needs (one for a batch), a few at a time. */
export type Asker = (questions: ReferenceQuestions) => Promise<ReferenceAnswers>;

/**
 * What a department gives an import of one of its kinds: how a row becomes
 * its single write's input, the natural key, and the batch write. `TTx` is
 * a transaction on the department's own database.
 */
export interface ImportKindRuntime<TInput = unknown, TTx = unknown> {
  readonly definition: ImportKindDefinition;
  /** The record rules of the kind's single write: the refusals a row may meet, and which line each one applies. */
  readonly rules: readonly RecordRule[];
  /** Which import field a problem of the single write's input names (`input.personId` → `idNumber`); unlisted, `input.x` is `x`. */
  readonly problemFields: ReadonlyMap<string, string>;
  /** Each row's input for the single write, or why the row cannot be one (an identity the register does not confirm). */
  inputs(rows: readonly ImportRow[], ask: Asker, principal: Principal | null): Promise<(TInput | RowProblem[])[]>;
  /** The natural key of a row's input. */
  keyOf(input: TInput): string;
  /** What a row holds of the fields a stored record is compared on. */
  compared(input: TInput): Readonly<Record<string, unknown>>;
  /** The records already stored under these inputs' keys, by key. */
  existing(inputs: readonly TInput[], principal: Principal | null): Promise<ReadonlyMap<string, StoredRecord>>;
  /** Runs the single write's rules on the input, with the session in place of the store's write and the request's checks. */
  validate(input: TInput, session: RowSession, principal: Principal | null): Promise<unknown>;
  /** Writes what the rules handed over, in the batch's transaction, with the events single writes cause; in the order given. */
  write(tx: TTx, payloads: readonly unknown[]): Promise<WriteOutcome[]>;
  /** The conflict line a row clashing with a stored record under its key is refused by. */
  readonly keyConflict: RecordRule;
}

/** A line of a department's table by id and kind: a kind whose line is renamed or retyped stops its module loading. */
export function ruleLine<K extends RecordRule['kind']>(rules: readonly RecordRule[], id: string, kind: K): Extract<RecordRule, { kind: K }> {
  const line = rules.find((rule) => rule.id === id);
  if (line?.kind !== kind) throw new Error(`the record rules hold no ${kind} line ${id}`);
  return line as Extract<RecordRule, { kind: K }>;
}

/** Codes a department's rules refuse a record with: a row refused, not a batch failed. */
const ROW_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN']);

// A batch's questions of each kind go to their department in one request: the largest batch must fit one.
if (MAX_BATCH_ROWS > MAX_IMPORT_QUESTIONS) throw new Error('a batch of an import may hold more rows than one check may ask questions');

/** How many requests of questions are in flight at once for one batch (more than one only for rows asking several questions of a kind). */
const ASK_CONCURRENCY = 4;

/** A batch could not be judged (the hub could not be asked, the database failed): nothing of it is committed. */
export class BatchFailed extends Error {
  constructor(readonly error: unknown) {
    super('the batch could not be judged', { cause: error });
  }
}

/** Splits questions into requests of at most MAX_IMPORT_QUESTIONS of each kind, asks them a few at a time, and joins the answers in order. */
export function chunkedAsker(checks: ReferenceChecks): Asker {
  return async (questions) => {
    const lists = {
      persons: questions.persons ?? [],
      houses: questions.houses ?? [],
      grids: questions.grids ?? [],
      identities: questions.identities ?? [],
    };
    const requests = Math.max(...Object.values(lists).map((list) => Math.ceil(list.length / MAX_IMPORT_QUESTIONS)), 0);
    const answers: ReferenceAnswers[] = new Array<ReferenceAnswers>(requests);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests) {
        const index = next++;
        const slice = <T>(list: readonly T[]) => list.slice(index * MAX_IMPORT_QUESTIONS, (index + 1) * MAX_IMPORT_QUESTIONS);
        answers[index] = await checks.ask({
          persons: slice(lists.persons),
          houses: slice(lists.houses),
          grids: slice(lists.grids),
          identities: slice(lists.identities),
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(ASK_CONCURRENCY, requests) }, worker));
    return {
      persons: answers.flatMap((a) => a.persons),
      houses: answers.flatMap((a) => a.houses),
      grids: answers.flatMap((a) => a.grids),
      identities: answers.flatMap((a) => a.identities),
    };
  };
}

interface WaitingAsk {
  questions: ReferenceQuestions;
  resolve: (answers: ReferenceAnswers) => void;
  reject: (error: unknown) => void;
}

interface WaitingWrite {
  index: number;
  payload: unknown;
  resolve: (answer: unknown) => void;
  reject: (error: unknown) => void;
}

/** Questions of one row handed out of the batch's joint answer. */
function sliceAnswers(answers: ReferenceAnswers, offsets: Record<keyof ReferenceAnswers, number>, questions: ReferenceQuestions): ReferenceAnswers {
  const take = <K extends keyof ReferenceAnswers>(kind: K, count: number) => answers[kind].slice(offsets[kind], offsets[kind] + count) as ReferenceAnswers[K];
  return {
    persons: take('persons', questions.persons?.length ?? 0),
    houses: take('houses', questions.houses?.length ?? 0),
    grids: take('grids', questions.grids?.length ?? 0),
    identities: take('identities', questions.identities?.length ?? 0),
  };
}

/**
 * The rows of a batch running through the rules together. A row is running,
 * waiting on a question, waiting on its write, or settled; when none is
 * running, the waiting questions are asked at once, and when no row waits
 * on a question either, the rules have said all they will before the write.
 */
class RowsInStep {
  private running = 0;
  private asks: WaitingAsk[] = [];
  readonly writes: WaitingWrite[] = [];
  private failure: unknown = null;
  private resolveJudged!: () => void;
  private rejectJudged!: (error: unknown) => void;
  /** Settles when every row has reached its write or its end, or fails the batch. */
  readonly judged = new Promise<void>((resolve, reject) => {
    this.resolveJudged = resolve;
    this.rejectJudged = reject;
  });
  private writesOpen = true;
  private launching = true;

  constructor(private readonly ask: Asker) {
    // Nobody may be left waiting on a failure they never see.
    this.judged.catch(() => undefined);
  }

  /** A session for the row at `index`, whose checks join the batch's. */
  session(index: number, real: ReferenceChecks): RowSession {
    const checks = Object.create(real) as ReferenceChecks;
    checks.ask = (questions) => this.waitForAnswers(questions);
    return {
      checks,
      write: <T>(payload: unknown) => this.waitForWrite(index, payload) as Promise<T>,
    };
  }

  /** Runs a row's rules; the row counts as running until it waits or ends. */
  run(work: () => Promise<void>): Promise<void> {
    this.running += 1;
    return work().finally(() => {
      this.running -= 1;
      this.step();
    });
  }

  /** Every row is running: questions asked from now on wait for the others', and a batch with no row is judged at once. */
  started(): void {
    this.launching = false;
    this.step();
  }

  /** No more writes are taken: the batch's transaction has begun (or the batch failed). */
  closeWrites(): void {
    this.writesOpen = false;
  }

  private waitForAnswers(questions: ReferenceQuestions): Promise<ReferenceAnswers> {
    if (this.failure !== null) return Promise.reject(this.failure instanceof Error ? this.failure : new Error('the batch failed'));
    return new Promise<ReferenceAnswers>((resolve, reject) => {
      this.asks.push({ questions, resolve, reject });
      this.running -= 1;
      this.step();
    });
  }

  private waitForWrite(index: number, payload: unknown): Promise<unknown> {
    if (!this.writesOpen) return Promise.reject(new Error('a row wrote after its batch was written'));
    return new Promise<unknown>((resolve, reject) => {
      this.writes.push({ index, payload, resolve, reject });
      this.running -= 1;
      this.step();
    });
  }

  private step(): void {
    if (this.launching || this.running > 0 || this.failure !== null) return;
    if (this.asks.length === 0) {
      this.resolveJudged();
      return;
    }
    const waiting = this.asks;
    this.asks = [];
    // They run again once answered; counted now, so the batch is not judged before they do.
    this.running += waiting.length;
    // Appended in place: copying the lists for each waiting row would cost the square of the batch.
    const joined = { persons: [] as PersonQuestion[], houses: [] as HouseQuestion[], grids: [] as string[], identities: [] as IdentityQuestion[] };
    const offsets = waiting.map(({ questions }) => {
      const at = { persons: joined.persons.length, houses: joined.houses.length, grids: joined.grids.length, identities: joined.identities.length };
      joined.persons.push(...(questions.persons ?? []));
      joined.houses.push(...(questions.houses ?? []));
      joined.grids.push(...(questions.grids ?? []));
      joined.identities.push(...(questions.identities ?? []));
      return at;
    });
    this.ask(joined).then(
      (answers) => waiting.forEach((wait, i) => wait.resolve(sliceAnswers(answers, offsets[i] ?? { persons: 0, houses: 0, grids: 0, identities: 0 }, wait.questions))),
      (error: unknown) => this.fail(error, waiting),
    );
  }

  /** The hub could not be asked: the whole batch fails, and every row waiting hears so. */
  private fail(error: unknown, waiting: readonly WaitingAsk[]): void {
    this.failure = error;
    this.rejectJudged(new BatchFailed(error));
    for (const wait of waiting) wait.reject(error);
    for (const write of this.writes) write.reject(error);
  }
}

/** The problems a department's refusal carries, by import field, with the rule each applies when one does. */
export function problemsOf(error: unknown, kind: Pick<ImportKindRuntime, 'rules' | 'problemFields' | 'definition'>): RowProblem[] | null {
  if (!(error instanceof GraphQLError)) return null;
  const code = typeof error.extensions.code === 'string' ? error.extensions.code : null;
  if (code === null || !ROW_CODES.has(code)) return null;
  const listed = Array.isArray(error.extensions.problems) ? (error.extensions.problems as FieldProblem[]) : null;
  const field = typeof error.extensions.field === 'string' ? error.extensions.field : null;
  const problems: FieldProblem[] = listed ?? [{ field: field ?? 'input', code: code as FieldProblem['code'], message: field !== null && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message }];
  return problems.map((problem) => ({
    field: importFieldOf(problem.field, kind),
    code: problem.code,
    message: problem.message,
    rule: ruleOf(problem, kind.rules),
  }));
}

/** The import field a problem of the single write's input names. */
export function importFieldOf(inputField: string, kind: Pick<ImportKindRuntime, 'problemFields' | 'definition'>): string {
  const mapped = kind.problemFields.get(inputField);
  if (mapped !== undefined) return mapped;
  const name = inputField.replace(/^input\./, '');
  return kind.definition.fields.some((field) => field.name === name) ? name : inputField;
}

/**
 * The line of the table a problem applies: a line on its field (or, for a
 * line about a person, on its date) whose words the message quotes; else
 * one on the same field refusing with the same code; else, for a date, the
 * person line judging it (born by then, not moved out before). A problem
 * with a field's own format applies no line.
 */
function ruleOf(problem: FieldProblem, rules: readonly RecordRule[]): string | null {
  const fieldsOf = (rule: RecordRule) => (rule.kind === 'person' ? [rule.field, rule.dateField, rule.untilField] : [rule.field]);
  const quoted = rules.find((rule) => fieldsOf(rule).includes(problem.field) && problem.message.includes(rule.says));
  if (quoted) return quoted.id;
  const same = rules.find((rule) => rule.field === problem.field && RULE_CODES[rule.kind] === problem.code);
  if (same) return same.id;
  const dated = rules.find(
    (rule) => rule.kind === 'person' && (rule.dateField === problem.field || rule.untilField === problem.field) && /before the person was born|moved out of the city/.test(problem.message),
  );
  return dated?.id ?? null;
}

/** What a judged batch hands the transaction: what to write, and what each row became without a write. */
export interface JudgedBatch {
  /** One outcome per row, in order; rows waiting on their write are `null` until `decide`. */
  outcomes: readonly (RowOutcome | null)[];
  /** The records to write, in row order, with the row each belongs to. */
  writes: readonly { index: number; payload: unknown }[];
  /** Every row's outcome once the writes are made (`null`: a dry run, nothing written). */
  decide(written: readonly WriteOutcome[] | null): RowOutcome[];
  /** Hands each committed write's answer back to the rules that made it (none when nothing was committed), and waits for them to end. */
  release(written: readonly WriteOutcome[] | null): Promise<void>;
}

/**
 * Judges a batch: reads each row into its single write's input, sets aside
 * rows whose key is stored already (unchanged when alike, refused when not)
 * or repeats an earlier row of the batch, and runs the rest through the
 * department's rules together. Throws BatchFailed when the batch could not
 * be judged; nothing is written here.
 */
export async function judgeBatch<TInput>(
  kind: ImportKindRuntime<TInput>,
  rows: readonly ImportRow[],
  checks: ReferenceChecks,
  principal: Principal | null,
  early: readonly (RowProblem[] | null)[],
): Promise<JudgedBatch> {
  const ask = chunkedAsker(checks);
  const outcomes: (RowOutcome | null)[] = rows.map(() => null);
  const pending: { index: number; input: TInput }[] = [];
  const readable = rows.flatMap((row, index) => {
    const problems = early[index];
    if (problems && problems.length > 0) {
      outcomes[index] = { status: 'REFUSED', problems };
      return [];
    }
    return [{ row, index }];
  });
  let inputs: (TInput | RowProblem[])[];
  try {
    inputs = await kind.inputs(
      readable.map((r) => r.row),
      ask,
      principal,
    );
  } catch (error) {
    throw new BatchFailed(error);
  }
  readable.forEach(({ index }, i) => {
    const input = inputs[i];
    if (input === undefined) throw new Error('a kind answered fewer inputs than it was given rows');
    if (Array.isArray(input)) outcomes[index] = { status: 'REFUSED', problems: input };
    else pending.push({ index, input });
  });

  // The natural key: a record stored under it, or an earlier row of this batch naming it.
  let stored: ReadonlyMap<string, StoredRecord>;
  try {
    stored = await kind.existing(
      pending.map((p) => p.input),
      principal,
    );
  } catch (error) {
    throw new BatchFailed(error);
  }
  const leaders = new Map<string, { index: number; values: Readonly<Record<string, unknown>> }>();
  const followers: { index: number; leader: number }[] = [];
  const judged: { index: number; input: TInput }[] = [];
  for (const { index, input } of pending) {
    const key = kind.keyOf(input);
    const values = kind.compared(input);
    const record = stored.get(key);
    if (record) {
      const differing = differences(values, record.values);
      outcomes[index] =
        differing.length === 0
          ? { status: 'UNCHANGED', recordId: record.recordId, personId: record.personId }
          : { status: 'REFUSED', problems: [keyClash(kind, `a record under the same key is stored already, with another ${differing.join(', ')}`)] };
      continue;
    }
    const leader = leaders.get(key);
    if (leader) {
      const differing = differences(values, leader.values);
      if (differing.length === 0) followers.push({ index, leader: leader.index });
      else outcomes[index] = { status: 'REFUSED', problems: [keyClash(kind, `row ${rows[leader.index]?.rowNumber ?? '?'} of this file names the same record with another ${differing.join(', ')}`)] };
      continue;
    }
    leaders.set(key, { index, values });
    judged.push({ index, input });
  }

  const step = new RowsInStep(ask);
  // A row whose rules failed for another reason than a refusal (the database) fails the batch.
  let fatal: { error: unknown } | null = null;
  const runs = judged.map(({ index, input }) =>
    step.run(() =>
      kind.validate(input, step.session(index, checks), principal).then(
        () => undefined,
        (error: unknown) => {
          if (outcomes[index] !== null || step.writes.some((w) => w.index === index)) return;
          const problems = problemsOf(error, kind);
          if (problems === null) fatal ??= { error };
          else outcomes[index] = { status: 'REFUSED', problems };
        },
      ),
    ),
  );
  step.started();
  try {
    await step.judged;
  } catch (error) {
    step.closeWrites();
    throw error instanceof BatchFailed ? error : new BatchFailed(error);
  }
  step.closeWrites();
  const failed = fatal as { error: unknown } | null;
  if (failed !== null) {
    for (const write of step.writes) write.reject(failed.error);
    throw new BatchFailed(failed.error);
  }
  const writes = [...step.writes].sort((a, b) => a.index - b.index);

  return {
    outcomes,
    writes: writes.map(({ index, payload }) => ({ index, payload })),
    decide: (written) => {
      writes.forEach((write, i) => {
        if (written === null) {
          // A dry run: what the rules accepted would be loaded.
          outcomes[write.index] = { status: 'LOADED', recordId: null, personId: null };
          return;
        }
        const outcome = written[i];
        if (!outcome) throw new Error('a kind answered fewer writes than it was given');
        outcomes[write.index] = outcome.written
          ? { status: 'LOADED', recordId: outcome.recordId, personId: outcome.personId }
          : { status: 'REFUSED', problems: [outcome.problem] };
      });
      for (const { index, leader } of followers) {
        const led = outcomes[leader];
        outcomes[index] =
          led?.status === 'REFUSED'
            ? { status: 'REFUSED', problems: led.problems }
            : { status: 'UNCHANGED', recordId: led?.recordId ?? null, personId: led?.personId ?? null };
      }
      return outcomes.map((outcome) => {
        if (outcome === null) throw new Error('a row of a batch was left without an outcome');
        return outcome;
      });
    },
    release: async (written) => {
      writes.forEach((write, i) => {
        const outcome = written?.[i];
        if (outcome) write.resolve(outcome.answer);
        else write.reject(new WriteWithheld());
      });
      await Promise.allSettled(runs);
    },
  };
}

/** What ends a row's rules whose record was not written (a dry run, a failed batch): never a refusal. */
class WriteWithheld extends Error {}

/** The compared fields whose values differ, by name. */
function differences(row: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(row).filter((field) => (row[field] ?? null) !== (stored[field] ?? null));
}

function keyClash(kind: Pick<ImportKindRuntime, 'keyConflict' | 'definition'>, what: string): RowProblem {
  const line = kind.keyConflict;
  const field = line.field.replace(/^input\./, '');
  return {
    field: kind.definition.fields.some((f) => f.name === field) ? field : (kind.definition.naturalKey[0] ?? field),
    code: 'CONFLICT',
    message: `${what}: ${line.says}`,
    rule: line.id,
  };
}
