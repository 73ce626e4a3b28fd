import type { Department } from '../../subgraphs/registry.js';

/**
 * The import's side of the hub's import API: the department's
 * `start<Department>Import`, `import<Department>Rows` and
 * `finish<Department>Import` mutations and its job queries, through the
 * gateway, as the caller, for the department's administrative purpose.
 * Failures the hub may get over (it restarted, a database came back, a rate
 * limit) are retried a few times; past that, the import stops where it is
 * and `--resume` continues it.
 */

/** The purpose each department imports under: its administrative one (auth/policy.ts). */
export const IMPORT_PURPOSES: Readonly<Record<Department, string>> = {
  police: 'population-management',
  housing: 'housing-administration',
  labour: 'labour-administration',
  health: 'public-health',
};

/** The hub refused the request for a reason retrying will not change (a field, a permission): the import stops. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The hub could not be reached or could not take a batch, and retries did not help: the import can be resumed. */
export class HubUnavailable extends Error {}

export interface Problem {
  field: string;
  code: string;
  message: string;
  rule: string | null;
}

export interface RowResult {
  rowNumber: number;
  status: 'LOADED' | 'UNCHANGED' | 'REFUSED';
  recordId: string | null;
  problems: Problem[];
}

export interface Job {
  id: string;
  kind: string;
  fileDigest: string;
  rowCount: number;
  fields: string[];
  batchSize: number;
  dryRun: boolean;
  status: 'RUNNING' | 'FINISHED';
  rowsDone: number;
  loaded: number;
  unchanged: number;
  refused: number;
  committedBatches: number[];
  reportDigest: string | null;
}

export interface BatchAnswer {
  batch: number;
  replayed: boolean;
  loaded: number;
  unchanged: number;
  refused: number;
  rows: RowResult[];
}

const JOB = 'id kind fileDigest rowCount fields batchSize dryRun status rowsDone loaded unchanged refused committedBatches reportDigest';
const ROW = 'rowNumber status recordId problems { field code message rule }';

/** Codes after which the same request may succeed. */
const TRANSIENT = new Set(['SERVICE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR']);

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number; field?: string } }[];
}

export interface ImportClientOptions {
  gatewayUrl: string;
  token: string;
  department: Department;
  /** Attempts per request before the hub counts as unavailable. */
  attempts?: number;
  /** The first wait between attempts, doubled each time. */
  retryMs?: number;
}

export class ImportClient {
  private readonly name: string;
  private readonly attempts: number;
  private readonly retryMs: number;

  constructor(private readonly options: ImportClientOptions) {
    this.name = `${options.department.charAt(0).toUpperCase()}${options.department.slice(1)}`;
    this.attempts = options.attempts ?? 6;
    this.retryMs = options.retryMs ?? 1_000;
  }

  async start(input: { kind: string; fileName: string; fileDigest: string; rowCount: number; fields: string[]; batchSize: number; dryRun: boolean }): Promise<Job> {
    const data = await this.request(`mutation StartImport($input: StartImportInput!) { start${this.name}Import(input: $input) { job { ${JOB} } } }`, { input });
    return (data[`start${this.name}Import`] as { job: Job }).job;
  }

  async rows(input: { jobId: string; batch: number; rows: { rowNumber: number; values: (string | null)[]; unreadable?: { field: string; message: string }[] }[] }): Promise<BatchAnswer> {
    const data = await this.request(
      `mutation ImportRows($input: ImportRowsInput!) { import${this.name}Rows(input: $input) { batch replayed loaded unchanged refused rows { ${ROW} } } }`,
      { input },
    );
    return data[`import${this.name}Rows`] as BatchAnswer;
  }

  async finish(jobId: string, reportDigest: string): Promise<Job> {
    const data = await this.request(`mutation FinishImport($input: FinishImportInput!) { finish${this.name}Import(input: $input) { job { ${JOB} } } }`, { input: { jobId, reportDigest } });
    return (data[`finish${this.name}Import`] as { job: Job }).job;
  }

  async job(id: string): Promise<Job | null> {
    const data = await this.request(`query ImportJob($id: ID!) { ${this.options.department}ImportJob(id: $id) { ${JOB} } }`, { id });
    return (data[`${this.options.department}ImportJob`] as Job | null) ?? null;
  }

  /** The department's jobs, newest first, a page at a time, up to `limit`. */
  async *jobs(limit = 500): AsyncGenerator<Job> {
    let after: string | null = null;
    let seen = 0;
    for (;;) {
      const data = await this.request(`query ImportJobs($after: String) { ${this.options.department}ImportJobs(first: 100, after: $after) { edges { node { ${JOB} } } pageInfo { hasNextPage endCursor } } }`, { after });
      const page = data[`${this.options.department}ImportJobs`] as { edges: { node: Job }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      for (const edge of page.edges) {
        yield edge.node;
        seen += 1;
        if (seen >= limit) return;
      }
      if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return;
      after = page.pageInfo.endCursor;
    }
  }

  /** A job's refused rows from `fromRow` to `toRow`, in row order. */
  async *refusals(jobId: string, fromRow: number, toRow: number): AsyncGenerator<RowResult> {
    let after: string | null = null;
    for (;;) {
      const data = await this.request(
        `query ImportRefusals($id: ID!, $after: String, $from: Int, $to: Int) { ${this.options.department}ImportJob(id: $id) { refusals(first: 100, after: $after, fromRow: $from, toRow: $to) { edges { node { ${ROW} } } pageInfo { hasNextPage endCursor } } } }`,
        { id: jobId, after, from: fromRow, to: toRow },
      );
      const job = data[`${this.options.department}ImportJob`] as { refusals: { edges: { node: RowResult }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null;
      if (!job) throw new ImportRefused(`the import job ${jobId} is not there any more`, 'NOT_FOUND');
      for (const edge of job.refusals.edges) yield edge.node;
      if (!job.refusals.pageInfo.hasNextPage || job.refusals.pageInfo.endCursor === null) return;
      after = job.refusals.pageInfo.endCursor;
    }
  }

  /** Sends one operation, retrying what may pass on a later attempt. */
  private async request(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
    let wait = this.retryMs;
    let last = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let answer: GraphQLAnswer | null = null;
      let status = 0;
      try {
        const response = await fetch(this.options.gatewayUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            authorization: `Bearer ${this.options.token}`,
            'x-purpose': IMPORT_PURPOSES[this.options.department],
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(120_000),
        });
        status = response.status;
        answer = (await response.json().catch(() => null)) as GraphQLAnswer | null;
      } catch (error) {
        last = `the hub at ${this.options.gatewayUrl} did not answer (${(error as Error).message})`;
      }
      if (answer) {
        const errors = answer.errors ?? [];
        if (errors.length === 0 && answer.data) return answer.data;
        const first = errors[0];
        const code = first?.extensions?.code ?? (status >= 500 ? 'SERVICE_UNAVAILABLE' : 'UNKNOWN');
        const words = errors.map((e) => e.message).join('; ') || `HTTP ${status}`;
        if (!TRANSIENT.has(code)) throw new ImportRefused(words, code);
        last = words;
        if (code === 'RATE_LIMITED' && typeof first?.extensions?.retryAfterSeconds === 'number') wait = Math.max(wait, Math.min(60, first.extensions.retryAfterSeconds) * 1000);
      } else if (status !== 0) {
        last = `the hub answered HTTP ${status} without a GraphQL answer`;
      }
      if (attempt < this.attempts) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, 30_000);
      }
    }
    throw new HubUnavailable(last);
  }
}
