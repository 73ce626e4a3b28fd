import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DeclarationMapper, PremisesMapper, PremisesLinkMapper, PremisesLinkCheckMapper, DeclarationDecisionMapper, CollectionCountsMapper, GridCollectionFiguresMapper, PremisesCollectionFiguresMapper, CollectionFiguresMapper, SubmitDeclarationPayloadMapper, DeclarationDecisionsPayloadMapper, PremisesLinkPayloadMapper } from '../mappers.js';
import type { DeclarationsContext } from '../context.js';
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

/**
 * Collection figures for a place or premises: how many declarations came in,
 * how they were decided, and how fast.
 */
export type CollectionCounts = {
  __typename?: 'CollectionCounts';
  confirmed: Scalars['Int']['output'];
  /** Median time from submission to confirmation, in seconds; null when none was confirmed. */
  medianSecondsToConfirm?: Maybe<Scalars['Float']['output']>;
  pending: Scalars['Int']['output'];
  received: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
};

export type CollectionFigures = {
  __typename?: 'CollectionFigures';
  /** Per grid, most received first. */
  byGrid: Array<GridCollectionFigures>;
  /** Per premises, most received first (declarations not made at premises are left out). */
  byPremises: Array<PremisesCollectionFigures>;
  /** Over everything asked for. */
  total: CollectionCounts;
};

