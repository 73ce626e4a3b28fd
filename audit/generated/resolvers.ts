import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AuditEventMapper, ChainProblemMapper, AnomalyFlagMapper, AnomalyReviewMapper, AnomalyRuleMapper, AuditOverviewMapper } from '../mappers.js';
import type { AuditContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date written YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /**
   * An instant written in ISO 8601 with a time zone, e.g. 2026-03-01T08:00:00Z or
   * 2026-03-01T16:00:00+08:00. Answers are given in UTC.
   */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A resident's access report, newest first. */
export type AccessReportConnection = {
  __typename?: 'AccessReportConnection';
  edges: Array<AccessReportEdge>;
  pageInfo: PageInfo;
};

export type AccessReportEdge = {
  __typename?: 'AccessReportEdge';
  cursor: Scalars['String']['output'];
  node: AccessReportEntry;
};

/** One reading of records naming the resident. */
export type AccessReportEntry = {
  __typename?: 'AccessReportEntry';
  /** The department of whoever read: police, housing, labour, health, grid, auditor… */
  department?: Maybe<Scalars['String']['output']>;
  /** The fields read, in full or masked. */
  fields: Array<Scalars['String']['output']>;
  /** When. */
  occurredAt: Scalars['DateTime']['output'];
  /** The purpose of use they declared. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** What that purpose means, as the hub's purpose registry says. */
  purposeMeaning?: Maybe<Scalars['String']['output']>;
  /** The kind of record read, e.g. Person, HealthProfile. */
  record?: Maybe<Scalars['String']['output']>;
  /** The department whose records were read. */
  source?: Maybe<Scalars['String']['output']>;
};

/**
 * What looked wrong in the log: one rule's finding about one principal
 * (department and token subject) in one window, with the numbers behind it.
 */
export type AnomalyFlag = {
  __typename?: 'AnomalyFlag';
  /** The principal's own usual for the same count, when the rule has one and the principal a history. */
  baseline?: Maybe<Scalars['Float']['output']>;
  /** The case number, for a flag about one case. */
  caseId?: Maybe<Scalars['String']['output']>;
  /** The principal's department. */
  department: Scalars['String']['output'];
  /** The usual of the principal's department (its other principals), when the rule has one. */
  departmentBaseline?: Maybe<Scalars['Float']['output']>;
  /** Records behind the flag to open (hub ids of residents), at most ten: residentAccessHistory, auditEvents(filter: { recordId }). */
  exampleRecordIds: Array<Scalars['ID']['output']>;
  /** Requests behind the flag (the hub's request ids), at most ten: auditEvents(filter: { requestId }). */
  exampleRequestIds: Array<Scalars['String']['output']>;
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /** Every number the rule computed, named as the rule's measures are. */
  measures: Array<AnomalyMeasure>;
  /** What the rule counted in the window (see the rule's `observed`). */
  observed: Scalars['Float']['output'];
  /** When it was first raised. */
  raisedAt: Scalars['DateTime']['output'];
  /** Auditors' reviews, oldest first. */
  reviews: Array<AnomalyReview>;
  /** The principal's roles, as its latest event in the window names them. */
  roles: Array<Scalars['String']['output']>;
  /** The rule that raised it, e.g. `bulk-lookups` (see anomalyRules). */
  rule: Scalars['String']['output'];
  /** Where it stands: the verdict of its latest review, or OPEN. */
  status: AnomalyStatus;
  /** The principal flagged (the token's subject). */
  subject: Scalars['String']['output'];
  /** What the numbers say, in one line. */
  summary: Scalars['String']['output'];
  /** The number `observed` reached for the flag to be raised. */
  threshold: Scalars['Float']['output'];
  /** The rule's title, in English. */
  title: Scalars['String']['output'];
  /** The rule's title, in Chinese. */
  titleZh: Scalars['String']['output'];
  /** When its numbers were last updated: a window that grows after a flag is raised updates it. */
  updatedAt: Scalars['DateTime']['output'];
  /** End of the window: exclusive for an hour or a denial window; the case's latest access. */
  windowEnd: Scalars['DateTime']['output'];
  /** Start of the window (inclusive): an hour, a denial window, or the case's first access. */
  windowStart: Scalars['DateTime']['output'];
};

export type AnomalyFlagConnection = {
  __typename?: 'AnomalyFlagConnection';
  edges: Array<AnomalyFlagEdge>;
  pageInfo: PageInfo;
  /** How many flags the filter finds in all (of those shown to the auditor). */
  totalCount: Scalars['Int']['output'];
};

export type AnomalyFlagEdge = {
  __typename?: 'AnomalyFlagEdge';
  cursor: Scalars['String']['output'];
  node: AnomalyFlag;
};

/** Narrows a list of flags; every condition given must hold. */
export type AnomalyFlagFilter = {
  /** Flags about principals of this department. */
  department?: InputMaybe<Scalars['String']['input']>;
  /** Flags whose window ends after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Flags of this rule, by its id (see anomalyRules), e.g. `bulk-lookups`. */
  rule?: InputMaybe<Scalars['String']['input']>;
  /** Flags in this state. */
  status?: InputMaybe<AnomalyStatus>;
  /** Flags about this principal (the token's subject). */
  subject?: InputMaybe<Scalars['String']['input']>;
  /** Flags whose window starts before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A flag after a review. */
export type AnomalyFlagPayload = {
  __typename?: 'AnomalyFlagPayload';
  /** The flag as it now stands, its review among its reviews. */
  flag?: Maybe<AnomalyFlag>;
};

/** One number behind a flag. */
export type AnomalyMeasure = {
  __typename?: 'AnomalyMeasure';
  /** What it counts. */
  meaning: Scalars['String']['output'];
  /** Its name in the rule's table, e.g. `residents`. */
  name: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

/** An auditor's verdict on a flag, as final as the log entry that records it. */
export type AnomalyReview = {
  __typename?: 'AnomalyReview';
  /** For QUESTIONED: the department the note is addressed to, the flagged principal's. */
  addressedTo?: Maybe<Scalars['String']['output']>;
  /** The sha256 digest of the review (flag, verdict, note, reviewer, time), hex: the log's review event names it. */
  id: Scalars['ID']['output'];
  /** What the auditor said; for QUESTIONED, to the flagged officer's department. */
  note?: Maybe<Scalars['String']['output']>;
  /** The flag's observed number when it was reviewed: a flag that grew since shows it. */
  observedAtReview: Scalars['Float']['output'];
  /** The hub's request id of the review: its events in the log. */
  requestId: Scalars['String']['output'];
  /** When. */
  reviewedAt: Scalars['DateTime']['output'];
  /** The auditor (token subject). */
  reviewer: Scalars['String']['output'];
  /** The auditor's department. */
  reviewerDepartment: Scalars['String']['output'];
  verdict: AnomalyVerdict;
};

/** A rule of the anomaly detector, as docs/anomalies.md states it. */
export type AnomalyRule = {
  __typename?: 'AnomalyRule';
  /** What the baselines are; null when the rule has none. */
  baseline?: Maybe<Scalars['String']['output']>;
  /** What a flag's example ids name. */
  examples: Scalars['String']['output'];
  /** Stable name, e.g. `bulk-lookups`. */
  id: Scalars['String']['output'];
  /** What it catches, and why it is worth a look. */
  meaning: Scalars['String']['output'];
  /** Every number a flag of the rule carries. */
  measures: Array<AnomalyRuleMeasure>;
  /** What `observed` counts. */
  observed: Scalars['String']['output'];
  /** When a flag is raised. */
  raisedWhen: Scalars['String']['output'];
  /** The settings it reads, with the values in force. */
  settings: Array<AnomalySetting>;
  title: Scalars['String']['output'];
  titleZh: Scalars['String']['output'];
  /** The window one flag covers. */
  window: Scalars['String']['output'];
};

/** A number a rule computes. */
export type AnomalyRuleMeasure = {
  __typename?: 'AnomalyRuleMeasure';
  meaning: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** A setting of the detector, as the environment spells it. */
export type AnomalySetting = {
  __typename?: 'AnomalySetting';
  /** The documented default. */
  default: Scalars['String']['output'];
  meaning: Scalars['String']['output'];
  /** The value in force. */
  value: Scalars['String']['output'];
  /** The environment variable, e.g. ANOMALY_BULK_MIN_RESIDENTS. */
  variable: Scalars['String']['output'];
};

/** Where a flag stands: the verdict of its latest review, or OPEN. */
export type AnomalyStatus =
  /** Reviewed: handed on for investigation. */
  | 'ESCALATED'
  /** Reviewed: the activity had a reason. */
  | 'JUSTIFIED'
  /** Raised, and not reviewed yet. */
  | 'OPEN'
  /** Reviewed: the flagged officer's department is asked to explain, in the note. */
  | 'QUESTIONED';

/** An auditor's verdict on a flag. */
export type AnomalyVerdict =
  | 'ESCALATED'
  | 'JUSTIFIED'
  | 'QUESTIONED';

/** One entry of the access log, in its writer's hash chain. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** The declared case number. */
  caseId?: Maybe<Scalars['String']['output']>;
  /** The caller's own X-Request-Id, on requests that sent one: for matching the caller's logs, not a key of this log. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** How many refusals a REFUSALS event stands for, beyond the one recorded as a request. */
  count?: Maybe<Scalars['Int']['output']>;
  /** The principal's department. */
  department?: Maybe<Scalars['String']['output']>;
  /** sha256 of the query document, hex, on requests. */
  documentHash?: Maybe<Scalars['String']['output']>;
  /** How long the request took, in milliseconds, on requests; how long the window was open, on refusal tallies. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** The first error code of the response, on requests. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** Each field asked for, with the decision the policy made. */
  fields: Array<FieldAccess>;
  /** sha256 over prevHash and the event's canonical JSON. */
  hash: Scalars['String']['output'];
  /** `<writerId>/<seq>`: unique in the log. */
  id: Scalars['ID']['output'];
  kind: AuditEventKind;
  /** On a request by a principal who sees identity numbers masked: how many look-ups by full identity number it asked (the numbers are never recorded). */
  lookups?: Maybe<Scalars['Int']['output']>;
  /** When the access or request happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** The operation's name, on requests. */
  operationName?: Maybe<Scalars['String']['output']>;
  /** How the request ended, on requests. */
  outcome?: Maybe<RequestOutcome>;
  /** Hash of the previous event of the chain (64 zeros for the first). */
  prevHash: Scalars['String']['output'];
  /** The declared purpose of use. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** Ids of the records served; empty for a refusal. */
  recordIds: Array<Scalars['ID']['output']>;
  /** The hub's own request id, made by the gateway; every event of one call shares it. A caller cannot choose it. */
  requestId: Scalars['String']['output'];
  /** The principal's roles. */
  roles: Array<Scalars['String']['output']>;
  /** Position in the writer's chain, from 1, as a decimal string (a 64-bit counter). */
  seq: Scalars['String']['output'];
  /** The subgraph that served the records; null on requests. */
  subgraph?: Maybe<Scalars['String']['output']>;
  /** The principal (token subject); null for a request refused before the caller was known. */
  subject?: Maybe<Scalars['String']['output']>;
  /** GraphQL type of the records, e.g. Person; `Query` for a refused entry point. */
  typeName?: Maybe<Scalars['String']['output']>;
  /**
   * True when residents' own reports withhold this access now: it was made
   * under a case investigation whose disclosure instant is not set or not yet
   * reached.
   */
  withheldFromResident: Scalars['Boolean']['output'];
  /** The disclosure instant of the access's case, when one is set (past or future); null otherwise. */
  withheldUntil?: Maybe<Scalars['DateTime']['output']>;
  /** The process that wrote the event: `<component>:<pid>:<random>`, e.g. `police:4127:9f2c01ab`; a new one whenever a chain ends. */
  writerId: Scalars['String']['output'];
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

/** Narrows a list of audit events; every condition given must hold. */
export type AuditEventFilter = {
  /** Events declaring this case number. */
  caseId?: InputMaybe<Scalars['String']['input']>;
  /** Accesses in which at least one field had this decision, e.g. DENIED for refused attempts. */
  decision?: InputMaybe<FieldDecision>;
  /** Events of principals of this department. */
  department?: InputMaybe<Scalars['String']['input']>;
  /** Events at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Requests (one per call through the gateway), accesses (one per set of records a subgraph served), or tallies of repeated refusals. */
  kind?: InputMaybe<AuditEventKind>;
  /** Events that served this resident's records (hub person id). */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** Events declaring this purpose of use. */
  purpose?: InputMaybe<Scalars['String']['input']>;
  /** Events that served this record, of any type. */
  recordId?: InputMaybe<Scalars['ID']['input']>;
  /** Events of this request id (the hub's own, sent back as x-request-id; never the caller's). */
  requestId?: InputMaybe<Scalars['String']['input']>;
  /** Events recorded by this subgraph. */
  subgraph?: InputMaybe<Scalars['String']['input']>;
  /** Events of this principal (the token's subject). */
  subject?: InputMaybe<Scalars['String']['input']>;
  /** Events before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Events of this GraphQL type of record, e.g. Person, Tenancy. */
  typeName?: InputMaybe<Scalars['String']['input']>;
};

/** What an audit event records. */
export type AuditEventKind =
  /** Records of one type served (or refused) by one subgraph within a request. */
  | 'ACCESS'
  /**
   * Requests refused before execution that repeated, within one window, the
   * source and reason of a refusal recorded as a REQUEST event: how many is in
   * `count`, the reason in `errorCode`, the principal when it was known.
   */
  | 'REFUSALS'
  /** One call through the gateway, recorded when its response was sent. */
  | 'REQUEST';

/** The log's integrity at a glance. */
export type AuditIntegrity = {
  __typename?: 'AuditIntegrity';
  /** The latest verification of the chains (auditVerification or `npm run audit:verify`); null when none was recorded. */
  lastVerification?: Maybe<VerificationRun>;
  /** The latest signed checkpoint in the checkpoint file, its signature checked; null when there is none or no key to check it. */
  latestCheckpoint?: Maybe<VerifiedCheckpoint>;
  /** Whether every partner that witnessed anything witnessed the latest checkpoint. */
  latestWitnessed: Scalars['Boolean']['output'];
  /** Per partner city, the latest checkpoint it witnessed among the recent receipts, its receipt checked. */
  witnesses: Array<CheckpointWitness>;
};

/** The log over a period, per day. */
export type AuditOverview = {
  __typename?: 'AuditOverview';
  /**
   * Access events per day, per decision: DENIED when any field asked for was
   * refused, else MASKED when any was masked, else FULL.
   */
  accessesByDecision: Array<DailyCounts>;
  /** Access events per day, per department of the principal. */
  accessesByDepartment: Array<DailyCounts>;
  /** Access events per day, per declared purpose. */
  accessesByPurpose: Array<DailyCounts>;
  /** China's calendar days the period touches, oldest first: the x axis of every series below. */
  days: Array<Scalars['Date']['output']>;
  /** Start of the period (inclusive). */
  from: Scalars['DateTime']['output'];
  /** Whether the log is intact: the last verification, the latest checkpoint and its witnesses; null to a confined auditor. */
  integrity?: Maybe<AuditIntegrity>;
  /** Of those, the refusals for rate (RATE_LIMITED) and for the look-up cap on identity numbers (LOOKUP_CAP), per day. */
  rateLimitHits: Array<DailyCounts>;
  /**
   * Requests that ended with no data, per day, per reason (their first error
   * code): refused before they ran (UNAUTHENTICATED, FORBIDDEN, BAD_REQUEST,
   * RATE_LIMITED, LOOKUP_CAP…) or failed (BAD_USER_INPUT,
   * SERVICE_UNAVAILABLE…). Repeated refusals tallied in one event count as
   * many as it stands for.
   */
  refusalsByReason: Array<DailyCounts>;
  /** Calls through the gateway per day, per outcome: OK, PARTIAL, ERROR. */
  requestsByOutcome: Array<DailyCounts>;
  /** End of the period (exclusive). */
  to: Scalars['DateTime']['output'];
  /** Sums over the period. */
  totals: AuditTotals;
  /** Accesses of the period that residents' own reports withhold now, by case. */
  withheldFromResidents: WithheldAccesses;
};

/** Sums over a period. */
export type AuditTotals = {
  __typename?: 'AuditTotals';
  /** Access events. */
  accesses: Scalars['Int']['output'];
  /** Access events with some field refused. */
  deniedAccesses: Scalars['Int']['output'];
  /** Access events with every field released in full. */
  fullAccesses: Scalars['Int']['output'];
  /** Access events with some field masked and none refused. */
  maskedAccesses: Scalars['Int']['output'];
  /** Refusals for rate and for the look-up cap. */
  rateLimitHits: Scalars['Int']['output'];
  /** Records served, counted once per access. */
  recordsServed: Scalars['Int']['output'];
  /** Requests that ended with no data, tallied refusals included. */
  refusals: Scalars['Int']['output'];
  /** Calls through the gateway. */
  requests: Scalars['Int']['output'];
};

/**
 * The outcome of verifying the log's hash chains against the evidence kept
 * outside the store.
 */
export type AuditVerification = {
  __typename?: 'AuditVerification';
  /** Months archived out of the store (YYYY-MM, oldest first), whose signed archives the chains continue from. */
  archivedMonths: Array<Scalars['String']['output']>;
  /** Chains (writers) walked. */
  chains: Scalars['Int']['output'];
  /**
   * The latest signed checkpoint the chains were held to (every earlier one
   * anchors them too); null when the hub has none, or no key to check one with:
   * then each chain was held only to its own hashes, which the audit database's
   * owner can recompute.
   */
  checkpoint?: Maybe<VerifiedCheckpoint>;
  /** How long it took, in milliseconds. */
  durationMs: Scalars['Int']['output'];
  /** Events checked. */
  events: Scalars['Int']['output'];
  /**
   * What is wrong with the evidence itself, one line each as `npm run audit:verify`
   * prints it: a checkpoint line forged, missing or out of order, a receipt that
   * does not verify, a witnessed checkpoint cut from the file, an archive altered
   * or missing.
   */
  evidenceProblems: Array<Scalars['String']['output']>;
  /** True when every chain is intact and the checkpoints, the partners' receipts and the archives check out and agree with the store. */
  ok: Scalars['Boolean']['output'];
  /** The first problem of each broken chain. */
  problems: Array<ChainProblem>;
  /** When the verification ran. */
  verifiedAt: Scalars['DateTime']['output'];
  /** Per partner city, the latest checkpoint it witnessed with a signed receipt that verifies. */
  witnesses: Array<CheckpointWitness>;
};

/** When residents' own reports may show what was read under one case. */
export type CaseDisclosure = {
  __typename?: 'CaseDisclosure';
  caseId: Scalars['String']['output'];
  /** From this instant on; null: withheld until a date is set. */
  discloseAfter?: Maybe<Scalars['DateTime']['output']>;
  /** When this setting was made. */
  setAt: Scalars['DateTime']['output'];
  /** Whether residents' reports withhold the case's accesses now. */
  withheldNow: Scalars['Boolean']['output'];
};

export type CaseDisclosurePayload = {
  __typename?: 'CaseDisclosurePayload';
  caseDisclosure?: Maybe<CaseDisclosure>;
};

/** Where a chain breaks. */
export type ChainProblem = {
  __typename?: 'ChainProblem';
  /** What was found, in words. */
  detail: Scalars['String']['output'];
  problem: ChainProblemKind;
  /** The first sequence number at which it breaks, as a decimal string. */
  seq: Scalars['String']['output'];
  /** The writer whose chain is broken. */
  writerId: Scalars['String']['output'];
};

/** What kind of break the verifier found. */
export type ChainProblemKind =
  /** The chain's head is missing. */
  | 'DELETED'
  /** An event's content no longer matches its hash. */
  | 'EDITED'
  /** Sequence numbers are missing: events were deleted. */
  | 'GAP'
  /** An event that was not written by the chain's writer stands in it. */
  | 'INSERTED'
  /** An event does not follow the one before it: events were moved. */
  | 'REORDERED'
  /** The events up to a head a signed checkpoint vouches for no longer hash to it: the chain was rewritten and its hashes recomputed. */
  | 'REWRITTEN'
  /** The chain ends before its head, or before the head a signed checkpoint vouches for: events at the end were deleted, or the chain was rolled back. */
  | 'TRUNCATED';

/** The latest checkpoint one partner city witnessed. */
export type CheckpointWitness = {
  __typename?: 'CheckpointWitness';
  /** The witnessed checkpoint's hash. */
  checkpointHash: Scalars['String']['output'];
  /** The witnessed checkpoint's number. */
  checkpointSeq: Scalars['Int']['output'];
  /** The partner city's division code. */
  city: Scalars['String']['output'];
  /** The fingerprint of the key its receipt verifies with, to confirm with the city by another channel. */
  keyFingerprint: Scalars['String']['output'];
};

/** One series of a chart: a count per day. */
export type DailyCounts = {
  __typename?: 'DailyCounts';
  /** One count per day of the overview's `days`. */
  counts: Array<Scalars['Int']['output']>;
  /** What is counted: a department, purpose, decision, outcome or error code; null for events that name none (a request refused before its caller was known). */
  key?: Maybe<Scalars['String']['output']>;
  /** The sum of `counts`. */
  total: Scalars['Int']['output'];
};

/** How a count per officer-day spreads: over days with at least one access. */
export type DailySpread = {
  __typename?: 'DailySpread';
  /** Days (or officer-days) counted. */
  days: Scalars['Int']['output'];
  max: Scalars['Int']['output'];
  median: Scalars['Float']['output'];
  /** 90th percentile (linear interpolation). */
  p90: Scalars['Float']['output'];
};

/** One field asked for, and how it was released. */
export type FieldAccess = {
  __typename?: 'FieldAccess';
  decision: FieldDecision;
  /** The field's name on the event's type. */
  field: Scalars['String']['output'];
};

/** How the policy released one field to the caller. */
export type FieldDecision =
  | 'DENIED'
  | 'FULL'
  | 'MASKED';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records an auditor's verdict on a flag, which then stands as the flag's
   * status: JUSTIFIED, QUESTIONED (a note to the flagged officer's department is
   * required) or ESCALATED. The review is recorded in the access log, which
   * names it by its digest, before it is kept. NOT_FOUND for a flag unknown or
   * not shown to the auditor.
   */
  reviewAnomalyFlag?: Maybe<AnomalyFlagPayload>;
  /**
   * Sets when residents' own access reports may show what was read under a
   * case investigation: from `discloseAfter` on; null withholds the case's
   * accesses until a date is set (a case never set is withheld too). For the
   * police, declaring purpose `case-investigation` with this case in
   * X-Case-Id. Each setting is kept, none is overwritten; the change is
   * recorded in the access log before it is stored.
   */
  setCaseDisclosure?: Maybe<CaseDisclosurePayload>;
};


export type MutationReviewAnomalyFlagArgs = {
  input: ReviewAnomalyFlagInput;
};


export type MutationSetCaseDisclosureArgs = {
  caseId: Scalars['String']['input'];
  discloseAfter?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One officer's activity in a period, against their department's usual. */
export type OfficerActivity = {
  __typename?: 'OfficerActivity';
  /** This officer's access events per active day. */
  accesses: DailySpread;
  /** Access events per hour of the day in China, 0 to 23, over the period. */
  accessesByHour: Array<Scalars['Int']['output']>;
  /** Access events that served records, per day. */
  accessesPerDay: Array<Scalars['Int']['output']>;
  /** Per declared purpose. */
  byPurpose: Array<OfficerPurpose>;
  /** Per type of record. */
  byType: Array<TypeActivity>;
  /** China's calendar days of the period: the x axis of the daily series. */
  days: Array<Scalars['Date']['output']>;
  /** Days on which this officer read more distinct residents than the department's 90th percentile. */
  daysAboveDepartmentP90: Array<Scalars['Date']['output']>;
  /** Access events with a field refused, per day. */
  deniedPerDay: Array<Scalars['Int']['output']>;
  /** The department whose officer this is. */
  department: Scalars['String']['output'];
  /** The department's other officers' access events per officer-day. */
  departmentAccesses: DailySpread;
  /** The same for the department's other officers, over their officer-days in the period. */
  departmentDistinctResidents: DailySpread;
  /** The department's other officers with an access in the period. */
  departmentOfficers: Scalars['Int']['output'];
  /** This officer's distinct residents per day, over the days they accessed anything. */
  distinctResidents: DailySpread;
  /** Distinct residents (Person, HealthProfile) whose records were served, per day. */
  distinctResidentsPerDay: Array<Scalars['Int']['output']>;
  from: Scalars['DateTime']['output'];
  subject: Scalars['String']['output'];
  to: Scalars['DateTime']['output'];
};

/** One officer's accesses under one purpose. */
export type OfficerPurpose = {
  __typename?: 'OfficerPurpose';
  accesses: Scalars['Int']['output'];
  distinctResidents: Scalars['Int']['output'];
  /** The purpose of use; null for accesses that declared none. */
  purpose?: Maybe<Scalars['String']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What one principal did in a period. */
export type PrincipalActivity = {
  __typename?: 'PrincipalActivity';
  /** Access events that served at least one record. */
  accesses: Scalars['Int']['output'];
  /** Requests and accesses per declared purpose. */
  byPurpose: Array<PurposeActivity>;
  /** Accesses and records per type of record. */
  byType: Array<TypeActivity>;
  /** Access events in which at least one field was denied. */
  deniedAccesses: Scalars['Int']['output'];
  /** Fields denied, counted once per access event. */
  deniedFields: Scalars['Int']['output'];
  /** Distinct residents whose records (Person or HealthProfile) were served. */
  distinctResidents: Scalars['Int']['output'];
  /** Start of the period (inclusive). */
  from: Scalars['DateTime']['output'];
  /** Access events in which at least one field was masked. */
  maskedAccesses: Scalars['Int']['output'];
  /** Records served, counted once per access. */
  recordsServed: Scalars['Int']['output'];
  /** Calls through the gateway. */
  requests: Scalars['Int']['output'];
  /** The principal (token subject). */
  subject: Scalars['String']['output'];
  /** End of the period (exclusive). */
  to: Scalars['DateTime']['output'];
};

/** Activity under one declared purpose. */
export type PurposeActivity = {
  __typename?: 'PurposeActivity';
  /** Access events that served at least one record. */
  accesses: Scalars['Int']['output'];
  /** The purpose of use; null for requests that declared none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** Calls through the gateway. */
  requests: Scalars['Int']['output'];
};

/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type Query = {
  __typename?: 'Query';
  /** One flag, with the numbers behind it and its reviews; null when unknown or not shown to the auditor. */
  anomalyFlag?: Maybe<AnomalyFlag>;
  /**
   * Flags the anomaly detector raised on the log, newest window first,
   * narrowed by the filter. An auditor confined to grids or districts is shown
   * only flags every record behind which lies inside them (as for auditEvents):
   * flags about look-ups by number and denials, which serve no placed record,
   * only unconfined auditors see.
   */
  anomalyFlags?: Maybe<AnomalyFlagConnection>;
  /** The rules flags are raised by, with what each computes and the settings in force: the table of docs/anomalies.md. */
  anomalyRules: Array<AnomalyRule>;
  /**
   * Events of the log, newest first, narrowed by the filter. An auditor whose
   * token confines it to grids or districts is shown only accesses every record
   * of which lies inside them, by the place the serving department's own
   * jurisdiction rule gives the record; requests, refusals and records that
   * carry no place (health records, partner notices) only unconfined auditors see.
   */
  auditEvents?: Maybe<AuditEventConnection>;
  /**
   * The log at a glance for a period, day by day (China's calendar days,
   * UTC+8): accesses by department, purpose and decision, requests by outcome,
   * refusals and rate-limit hits, what residents' own reports withhold, and
   * the log's integrity. Every series has one count per day of `days`, ready
   * for a chart. Counted from hourly tallies the audit store keeps as events
   * are written, so a period of any length answers at once. A confined
   * auditor is shown counts of what it may see only (see auditEvents: its
   * accesses placed inside its jurisdiction, no requests or refusals) and no
   * integrity. At most 366 days.
   */
  auditOverview?: Maybe<AuditOverview>;
  /**
   * Runs the verifier over every hash chain of the log (or one writer's) and
   * reports the first problem of each broken chain, exactly as
   * `npm run audit:verify` does on the hub's checkpoint folder: each chain is
   * held to every head the hub's signed checkpoints vouch for (a chain wound
   * back or rewritten is named even though it hashes), to the checkpoints
   * partner cities witnessed, and continues from the months archived out of
   * the store. Only to auditors not confined to a grid or district: every
   * chain interleaves every district's events.
   */
  auditVerification?: Maybe<AuditVerification>;
  /**
   * A resident's own access report: which departments read records naming
   * them, when and for what purpose, newest first; never who. Only to the
   * `resident` role, for the identity number its token names, resolved to the
   * resident's hub id by the police register as above. Accesses under a case
   * investigation are left out, entirely and without a trace, until the case's
   * disclosure instant (setCaseDisclosure); the resident's own reads are left
   * out. Reading it is recorded like any access.
   */
  myAccessReport?: Maybe<AccessReportConnection>;
  /**
   * What one officer (token subject) did in a period, day by day and by hour
   * of the day, against the usual of their department's other officers over
   * the same period. `department` names which department's officer, for a
   * subject more than one department uses; otherwise it is the one the
   * subject's accesses name. At most 92 days.
   */
  officerActivity?: Maybe<OfficerActivity>;
  /** What one principal (token subject) did between two instants: requests, accesses, residents, refusals, by purpose and by type; counting only the events the auditor is shown. */
  principalActivity?: Maybe<PrincipalActivity>;
  /**
   * The signed export (the format of `npm run audit:export`, audit/export.ts)
   * of every access naming one resident in a period, for an auditor to keep
   * or hand on: each event in canonical JSON with its chain hashes, then a
   * manifest signed with the hub's export key that names the resident and
   * the period. `npm run audit:verify -- --file <it> --key <public key>`
   * checks it offline. Only to unconfined auditors. At most 10,000 events.
   */
  residentAccessExport?: Maybe<SignedAuditExport>;
  /**
   * Every recorded access to one resident's records (by hub person id), newest
   * first: who accessed this resident. To a confined auditor, only the accesses
   * it is shown (see auditEvents): a resident outside its jurisdiction has the
   * same empty history as an id nobody holds.
   */
  residentAccessHistory?: Maybe<AuditEventConnection>;
  /**
   * Every recorded access to the resident an identity number names, newest
   * first: when, which department and officer, which fields with which
   * decision, purpose, case. The number is resolved to the resident's hub id
   * by the police register, through the hub, as the auditor asking (the
   * look-up is recorded and counts against the look-up cap); null when the
   * register holds nobody under it (to a confined auditor: nobody inside its
   * jurisdiction). Page on with `residentAccessHistory(personId:, after:)`,
   * whose cursors are the same, and export with `residentAccessExport`.
   */
  residentHistory?: Maybe<ResidentHistory>;
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryAnomalyFlagArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryAnomalyFlagsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AnomalyFlagFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryAuditOverviewArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryAuditVerificationArgs = {
  writerId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryMyAccessReportArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryOfficerActivityArgs = {
  department?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['DateTime']['input'];
  subject: Scalars['String']['input'];
  to: Scalars['DateTime']['input'];
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryPrincipalActivityArgs = {
  from: Scalars['DateTime']['input'];
  subject: Scalars['String']['input'];
  to: Scalars['DateTime']['input'];
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryResidentAccessExportArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  personId: Scalars['ID']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryResidentAccessHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  personId: Scalars['ID']['input'];
};


/**
 * The hub's access log, for auditors: who read which resident's records, which
 * fields, for what purpose and case, and whether the log is intact. Every
 * department subgraph records each access here before its data leaves it; the
 * gateway records each request. The log is append-only and hash-chained.
 */
export type QueryResidentHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  idNumber: Scalars['String']['input'];
};

/** How a request ended. */
export type RequestOutcome =
  /** No data. */
  | 'ERROR'
  /** Data and no errors. */
  | 'OK'
  /** Some data, with errors for the rest. */
  | 'PARTIAL';

/** Every recorded access to one resident, found by identity number. */
export type ResidentHistory = {
  __typename?: 'ResidentHistory';
  /** The accesses, newest first. */
  accesses: AuditEventConnection;
  /** The resident's hub person id: page on and export by it. */
  personId: Scalars['ID']['output'];
  /** How many of the accesses residents' own reports withhold now (case investigations not yet disclosed). */
  withheldFromResident: Scalars['Int']['output'];
};

/** An auditor's verdict on one flag. */
export type ReviewAnomalyFlagInput = {
  /** The flag's id. */
  id: Scalars['ID']['input'];
  /** Why (at most 2,000 characters); required for QUESTIONED, where it goes to the flagged officer's department. */
  note?: InputMaybe<Scalars['String']['input']>;
  verdict: AnomalyVerdict;
};

/** A signed export file, as text. */
export type SignedAuditExport = {
  __typename?: 'SignedAuditExport';
  /** JSON lines: the events, then the signed manifest. */
  content: Scalars['String']['output'];
  /** Events in it. */
  events: Scalars['Int']['output'];
  /** A name to save it under. */
  fileName: Scalars['String']['output'];
  /** RFC 7638 thumbprint of the public key its signature verifies with. */
  keyId: Scalars['String']['output'];
};

/** Accesses to one type of record. */
export type TypeActivity = {
  __typename?: 'TypeActivity';
  /** Access events. */
  accesses: Scalars['Int']['output'];
  /** Records served. */
  records: Scalars['Int']['output'];
  /** GraphQL type of the records. */
  typeName: Scalars['String']['output'];
};

/** A verification of the chains, as it was recorded when it ran. */
export type VerificationRun = {
  __typename?: 'VerificationRun';
  chains: Scalars['Int']['output'];
  /** The checkpoint the chains were held to; null when none. */
  checkpointSeq?: Maybe<Scalars['Int']['output']>;
  durationMs: Scalars['Int']['output'];
  events: Scalars['Int']['output'];
  /** Problems of the evidence itself (checkpoints, receipts, archives). */
  evidenceProblems: Scalars['Int']['output'];
  ok: Scalars['Boolean']['output'];
  /** Broken chains. */
  problems: Scalars['Int']['output'];
  /** Who ran it: an auditor's subject, or `audit:verify` for the command. */
  ranBy: Scalars['String']['output'];
  verifiedAt: Scalars['DateTime']['output'];
};

/** A signed checkpoint of every chain head, as the verification read it. */
export type VerifiedCheckpoint = {
  __typename?: 'VerifiedCheckpoint';
  /** When it was signed. */
  at: Scalars['DateTime']['output'];
  /** How many chain heads it signs. */
  chainHeads: Scalars['Int']['output'];
  /** sha256 of its canonical JSON: what partner cities sign receipts for. */
  hash: Scalars['String']['output'];
  /** Its number in the checkpoint file, from 1. */
  seq: Scalars['Int']['output'];
};

/** What residents' own reports withhold. */
export type WithheldAccesses = {
  __typename?: 'WithheldAccesses';
  /** Access events withheld now. */
  accesses: Scalars['Int']['output'];
  /** Per case, most accesses first. */
  cases: Array<WithheldCase>;
};

/** One case investigation whose accesses residents' reports withhold. */
export type WithheldCase = {
  __typename?: 'WithheldCase';
  /** Its access events in the period. */
  accesses: Scalars['Int']['output'];
  caseId: Scalars['String']['output'];
  /** When they will be shown; null while no date is set. */
  discloseAfter?: Maybe<Scalars['DateTime']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessReportConnection: ResolverTypeWrapper<AccessReportConnection>;
  AccessReportEdge: ResolverTypeWrapper<AccessReportEdge>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AccessReportEntry: ResolverTypeWrapper<AccessReportEntry>;
  AnomalyFlag: ResolverTypeWrapper<AnomalyFlagMapper>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AnomalyFlagConnection: ResolverTypeWrapper<Omit<AnomalyFlagConnection, 'edges'> & { edges: Array<ResolversTypes['AnomalyFlagEdge']> }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AnomalyFlagEdge: ResolverTypeWrapper<Omit<AnomalyFlagEdge, 'node'> & { node: ResolversTypes['AnomalyFlag'] }>;
  AnomalyFlagFilter: AnomalyFlagFilter;
  AnomalyFlagPayload: ResolverTypeWrapper<Omit<AnomalyFlagPayload, 'flag'> & { flag?: Maybe<ResolversTypes['AnomalyFlag']> }>;
  AnomalyMeasure: ResolverTypeWrapper<AnomalyMeasure>;
  AnomalyReview: ResolverTypeWrapper<AnomalyReviewMapper>;
  AnomalyRule: ResolverTypeWrapper<AnomalyRuleMapper>;
  AnomalyRuleMeasure: ResolverTypeWrapper<AnomalyRuleMeasure>;
  AnomalySetting: ResolverTypeWrapper<AnomalySetting>;
  AnomalyStatus: AnomalyStatus;
  AnomalyVerdict: AnomalyVerdict;
  AuditEvent: ResolverTypeWrapper<AuditEventMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversTypes['AuditEventEdge']> }>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditEventKind: AuditEventKind;
  AuditIntegrity: ResolverTypeWrapper<AuditIntegrity>;
  AuditOverview: ResolverTypeWrapper<AuditOverviewMapper>;
  AuditTotals: ResolverTypeWrapper<AuditTotals>;
  AuditVerification: ResolverTypeWrapper<Omit<AuditVerification, 'problems'> & { problems: Array<ResolversTypes['ChainProblem']> }>;
  CaseDisclosure: ResolverTypeWrapper<CaseDisclosure>;
  CaseDisclosurePayload: ResolverTypeWrapper<CaseDisclosurePayload>;
  ChainProblem: ResolverTypeWrapper<ChainProblemMapper>;
  ChainProblemKind: ChainProblemKind;
  CheckpointWitness: ResolverTypeWrapper<CheckpointWitness>;
  DailyCounts: ResolverTypeWrapper<DailyCounts>;
  DailySpread: ResolverTypeWrapper<DailySpread>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldAccess: ResolverTypeWrapper<FieldAccess>;
  FieldDecision: FieldDecision;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OfficerActivity: ResolverTypeWrapper<OfficerActivity>;
  OfficerPurpose: ResolverTypeWrapper<OfficerPurpose>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PrincipalActivity: ResolverTypeWrapper<PrincipalActivity>;
  PurposeActivity: ResolverTypeWrapper<PurposeActivity>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RequestOutcome: RequestOutcome;
  ResidentHistory: ResolverTypeWrapper<Omit<ResidentHistory, 'accesses'> & { accesses: ResolversTypes['AuditEventConnection'] }>;
  ReviewAnomalyFlagInput: ReviewAnomalyFlagInput;
  SignedAuditExport: ResolverTypeWrapper<SignedAuditExport>;
  TypeActivity: ResolverTypeWrapper<TypeActivity>;
  VerificationRun: ResolverTypeWrapper<VerificationRun>;
  VerifiedCheckpoint: ResolverTypeWrapper<VerifiedCheckpoint>;
  WithheldAccesses: ResolverTypeWrapper<WithheldAccesses>;
  WithheldCase: ResolverTypeWrapper<WithheldCase>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessReportConnection: AccessReportConnection;
  AccessReportEdge: AccessReportEdge;
  String: Scalars['String']['output'];
  AccessReportEntry: AccessReportEntry;
  AnomalyFlag: AnomalyFlagMapper;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  AnomalyFlagConnection: Omit<AnomalyFlagConnection, 'edges'> & { edges: Array<ResolversParentTypes['AnomalyFlagEdge']> };
  Int: Scalars['Int']['output'];
  AnomalyFlagEdge: Omit<AnomalyFlagEdge, 'node'> & { node: ResolversParentTypes['AnomalyFlag'] };
  AnomalyFlagFilter: AnomalyFlagFilter;
  AnomalyFlagPayload: Omit<AnomalyFlagPayload, 'flag'> & { flag?: Maybe<ResolversParentTypes['AnomalyFlag']> };
  AnomalyMeasure: AnomalyMeasure;
  AnomalyReview: AnomalyReviewMapper;
  AnomalyRule: AnomalyRuleMapper;
  AnomalyRuleMeasure: AnomalyRuleMeasure;
  AnomalySetting: AnomalySetting;
  AuditEvent: AuditEventMapper;
  Boolean: Scalars['Boolean']['output'];
  AuditEventConnection: Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditEventEdge']> };
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  AuditIntegrity: AuditIntegrity;
  AuditOverview: AuditOverviewMapper;
  AuditTotals: AuditTotals;
  AuditVerification: Omit<AuditVerification, 'problems'> & { problems: Array<ResolversParentTypes['ChainProblem']> };
  CaseDisclosure: CaseDisclosure;
  CaseDisclosurePayload: CaseDisclosurePayload;
  ChainProblem: ChainProblemMapper;
  CheckpointWitness: CheckpointWitness;
  DailyCounts: DailyCounts;
  DailySpread: DailySpread;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  FieldAccess: FieldAccess;
  Mutation: Record<PropertyKey, never>;
  OfficerActivity: OfficerActivity;
  OfficerPurpose: OfficerPurpose;
  PageInfo: PageInfo;
  PrincipalActivity: PrincipalActivity;
  PurposeActivity: PurposeActivity;
  Query: Record<PropertyKey, never>;
  ResidentHistory: Omit<ResidentHistory, 'accesses'> & { accesses: ResolversParentTypes['AuditEventConnection'] };
  ReviewAnomalyFlagInput: ReviewAnomalyFlagInput;
  SignedAuditExport: SignedAuditExport;
  TypeActivity: TypeActivity;
  VerificationRun: VerificationRun;
  VerifiedCheckpoint: VerifiedCheckpoint;
  WithheldAccesses: WithheldAccesses;
  WithheldCase: WithheldCase;
};

export type AccessReportConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AccessReportConnection'] = ResolversParentTypes['AccessReportConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AccessReportEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AccessReportEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AccessReportEdge'] = ResolversParentTypes['AccessReportEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AccessReportEntry'], ParentType, ContextType>;
};

export type AccessReportEntryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AccessReportEntry'] = ResolversParentTypes['AccessReportEntry']> = {
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purposeMeaning?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  record?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AnomalyFlagResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyFlag'] = ResolversParentTypes['AnomalyFlag']> = {
  baseline?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  caseId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  departmentBaseline?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  exampleRecordIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  exampleRequestIds?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  measures?: Resolver<Array<ResolversTypes['AnomalyMeasure']>, ParentType, ContextType>;
  observed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reviews?: Resolver<Array<ResolversTypes['AnomalyReview']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AnomalyStatus'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  windowEnd?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  windowStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AnomalyFlagConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyFlagConnection'] = ResolversParentTypes['AnomalyFlagConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AnomalyFlagEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AnomalyFlagEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyFlagEdge'] = ResolversParentTypes['AnomalyFlagEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AnomalyFlag'], ParentType, ContextType>;
};

export type AnomalyFlagPayloadResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyFlagPayload'] = ResolversParentTypes['AnomalyFlagPayload']> = {
  flag?: Resolver<Maybe<ResolversTypes['AnomalyFlag']>, ParentType, ContextType>;
};

export type AnomalyMeasureResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyMeasure'] = ResolversParentTypes['AnomalyMeasure']> = {
  meaning?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type AnomalyReviewResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyReview'] = ResolversParentTypes['AnomalyReview']> = {
  addressedTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  observedAtReview?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviewedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reviewer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviewerDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['AnomalyVerdict'], ParentType, ContextType>;
};

export type AnomalyRuleResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyRule'] = ResolversParentTypes['AnomalyRule']> = {
  baseline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  examples?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  meaning?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  measures?: Resolver<Array<ResolversTypes['AnomalyRuleMeasure']>, ParentType, ContextType>;
  observed?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  raisedWhen?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  settings?: Resolver<Array<ResolversTypes['AnomalySetting']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AnomalyRuleMeasureResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalyRuleMeasure'] = ResolversParentTypes['AnomalyRuleMeasure']> = {
  meaning?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AnomalySettingResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AnomalySetting'] = ResolversParentTypes['AnomalySetting']> = {
  default?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  meaning?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variable?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  caseId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  documentHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['FieldAccess']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AuditEventKind'], ParentType, ContextType>;
  lookups?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['RequestOutcome']>, ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  typeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  withheldFromResident?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withheldUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  writerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuditIntegrityResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditIntegrity'] = ResolversParentTypes['AuditIntegrity']> = {
  lastVerification?: Resolver<Maybe<ResolversTypes['VerificationRun']>, ParentType, ContextType>;
  latestCheckpoint?: Resolver<Maybe<ResolversTypes['VerifiedCheckpoint']>, ParentType, ContextType>;
  latestWitnessed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  witnesses?: Resolver<Array<ResolversTypes['CheckpointWitness']>, ParentType, ContextType>;
};

