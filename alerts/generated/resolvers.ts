import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AlertMapper, AlertActionMapper, AlertWebhookMapper, PersonMapper, HouseMapper, EmployerMapper, GridMapper, AlertPayloadMapper, AlertWebhookPayloadMapper } from '../mappers.js';
import type { AlertsContext } from '../context.js';
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
  /** An instant written in ISO 8601 with a time zone; answers are given in UTC. */
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Which alert to take up. */
export type AcknowledgeAlertInput = {
  /** The alert's id. */
  id: Scalars['ID']['input'];
};

/**
 * An early warning for the officers who must act on it: raised by an alert
 * rule from what a department recorded, addressed to a department and a place,
 * and readable only by that department's officers whose jurisdiction covers
 * the place, for one of the purposes the alert names.
 */
export type Alert = {
  __typename?: 'Alert';
  /** What officers did with it, oldest first. */
  actions: Array<AlertAction>;
  /** The subject of the officer it was handed to; null while it is the whole department's. */
  assignee?: Maybe<Scalars['String']['output']>;
  /** 6-digit GB/T 2260 division code of the district it is about, when it names one. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** The employer it is about, when any: read under the labour department's policy. */
  employer?: Maybe<Employer>;
  /** The event type that triggered it, or `schedule` for a check that runs on its own. */
  eventType: Scalars['String']['output'];
  /** The key-person flag's category, when the rule revealed it. */
  flagCategory?: Maybe<Scalars['String']['output']>;
  /** The key-person flag's level, when the rule revealed it. */
  flagLevel?: Maybe<Scalars['String']['output']>;
  /** The grid (网格) it is about, when it names one. */
  grid?: Maybe<Grid>;
  /** The house it is about, when any: read under the housing department's policy. */
  house?: Maybe<House>;
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /** The identity number the alert is about, when the rule revealed it: the key person's on the register, or the one an employer gave. */
  idNumber?: Maybe<Scalars['String']['output']>;
  /** What kind of attention it asks for. */
  kind: AlertKind;
  /** The name the alert is about, when the rule revealed it: the key person's on the register, or the one an employer gave. */
  name?: Maybe<Scalars['String']['output']>;
  /** When what triggered it happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** The resident it is about, when any: read under the police's policy and the reader's jurisdiction as any person is, so null to a reader outside where they live. */
  person?: Maybe<Person>;
  /** When the alert store received it. */
  raisedAt: Scalars['DateTime']['output'];
  /** Why an identity was not confirmed, when the rule revealed it. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The alert rule that raised it, e.g. `key-person.tenancy`. */
  rule: Scalars['String']['output'];
  /** Where it stands. */
  status: AlertStatus;
  /** One line saying what happened and where, with no personal data. */
  summary: Scalars['String']['output'];
};

/** One thing an officer did with an alert. */
export type AlertAction = {
  __typename?: 'AlertAction';
  /** What they did. */
  action: AlertActionKind;
  /** The subject of the officer who acted. */
  actor: Scalars['String']['output'];
  /** For a reassignment: the subject of the officer it was handed to. */
  assignee?: Maybe<Scalars['String']['output']>;
  /** When. */
  at: Scalars['DateTime']['output'];
  /** What they said about it (required when resolving). */
  note?: Maybe<Scalars['String']['output']>;
};

/** What an officer did with an alert. */
export type AlertActionKind =
  /** Took it up. */
  | 'ACKNOWLEDGED'
  /** Handed it to another officer of the same department. */
  | 'REASSIGNED'
  /** Dealt with it, saying how in the note. */
  | 'RESOLVED';

/** A page of alerts. */
export type AlertConnection = {
  __typename?: 'AlertConnection';
  /** The alerts of this page, newest first. */
  edges: Array<AlertEdge>;
  /** Where this page lies in the list. */
  pageInfo: PageInfo;
};

