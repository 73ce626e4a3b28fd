import { GraphQLError } from 'graphql';
import type { PersonCondition, PersonProblem } from '../domain/plausibility.js';
import type { Logger } from '../platform/logger.js';
import type { RequestMeta } from './principal.js';

/**
 * How a department asks another whether a record it names exists, and
 * whether a record about a person makes sense, while it writes: through the
 * gateway, with the check grant of the write (auth/check-grant.ts), so the
 * question is asked as the writing caller, under the policy, and recorded.
 * Never by reading the other department's tables.
 *
 * Every way the question can go unanswered (no gateway, no grant, a timeout,
 * an error) refuses the write: a record whose references could not be checked
 * is not stored.
 */

/** A question about a person: do they exist, and, when `on` is given, does a record of theirs from `on` make sense. */
export interface PersonQuestion extends Partial<PersonCondition> {
  personId: string;
}

/** A question about a house: does it exist, and, when `gridCode` is given, does it lie in that grid. */
export interface HouseQuestion {
  code: string;
  gridCode?: string | null;
}

/** A question about an identity as someone gave it: are this number and name one person on the register, not moved out. */
export interface IdentityQuestion {
  idNumber: string;
  name: string;
}

export interface ReferenceQuestions {
  persons?: readonly PersonQuestion[];
  houses?: readonly HouseQuestion[];
  grids?: readonly string[];
  identities?: readonly IdentityQuestion[];
}

export interface PersonAnswer {
  personId: string;
  found: boolean;
  problems: PersonProblem[];
}

export interface HouseAnswer {
  code: string;
  found: boolean;
  problems: 'OTHER_GRID'[];
}

export interface GridAnswer {
  code: string;
  found: boolean;
}

/** Yes or no, and who only on yes: the register never says why not to the asker. */
export interface IdentityAnswer {
  confirmed: boolean;
  personId: string | null;
}

/** The answers, in the order the questions were asked. */
export interface ReferenceAnswers {
  persons: PersonAnswer[];
  houses: HouseAnswer[];
  grids: GridAnswer[];
  identities: IdentityAnswer[];
}

/** Where the hub is and the grant to ask it with; either may be missing, and then every question fails closed. */
export interface HubLink {
  /** The gateway's GraphQL URL. */
  gatewayUrl: string | null;
  /** The current write's grant; null outside a mutation. */
  checkGrant: string | null;
}

/** How long a department waits for its questions; the write it serves waits as long. */
export const REFERENCE_CHECK_TIMEOUT_MS = 5_000;

/** The most questions of one kind a single check may ask: a write names a handful of records. */
export const MAX_QUESTIONS = 50;

/**
 * The most a check asked for a batch of an import may ask: one question of a
 * kind for each row of the largest batch (subgraphs/import/kinds.ts
 * MAX_BATCH_ROWS), so a batch's questions go to the owning department in one
 * request, recorded there as one, instead of one request per fifty rows.
 */
export const MAX_IMPORT_QUESTIONS = 1_000;

/** How many questions of one kind the request may ask: a batch of an import's, as many as the batch has rows. */
export function maxQuestions(meta: Pick<RequestMeta, 'importBatch'>): number {
  return meta.importBatch === true ? MAX_IMPORT_QUESTIONS : MAX_QUESTIONS;
}

const PERSON_FIELDS = 'personId found problems';
const HOUSE_FIELDS = 'code found problems';
const GRID_FIELDS = 'code found';
const IDENTITY_FIELDS = 'confirmed personId';

/** The register that answers each kind of question, as the caller reads it in an error. */
const OWNERS = { persons: 'police population register', houses: 'housing register', grids: 'police grid register', identities: 'police population register' } as const;