export type AuditOverviewResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditOverview'] = ResolversParentTypes['AuditOverview']> = {
  accessesByDecision?: Resolver<Array<ResolversTypes['DailyCounts']>, ParentType, ContextType>;
  accessesByDepartment?: Resolver<Array<ResolversTypes['DailyCounts']>, ParentType, ContextType>;
  accessesByPurpose?: Resolver<Array<ResolversTypes['DailyCounts']>, ParentType, ContextType>;
  days?: Resolver<Array<ResolversTypes['Date']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  integrity?: Resolver<Maybe<ResolversTypes['AuditIntegrity']>, ParentType, ContextType>;
  rateLimitHits?: Resolver<Array<ResolversTypes['DailyCounts']>, ParentType, ContextType>;
  refusalsByReason?: Resolver<Array<ResolversTypes['DailyCounts']>, ParentType, ContextType>;
  requestsByOutcome?: Resolver<Array<ResolversTypes['DailyCounts']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['AuditTotals'], ParentType, ContextType>;
  withheldFromResidents?: Resolver<ResolversTypes['WithheldAccesses'], ParentType, ContextType>;
};

export type AuditTotalsResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditTotals'] = ResolversParentTypes['AuditTotals']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deniedAccesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fullAccesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maskedAccesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rateLimitHits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recordsServed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refusals?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditVerificationResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification']> = {
  archivedMonths?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  chains?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpoint?: Resolver<Maybe<ResolversTypes['VerifiedCheckpoint']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  evidenceProblems?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['ChainProblem']>, ParentType, ContextType>;
  verifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  witnesses?: Resolver<Array<ResolversTypes['CheckpointWitness']>, ParentType, ContextType>;
};

