import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ExchangePartnerMapper, ExchangePartnerPayloadMapper } from '../mappers.js';
import type { ExchangeContext } from '../context.js';
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
  /** An instant written in ISO 8601 with a time zone; answers are given in UTC. */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AddExchangePartnerInput = {
  agreements: Array<AgreementInput>;
  /** The partner city's 6-digit city-level division code, e.g. 500000. */
  code: Scalars['String']['input'];
  /** The partner's inbox, e.g. https://hub.partner.example/exchange/v1/inbox. */
  inboxUrl: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** The partner's Ed25519 public key as a JWK in JSON (from its /exchange/v1/key, fingerprint checked). */
  publicKey: Scalars['String']['input'];
};

export type AgreementInput = {
  /** Fields of that notice type to share; must include idNumber. */
  fields: Array<Scalars['String']['input']>;
  messageType: NoticeType;
};

/** How many notices to a partner are in each delivery state. */
export type DeliveryCounts = {
  __typename?: 'DeliveryCounts';
  delivered: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  pending: Scalars['Int']['output'];
};

/**
 * The fields two cities agreed to share for one type of notice. Nothing else is
 * sent, and nothing else is kept when it arrives.
 */
export type ExchangeAgreement = {
  __typename?: 'ExchangeAgreement';
  fields: Array<Scalars['String']['output']>;
  messageType: NoticeType;
};

export type ExchangeCity = {
  __typename?: 'ExchangeCity';
  /** 6-digit division code. */
  code: Scalars['String']['output'];
  /** RFC 7638 thumbprint of the signing key: compare it with the partner by another channel before registering the key. */
  keyFingerprint?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** The Ed25519 public key as a JWK in JSON: what a partner registers for this city. */
  publicKey?: Maybe<Scalars['String']['output']>;
};

export type ExchangeDirection =
  | 'RECEIVED'
  | 'SENT';

export type ExchangeLogConnection = {
  __typename?: 'ExchangeLogConnection';
  edges: Array<ExchangeLogEdge>;
  pageInfo: PageInfo;
};

export type ExchangeLogEdge = {
  __typename?: 'ExchangeLogEdge';
  cursor: Scalars['String']['output'];
  node: ExchangeLogEntry;
};

/**
 * One notice in the exchange log: to or from whom, what kind, which fields, and
 * what became of it.
 */
export type ExchangeLogEntry = {
  __typename?: 'ExchangeLogEntry';
  /** Delivery attempts so far (sent notices). */
  attempts?: Maybe<Scalars['Int']['output']>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  direction?: Maybe<ExchangeDirection>;
  /** Fields dropped as outside the agreement (received notices). */
  droppedFields?: Maybe<Array<Scalars['String']['output']>>;
  /** Names of the fields the notice carried. */
  fields?: Maybe<Array<Scalars['String']['output']>>;
  id: Scalars['ID']['output'];
  /** Why the last attempt failed (sent notices). */
  lastError?: Maybe<Scalars['String']['output']>;
  messageType?: Maybe<NoticeType>;
  /** When the change the notice reports was recorded. */
  occurredAt?: Maybe<Scalars['DateTime']['output']>;
  partnerCode?: Maybe<Scalars['String']['output']>;
  /** The local resident a sent notice is about (hub person id). */
  personId?: Maybe<Scalars['ID']['output']>;
  /** When the notice was queued (sent) or received. */
  recordedAt?: Maybe<Scalars['DateTime']['output']>;
  status?: Maybe<ExchangeStatus>;
};

export type ExchangeLogFilter = {
  messageType?: InputMaybe<NoticeType>;
  partnerCode?: InputMaybe<Scalars['String']['input']>;
  /** Sent notices in this state. */
  status?: InputMaybe<ExchangeStatus>;
};

