import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EmployerMapper, EmploymentMapper, PersonMapper, GridMapper, EmployerPayloadMapper, EmploymentPayloadMapper, EmploymentByIdentityPayloadMapper, EmployerPremisesMapper, ImportJobMapper, ImportRowResultMapper, ImportJobPayloadMapper, ImportRowsPayloadMapper } from '../mappers.js';
import type { LabourContext } from '../context.js';
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

/** An employer (用人单位) registered with the human resources department. */
export type Employer = {
  __typename?: 'Employer';
  /** Address of the workplace. */
  address?: Maybe<Scalars['String']['output']>;
  /** Unified social credit code (18 characters, GB 32100 check character). */
  creditCode?: Maybe<Scalars['String']['output']>;
  /** 6-digit GB/T 2260 division code of the district the workplace is in. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** Employments at this employer, latest start first; with `currentOnly`, only those not yet ended. */
  employments?: Maybe<EmploymentConnection>;
  /** The grid (网格) the workplace is in. */
  grid?: Maybe<Grid>;
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /** Industry: the name of a GB/T 4754 section, e.g. 制造业. */
  industry?: Maybe<Scalars['String']['output']>;
  /** Registered name of the employer. */
  name?: Maybe<Scalars['String']['output']>;
};


/** An employer (用人单位) registered with the human resources department. */
export type EmployerEmploymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  currentOnly?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of employers. */
export type EmployerConnection = {
  __typename?: 'EmployerConnection';
  edges: Array<EmployerEdge>;
  pageInfo: PageInfo;
};

export type EmployerEdge = {
  __typename?: 'EmployerEdge';
  cursor: Scalars['String']['output'];
  node: Employer;
};

export type EmployerFilter = {
  /** Only employers in this grid (12-digit grid code). */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** Only employers in this industry (a GB/T 4754 section name). */
  industry?: InputMaybe<Scalars['String']['input']>;
};

export type EmployerPayload = {
  __typename?: 'EmployerPayload';
  employer?: Maybe<Employer>;
};

/** An employer as a premises link names it. */
export type EmployerPremises = {
  __typename?: 'EmployerPremises';
  /** The unified social credit code asked about. */
  creditCode: Scalars['String']['output'];
  /** The workplace's district, when found. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** Whether it names a registered employer the caller may link to. */
  found: Scalars['Boolean']['output'];
  /** The workplace's grid, when found. */
  gridCode?: Maybe<Scalars['String']['output']>;
  /** The employer's registered name, when found: what the form shows the declarant. */
  name?: Maybe<Scalars['String']['output']>;
};

/** A person's employment (就业登记) at an employer. */
export type Employment = {
  __typename?: 'Employment';
  /** Where the person is employed. */
  employer?: Maybe<Employer>;
  /** End of the employment; null while current. */
  end?: Maybe<Scalars['Date']['output']>;
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /** The employed resident, on the police population register. */
  person?: Maybe<Person>;
  /** Job title or post (岗位). */
  position?: Maybe<Scalars['String']['output']>;
  /** Social insurance (社会保险) contribution status for this employment. */
  socialInsurance?: Maybe<SocialInsuranceStatus>;
  /** First day of the employment. */
  start?: Maybe<Scalars['Date']['output']>;
};

/**
 * What registering a worker by identity answers. When the police register
 * confirms the number and name as one person living in the city, the
 * employment; otherwise only that the identity could not be confirmed and what
 * to tell the worker: never why, never whom it might be.
 */
export type EmploymentByIdentityPayload = {
  __typename?: 'EmploymentByIdentityPayload';
  /** What to tell the worker when the identity was not confirmed; null when it was. */
  advice?: Maybe<Scalars['String']['output']>;
  /** The employment registered; null when the identity was not confirmed. */
  employment?: Maybe<Employment>;
  /** Whether the police register confirmed the identity number and name as one person who has not moved out of the city. */
  identityConfirmed: Scalars['Boolean']['output'];
};

/** A page of employments. */
export type EmploymentConnection = {
  __typename?: 'EmploymentConnection';
  edges: Array<EmploymentEdge>;
  pageInfo: PageInfo;
};