export type CaseDisclosureResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['CaseDisclosure'] = ResolversParentTypes['CaseDisclosure']> = {
  caseId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discloseAfter?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  setAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  withheldNow?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CaseDisclosurePayloadResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['CaseDisclosurePayload'] = ResolversParentTypes['CaseDisclosurePayload']> = {
  caseDisclosure?: Resolver<Maybe<ResolversTypes['CaseDisclosure']>, ParentType, ContextType>;
};

export type ChainProblemResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['ChainProblem'] = ResolversParentTypes['ChainProblem']> = {
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  problem?: Resolver<ResolversTypes['ChainProblemKind'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  writerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CheckpointWitnessResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['CheckpointWitness'] = ResolversParentTypes['CheckpointWitness']> = {
  checkpointHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  checkpointSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyFingerprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DailyCountsResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['DailyCounts'] = ResolversParentTypes['DailyCounts']> = {
  counts?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  key?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DailySpreadResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['DailySpread'] = ResolversParentTypes['DailySpread']> = {
  days?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  median?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  p90?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FieldAccessResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['FieldAccess'] = ResolversParentTypes['FieldAccess']> = {
  decision?: Resolver<ResolversTypes['FieldDecision'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  reviewAnomalyFlag?: Resolver<Maybe<ResolversTypes['AnomalyFlagPayload']>, ParentType, ContextType, RequireFields<MutationReviewAnomalyFlagArgs, 'input'>>;
  setCaseDisclosure?: Resolver<Maybe<ResolversTypes['CaseDisclosurePayload']>, ParentType, ContextType, RequireFields<MutationSetCaseDisclosureArgs, 'caseId'>>;
};

export type OfficerActivityResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['OfficerActivity'] = ResolversParentTypes['OfficerActivity']> = {
  accesses?: Resolver<ResolversTypes['DailySpread'], ParentType, ContextType>;
  accessesByHour?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  accessesPerDay?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  byPurpose?: Resolver<Array<ResolversTypes['OfficerPurpose']>, ParentType, ContextType>;
  byType?: Resolver<Array<ResolversTypes['TypeActivity']>, ParentType, ContextType>;
  days?: Resolver<Array<ResolversTypes['Date']>, ParentType, ContextType>;
  daysAboveDepartmentP90?: Resolver<Array<ResolversTypes['Date']>, ParentType, ContextType>;
  deniedPerDay?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  departmentAccesses?: Resolver<ResolversTypes['DailySpread'], ParentType, ContextType>;
  departmentDistinctResidents?: Resolver<ResolversTypes['DailySpread'], ParentType, ContextType>;
  departmentOfficers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  distinctResidents?: Resolver<ResolversTypes['DailySpread'], ParentType, ContextType>;
  distinctResidentsPerDay?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OfficerPurposeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['OfficerPurpose'] = ResolversParentTypes['OfficerPurpose']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  distinctResidents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PrincipalActivityResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['PrincipalActivity'] = ResolversParentTypes['PrincipalActivity']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byPurpose?: Resolver<Array<ResolversTypes['PurposeActivity']>, ParentType, ContextType>;
  byType?: Resolver<Array<ResolversTypes['TypeActivity']>, ParentType, ContextType>;
  deniedAccesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deniedFields?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  distinctResidents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  maskedAccesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recordsServed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PurposeActivityResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['PurposeActivity'] = ResolversParentTypes['PurposeActivity']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  anomalyFlag?: Resolver<Maybe<ResolversTypes['AnomalyFlag']>, ParentType, ContextType, RequireFields<QueryAnomalyFlagArgs, 'id'>>;
  anomalyFlags?: Resolver<Maybe<ResolversTypes['AnomalyFlagConnection']>, ParentType, ContextType, Partial<QueryAnomalyFlagsArgs>>;
  anomalyRules?: Resolver<Array<ResolversTypes['AnomalyRule']>, ParentType, ContextType>;
  auditEvents?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, Partial<QueryAuditEventsArgs>>;
  auditOverview?: Resolver<Maybe<ResolversTypes['AuditOverview']>, ParentType, ContextType, RequireFields<QueryAuditOverviewArgs, 'from' | 'to'>>;
  auditVerification?: Resolver<Maybe<ResolversTypes['AuditVerification']>, ParentType, ContextType, Partial<QueryAuditVerificationArgs>>;
  myAccessReport?: Resolver<Maybe<ResolversTypes['AccessReportConnection']>, ParentType, ContextType, Partial<QueryMyAccessReportArgs>>;
  officerActivity?: Resolver<Maybe<ResolversTypes['OfficerActivity']>, ParentType, ContextType, RequireFields<QueryOfficerActivityArgs, 'from' | 'subject' | 'to'>>;
  principalActivity?: Resolver<Maybe<ResolversTypes['PrincipalActivity']>, ParentType, ContextType, RequireFields<QueryPrincipalActivityArgs, 'from' | 'subject' | 'to'>>;
  residentAccessExport?: Resolver<Maybe<ResolversTypes['SignedAuditExport']>, ParentType, ContextType, RequireFields<QueryResidentAccessExportArgs, 'personId'>>;
  residentAccessHistory?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, RequireFields<QueryResidentAccessHistoryArgs, 'personId'>>;
  residentHistory?: Resolver<Maybe<ResolversTypes['ResidentHistory']>, ParentType, ContextType, RequireFields<QueryResidentHistoryArgs, 'idNumber'>>;
};

export type ResidentHistoryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['ResidentHistory'] = ResolversParentTypes['ResidentHistory']> = {
  accesses?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType>;
  personId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  withheldFromResident?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SignedAuditExportResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['SignedAuditExport'] = ResolversParentTypes['SignedAuditExport']> = {
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TypeActivityResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['TypeActivity'] = ResolversParentTypes['TypeActivity']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VerificationRunResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['VerificationRun'] = ResolversParentTypes['VerificationRun']> = {
  chains?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpointSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  evidenceProblems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problems?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ranBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type VerifiedCheckpointResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['VerifiedCheckpoint'] = ResolversParentTypes['VerifiedCheckpoint']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  chainHeads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type WithheldAccessesResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['WithheldAccesses'] = ResolversParentTypes['WithheldAccesses']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cases?: Resolver<Array<ResolversTypes['WithheldCase']>, ParentType, ContextType>;
};

export type WithheldCaseResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['WithheldCase'] = ResolversParentTypes['WithheldCase']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  caseId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discloseAfter?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = AuditContext> = {
  AccessReportConnection?: AccessReportConnectionResolvers<ContextType>;
  AccessReportEdge?: AccessReportEdgeResolvers<ContextType>;
  AccessReportEntry?: AccessReportEntryResolvers<ContextType>;
  AnomalyFlag?: AnomalyFlagResolvers<ContextType>;
  AnomalyFlagConnection?: AnomalyFlagConnectionResolvers<ContextType>;
  AnomalyFlagEdge?: AnomalyFlagEdgeResolvers<ContextType>;
  AnomalyFlagPayload?: AnomalyFlagPayloadResolvers<ContextType>;
  AnomalyMeasure?: AnomalyMeasureResolvers<ContextType>;
  AnomalyReview?: AnomalyReviewResolvers<ContextType>;
  AnomalyRule?: AnomalyRuleResolvers<ContextType>;
  AnomalyRuleMeasure?: AnomalyRuleMeasureResolvers<ContextType>;
  AnomalySetting?: AnomalySettingResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditIntegrity?: AuditIntegrityResolvers<ContextType>;
  AuditOverview?: AuditOverviewResolvers<ContextType>;
  AuditTotals?: AuditTotalsResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  CaseDisclosure?: CaseDisclosureResolvers<ContextType>;
  CaseDisclosurePayload?: CaseDisclosurePayloadResolvers<ContextType>;
  ChainProblem?: ChainProblemResolvers<ContextType>;
  CheckpointWitness?: CheckpointWitnessResolvers<ContextType>;
  DailyCounts?: DailyCountsResolvers<ContextType>;
  DailySpread?: DailySpreadResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  FieldAccess?: FieldAccessResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OfficerActivity?: OfficerActivityResolvers<ContextType>;
  OfficerPurpose?: OfficerPurposeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PrincipalActivity?: PrincipalActivityResolvers<ContextType>;
  PurposeActivity?: PurposeActivityResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ResidentHistory?: ResidentHistoryResolvers<ContextType>;
  SignedAuditExport?: SignedAuditExportResolvers<ContextType>;
  TypeActivity?: TypeActivityResolvers<ContextType>;
  VerificationRun?: VerificationRunResolvers<ContextType>;
  VerifiedCheckpoint?: VerifiedCheckpointResolvers<ContextType>;
  WithheldAccesses?: WithheldAccessesResolvers<ContextType>;
  WithheldCase?: WithheldCaseResolvers<ContextType>;
};