export type ExchangePartner = {
  __typename?: 'ExchangePartner';
  agreements?: Maybe<Array<ExchangeAgreement>>;
  /** The partner city's 6-digit division code. */
  code: Scalars['String']['output'];
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  delivery?: Maybe<DeliveryCounts>;
  /** Where this hub delivers the partner's notices. */
  inboxUrl?: Maybe<Scalars['String']['output']>;
  /** Thumbprint of the partner's registered public key. */
  keyFingerprint?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** The partner's registered Ed25519 public key, a JWK in JSON. */
  publicKey?: Maybe<Scalars['String']['output']>;
  status?: Maybe<PartnerStatus>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ExchangePartnerConnection = {
  __typename?: 'ExchangePartnerConnection';
  edges: Array<ExchangePartnerEdge>;
  pageInfo: PageInfo;
};

export type ExchangePartnerEdge = {
  __typename?: 'ExchangePartnerEdge';
  cursor: Scalars['String']['output'];
  node: ExchangePartner;
};

export type ExchangePartnerPayload = {
  __typename?: 'ExchangePartnerPayload';
  partner?: Maybe<ExchangePartner>;
};

export type ExchangeStatus =
  /** Acknowledged by the partner with a signed receipt. */
  | 'DELIVERED'
  /** Refused by the partner for what it is, or out of attempts; see lastError. */
  | 'FAILED'
  /** Waiting to be delivered, or to be retried after a failed attempt. */
  | 'PENDING'
  /** Received from a partner. */
  | 'RECEIVED';

export type Mutation = {
  __typename?: 'Mutation';
  /** Registers a partner city: its inbox, its public key and the agreed fields. */
  addExchangePartner?: Maybe<ExchangePartnerPayload>;
  /** Ends a partnership; notices still waiting for it are not sent. */
  removeExchangePartner?: Maybe<ExchangePartnerPayload>;
  /** Resumes a suspended partnership; waiting notices are delivered in order. */
  resumeExchangePartner?: Maybe<ExchangePartnerPayload>;
  /** Puts failed notices back at the head of their partners' queues. */
  retryExchangeNotices?: Maybe<RetryNoticesPayload>;
  /** Stops the exchange with a partner both ways; notices to it wait. */
  suspendExchangePartner?: Maybe<ExchangePartnerPayload>;
  /** Changes a partner's inbox, key or agreement. */
  updateExchangePartner?: Maybe<ExchangePartnerPayload>;
};


export type MutationAddExchangePartnerArgs = {
  input: AddExchangePartnerInput;
};


export type MutationRemoveExchangePartnerArgs = {
  code: Scalars['String']['input'];
};


export type MutationResumeExchangePartnerArgs = {
  code: Scalars['String']['input'];
};


export type MutationRetryExchangeNoticesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationSuspendExchangePartnerArgs = {
  code: Scalars['String']['input'];
};


export type MutationUpdateExchangePartnerArgs = {
  input: UpdateExchangePartnerInput;
};

export type NoticeType =
  /** Sent by the city a person now lives in to their home city: your resident is registered here. */
  | 'INFLOW_NOTICE'
  /** Sent by the home city to the destination: our resident has moved to you. */
  | 'OUTFLOW_NOTICE';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * A notice a partner city sent us about a person, holding only the fields the
 * agreement names; the others are null.
 */
export type PartnerNotice = {
  __typename?: 'PartnerNotice';
  birthDate?: Maybe<Scalars['Date']['output']>;
  destinationAddress?: Maybe<Scalars['String']['output']>;
  /** Where the person moved to here (outflow notices). */
  destinationDivisionCode?: Maybe<Scalars['String']['output']>;
  /** Fields the partner sent outside the agreement; they were dropped, not kept. */
  droppedFields?: Maybe<Array<Scalars['String']['output']>>;
  ethnicity?: Maybe<Scalars['String']['output']>;
  householdAddress?: Maybe<Scalars['String']['output']>;
  householdDivisionCode?: Maybe<Scalars['String']['output']>;
  /** The message id the sending city gave the notice. */
  id: Scalars['ID']['output'];
  idNumber?: Maybe<Scalars['String']['output']>;
  messageType?: Maybe<NoticeType>;
  movedOn?: Maybe<Scalars['Date']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** When the sending city recorded the change. */
  occurredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The sending city's code. */
  partnerCode?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  receivedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the person lives in the partner city (inflow notices). */
  residenceAddress?: Maybe<Scalars['String']['output']>;
  residenceDivisionCode?: Maybe<Scalars['String']['output']>;
  residenceSince?: Maybe<Scalars['Date']['output']>;
  sex?: Maybe<Scalars['String']['output']>;
};

export type PartnerNoticeConnection = {
  __typename?: 'PartnerNoticeConnection';
  edges: Array<PartnerNoticeEdge>;
  pageInfo: PageInfo;
};

export type PartnerNoticeEdge = {
  __typename?: 'PartnerNoticeEdge';
  cursor: Scalars['String']['output'];
  node: PartnerNotice;
};

export type PartnerStatus =
  /** Notices flow both ways. */
  | 'ACTIVE'
  /** The partnership ended; its history stays in the log. */
  | 'REMOVED'
  /** Nothing is sent (notices wait) and nothing from the partner is accepted. */
  | 'SUSPENDED';

/**
 * The exchange with partner cities: who they are, what was agreed, what they
 * told us about residents who moved, and every notice sent and received. Notices
 * travel hub to hub, signed by the sending city; this subgraph is how the
 * city's own systems and auditors see them.
 */
export type Query = {
  __typename?: 'Query';
  /** Residents of partner cities who moved here, as their home cities told us (outflow notices received), newest first. */
  arrivalsFromPartnerCities?: Maybe<PartnerNoticeConnection>;
  /** This city as partner cities know it: its code and the public key its notices are signed with. */
  exchangeCity?: Maybe<ExchangeCity>;
  /** The exchange log: notices sent (with their delivery status) or received, newest first. Names which fields crossed, not their values. */
  exchangeLog?: Maybe<ExchangeLogConnection>;
  /** One partner city by its 6-digit division code. */
  exchangePartner?: Maybe<ExchangePartner>;
  /** Partner cities in code order; removed partners only when asked. */
  exchangePartners?: Maybe<ExchangePartnerConnection>;
  /** Our residents now living in partner cities, as those cities told us (inflow notices received), newest first. */
  residentsInPartnerCities?: Maybe<PartnerNoticeConnection>;
};


/**
 * The exchange with partner cities: who they are, what was agreed, what they
 * told us about residents who moved, and every notice sent and received. Notices
 * travel hub to hub, signed by the sending city; this subgraph is how the
 * city's own systems and auditors see them.
 */
export type QueryArrivalsFromPartnerCitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  idNumber?: InputMaybe<Scalars['String']['input']>;
  partnerCode?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The exchange with partner cities: who they are, what was agreed, what they
 * told us about residents who moved, and every notice sent and received. Notices
 * travel hub to hub, signed by the sending city; this subgraph is how the
 * city's own systems and auditors see them.
 */
export type QueryExchangeLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  direction: ExchangeDirection;
  filter?: InputMaybe<ExchangeLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * The exchange with partner cities: who they are, what was agreed, what they
 * told us about residents who moved, and every notice sent and received. Notices
 * travel hub to hub, signed by the sending city; this subgraph is how the
 * city's own systems and auditors see them.
 */
export type QueryExchangePartnerArgs = {
  code: Scalars['String']['input'];
};


/**
 * The exchange with partner cities: who they are, what was agreed, what they
 * told us about residents who moved, and every notice sent and received. Notices
 * travel hub to hub, signed by the sending city; this subgraph is how the
 * city's own systems and auditors see them.
 */
export type QueryExchangePartnersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRemoved?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * The exchange with partner cities: who they are, what was agreed, what they
 * told us about residents who moved, and every notice sent and received. Notices
 * travel hub to hub, signed by the sending city; this subgraph is how the
 * city's own systems and auditors see them.
 */
export type QueryResidentsInPartnerCitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  idNumber?: InputMaybe<Scalars['String']['input']>;
  partnerCode?: InputMaybe<Scalars['String']['input']>;
};