export type EmploymentEdge = {
  __typename?: 'EmploymentEdge';
  cursor: Scalars['String']['output'];
  node: Employment;
};

export type EmploymentPayload = {
  __typename?: 'EmploymentPayload';
  employment?: Maybe<Employment>;
};

export type EndEmploymentInput = {
  employmentId: Scalars['ID']['input'];
  /** Last day of the employment; not before its start, not in the future. */
  end: Scalars['Date']['input'];
};

export type FinishImportInput = {
  jobId: Scalars['ID']['input'];
  /** sha256 of the error report the importer wrote, 64 hexadecimal digits. */
  reportDigest: Scalars['String']['input'];
};

/** A grid (网格) as labour sees it: the employers whose workplace is in it. */
export type Grid = {
  __typename?: 'Grid';
  /** 12-digit code: district division code + street + grid number. */
  code: Scalars['String']['output'];
  /** Employers whose workplace is in this grid, in id order. */
  employers?: Maybe<EmployerConnection>;
};


/** A grid (网格) as labour sees it: the employers whose workplace is in it. */
export type GridEmployersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ImportCellProblemInput = {
  field: Scalars['String']['input'];
  message: Scalars['String']['input'];
};

/**
 * A file of the department's legacy records, loaded through the department's own
 * rules batch by batch. Each row is held to the rules of the department's single
 * write for its kind; a batch is committed with the records it loaded, so an
 * import that stopped is resumed from its first batch not committed.
 */
export type ImportJob = {
  __typename?: 'ImportJob';
  /** Rows per batch: batch n holds the file's records from n × batchSize on. */
  batchSize: Scalars['Int']['output'];
  /** The numbers of the batches committed, from 0. */
  committedBatches: Array<Scalars['Int']['output']>;
  /** True when the rows are judged and nothing is written. */
  dryRun: Scalars['Boolean']['output'];
  /** What each row's values are, in order: fields of the kind. */
  fields: Array<Scalars['String']['output']>;
  /** sha256 of the file's bytes, hex. */
  fileDigest: Scalars['String']['output'];
  /** The file's name as the importer gave it. */
  fileName: Scalars['String']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The kind of record the file holds, e.g. vaccinations (docs/import.md lists each department's). */
  kind: Scalars['String']['output'];
  /** Rows whose record was written (in a dry run: would have been). */
  loaded: Scalars['Int']['output'];
  /** The refused rows in row order, each with every reason; within fromRow to toRow when given. */
  refusals: ImportRowConnection;
  /** Rows refused, each with its reasons under refusals. */
  refused: Scalars['Int']['output'];
  /** sha256 of the error report the importer wrote, hex; null until the job is finished. */
  reportDigest?: Maybe<Scalars['String']['output']>;
  /** Rows of records the file holds, as the importer counted them. */
  rowCount: Scalars['Int']['output'];
  /** Rows of the batches committed so far. */
  rowsDone: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  /** Who started the job: the subject of their token. */
  startedBy: Scalars['String']['output'];
  status: ImportJobStatus;
  /** Rows whose record was stored already, alike: nothing written. */
  unchanged: Scalars['Int']['output'];
};


/**
 * A file of the department's legacy records, loaded through the department's own
 * rules batch by batch. Each row is held to the rules of the department's single
 * write for its kind; a batch is committed with the records it loaded, so an
 * import that stopped is resumed from its first batch not committed.
 */
export type ImportJobRefusalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  fromRow?: InputMaybe<Scalars['Int']['input']>;
  toRow?: InputMaybe<Scalars['Int']['input']>;
};

export type ImportJobConnection = {
  __typename?: 'ImportJobConnection';
  edges: Array<ImportJobEdge>;
  pageInfo: PageInfo;
};

export type ImportJobEdge = {
  __typename?: 'ImportJobEdge';
  cursor: Scalars['String']['output'];
  node: ImportJob;
};

/** The job after a start or a finish. */
export type ImportJobPayload = {
  __typename?: 'ImportJobPayload';
  job?: Maybe<ImportJob>;
};