function notAnswered(kinds: readonly (keyof typeof OWNERS)[]): GraphQLError {
  const registers = kinds.map((kind) => OWNERS[kind]).join(' and the ');
  return new GraphQLError(`The ${registers} could not be asked whether the records named exist, so nothing was recorded; try again shortly`, {
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
}

function notAllowed(kinds: readonly (keyof typeof OWNERS)[]): GraphQLError {
  const registers = kinds.map((kind) => OWNERS[kind]).join(' and the ');
  return new GraphQLError(
    `This record names records of the ${registers}, and the request's role and purpose do not allow checking them there, so nothing was recorded`,
    { extensions: { code: 'FORBIDDEN' } },
  );
}

interface CheckResponse {
  data?: {
    personChecks?: PersonAnswer[] | null;
    houseChecks?: HouseAnswer[] | null;
    gridChecks?: GridAnswer[] | null;
    identityChecks?: IdentityAnswer[] | null;
  } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/** A GraphQL answer as the gateway gave it to a request sent under a grant. */
export interface HubAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

export class ReferenceChecks {
  constructor(
    /** Where the hub is and the grant to ask it with: what other questions asked as the caller go through too. */
    readonly hub: HubLink,
    private readonly logger: Logger,
    private readonly timeoutMs = REFERENCE_CHECK_TIMEOUT_MS,
  ) {}

  /** Whether a grant came with this request: only a mutation's does. */
  get granted(): boolean {
    return this.hub.gatewayUrl !== null && this.hub.checkGrant !== null;
  }

  /**
   * Sends one operation to the hub under this request's grant, for what the
   * grant allows beyond the checks (auth/check-grant.ts GRANTED_FIELDS): the
   * declarations subgraph registering a confirmed declaration with the owning
   * department, as the confirming officer. The answer comes back as the
   * gateway gave it, errors and all, for the caller to read; no way to reach
   * the hub, or no answer, is a SERVICE_UNAVAILABLE (nothing is decided).
   */
  async send(operationName: string, query: string, variables: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<HubAnswer> {
    const { gatewayUrl, checkGrant } = this.hub;
    const unavailable = () =>
      new GraphQLError('The department could not be reached through the hub, so nothing was decided; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    if (gatewayUrl === null || checkGrant === null) {
      this.logger.error({ hasGateway: gatewayUrl !== null, hasGrant: checkGrant !== null, operationName }, 'an operation could not be sent to the hub: no way to reach it');
      throw unavailable();
    }
    try {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${checkGrant}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables, operationName }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as HubAnswer;
      if (typeof body !== 'object' || body === null) throw new Error('the hub answered with no GraphQL body');
      return body;
    } catch (error) {
      this.logger.error({ err: error, operationName }, 'an operation sent to the hub got no answer');
      throw unavailable();
    }
  }

  /** Asks every question in one request to the hub; answers come back in the order asked. */
  async ask(questions: ReferenceQuestions): Promise<ReferenceAnswers> {
    const persons = questions.persons ?? [];
    const houses = questions.houses ?? [];
    const grids = questions.grids ?? [];
    const identities = questions.identities ?? [];
    const kinds = (['persons', 'houses', 'grids', 'identities'] as const).filter((kind) => (questions[kind]?.length ?? 0) > 0);
    if (kinds.length === 0) return { persons: [], houses: [], grids: [], identities: [] };
    const { gatewayUrl, checkGrant } = this.hub;
    if (gatewayUrl === null || checkGrant === null) {
      this.logger.error({ hasGateway: gatewayUrl !== null, hasGrant: checkGrant !== null }, 'a write could not check its references: no way to reach the hub');
      throw notAnswered(kinds);
    }
    const variables: Record<string, unknown> = {};
    const declared: string[] = [];
    const selected: string[] = [];
    if (persons.length > 0) {
      variables.persons = persons.map((q) => ({
        personId: q.personId,
        on: q.on ?? null,
        until: q.until ?? null,
        minimumAge: q.minimumAge ?? null,
        maximumAge: q.maximumAge ?? null,
        sex: q.sex ?? null,
      }));
      declared.push('$persons: [PersonCheckInput!]!');
      selected.push(`personChecks(checks: $persons) { ${PERSON_FIELDS} }`);
    }
    if (houses.length > 0) {
      variables.houses = houses.map((q) => ({ code: q.code, gridCode: q.gridCode ?? null }));
      declared.push('$houses: [HouseCheckInput!]!');
      selected.push(`houseChecks(checks: $houses) { ${HOUSE_FIELDS} }`);
    }
    if (grids.length > 0) {
      variables.grids = [...grids];
      declared.push('$grids: [String!]!');
      selected.push(`gridChecks(codes: $grids) { ${GRID_FIELDS} }`);
    }
    if (identities.length > 0) {
      variables.identities = identities.map((q) => ({ idNumber: q.idNumber, name: q.name }));
      declared.push('$identities: [IdentityCheckInput!]!');
      selected.push(`identityChecks(checks: $identities) { ${IDENTITY_FIELDS} }`);
    }
    const query = `query ReferenceChecks(${declared.join(', ')}) { ${selected.join(' ')} }`;
    let body: CheckResponse;
    try {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${checkGrant}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables, operationName: 'ReferenceChecks' }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as CheckResponse;
    } catch (error) {
      this.logger.error({ err: error }, 'a write could not check its references: the hub did not answer');
      throw notAnswered(kinds);
    }
    const codes = (body.errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
    if (codes.includes('FORBIDDEN')) throw notAllowed(kinds);
    const answers: ReferenceAnswers = {
      persons: body.data?.personChecks ?? [],
      houses: body.data?.houseChecks ?? [],
      grids: body.data?.gridChecks ?? [],
      identities: body.data?.identityChecks ?? [],
    };
    if (
      codes.length > 0 ||
      answers.persons.length !== persons.length ||
      answers.houses.length !== houses.length ||
      answers.grids.length !== grids.length ||
      answers.identities.length !== identities.length
    ) {
      this.logger.error({ errorCodes: codes.slice(0, 10) }, 'a write could not check its references: the hub answered without them');
      throw notAnswered(kinds);
    }
    return answers;
  }
}