export type CollectionFiguresFilter = {
  /** Declarations submitted on or after this day (China time). */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Only this grid (12-digit grid code). */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** Only this kind. */
  kind?: InputMaybe<DeclarationKind>;
  /** Only these premises (house code or credit code). */
  premisesCode?: InputMaybe<Scalars['String']['input']>;
  /** Declarations submitted on or before this day (China time). */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/**
 * A declaration (申报) by a landlord, an employer or a resident: facts about one
 * person, pending until the department that owns the record confirms it through
 * its own rules, or rejects it with a reason.
 */
export type Declaration = {
  __typename?: 'Declaration';
  /** The address declared (RESIDENCE). */
  address?: Maybe<Scalars['String']['output']>;
  /** When it was confirmed or rejected; null while pending. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The officer who confirmed or rejected it. */
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** Who declared: the subject of the declarant's credential. */
  declarant?: Maybe<Scalars['String']['output']>;
  /** The declarant's role: landlord, employer or resident. */
  declarantRole?: Maybe<Scalars['String']['output']>;
  /** 6-digit division code of the district the declaration lies in. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** 12-digit grid code of the premises or of the declared address, where known. */
  gridCode?: Maybe<Scalars['String']['output']>;
  /** Hub-issued identifier of the declaration. */
  id: Scalars['ID']['output'];
  /** The declared person's identity number, as declared (a resident's own: the one their credential names). */
  idNumber?: Maybe<Scalars['String']['output']>;
  kind: DeclarationKind;
  /** The landlord's name as the tenancy will record it (TENANCY). */
  landlordName?: Maybe<Scalars['String']['output']>;
  /** Monthly rent in whole yuan (TENANCY). */
  monthlyRent?: Maybe<Scalars['Int']['output']>;
  /** The declared person's name, as declared. */
  name?: Maybe<Scalars['String']['output']>;
  /** The declared person's mobile phone, as declared. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Job title or post (EMPLOYMENT). */
  position?: Maybe<Scalars['String']['output']>;
  /** The house or workplace declared at. */
  premises?: Maybe<Premises>;
  /** The id of the record confirmation created (a tenancy, an employment or a residence registration). */
  recordId?: Maybe<Scalars['ID']['output']>;
  /** Why it was rejected, as the declarant reads it. */
  rejectionReason?: Maybe<Scalars['String']['output']>;
  /** The room let (TENANCY), when given. */
  room?: Maybe<Scalars['String']['output']>;
  /** Social insurance status of the job (EMPLOYMENT). */
  socialInsurance?: Maybe<SocialInsuranceStatus>;
  /** Move-in day (TENANCY), first working day (EMPLOYMENT) or the day living at the address began (RESIDENCE). */
  start?: Maybe<Scalars['Date']['output']>;
  status: DeclarationStatus;
  submittedAt: Scalars['DateTime']['output'];
};

export type DeclarationConnection = {
  __typename?: 'DeclarationConnection';
  edges: Array<DeclarationEdge>;
  pageInfo: PageInfo;
};

/** What happened to one declaration of a confirmation or rejection. */
export type DeclarationDecision = {
  __typename?: 'DeclarationDecision';
  /** The declaration as it now stands; null when the id names none the caller reviews. */
  declaration?: Maybe<Declaration>;
  /** True when this call confirmed (or rejected) it. */
  done: Scalars['Boolean']['output'];
  /** The id as asked. */
  id: Scalars['ID']['output'];
  /** Why not: the department's refusal, field by field; empty when done. */
  problems: Array<DeclarationProblem>;
};

export type DeclarationDecisionsPayload = {
  __typename?: 'DeclarationDecisionsPayload';
  /** One per id asked, in the order asked. */
  results: Array<DeclarationDecision>;
};

export type DeclarationEdge = {
  __typename?: 'DeclarationEdge';
  cursor: Scalars['String']['output'];
  node: Declaration;
};

/**
 * A department's queue, narrowed. Unfiltered, the queue holds the pending
 * declarations of the kinds the caller's department confirms, in its jurisdiction.
 */
export type DeclarationFilter = {
  /** Only declarations in this grid (12-digit grid code). */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** Only this kind; a kind the caller's department does not confirm gives an empty list. */
  kind?: InputMaybe<DeclarationKind>;
  /** Only declarations at these premises (house code or credit code). */
  premisesCode?: InputMaybe<Scalars['String']['input']>;
  /** Only this status; PENDING when not given. */
  status?: InputMaybe<DeclarationStatus>;
  /** Only those submitted at or after this instant. */
  submittedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only those submitted before this instant. */
  submittedTo?: InputMaybe<Scalars['DateTime']['input']>;
};

/** What a declaration tells the department that owns the record it asks for. */
export type DeclarationKind =
  /** An employer's new worker, or a resident's own new job (就业登记): confirmed by labour into an employment. */
  | 'EMPLOYMENT'
  /** A resident's own new address (居住登记): confirmed by the police into a residence registration. */
  | 'RESIDENCE'
  /** A landlord's new tenant (租赁登记): confirmed by housing into a tenancy. */
  | 'TENANCY';

/** One problem a declaration has, as the department's rules or the hub found it. */
export type DeclarationProblem = {
  __typename?: 'DeclarationProblem';
  /** BAD_USER_INPUT, NOT_FOUND, CONFLICT, FORBIDDEN or SERVICE_UNAVAILABLE. */
  code: Scalars['String']['output'];
  /** The declaration's field it concerns (e.g. `idNumber`, `start`), when one does. */
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

/** Where a declaration stands. Nothing of it reaches the register until the owning department confirms it. */
export type DeclarationStatus =
  /** Confirmed: the department registered the record under its own rules. */
  | 'CONFIRMED'
  /** Waiting for the owning department. */
  | 'PENDING'
  /** Rejected by the department, with a reason the declarant reads. */
  | 'REJECTED';

export type GridCollectionFigures = {
  __typename?: 'GridCollectionFigures';
  counts: CollectionCounts;
  gridCode?: Maybe<Scalars['String']['output']>;
};

export type IssuePremisesLinkInput = {
  /** The unified house code (HOUSE) or unified social credit code (EMPLOYER). */
  code: Scalars['String']['input'];
  kind: PremisesKind;
  /** Days the link holds, from 1 to 730; the hub's setting when not given. */
  validDays?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Confirms declarations in the caller's queue: each is registered by the owning department
   * through its own mutation, as the caller, under its rules. A refusal comes back per declaration
   * with its problems, and that declaration stays pending. At most 50 ids.
   */
  confirmDeclarations?: Maybe<DeclarationDecisionsPayload>;
  /** Issues a signed premises link with its QR code: by the department owning the premises (housing for houses, labour for employers) or a declarant whose credential names them. */
  issuePremisesLink?: Maybe<PremisesLinkPayload>;
  /** Rejects pending declarations in the caller's queue with a reason the declarant reads (1 to 500 characters). At most 50 ids. */
  rejectDeclarations?: Maybe<DeclarationDecisionsPayload>;
  /** Revokes a premises link: by whoever may issue one for its premises. Declarations through it are refused from then on. */
  revokePremisesLink?: Maybe<PremisesLinkPayload>;
  /**
   * Declares a tenant, a worker, or oneself. Refuses, naming each field at once, what
   * the department would refuse for its form (a wrong check character, a date ahead,
   * a malformed phone) and a link that is forged, expired, revoked, or for other premises
   * than declared or than the credential names. Idempotent: the same client key, or
   * the same facts again, answers the declaration already made.
   */
  submitDeclaration?: Maybe<SubmitDeclarationPayload>;
};


export type MutationConfirmDeclarationsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationIssuePremisesLinkArgs = {
  input: IssuePremisesLinkInput;
};


export type MutationRejectDeclarationsArgs = {
  ids: Array<Scalars['ID']['input']>;
  reason: Scalars['String']['input'];
};


export type MutationRevokePremisesLinkArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSubmitDeclarationArgs = {
  input: SubmitDeclarationInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A house or a workplace, as a declaration or a premises link names it. */
export type Premises = {
  __typename?: 'Premises';
  /** The unified house code or the unified social credit code. */
  code: Scalars['String']['output'];
  kind: PremisesKind;
  /** What a person recognises the premises by (the house's address, the employer's name); for those the policy lets see it, and for a declarant only of premises their credential names. */
  label?: Maybe<Scalars['String']['output']>;
};

export type PremisesCollectionFigures = {
  __typename?: 'PremisesCollectionFigures';
  counts: CollectionCounts;
  premises: Premises;
};

/** What kind of premises a link or a declaration names. */
export type PremisesKind =
  /** An employer's workplace, by its unified social credit code (18 characters). */
  | 'EMPLOYER'
  /** A house, by its unified house code (18 digits). */
  | 'HOUSE';

/**
 * A premises link (场所码): a URL signed by the hub for one house or workplace,
 * printed as a QR code, that opens the declaration form for it. It expires and
 * can be revoked; a declaration made through it is bound to its premises.
 */
export type PremisesLink = {
  __typename?: 'PremisesLink';
  expiresAt: Scalars['DateTime']['output'];
  /** Hub-issued identifier of the link: what revokePremisesLink takes. */
  id: Scalars['ID']['output'];
  issuedAt: Scalars['DateTime']['output'];
  premises: Premises;
  /** The URL as a QR code in PNG, as a data: URL. */
  qrPngDataUrl: Scalars['String']['output'];
  /** The URL as a QR code in SVG text, for printing at the premises. */
  qrSvg: Scalars['String']['output'];
  /** When it was revoked; null while it holds. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The signed link alone, as submitDeclaration and premisesLink take it. */
  token: Scalars['String']['output'];
  /** The form's address with the signed link: `<public URL>/declare?p=<token>`. */
  url: Scalars['String']['output'];
};

/**
 * What the declaration form learns from a link before anything is declared:
 * the premises it is for, and whether it still holds. Nothing about residents.
 */
export type PremisesLinkCheck = {
  __typename?: 'PremisesLinkCheck';
  expired: Scalars['Boolean']['output'];
  expiresAt: Scalars['DateTime']['output'];
  premises: Premises;
  revoked: Scalars['Boolean']['output'];
  /** True when the link is signed by this hub, unexpired and not revoked. */
  valid: Scalars['Boolean']['output'];
};

export type PremisesLinkPayload = {
  __typename?: 'PremisesLinkPayload';
  link?: Maybe<PremisesLink>;
};

export type Query = {
  __typename?: 'Query';
  /** Collection figures per grid and per premises, in the caller's jurisdiction. */
  collectionFigures?: Maybe<CollectionFigures>;
  /** One declaration: a declarant's own, or one in the caller's queue; null otherwise. */
  declaration?: Maybe<Declaration>;
  /** The department's queue, oldest first: declarations of the kinds it confirms, in its jurisdiction. */
  declarations?: Maybe<DeclarationConnection>;
  /** The caller's own declarations, newest first: for landlords, employers and residents. */
  myDeclarations?: Maybe<DeclarationConnection>;
  /** What a premises link is for, and whether it holds; BAD_USER_INPUT for a token this hub did not sign. */
  premisesLink?: Maybe<PremisesLinkCheck>;
};


export type QueryCollectionFiguresArgs = {
  filter?: InputMaybe<CollectionFiguresFilter>;
};


export type QueryDeclarationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDeclarationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DeclarationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMyDeclarationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<DeclarationStatus>;
};


export type QueryPremisesLinkArgs = {
  token: Scalars['String']['input'];
};

/** Social insurance (社会保险) contribution status of a declared job. */
export type SocialInsuranceStatus =
  /** Contributions being paid. */
  | 'INSURED'
  /** Not enrolled. */
  | 'NOT_INSURED'
  /** Contributions suspended. */
  | 'SUSPENDED';

/**
 * A declaration. Which fields a kind takes: TENANCY idNumber, name, phone, start,
 * room, landlordName, monthlyRent; EMPLOYMENT idNumber, name, phone, start,
 * position, socialInsurance; RESIDENCE name, phone, start, address, divisionCode,
 * gridCode, houseCode. A field another kind takes is refused.
 */
export type SubmitDeclarationInput = {
  /** An address naming the district of `divisionCode` and a street, e.g. 武侯区玉林南路12号. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** The client's own key for this submission (letters, digits, - and _; up to 64): sent again, it answers the declaration it made. */
  clientKey?: InputMaybe<Scalars['String']['input']>;
  /** 6-digit division code of a district or county. */
  divisionCode?: InputMaybe<Scalars['String']['input']>;
  /** 12-digit grid code starting with `divisionCode`. */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** The house lived in, when declared without a link; with a house link, the link's. */
  houseCode?: InputMaybe<Scalars['String']['input']>;
  /** 18 characters with a valid GB 11643 check character. A resident's RESIDENCE or EMPLOYMENT is their own: the number their credential names, which this may repeat but not change. */
  idNumber?: InputMaybe<Scalars['String']['input']>;
  kind: DeclarationKind;
  landlordName?: InputMaybe<Scalars['String']['input']>;
  /** The signed premises link the form was opened with: required for TENANCY and EMPLOYMENT; for RESIDENCE a house's, when declared at one. */
  link?: InputMaybe<Scalars['String']['input']>;
  monthlyRent?: InputMaybe<Scalars['Int']['input']>;
  /** The person's name as on their identity card, at most 50 characters. */
  name: Scalars['String']['input'];
  /** Mainland mobile number: 11 digits starting 13-19. */
  phone?: InputMaybe<Scalars['String']['input']>;
  position?: InputMaybe<Scalars['String']['input']>;
  room?: InputMaybe<Scalars['String']['input']>;
  socialInsurance?: InputMaybe<SocialInsuranceStatus>;
  /** Move-in, first working day or the day living at the address began: not in the future. */
  start: Scalars['Date']['input'];
};

export type SubmitDeclarationPayload = {
  __typename?: 'SubmitDeclarationPayload';
  declaration?: Maybe<Declaration>;
  /** True when this submission repeated one already made (the same client key, or the same facts): nothing new was stored. */
  duplicate: Scalars['Boolean']['output'];
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
  CollectionCounts: ResolverTypeWrapper<CollectionCountsMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CollectionFigures: ResolverTypeWrapper<CollectionFiguresMapper>;
  CollectionFiguresFilter: CollectionFiguresFilter;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Declaration: ResolverTypeWrapper<DeclarationMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DeclarationConnection: ResolverTypeWrapper<Omit<DeclarationConnection, 'edges'> & { edges: Array<ResolversTypes['DeclarationEdge']> }>;
  DeclarationDecision: ResolverTypeWrapper<DeclarationDecisionMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DeclarationDecisionsPayload: ResolverTypeWrapper<DeclarationDecisionsPayloadMapper>;
  DeclarationEdge: ResolverTypeWrapper<Omit<DeclarationEdge, 'node'> & { node: ResolversTypes['Declaration'] }>;
  DeclarationFilter: DeclarationFilter;
  DeclarationKind: DeclarationKind;
  DeclarationProblem: ResolverTypeWrapper<DeclarationProblem>;
  DeclarationStatus: DeclarationStatus;
  GridCollectionFigures: ResolverTypeWrapper<GridCollectionFiguresMapper>;
  IssuePremisesLinkInput: IssuePremisesLinkInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Premises: ResolverTypeWrapper<PremisesMapper>;
  PremisesCollectionFigures: ResolverTypeWrapper<PremisesCollectionFiguresMapper>;
  PremisesKind: PremisesKind;
  PremisesLink: ResolverTypeWrapper<PremisesLinkMapper>;
  PremisesLinkCheck: ResolverTypeWrapper<PremisesLinkCheckMapper>;
  PremisesLinkPayload: ResolverTypeWrapper<PremisesLinkPayloadMapper>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SocialInsuranceStatus: SocialInsuranceStatus;
  SubmitDeclarationInput: SubmitDeclarationInput;
  SubmitDeclarationPayload: ResolverTypeWrapper<SubmitDeclarationPayloadMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CollectionCounts: CollectionCountsMapper;
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  CollectionFigures: CollectionFiguresMapper;
  CollectionFiguresFilter: CollectionFiguresFilter;
  String: Scalars['String']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Declaration: DeclarationMapper;
  ID: Scalars['ID']['output'];
  DeclarationConnection: Omit<DeclarationConnection, 'edges'> & { edges: Array<ResolversParentTypes['DeclarationEdge']> };
  DeclarationDecision: DeclarationDecisionMapper;
  Boolean: Scalars['Boolean']['output'];
  DeclarationDecisionsPayload: DeclarationDecisionsPayloadMapper;
  DeclarationEdge: Omit<DeclarationEdge, 'node'> & { node: ResolversParentTypes['Declaration'] };
  DeclarationFilter: DeclarationFilter;
  DeclarationProblem: DeclarationProblem;
  GridCollectionFigures: GridCollectionFiguresMapper;
  IssuePremisesLinkInput: IssuePremisesLinkInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Premises: PremisesMapper;
  PremisesCollectionFigures: PremisesCollectionFiguresMapper;
  PremisesLink: PremisesLinkMapper;
  PremisesLinkCheck: PremisesLinkCheckMapper;
  PremisesLinkPayload: PremisesLinkPayloadMapper;
  Query: Record<PropertyKey, never>;
  SubmitDeclarationInput: SubmitDeclarationInput;
  SubmitDeclarationPayload: SubmitDeclarationPayloadMapper;
};

export type CollectionCountsResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['CollectionCounts'] = ResolversParentTypes['CollectionCounts']> = {
  confirmed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  medianSecondsToConfirm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  received?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CollectionFiguresResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['CollectionFigures'] = ResolversParentTypes['CollectionFigures']> = {
  byGrid?: Resolver<Array<ResolversTypes['GridCollectionFigures']>, ParentType, ContextType>;
  byPremises?: Resolver<Array<ResolversTypes['PremisesCollectionFigures']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['CollectionCounts'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeclarationResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['Declaration'] = ResolversParentTypes['Declaration']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  declarant?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  declarantRole?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gridCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DeclarationKind'], ParentType, ContextType>;
  landlordName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  monthlyRent?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  position?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  premises?: Resolver<Maybe<ResolversTypes['Premises']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  rejectionReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  socialInsurance?: Resolver<Maybe<ResolversTypes['SocialInsuranceStatus']>, ParentType, ContextType>;
  start?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeclarationStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type DeclarationConnectionResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['DeclarationConnection'] = ResolversParentTypes['DeclarationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DeclarationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type DeclarationDecisionResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['DeclarationDecision'] = ResolversParentTypes['DeclarationDecision']> = {
  declaration?: Resolver<Maybe<ResolversTypes['Declaration']>, ParentType, ContextType>;
  done?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['DeclarationProblem']>, ParentType, ContextType>;
};

export type DeclarationDecisionsPayloadResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['DeclarationDecisionsPayload'] = ResolversParentTypes['DeclarationDecisionsPayload']> = {
  results?: Resolver<Array<ResolversTypes['DeclarationDecision']>, ParentType, ContextType>;
};

export type DeclarationEdgeResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['DeclarationEdge'] = ResolversParentTypes['DeclarationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Declaration'], ParentType, ContextType>;
};

export type DeclarationProblemResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['DeclarationProblem'] = ResolversParentTypes['DeclarationProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GridCollectionFiguresResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['GridCollectionFigures'] = ResolversParentTypes['GridCollectionFigures']> = {
  counts?: Resolver<ResolversTypes['CollectionCounts'], ParentType, ContextType>;
  gridCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  confirmDeclarations?: Resolver<Maybe<ResolversTypes['DeclarationDecisionsPayload']>, ParentType, ContextType, RequireFields<MutationConfirmDeclarationsArgs, 'ids'>>;
  issuePremisesLink?: Resolver<Maybe<ResolversTypes['PremisesLinkPayload']>, ParentType, ContextType, RequireFields<MutationIssuePremisesLinkArgs, 'input'>>;
  rejectDeclarations?: Resolver<Maybe<ResolversTypes['DeclarationDecisionsPayload']>, ParentType, ContextType, RequireFields<MutationRejectDeclarationsArgs, 'ids' | 'reason'>>;
  revokePremisesLink?: Resolver<Maybe<ResolversTypes['PremisesLinkPayload']>, ParentType, ContextType, RequireFields<MutationRevokePremisesLinkArgs, 'id'>>;
  submitDeclaration?: Resolver<Maybe<ResolversTypes['SubmitDeclarationPayload']>, ParentType, ContextType, RequireFields<MutationSubmitDeclarationArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PremisesResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['Premises'] = ResolversParentTypes['Premises']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PremisesKind'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PremisesCollectionFiguresResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['PremisesCollectionFigures'] = ResolversParentTypes['PremisesCollectionFigures']> = {
  counts?: Resolver<ResolversTypes['CollectionCounts'], ParentType, ContextType>;
  premises?: Resolver<ResolversTypes['Premises'], ParentType, ContextType>;
};

export type PremisesLinkResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['PremisesLink'] = ResolversParentTypes['PremisesLink']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  premises?: Resolver<ResolversTypes['Premises'], ParentType, ContextType>;
  qrPngDataUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qrSvg?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PremisesLinkCheckResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['PremisesLinkCheck'] = ResolversParentTypes['PremisesLinkCheck']> = {
  expired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  premises?: Resolver<ResolversTypes['Premises'], ParentType, ContextType>;
  revoked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PremisesLinkPayloadResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['PremisesLinkPayload'] = ResolversParentTypes['PremisesLinkPayload']> = {
  link?: Resolver<Maybe<ResolversTypes['PremisesLink']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  collectionFigures?: Resolver<Maybe<ResolversTypes['CollectionFigures']>, ParentType, ContextType, Partial<QueryCollectionFiguresArgs>>;
  declaration?: Resolver<Maybe<ResolversTypes['Declaration']>, ParentType, ContextType, RequireFields<QueryDeclarationArgs, 'id'>>;
  declarations?: Resolver<Maybe<ResolversTypes['DeclarationConnection']>, ParentType, ContextType, Partial<QueryDeclarationsArgs>>;
  myDeclarations?: Resolver<Maybe<ResolversTypes['DeclarationConnection']>, ParentType, ContextType, Partial<QueryMyDeclarationsArgs>>;
  premisesLink?: Resolver<Maybe<ResolversTypes['PremisesLinkCheck']>, ParentType, ContextType, RequireFields<QueryPremisesLinkArgs, 'token'>>;
};

export type SubmitDeclarationPayloadResolvers<ContextType = DeclarationsContext, ParentType extends ResolversParentTypes['SubmitDeclarationPayload'] = ResolversParentTypes['SubmitDeclarationPayload']> = {
  declaration?: Resolver<Maybe<ResolversTypes['Declaration']>, ParentType, ContextType>;
  duplicate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type Resolvers<ContextType = DeclarationsContext> = {
  CollectionCounts?: CollectionCountsResolvers<ContextType>;
  CollectionFigures?: CollectionFiguresResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Declaration?: DeclarationResolvers<ContextType>;
  DeclarationConnection?: DeclarationConnectionResolvers<ContextType>;
  DeclarationDecision?: DeclarationDecisionResolvers<ContextType>;
  DeclarationDecisionsPayload?: DeclarationDecisionsPayloadResolvers<ContextType>;
  DeclarationEdge?: DeclarationEdgeResolvers<ContextType>;
  DeclarationProblem?: DeclarationProblemResolvers<ContextType>;
  GridCollectionFigures?: GridCollectionFiguresResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Premises?: PremisesResolvers<ContextType>;
  PremisesCollectionFigures?: PremisesCollectionFiguresResolvers<ContextType>;
  PremisesLink?: PremisesLinkResolvers<ContextType>;
  PremisesLinkCheck?: PremisesLinkCheckResolvers<ContextType>;
  PremisesLinkPayload?: PremisesLinkPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SubmitDeclarationPayload?: SubmitDeclarationPayloadResolvers<ContextType>;
};