export type ImportJobStatus =
  /** Every row is committed and the report's digest recorded. */
  | 'FINISHED'
  /** Batches are being taken. */
  | 'RUNNING';

/** One reason a row was refused, naming the field of the row it is about. */
export type ImportProblem = {
  __typename?: 'ImportProblem';
  /** BAD_USER_INPUT, NOT_FOUND, CONFLICT or FORBIDDEN: what the single write would refuse it with. */
  code: Scalars['String']['output'];
  /** The import field, e.g. administeredOn. */
  field: Scalars['String']['output'];
  /** What is wrong, in words. */
  message: Scalars['String']['output'];
  /** The record rule refused by (docs/rules.md); null for a value's own format. */
  rule?: Maybe<Scalars['String']['output']>;
};

export type ImportRowConnection = {
  __typename?: 'ImportRowConnection';
  edges: Array<ImportRowEdge>;
  pageInfo: PageInfo;
};

export type ImportRowEdge = {
  __typename?: 'ImportRowEdge';
  cursor: Scalars['String']['output'];
  node: ImportRowResult;
};

export type ImportRowInput = {
  /** The row's number in the file, as a spreadsheet numbers it. */
  rowNumber: Scalars['Int']['input'];
  /** Cells the importer could not read as text (a control character, bytes not of the file's encoding): the row is refused for them. */
  unreadable?: InputMaybe<Array<ImportCellProblemInput>>;
  /** One value per field of the job, in its order; null for an empty cell. */
  values: Array<InputMaybe<Scalars['String']['input']>>;
};

/** What one row of a file became. */
export type ImportRowResult = {
  __typename?: 'ImportRowResult';
  /** Why a refused row was refused: every problem at once. */
  problems: Array<ImportProblem>;
  /** The record written, or stored already; null when refused, in a dry run, and for a batch answered again. */
  recordId?: Maybe<Scalars['ID']['output']>;
  /** The row's number in the file, as a spreadsheet numbers it. */
  rowNumber: Scalars['Int']['output'];
  status: ImportRowStatus;
};

export type ImportRowStatus =
  /** The record was written (in a dry run: would have been). */
  | 'LOADED'
  /** The row was refused; its problems say why. */
  | 'REFUSED'
  /** A record under the same natural key was stored already, alike; nothing was written. */
  | 'UNCHANGED';

export type ImportRowsInput = {
  /** The batch's number, from 0; a batch committed before is answered from the ledger, not taken again. */
  batch: Scalars['Int']['input'];
  jobId: Scalars['ID']['input'];
  /** At most the job's batch size, in row order. */
  rows: Array<ImportRowInput>;
};

/**
 * A batch taken: what each row became, and the batch's tally. A batch committed
 * before (a retry) is not judged again: replayed is true, the tally is the one
 * committed and rows lists only its refused rows.
 */
export type ImportRowsPayload = {
  __typename?: 'ImportRowsPayload';
  batch: Scalars['Int']['output'];
  job?: Maybe<ImportJob>;
  loaded: Scalars['Int']['output'];
  refused: Scalars['Int']['output'];
  replayed: Scalars['Boolean']['output'];
  rows: Array<ImportRowResult>;
  unchanged: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Ends a current employment. Refuses an end before its start (BAD_USER_INPUT) and an employment that has already ended (CONFLICT). */
  endEmployment?: Maybe<EmploymentPayload>;
  /** Finishes an import whose every row is committed, with the report's digest; recorded in the audit trail. */
  finishLabourImport?: Maybe<ImportJobPayload>;
  /** Takes one batch of a running import through the department's rules and writes what they accept, with the events single writes cause. */
  importLabourRows?: Maybe<ImportRowsPayload>;
  /**
   * Registers an employer. Refuses, naming each field at once: a grid the police do not know (NOT_FOUND),
   * a grid outside the division, an industry outside GB/T 4754, an address without the district or a street
   * part (BAD_USER_INPUT); then a credit code already registered (CONFLICT).
   */
  registerEmployer?: Maybe<EmployerPayload>;
  /**
   * Registers a person's employment at a registered employer. Refuses, naming each field at once: a person
   * not on the register or an unknown employer (NOT_FOUND), a person under 16 or not yet born at the start,
   * an end before the start (BAD_USER_INPUT), a start after the person moved out (CONFLICT); then a period
   * overlapping another employment of the person at the same employer (CONFLICT).
   */
  registerEmployment?: Maybe<EmploymentPayload>;
  /**
   * Registers a worker by the identity number and name the employer was given, rather than by hub id.
   * The police register is asked through the hub whether the two are one person living in the city: if so,
   * the employment is registered exactly as `registerEmployment` registers it, refusing what it refuses;
   * if not, nothing is registered, `identityConfirmed` is false and `advice` says what to tell the worker,
   * and the police of the employer's grid are alerted. Refuses a malformed identity number (BAD_USER_INPUT)
   * and an unknown employer (NOT_FOUND).
   */
  registerEmploymentByIdentity?: Maybe<EmploymentByIdentityPayload>;
  /** Starts an import of a file of this department's records of one kind (FORBIDDEN for another department's; BAD_USER_INPUT naming a field missing or unknown). */
  startLabourImport?: Maybe<ImportJobPayload>;
};


