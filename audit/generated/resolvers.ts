import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AuditEventMapper, ChainProblemMapper } from '../mappers.js';
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
  /**
   * An instant written in ISO 8601 with a time zone, e.g. 2026-03-01T08:00:00Z or
   * 2026-03-01T16:00:00+08:00. Answers are given in UTC.
   */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

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
  /**
   * Events of the log, newest first, narrowed by the filter. An auditor whose
   * token confines it to grids or districts is shown only accesses every record
   * of which lies inside them, by the place the serving department's own
   * jurisdiction rule gives the record; requests, refusals and records that
   * carry no place (health records, partner notices) only unconfined auditors see.
   */
  auditEvents?: Maybe<AuditEventConnection>;
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
  /** What one principal (token subject) did between two instants: requests, accesses, residents, refusals, by purpose and by type; counting only the events the auditor is shown. */
  principalActivity?: Maybe<PrincipalActivity>;
  /**
   * Every recorded access to one resident's records (by hub person id), newest
   * first: who accessed this resident. To a confined auditor, only the accesses
   * it is shown (see auditEvents): a resident outside its jurisdiction has the
   * same empty history as an id nobody holds.
   */
  residentAccessHistory?: Maybe<AuditEventConnection>;
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
export type QueryAuditVerificationArgs = {
  writerId?: InputMaybe<Scalars['String']['input']>;
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
export type QueryResidentAccessHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  personId: Scalars['ID']['input'];
};

/** How a request ended. */
export type RequestOutcome =
  /** No data. */
  | 'ERROR'
  /** Data and no errors. */
  | 'OK'
  /** Some data, with errors for the rest. */
  | 'PARTIAL';

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
  AuditEvent: ResolverTypeWrapper<AuditEventMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversTypes['AuditEventEdge']> }>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditEventKind: AuditEventKind;
  AuditVerification: ResolverTypeWrapper<Omit<AuditVerification, 'problems'> & { problems: Array<ResolversTypes['ChainProblem']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChainProblem: ResolverTypeWrapper<ChainProblemMapper>;
  ChainProblemKind: ChainProblemKind;
  CheckpointWitness: ResolverTypeWrapper<CheckpointWitness>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldAccess: ResolverTypeWrapper<FieldAccess>;
  FieldDecision: FieldDecision;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PrincipalActivity: ResolverTypeWrapper<PrincipalActivity>;
  PurposeActivity: ResolverTypeWrapper<PurposeActivity>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RequestOutcome: RequestOutcome;
  TypeActivity: ResolverTypeWrapper<TypeActivity>;
  VerifiedCheckpoint: ResolverTypeWrapper<VerifiedCheckpoint>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuditEvent: AuditEventMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  AuditEventConnection: Omit<AuditEventConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditEventEdge']> };
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  AuditVerification: Omit<AuditVerification, 'problems'> & { problems: Array<ResolversParentTypes['ChainProblem']> };
  Boolean: Scalars['Boolean']['output'];
  ChainProblem: ChainProblemMapper;
  CheckpointWitness: CheckpointWitness;
  DateTime: Scalars['DateTime']['output'];
  FieldAccess: FieldAccess;
  PageInfo: PageInfo;
  PrincipalActivity: PrincipalActivity;
  PurposeActivity: PurposeActivity;
  Query: Record<PropertyKey, never>;
  TypeActivity: TypeActivity;
  VerifiedCheckpoint: VerifiedCheckpoint;
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FieldAccessResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['FieldAccess'] = ResolversParentTypes['FieldAccess']> = {
  decision?: Resolver<ResolversTypes['FieldDecision'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  auditEvents?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, Partial<QueryAuditEventsArgs>>;
  auditVerification?: Resolver<Maybe<ResolversTypes['AuditVerification']>, ParentType, ContextType, Partial<QueryAuditVerificationArgs>>;
  principalActivity?: Resolver<Maybe<ResolversTypes['PrincipalActivity']>, ParentType, ContextType, RequireFields<QueryPrincipalActivityArgs, 'from' | 'subject' | 'to'>>;
  residentAccessHistory?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, RequireFields<QueryResidentAccessHistoryArgs, 'personId'>>;
};

export type TypeActivityResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['TypeActivity'] = ResolversParentTypes['TypeActivity']> = {
  accesses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VerifiedCheckpointResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['VerifiedCheckpoint'] = ResolversParentTypes['VerifiedCheckpoint']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  chainHeads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AuditContext> = {
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  ChainProblem?: ChainProblemResolvers<ContextType>;
  CheckpointWitness?: CheckpointWitnessResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldAccess?: FieldAccessResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PrincipalActivity?: PrincipalActivityResolvers<ContextType>;
  PurposeActivity?: PurposeActivityResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TypeActivity?: TypeActivityResolvers<ContextType>;
  VerifiedCheckpoint?: VerifiedCheckpointResolvers<ContextType>;
};