/** One alert in a page. */
export type AlertEdge = {
  __typename?: 'AlertEdge';
  /** Where to continue after this alert. */
  cursor: Scalars['String']['output'];
  /** The alert. */
  node: Alert;
};

/** Narrows a list of alerts; every given condition must hold. */
export type AlertFilter = {
  /** Only alerts raised at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only alerts about this grid (12-digit grid code). */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** Only alerts of this kind. */
  kind?: InputMaybe<AlertKind>;
  /** Only alerts in this state. */
  status?: InputMaybe<AlertStatus>;
  /** Only alerts raised at or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** What kind of attention an alert asks for. */
export type AlertKind =
  /** An employer gave an identity the register could not confirm (police of the employer's grid). */
  | 'IDENTITY'
  /** A key person was registered by another department (police only). */
  | 'KEY_PERSON'
  /** Work that keeps the register complete (grid workers). */
  | 'TASK';

/** An alert after an action. */
export type AlertPayload = {
  __typename?: 'AlertPayload';
  /** The alert as it now stands. */
  alert?: Maybe<Alert>;
};

/** Where an alert stands. */
export type AlertStatus =
  /** An officer has taken it up. */
  | 'ACKNOWLEDGED'
  /** Raised, and nobody has taken it up yet. */
  | 'OPEN'
  /** Dealt with; it is not acted on again. */
  | 'RESOLVED';

/**
 * An endpoint of a department system that the department's alerts are pushed
 * to, signed by the hub.
 */
export type AlertWebhook = {
  __typename?: 'AlertWebhook';
  /** When it was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** The subject of whoever registered it. */
  createdBy: Scalars['String']['output'];
  /** The department whose alerts it receives. */
  department: Scalars['String']['output'];
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /** Where alerts are delivered. */
  url: Scalars['String']['output'];
};

/** A webhook after it was registered or removed. */
export type AlertWebhookPayload = {
  __typename?: 'AlertWebhookPayload';
  /** The webhook. */
  webhook?: Maybe<AlertWebhook>;
};

/** An employer, as the alert store names one: only the hub id. */
export type Employer = {
  __typename?: 'Employer';
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
};

/** A grid (网格), as the alert store names one: only its code. */
export type Grid = {
  __typename?: 'Grid';
  /** 12-digit code: district division code + street + grid number. */
  code: Scalars['String']['output'];
};

/** A house, as the alert store names one: only the hub id. */
export type House = {
  __typename?: 'House';
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Takes up one of the caller's alerts. NOT_FOUND for an alert unknown or not the caller's; CONFLICT once it is resolved. */
  acknowledgeAlert?: Maybe<AlertPayload>;
  /** Hands one of the caller's alerts to another officer of the same department; it stays the department's. NOT_FOUND for an alert unknown or not the caller's; CONFLICT once it is resolved. */
  reassignAlert?: Maybe<AlertPayload>;
  /** Pushes the caller's department's alerts to an endpoint of its own system from now on. */
  registerAlertWebhook?: Maybe<AlertWebhookPayload>;
  /** Stops pushing alerts to one of the caller's department's endpoints. NOT_FOUND for another department's or an unknown one. */
  removeAlertWebhook?: Maybe<AlertWebhookPayload>;
  /** Marks one of the caller's alerts dealt with, with a note. NOT_FOUND for an alert unknown or not the caller's; CONFLICT once it is resolved. */
  resolveAlert?: Maybe<AlertPayload>;
};


export type MutationAcknowledgeAlertArgs = {
  input: AcknowledgeAlertInput;
};


export type MutationReassignAlertArgs = {
  input: ReassignAlertInput;
};


export type MutationRegisterAlertWebhookArgs = {
  input: RegisterAlertWebhookInput;
};


export type MutationRemoveAlertWebhookArgs = {
  input: RemoveAlertWebhookInput;
};


export type MutationResolveAlertArgs = {
  input: ResolveAlertInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * A resident, as the alert store names one: only the hub id. The police
 * register answers everything else.
 */
export type Person = {
  __typename?: 'Person';
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One of the caller's alerts; null when unknown or not the caller's. */
  alert?: Maybe<Alert>;
  /** The endpoints the caller's department receives its alerts at, oldest first. */
  alertWebhooks: Array<AlertWebhook>;
  /** The caller's alerts, newest first: those addressed to their department, in their jurisdiction, for the purpose they declared. */
  alerts?: Maybe<AlertConnection>;
};


export type QueryAlertArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Which alert to hand on, and to whom in the same department. */
export type ReassignAlertInput = {
  /** The subject of the officer to hand it to, in the caller's department. */
  assignee: Scalars['String']['input'];
  /** The alert's id. */
  id: Scalars['ID']['input'];
  /** Why, or what to do (at most 500 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** An endpoint for the caller's department's alerts. */
export type RegisterAlertWebhookInput = {
  /** An absolute https URL (http outside production); no user name or password, no link-local or metadata address. */
  url: Scalars['String']['input'];
};

/** Which endpoint to stop pushing alerts to. */
export type RemoveAlertWebhookInput = {
  /** The webhook's id. */
  id: Scalars['ID']['input'];
};

/** Which alert was dealt with, and how. */
export type ResolveAlertInput = {
  /** The alert's id. */
  id: Scalars['ID']['input'];
  /** How it was dealt with (at most 500 characters). */
  note: Scalars['String']['input'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

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

/** Mapping of federation types */
export type FederationTypes = {
  Alert: Alert;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Alert:
    ( { __typename: 'Alert' }
    & GraphQLRecursivePick<FederationTypes['Alert'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AcknowledgeAlertInput: AcknowledgeAlertInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Alert: ResolverTypeWrapper<AlertMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AlertAction: ResolverTypeWrapper<AlertActionMapper>;
  AlertActionKind: AlertActionKind;
  AlertConnection: ResolverTypeWrapper<Omit<AlertConnection, 'edges'> & { edges: Array<ResolversTypes['AlertEdge']> }>;
  AlertEdge: ResolverTypeWrapper<Omit<AlertEdge, 'node'> & { node: ResolversTypes['Alert'] }>;
  AlertFilter: AlertFilter;
  AlertKind: AlertKind;
  AlertPayload: ResolverTypeWrapper<AlertPayloadMapper>;
  AlertStatus: AlertStatus;
  AlertWebhook: ResolverTypeWrapper<AlertWebhookMapper>;
  AlertWebhookPayload: ResolverTypeWrapper<AlertWebhookPayloadMapper>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Employer: ResolverTypeWrapper<EmployerMapper>;
  Grid: ResolverTypeWrapper<GridMapper>;
  House: ResolverTypeWrapper<HouseMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Person: ResolverTypeWrapper<PersonMapper>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ReassignAlertInput: ReassignAlertInput;
  RegisterAlertWebhookInput: RegisterAlertWebhookInput;
  RemoveAlertWebhookInput: RemoveAlertWebhookInput;
  ResolveAlertInput: ResolveAlertInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AcknowledgeAlertInput: AcknowledgeAlertInput;
  ID: Scalars['ID']['output'];
  Alert: AlertMapper;
  String: Scalars['String']['output'];
  AlertAction: AlertActionMapper;
  AlertConnection: Omit<AlertConnection, 'edges'> & { edges: Array<ResolversParentTypes['AlertEdge']> };
  AlertEdge: Omit<AlertEdge, 'node'> & { node: ResolversParentTypes['Alert'] };
  AlertFilter: AlertFilter;
  AlertPayload: AlertPayloadMapper;
  AlertWebhook: AlertWebhookMapper;
  AlertWebhookPayload: AlertWebhookPayloadMapper;
  DateTime: Scalars['DateTime']['output'];
  Employer: EmployerMapper;
  Grid: GridMapper;
  House: HouseMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Person: PersonMapper;
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  ReassignAlertInput: ReassignAlertInput;
  RegisterAlertWebhookInput: RegisterAlertWebhookInput;
  RemoveAlertWebhookInput: RemoveAlertWebhookInput;
  ResolveAlertInput: ResolveAlertInput;
};

export type AlertResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert'], FederationReferenceType extends FederationReferenceTypes['Alert'] = FederationReferenceTypes['Alert']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Alert']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actions?: Resolver<Array<ResolversTypes['AlertAction']>, ParentType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employer?: Resolver<Maybe<ResolversTypes['Employer']>, ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  flagCategory?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  flagLevel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grid?: Resolver<Maybe<ResolversTypes['Grid']>, ParentType, ContextType>;
  house?: Resolver<Maybe<ResolversTypes['House']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AlertKind'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AlertStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AlertActionResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertAction'] = ResolversParentTypes['AlertAction']> = {
  action?: Resolver<ResolversTypes['AlertActionKind'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AlertConnectionResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertConnection'] = ResolversParentTypes['AlertConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AlertEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AlertEdgeResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertEdge'] = ResolversParentTypes['AlertEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Alert'], ParentType, ContextType>;
};

export type AlertPayloadResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertPayload'] = ResolversParentTypes['AlertPayload']> = {
  alert?: Resolver<Maybe<ResolversTypes['Alert']>, ParentType, ContextType>;
};

export type AlertWebhookResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertWebhook'] = ResolversParentTypes['AlertWebhook']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AlertWebhookPayloadResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertWebhookPayload'] = ResolversParentTypes['AlertWebhookPayload']> = {
  webhook?: Resolver<Maybe<ResolversTypes['AlertWebhook']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmployerResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Employer'] = ResolversParentTypes['Employer']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type GridResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Grid'] = ResolversParentTypes['Grid']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HouseResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['House'] = ResolversParentTypes['House']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acknowledgeAlert?: Resolver<Maybe<ResolversTypes['AlertPayload']>, ParentType, ContextType, RequireFields<MutationAcknowledgeAlertArgs, 'input'>>;
  reassignAlert?: Resolver<Maybe<ResolversTypes['AlertPayload']>, ParentType, ContextType, RequireFields<MutationReassignAlertArgs, 'input'>>;
  registerAlertWebhook?: Resolver<Maybe<ResolversTypes['AlertWebhookPayload']>, ParentType, ContextType, RequireFields<MutationRegisterAlertWebhookArgs, 'input'>>;
  removeAlertWebhook?: Resolver<Maybe<ResolversTypes['AlertWebhookPayload']>, ParentType, ContextType, RequireFields<MutationRemoveAlertWebhookArgs, 'input'>>;
  resolveAlert?: Resolver<Maybe<ResolversTypes['AlertPayload']>, ParentType, ContextType, RequireFields<MutationResolveAlertArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  alert?: Resolver<Maybe<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertArgs, 'id'>>;
  alertWebhooks?: Resolver<Array<ResolversTypes['AlertWebhook']>, ParentType, ContextType>;
  alerts?: Resolver<Maybe<ResolversTypes['AlertConnection']>, ParentType, ContextType, Partial<QueryAlertsArgs>>;
};

export type Resolvers<ContextType = AlertsContext> = {
  Alert?: AlertResolvers<ContextType>;
  AlertAction?: AlertActionResolvers<ContextType>;
  AlertConnection?: AlertConnectionResolvers<ContextType>;
  AlertEdge?: AlertEdgeResolvers<ContextType>;
  AlertPayload?: AlertPayloadResolvers<ContextType>;
  AlertWebhook?: AlertWebhookResolvers<ContextType>;
  AlertWebhookPayload?: AlertWebhookPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Employer?: EmployerResolvers<ContextType>;
  Grid?: GridResolvers<ContextType>;
  House?: HouseResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