export type RetryNoticesPayload = {
  __typename?: 'RetryNoticesPayload';
  /** The notices put back in their queues. */
  notices?: Maybe<Array<ExchangeLogEntry>>;
};

export type UpdateExchangePartnerInput = {
  /** Replaces the agreement. */
  agreements?: InputMaybe<Array<AgreementInput>>;
  code: Scalars['String']['input'];
  inboxUrl?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new public key, when the partner rotates its key. */
  publicKey?: InputMaybe<Scalars['String']['input']>;
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
  AddExchangePartnerInput: AddExchangePartnerInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AgreementInput: AgreementInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryCounts: ResolverTypeWrapper<DeliveryCounts>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ExchangeAgreement: ResolverTypeWrapper<ExchangeAgreement>;
  ExchangeCity: ResolverTypeWrapper<ExchangeCity>;
  ExchangeDirection: ExchangeDirection;
  ExchangeLogConnection: ResolverTypeWrapper<ExchangeLogConnection>;
  ExchangeLogEdge: ResolverTypeWrapper<ExchangeLogEdge>;
  ExchangeLogEntry: ResolverTypeWrapper<ExchangeLogEntry>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ExchangeLogFilter: ExchangeLogFilter;
  ExchangePartner: ResolverTypeWrapper<ExchangePartnerMapper>;
  ExchangePartnerConnection: ResolverTypeWrapper<Omit<ExchangePartnerConnection, 'edges'> & { edges: Array<ResolversTypes['ExchangePartnerEdge']> }>;
  ExchangePartnerEdge: ResolverTypeWrapper<Omit<ExchangePartnerEdge, 'node'> & { node: ResolversTypes['ExchangePartner'] }>;
  ExchangePartnerPayload: ResolverTypeWrapper<ExchangePartnerPayloadMapper>;
  ExchangeStatus: ExchangeStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NoticeType: NoticeType;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PartnerNotice: ResolverTypeWrapper<PartnerNotice>;
  PartnerNoticeConnection: ResolverTypeWrapper<PartnerNoticeConnection>;
  PartnerNoticeEdge: ResolverTypeWrapper<PartnerNoticeEdge>;
  PartnerStatus: PartnerStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RetryNoticesPayload: ResolverTypeWrapper<RetryNoticesPayload>;
  UpdateExchangePartnerInput: UpdateExchangePartnerInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddExchangePartnerInput: AddExchangePartnerInput;
  String: Scalars['String']['output'];
  AgreementInput: AgreementInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeliveryCounts: DeliveryCounts;
  Int: Scalars['Int']['output'];
  ExchangeAgreement: ExchangeAgreement;
  ExchangeCity: ExchangeCity;
  ExchangeLogConnection: ExchangeLogConnection;
  ExchangeLogEdge: ExchangeLogEdge;
  ExchangeLogEntry: ExchangeLogEntry;
  ID: Scalars['ID']['output'];
  ExchangeLogFilter: ExchangeLogFilter;
  ExchangePartner: ExchangePartnerMapper;
  ExchangePartnerConnection: Omit<ExchangePartnerConnection, 'edges'> & { edges: Array<ResolversParentTypes['ExchangePartnerEdge']> };
  ExchangePartnerEdge: Omit<ExchangePartnerEdge, 'node'> & { node: ResolversParentTypes['ExchangePartner'] };
  ExchangePartnerPayload: ExchangePartnerPayloadMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PartnerNotice: PartnerNotice;
  PartnerNoticeConnection: PartnerNoticeConnection;
  PartnerNoticeEdge: PartnerNoticeEdge;
  Query: Record<PropertyKey, never>;
  RetryNoticesPayload: RetryNoticesPayload;
  UpdateExchangePartnerInput: UpdateExchangePartnerInput;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryCountsResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['DeliveryCounts'] = ResolversParentTypes['DeliveryCounts']> = {
  delivered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ExchangeAgreementResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangeAgreement'] = ResolversParentTypes['ExchangeAgreement']> = {
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  messageType?: Resolver<ResolversTypes['NoticeType'], ParentType, ContextType>;
};

export type ExchangeCityResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangeCity'] = ResolversParentTypes['ExchangeCity']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyFingerprint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publicKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ExchangeLogConnectionResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangeLogConnection'] = ResolversParentTypes['ExchangeLogConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ExchangeLogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ExchangeLogEdgeResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangeLogEdge'] = ResolversParentTypes['ExchangeLogEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ExchangeLogEntry'], ParentType, ContextType>;
};