export type MutationEndEmploymentArgs = {
  input: EndEmploymentInput;
};


export type MutationFinishLabourImportArgs = {
  input: FinishImportInput;
};


export type MutationImportLabourRowsArgs = {
  input: ImportRowsInput;
};


export type MutationRegisterEmployerArgs = {
  input: RegisterEmployerInput;
};


export type MutationRegisterEmploymentArgs = {
  input: RegisterEmploymentInput;
};


export type MutationRegisterEmploymentByIdentityArgs = {
  input: RegisterEmploymentByIdentityInput;
};


export type MutationStartLabourImportArgs = {
  input: StartImportInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * A resident as labour sees them: only the hub id, with the employments
 * registered against it. Everything else about the person is kept by the police.
 */
export type Person = {
  __typename?: 'Person';
  /** The person's employments, latest start first. */
  employments?: Maybe<EmploymentConnection>;
  /** Hub-issued stable identifier, shared with the police register. */
  id: Scalars['ID']['output'];
};


/**
 * A resident as labour sees them: only the hub id, with the employments
 * registered against it. Everything else about the person is kept by the police.
 */
export type PersonEmploymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** An employer by hub id; null when unknown. */
  employer?: Maybe<Employer>;
  /** An employer by unified social credit code; null when unknown. */
  employerByCreditCode?: Maybe<Employer>;
  /**
   * Where employers' workplaces lie and what they are called, for a premises link
   * (the QR code printed at a workplace): labour's officers for employers in their
   * jurisdiction, an employer for the credit codes its credential names; any other
   * code answers as one not registered. At most 50 codes.
   */
  employerPremises: Array<EmployerPremises>;
  /** Employers in id order, optionally filtered. */
  employers?: Maybe<EmployerConnection>;
  /** An import job of this department's (only one's own to a caller confined to places); null when there is none. */
  labourImportJob?: Maybe<ImportJob>;
  /** This department's import jobs, newest first (only one's own to a caller confined to places). */
  labourImportJobs: ImportJobConnection;
};


export type QueryEmployerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEmployerByCreditCodeArgs = {
  creditCode: Scalars['String']['input'];
};


export type QueryEmployerPremisesArgs = {
  creditCodes: Array<Scalars['String']['input']>;
};