export type ExchangeLogEntryResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangeLogEntry'] = ResolversParentTypes['ExchangeLogEntry']> = {
  attempts?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  direction?: Resolver<Maybe<ResolversTypes['ExchangeDirection']>, ParentType, ContextType>;
  droppedFields?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  fields?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageType?: Resolver<Maybe<ResolversTypes['NoticeType']>, ParentType, ContextType>;
  occurredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  partnerCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  personId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  recordedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['ExchangeStatus']>, ParentType, ContextType>;
};

export type ExchangePartnerResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangePartner'] = ResolversParentTypes['ExchangePartner']> = {
  agreements?: Resolver<Maybe<Array<ResolversTypes['ExchangeAgreement']>>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  delivery?: Resolver<Maybe<ResolversTypes['DeliveryCounts']>, ParentType, ContextType>;
  inboxUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  keyFingerprint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publicKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['PartnerStatus']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ExchangePartnerConnectionResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangePartnerConnection'] = ResolversParentTypes['ExchangePartnerConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ExchangePartnerEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ExchangePartnerEdgeResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangePartnerEdge'] = ResolversParentTypes['ExchangePartnerEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ExchangePartner'], ParentType, ContextType>;
};

export type ExchangePartnerPayloadResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['ExchangePartnerPayload'] = ResolversParentTypes['ExchangePartnerPayload']> = {
  partner?: Resolver<Maybe<ResolversTypes['ExchangePartner']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addExchangePartner?: Resolver<Maybe<ResolversTypes['ExchangePartnerPayload']>, ParentType, ContextType, RequireFields<MutationAddExchangePartnerArgs, 'input'>>;
  removeExchangePartner?: Resolver<Maybe<ResolversTypes['ExchangePartnerPayload']>, ParentType, ContextType, RequireFields<MutationRemoveExchangePartnerArgs, 'code'>>;
  resumeExchangePartner?: Resolver<Maybe<ResolversTypes['ExchangePartnerPayload']>, ParentType, ContextType, RequireFields<MutationResumeExchangePartnerArgs, 'code'>>;
  retryExchangeNotices?: Resolver<Maybe<ResolversTypes['RetryNoticesPayload']>, ParentType, ContextType, RequireFields<MutationRetryExchangeNoticesArgs, 'ids'>>;
  suspendExchangePartner?: Resolver<Maybe<ResolversTypes['ExchangePartnerPayload']>, ParentType, ContextType, RequireFields<MutationSuspendExchangePartnerArgs, 'code'>>;
  updateExchangePartner?: Resolver<Maybe<ResolversTypes['ExchangePartnerPayload']>, ParentType, ContextType, RequireFields<MutationUpdateExchangePartnerArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PartnerNoticeResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['PartnerNotice'] = ResolversParentTypes['PartnerNotice']> = {
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  destinationAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  destinationDivisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  droppedFields?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  ethnicity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdDivisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  messageType?: Resolver<Maybe<ResolversTypes['NoticeType']>, ParentType, ContextType>;
  movedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  partnerCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  receivedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  residenceAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residenceDivisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residenceSince?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  sex?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PartnerNoticeConnectionResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['PartnerNoticeConnection'] = ResolversParentTypes['PartnerNoticeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PartnerNoticeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type PartnerNoticeEdgeResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['PartnerNoticeEdge'] = ResolversParentTypes['PartnerNoticeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PartnerNotice'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  arrivalsFromPartnerCities?: Resolver<Maybe<ResolversTypes['PartnerNoticeConnection']>, ParentType, ContextType, Partial<QueryArrivalsFromPartnerCitiesArgs>>;
  exchangeCity?: Resolver<Maybe<ResolversTypes['ExchangeCity']>, ParentType, ContextType>;
  exchangeLog?: Resolver<Maybe<ResolversTypes['ExchangeLogConnection']>, ParentType, ContextType, RequireFields<QueryExchangeLogArgs, 'direction'>>;
  exchangePartner?: Resolver<Maybe<ResolversTypes['ExchangePartner']>, ParentType, ContextType, RequireFields<QueryExchangePartnerArgs, 'code'>>;
  exchangePartners?: Resolver<Maybe<ResolversTypes['ExchangePartnerConnection']>, ParentType, ContextType, Partial<QueryExchangePartnersArgs>>;
  residentsInPartnerCities?: Resolver<Maybe<ResolversTypes['PartnerNoticeConnection']>, ParentType, ContextType, Partial<QueryResidentsInPartnerCitiesArgs>>;
};

export type RetryNoticesPayloadResolvers<ContextType = ExchangeContext, ParentType extends ResolversParentTypes['RetryNoticesPayload'] = ResolversParentTypes['RetryNoticesPayload']> = {
  notices?: Resolver<Maybe<Array<ResolversTypes['ExchangeLogEntry']>>, ParentType, ContextType>;
};

export type Resolvers<ContextType = ExchangeContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeliveryCounts?: DeliveryCountsResolvers<ContextType>;
  ExchangeAgreement?: ExchangeAgreementResolvers<ContextType>;
  ExchangeCity?: ExchangeCityResolvers<ContextType>;
  ExchangeLogConnection?: ExchangeLogConnectionResolvers<ContextType>;
  ExchangeLogEdge?: ExchangeLogEdgeResolvers<ContextType>;
  ExchangeLogEntry?: ExchangeLogEntryResolvers<ContextType>;
  ExchangePartner?: ExchangePartnerResolvers<ContextType>;
  ExchangePartnerConnection?: ExchangePartnerConnectionResolvers<ContextType>;
  ExchangePartnerEdge?: ExchangePartnerEdgeResolvers<ContextType>;
  ExchangePartnerPayload?: ExchangePartnerPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PartnerNotice?: PartnerNoticeResolvers<ContextType>;
  PartnerNoticeConnection?: PartnerNoticeConnectionResolvers<ContextType>;
  PartnerNoticeEdge?: PartnerNoticeEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RetryNoticesPayload?: RetryNoticesPayloadResolvers<ContextType>;
};