export type QueryEmployersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EmployerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLabourImportJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLabourImportJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RegisterEmployerInput = {
  /** Workplace address naming the district of `divisionCode` and a street part, e.g. 武侯区玉林南路12号 (BAD_USER_INPUT otherwise). */
  address: Scalars['String']['input'];
  /** Unified social credit code: 18 uppercase characters with a valid GB 32100 check character and registering division. */
  creditCode: Scalars['String']['input'];
  /** 6-digit division code of the district the workplace is in. */
  divisionCode: Scalars['String']['input'];
  /** 12-digit grid code; must start with `divisionCode` (BAD_USER_INPUT) and be a grid the police know (NOT_FOUND). */
  gridCode: Scalars['String']['input'];
  /** A GB/T 4754 section name, e.g. 制造业 (BAD_USER_INPUT otherwise). */
  industry: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type RegisterEmploymentByIdentityInput = {
  /** A registered employer's unified social credit code, within the caller's jurisdiction (NOT_FOUND otherwise): how a confirmed declaration names its workplace. */
  employerCreditCode?: InputMaybe<Scalars['String']['input']>;
  /** A registered employer's id, within the caller's jurisdiction (NOT_FOUND otherwise); or name it by `employerCreditCode`, exactly one of the two. */
  employerId?: InputMaybe<Scalars['ID']['input']>;
  /** The worker's identity number as they gave it: 18 characters with a valid GB 11643 check character (BAD_USER_INPUT otherwise). */
  idNumber: Scalars['String']['input'];
  /** The worker's name as they gave it. */
  name: Scalars['String']['input'];
  /** Job title or post (岗位). */
  position: Scalars['String']['input'];
  socialInsurance: SocialInsuranceStatus;
  /** First day of the employment; held to the rules of `registerEmployment` once the identity is confirmed. */
  start: Scalars['Date']['input'];
};

export type RegisterEmploymentInput = {
  /** A registered employer's id, within the caller's jurisdiction (NOT_FOUND otherwise). */
  employerId: Scalars['ID']['input'];
  /** Last day, when registering an employment that has already ended; not before `start`, not in the future. */
  end?: InputMaybe<Scalars['Date']['input']>;
  /** The person's id on the police register, asked of the police through the hub: NOT_FOUND when not registered; BAD_USER_INPUT when not yet 16 at `start`. */
  personId: Scalars['ID']['input'];
  /** Job title or post (岗位). */
  position: Scalars['String']['input'];
  socialInsurance: SocialInsuranceStatus;
  /** First day of the employment; not in the future, not before the person's birth (BAD_USER_INPUT), not after their recorded move-out (CONFLICT), and the period must not overlap another employment of the person at the same employer (CONFLICT). */
  start: Scalars['Date']['input'];
};

export type SocialInsuranceStatus =
  /** Contributions being paid. */
  | 'INSURED'
  /** Not enrolled. */
  | 'NOT_INSURED'
  /** Contributions suspended. */
  | 'SUSPENDED';

export type StartImportInput = {
  /** Rows per batch, 1 to 1000. */
  batchSize: Scalars['Int']['input'];
  /** Judge the rows without writing anything. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** What each row's values are, in order: fields of the kind, each once, every required one. */
  fields: Array<Scalars['String']['input']>;
  /** sha256 of the file's bytes, 64 hexadecimal digits. */
  fileDigest: Scalars['String']['input'];
  /** The file's name, at most 255 characters. */
  fileName: Scalars['String']['input'];
  /** A kind of this department's records (BAD_USER_INPUT naming the kinds otherwise). */
  kind: Scalars['String']['input'];
  /** Rows of records the file holds. */
  rowCount: Scalars['Int']['input'];
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
  Employer: Employer;
  Grid: Grid;
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Employer:
    ( { __typename: 'Employer' }
    & GraphQLRecursivePick<FederationTypes['Employer'], {"id":true}> );
  Grid:
    ( { __typename: 'Grid' }
    & GraphQLRecursivePick<FederationTypes['Grid'], {"code":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Employer: ResolverTypeWrapper<EmployerMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  EmployerConnection: ResolverTypeWrapper<Omit<EmployerConnection, 'edges'> & { edges: Array<ResolversTypes['EmployerEdge']> }>;
  EmployerEdge: ResolverTypeWrapper<Omit<EmployerEdge, 'node'> & { node: ResolversTypes['Employer'] }>;
  EmployerFilter: EmployerFilter;
  EmployerPayload: ResolverTypeWrapper<EmployerPayloadMapper>;
  EmployerPremises: ResolverTypeWrapper<EmployerPremisesMapper>;
  Employment: ResolverTypeWrapper<EmploymentMapper>;
  EmploymentByIdentityPayload: ResolverTypeWrapper<EmploymentByIdentityPayloadMapper>;
  EmploymentConnection: ResolverTypeWrapper<Omit<EmploymentConnection, 'edges'> & { edges: Array<ResolversTypes['EmploymentEdge']> }>;
  EmploymentEdge: ResolverTypeWrapper<Omit<EmploymentEdge, 'node'> & { node: ResolversTypes['Employment'] }>;
  EmploymentPayload: ResolverTypeWrapper<EmploymentPayloadMapper>;
  EndEmploymentInput: EndEmploymentInput;
  FinishImportInput: FinishImportInput;
  Grid: ResolverTypeWrapper<GridMapper>;
  ImportCellProblemInput: ImportCellProblemInput;
  ImportJob: ResolverTypeWrapper<ImportJobMapper>;
  ImportJobConnection: ResolverTypeWrapper<Omit<ImportJobConnection, 'edges'> & { edges: Array<ResolversTypes['ImportJobEdge']> }>;
  ImportJobEdge: ResolverTypeWrapper<Omit<ImportJobEdge, 'node'> & { node: ResolversTypes['ImportJob'] }>;
  ImportJobPayload: ResolverTypeWrapper<ImportJobPayloadMapper>;
  ImportJobStatus: ImportJobStatus;
  ImportProblem: ResolverTypeWrapper<ImportProblem>;
  ImportRowConnection: ResolverTypeWrapper<Omit<ImportRowConnection, 'edges'> & { edges: Array<ResolversTypes['ImportRowEdge']> }>;
  ImportRowEdge: ResolverTypeWrapper<Omit<ImportRowEdge, 'node'> & { node: ResolversTypes['ImportRowResult'] }>;
  ImportRowInput: ImportRowInput;
  ImportRowResult: ResolverTypeWrapper<ImportRowResultMapper>;
  ImportRowStatus: ImportRowStatus;
  ImportRowsInput: ImportRowsInput;
  ImportRowsPayload: ResolverTypeWrapper<ImportRowsPayloadMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonMapper>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterEmployerInput: RegisterEmployerInput;
  RegisterEmploymentByIdentityInput: RegisterEmploymentByIdentityInput;
  RegisterEmploymentInput: RegisterEmploymentInput;
  SocialInsuranceStatus: SocialInsuranceStatus;
  StartImportInput: StartImportInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Employer: EmployerMapper;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  EmployerConnection: Omit<EmployerConnection, 'edges'> & { edges: Array<ResolversParentTypes['EmployerEdge']> };
  EmployerEdge: Omit<EmployerEdge, 'node'> & { node: ResolversParentTypes['Employer'] };
  EmployerFilter: EmployerFilter;
  EmployerPayload: EmployerPayloadMapper;
  EmployerPremises: EmployerPremisesMapper;
  Employment: EmploymentMapper;
  EmploymentByIdentityPayload: EmploymentByIdentityPayloadMapper;
  EmploymentConnection: Omit<EmploymentConnection, 'edges'> & { edges: Array<ResolversParentTypes['EmploymentEdge']> };
  EmploymentEdge: Omit<EmploymentEdge, 'node'> & { node: ResolversParentTypes['Employment'] };
  EmploymentPayload: EmploymentPayloadMapper;
  EndEmploymentInput: EndEmploymentInput;
  FinishImportInput: FinishImportInput;
  Grid: GridMapper;
  ImportCellProblemInput: ImportCellProblemInput;
  ImportJob: ImportJobMapper;
  ImportJobConnection: Omit<ImportJobConnection, 'edges'> & { edges: Array<ResolversParentTypes['ImportJobEdge']> };
  ImportJobEdge: Omit<ImportJobEdge, 'node'> & { node: ResolversParentTypes['ImportJob'] };
  ImportJobPayload: ImportJobPayloadMapper;
  ImportProblem: ImportProblem;
  ImportRowConnection: Omit<ImportRowConnection, 'edges'> & { edges: Array<ResolversParentTypes['ImportRowEdge']> };
  ImportRowEdge: Omit<ImportRowEdge, 'node'> & { node: ResolversParentTypes['ImportRowResult'] };
  ImportRowInput: ImportRowInput;
  ImportRowResult: ImportRowResultMapper;
  ImportRowsInput: ImportRowsInput;
  ImportRowsPayload: ImportRowsPayloadMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Person: PersonMapper;
  Query: Record<PropertyKey, never>;
  RegisterEmployerInput: RegisterEmployerInput;
  RegisterEmploymentByIdentityInput: RegisterEmploymentByIdentityInput;
  RegisterEmploymentInput: RegisterEmploymentInput;
  StartImportInput: StartImportInput;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmployerResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['Employer'] = ResolversParentTypes['Employer'], FederationReferenceType extends FederationReferenceTypes['Employer'] = FederationReferenceTypes['Employer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Employer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  creditCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employments?: Resolver<Maybe<ResolversTypes['EmploymentConnection']>, ParentType, ContextType, RequireFields<EmployerEmploymentsArgs, 'currentOnly'>>;
  grid?: Resolver<Maybe<ResolversTypes['Grid']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  industry?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EmployerConnectionResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmployerConnection'] = ResolversParentTypes['EmployerConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EmployerEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type EmployerEdgeResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmployerEdge'] = ResolversParentTypes['EmployerEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Employer'], ParentType, ContextType>;
};

export type EmployerPayloadResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmployerPayload'] = ResolversParentTypes['EmployerPayload']> = {
  employer?: Resolver<Maybe<ResolversTypes['Employer']>, ParentType, ContextType>;
};

export type EmployerPremisesResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmployerPremises'] = ResolversParentTypes['EmployerPremises']> = {
  creditCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  gridCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EmploymentResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['Employment'] = ResolversParentTypes['Employment']> = {
  employer?: Resolver<Maybe<ResolversTypes['Employer']>, ParentType, ContextType>;
  end?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  position?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  socialInsurance?: Resolver<Maybe<ResolversTypes['SocialInsuranceStatus']>, ParentType, ContextType>;
  start?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type EmploymentByIdentityPayloadResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmploymentByIdentityPayload'] = ResolversParentTypes['EmploymentByIdentityPayload']> = {
  advice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employment?: Resolver<Maybe<ResolversTypes['Employment']>, ParentType, ContextType>;
  identityConfirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type EmploymentConnectionResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmploymentConnection'] = ResolversParentTypes['EmploymentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EmploymentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type EmploymentEdgeResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmploymentEdge'] = ResolversParentTypes['EmploymentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Employment'], ParentType, ContextType>;
};

export type EmploymentPayloadResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['EmploymentPayload'] = ResolversParentTypes['EmploymentPayload']> = {
  employment?: Resolver<Maybe<ResolversTypes['Employment']>, ParentType, ContextType>;
};

export type GridResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['Grid'] = ResolversParentTypes['Grid'], FederationReferenceType extends FederationReferenceTypes['Grid'] = FederationReferenceTypes['Grid']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Grid']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  employers?: Resolver<Maybe<ResolversTypes['EmployerConnection']>, ParentType, ContextType, Partial<GridEmployersArgs>>;
};

export type ImportJobResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportJob'] = ResolversParentTypes['ImportJob']> = {
  batchSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  committedBatches?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  fileDigest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loaded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refusals?: Resolver<ResolversTypes['ImportRowConnection'], ParentType, ContextType, Partial<ImportJobRefusalsArgs>>;
  refused?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reportDigest?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rowsDone?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  startedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportJobStatus'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportJobConnectionResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportJobConnection'] = ResolversParentTypes['ImportJobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportJobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportJobEdgeResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportJobEdge'] = ResolversParentTypes['ImportJobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportJob'], ParentType, ContextType>;
};

export type ImportJobPayloadResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportJobPayload'] = ResolversParentTypes['ImportJobPayload']> = {
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
};

export type ImportProblemResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportProblem'] = ResolversParentTypes['ImportProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImportRowConnectionResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportRowConnection'] = ResolversParentTypes['ImportRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportRowEdgeResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportRowEdge'] = ResolversParentTypes['ImportRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportRowResult'], ParentType, ContextType>;
};

export type ImportRowResultResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportRowResult'] = ResolversParentTypes['ImportRowResult']> = {
  problems?: Resolver<Array<ResolversTypes['ImportProblem']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  rowNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportRowStatus'], ParentType, ContextType>;
};

export type ImportRowsPayloadResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['ImportRowsPayload'] = ResolversParentTypes['ImportRowsPayload']> = {
  batch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
  loaded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refused?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['ImportRowResult']>, ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  endEmployment?: Resolver<Maybe<ResolversTypes['EmploymentPayload']>, ParentType, ContextType, RequireFields<MutationEndEmploymentArgs, 'input'>>;
  finishLabourImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationFinishLabourImportArgs, 'input'>>;
  importLabourRows?: Resolver<Maybe<ResolversTypes['ImportRowsPayload']>, ParentType, ContextType, RequireFields<MutationImportLabourRowsArgs, 'input'>>;
  registerEmployer?: Resolver<Maybe<ResolversTypes['EmployerPayload']>, ParentType, ContextType, RequireFields<MutationRegisterEmployerArgs, 'input'>>;
  registerEmployment?: Resolver<Maybe<ResolversTypes['EmploymentPayload']>, ParentType, ContextType, RequireFields<MutationRegisterEmploymentArgs, 'input'>>;
  registerEmploymentByIdentity?: Resolver<Maybe<ResolversTypes['EmploymentByIdentityPayload']>, ParentType, ContextType, RequireFields<MutationRegisterEmploymentByIdentityArgs, 'input'>>;
  startLabourImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationStartLabourImportArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  employments?: Resolver<Maybe<ResolversTypes['EmploymentConnection']>, ParentType, ContextType, Partial<PersonEmploymentsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = LabourContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  employer?: Resolver<Maybe<ResolversTypes['Employer']>, ParentType, ContextType, RequireFields<QueryEmployerArgs, 'id'>>;
  employerByCreditCode?: Resolver<Maybe<ResolversTypes['Employer']>, ParentType, ContextType, RequireFields<QueryEmployerByCreditCodeArgs, 'creditCode'>>;
  employerPremises?: Resolver<Array<ResolversTypes['EmployerPremises']>, ParentType, ContextType, RequireFields<QueryEmployerPremisesArgs, 'creditCodes'>>;
  employers?: Resolver<Maybe<ResolversTypes['EmployerConnection']>, ParentType, ContextType, Partial<QueryEmployersArgs>>;
  labourImportJob?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType, RequireFields<QueryLabourImportJobArgs, 'id'>>;
  labourImportJobs?: Resolver<ResolversTypes['ImportJobConnection'], ParentType, ContextType, Partial<QueryLabourImportJobsArgs>>;
};

export type Resolvers<ContextType = LabourContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Employer?: EmployerResolvers<ContextType>;
  EmployerConnection?: EmployerConnectionResolvers<ContextType>;
  EmployerEdge?: EmployerEdgeResolvers<ContextType>;
  EmployerPayload?: EmployerPayloadResolvers<ContextType>;
  EmployerPremises?: EmployerPremisesResolvers<ContextType>;
  Employment?: EmploymentResolvers<ContextType>;
  EmploymentByIdentityPayload?: EmploymentByIdentityPayloadResolvers<ContextType>;
  EmploymentConnection?: EmploymentConnectionResolvers<ContextType>;
  EmploymentEdge?: EmploymentEdgeResolvers<ContextType>;
  EmploymentPayload?: EmploymentPayloadResolvers<ContextType>;
  Grid?: GridResolvers<ContextType>;
  ImportJob?: ImportJobResolvers<ContextType>;
  ImportJobConnection?: ImportJobConnectionResolvers<ContextType>;
  ImportJobEdge?: ImportJobEdgeResolvers<ContextType>;
  ImportJobPayload?: ImportJobPayloadResolvers<ContextType>;
  ImportProblem?: ImportProblemResolvers<ContextType>;
  ImportRowConnection?: ImportRowConnectionResolvers<ContextType>;
  ImportRowEdge?: ImportRowEdgeResolvers<ContextType>;
  ImportRowResult?: ImportRowResultResolvers<ContextType>;
  ImportRowsPayload?: ImportRowsPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

