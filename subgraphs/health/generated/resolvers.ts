import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { HealthProfileMapper, VaccinationMapper, MaternalCareRecordMapper, CheckupMapper, PersonMapper, HealthProfilePayloadMapper, ImportJobMapper, ImportRowResultMapper, ImportJobPayloadMapper, ImportRowsPayloadMapper } from '../mappers.js';
import type { HealthContext } from '../context.js';
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

/** One health check-up (健康体检). */
export type Checkup = {
  __typename?: 'Checkup';
  /** Day of the check-up. */
  checkedOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  /** Clinic or hospital that did the check-up. */
  institution?: Maybe<Scalars['String']['output']>;
  result?: Maybe<CheckupResult>;
};

export type CheckupConnection = {
  __typename?: 'CheckupConnection';
  edges: Array<CheckupEdge>;
  pageInfo: PageInfo;
};

export type CheckupEdge = {
  __typename?: 'CheckupEdge';
  cursor: Scalars['String']['output'];
  node: Checkup;
};

/** Outcome of a check-up. */
export type CheckupResult =
  /** Something found that needs a further visit. */
  | 'FOLLOW_UP'
  /** Nothing found that needs attention. */
  | 'NORMAL';

/** Family-planning status (计划生育状况), self-reported. */
export type FamilyPlanningStatus =
  /** No children. */
  | 'NONE'
  /** Has one child. */
  | 'ONE_CHILD'
  /** Currently pregnant. */
  | 'PREGNANT'
  /** Has three or more children. */
  | 'THREE_OR_MORE'
  /** Has two children. */
  | 'TWO_CHILDREN';

export type FinishImportInput = {
  jobId: Scalars['ID']['input'];
  /** sha256 of the error report the importer wrote, 64 hexadecimal digits. */
  reportDigest: Scalars['String']['input'];
};

/** What the health department holds about a person. */
export type HealthProfile = {
  __typename?: 'HealthProfile';
  /** Check-ups, newest first. */
  checkups?: Maybe<CheckupConnection>;
  /** Family-planning status as last reported by the person; NONE until one is reported. */
  familyPlanningStatus?: Maybe<FamilyPlanningStatus>;
  /** Maternal-care records, newest first. */
  maternalCare?: Maybe<MaternalCareConnection>;
  /** Vaccinations, newest first. */
  vaccinations?: Maybe<VaccinationConnection>;
};


/** What the health department holds about a person. */
export type HealthProfileCheckupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** What the health department holds about a person. */
export type HealthProfileMaternalCareArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** What the health department holds about a person. */
export type HealthProfileVaccinationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The person written about and their health profile after the write. */
export type HealthProfilePayload = {
  __typename?: 'HealthProfilePayload';
  healthProfile?: Maybe<HealthProfile>;
  personId?: Maybe<Scalars['ID']['output']>;
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

export type MaternalCareConnection = {
  __typename?: 'MaternalCareConnection';
  edges: Array<MaternalCareEdge>;
  pageInfo: PageInfo;
};

export type MaternalCareEdge = {
  __typename?: 'MaternalCareEdge';
  cursor: Scalars['String']['output'];
  node: MaternalCareRecord;
};

/** Stage of maternal care a visit belongs to. */
export type MaternalCareKind =
  /** Childbirth (分娩). */
  | 'DELIVERY'
  /** Postnatal visit (产后访视). */
  | 'POSTNATAL'
  /** Antenatal check (产前检查). */
  | 'PRENATAL';

/** One maternal-care visit (孕产妇保健记录). */
export type MaternalCareRecord = {
  __typename?: 'MaternalCareRecord';
  id: Scalars['ID']['output'];
  /** Clinic or hospital of the visit. */
  institution?: Maybe<Scalars['String']['output']>;
  kind?: Maybe<MaternalCareKind>;
  /** Day of the visit. */
  visitOn?: Maybe<Scalars['Date']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Finishes an import whose every row is committed, with the report's digest; recorded in the audit trail. */
  finishHealthImport?: Maybe<ImportJobPayload>;
  /** Takes one batch of a running import through the department's rules and writes what they accept, with the events single writes cause. */
  importHealthRows?: Maybe<ImportRowsPayload>;
  /** Records a check-up, creating the person's health profile (status NONE) if needed. Refuses a person not on the register (NOT_FOUND), a day before their birth (BAD_USER_INPUT) or after their move-out (CONFLICT), every problem at once. */
  recordCheckup?: Maybe<HealthProfilePayload>;
  /** Records a maternal-care visit, creating the person's health profile (status NONE) if needed. Refuses a person not on the register (NOT_FOUND), a man or a woman outside 12 to 60 on the day (BAD_USER_INPUT), a day after their move-out (CONFLICT), every problem at once. */
  recordMaternalCare?: Maybe<HealthProfilePayload>;
  /** Records a vaccine dose, creating the person's health profile (status NONE) if needed. Refuses a person not on the register (NOT_FOUND), a vaccine the hub does not list or a day before the person's birth (BAD_USER_INPUT), a day after their move-out (CONFLICT), every problem at once. */
  recordVaccination?: Maybe<HealthProfilePayload>;
  /** Sets a person's family-planning status, creating their health profile if needed. Refuses a person not on the register (NOT_FOUND) and PREGNANT for anyone but a woman aged 12 to 60 today (BAD_USER_INPUT), every problem at once. */
  setFamilyPlanningStatus?: Maybe<HealthProfilePayload>;
  /** Starts an import of a file of this department's records of one kind (FORBIDDEN for another department's; BAD_USER_INPUT naming a field missing or unknown). */
  startHealthImport?: Maybe<ImportJobPayload>;
};


export type MutationFinishHealthImportArgs = {
  input: FinishImportInput;
};


export type MutationImportHealthRowsArgs = {
  input: ImportRowsInput;
};


export type MutationRecordCheckupArgs = {
  input: RecordCheckupInput;
};


export type MutationRecordMaternalCareArgs = {
  input: RecordMaternalCareInput;
};


export type MutationRecordVaccinationArgs = {
  input: RecordVaccinationInput;
};


export type MutationSetFamilyPlanningStatusArgs = {
  input: SetFamilyPlanningStatusInput;
};


export type MutationStartHealthImportArgs = {
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
 * A resident, keyed by the hub id the police register issued. Health holds no
 * register data of its own, only what hangs off the id.
 */
export type Person = {
  __typename?: 'Person';
  /** The person's health profile; null when the health department has no record. */
  healthProfile?: Maybe<HealthProfile>;
  /** Hub id of the person on the police register. */
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** An import job of this department's (only one's own to a caller confined to places); null when there is none. */
  healthImportJob?: Maybe<ImportJob>;
  /** This department's import jobs, newest first (only one's own to a caller confined to places). */
  healthImportJobs: ImportJobConnection;
  /** Health profile of a person by hub id; null when the health department has no record. */
  healthProfile?: Maybe<HealthProfile>;
};


export type QueryHealthImportJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryHealthImportJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryHealthProfileArgs = {
  personId: Scalars['ID']['input'];
};

export type RecordCheckupInput = {
  /** Day of the check-up; not in the future, not before the person's birth (BAD_USER_INPUT), not after their recorded move-out (CONFLICT). */
  checkedOn: Scalars['Date']['input'];
  /** Clinic or hospital that did the check-up, at most 100 characters. */
  institution: Scalars['String']['input'];
  /** Hub id of the person on the police register, asked of the police through the hub (NOT_FOUND when not registered). */
  personId: Scalars['ID']['input'];
  result: CheckupResult;
};

export type RecordMaternalCareInput = {
  /** Clinic or hospital of the visit, at most 100 characters. */
  institution: Scalars['String']['input'];
  kind: MaternalCareKind;
  /** Hub id of the person on the police register, asked of the police through the hub (NOT_FOUND when not registered). */
  personId: Scalars['ID']['input'];
  /** Day of the visit; not in the future, not before the person's birth (BAD_USER_INPUT), not after their recorded move-out (CONFLICT). The person must be a woman aged 12 to 60 on it (BAD_USER_INPUT on `personId`). */
  visitOn: Scalars['Date']['input'];
};

export type RecordVaccinationInput = {
  /** Day the dose was given; not in the future, not before the person's birth (BAD_USER_INPUT), not after their recorded move-out (CONFLICT). */
  administeredOn: Scalars['Date']['input'];
  /** Dose number within the course, 1 to 10. */
  dose: Scalars['Int']['input'];
  /** Clinic or hospital that gave the dose, at most 100 characters. */
  institution: Scalars['String']['input'];
  /** Hub id of the person on the police register, asked of the police through the hub (NOT_FOUND when not registered). */
  personId: Scalars['ID']['input'];
  /** One of the vaccine names the hub lists, e.g. 乙肝疫苗, 麻腮风疫苗, HPV疫苗 (BAD_USER_INPUT otherwise). */
  vaccine: Scalars['String']['input'];
};

export type SetFamilyPlanningStatusInput = {
  /** Hub id of the person on the police register, asked of the police through the hub (NOT_FOUND when not registered). */
  personId: Scalars['ID']['input'];
  /** PREGNANT only for a woman aged 12 to 60 today who has not moved out (BAD_USER_INPUT or CONFLICT on `personId`). */
  status: FamilyPlanningStatus;
};

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

/** One vaccine dose given to the person (预防接种记录). */
export type Vaccination = {
  __typename?: 'Vaccination';
  /** Day the dose was given. */
  administeredOn?: Maybe<Scalars['Date']['output']>;
  /** Which dose of this vaccine's course, from 1. */
  dose?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** Clinic or hospital that gave the dose. */
  institution?: Maybe<Scalars['String']['output']>;
  /** Vaccine name as listed by the hub, e.g. 乙肝疫苗. */
  vaccine?: Maybe<Scalars['String']['output']>;
};

export type VaccinationConnection = {
  __typename?: 'VaccinationConnection';
  edges: Array<VaccinationEdge>;
  pageInfo: PageInfo;
};

export type VaccinationEdge = {
  __typename?: 'VaccinationEdge';
  cursor: Scalars['String']['output'];
  node: Vaccination;
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
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Checkup: ResolverTypeWrapper<CheckupMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CheckupConnection: ResolverTypeWrapper<Omit<CheckupConnection, 'edges'> & { edges: Array<ResolversTypes['CheckupEdge']> }>;
  CheckupEdge: ResolverTypeWrapper<Omit<CheckupEdge, 'node'> & { node: ResolversTypes['Checkup'] }>;
  CheckupResult: CheckupResult;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FamilyPlanningStatus: FamilyPlanningStatus;
  FinishImportInput: FinishImportInput;
  HealthProfile: ResolverTypeWrapper<HealthProfileMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  HealthProfilePayload: ResolverTypeWrapper<HealthProfilePayloadMapper>;
  ImportCellProblemInput: ImportCellProblemInput;
  ImportJob: ResolverTypeWrapper<ImportJobMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
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
  MaternalCareConnection: ResolverTypeWrapper<Omit<MaternalCareConnection, 'edges'> & { edges: Array<ResolversTypes['MaternalCareEdge']> }>;
  MaternalCareEdge: ResolverTypeWrapper<Omit<MaternalCareEdge, 'node'> & { node: ResolversTypes['MaternalCareRecord'] }>;
  MaternalCareKind: MaternalCareKind;
  MaternalCareRecord: ResolverTypeWrapper<MaternalCareRecordMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonMapper>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordCheckupInput: RecordCheckupInput;
  RecordMaternalCareInput: RecordMaternalCareInput;
  RecordVaccinationInput: RecordVaccinationInput;
  SetFamilyPlanningStatusInput: SetFamilyPlanningStatusInput;
  StartImportInput: StartImportInput;
  Vaccination: ResolverTypeWrapper<VaccinationMapper>;
  VaccinationConnection: ResolverTypeWrapper<Omit<VaccinationConnection, 'edges'> & { edges: Array<ResolversTypes['VaccinationEdge']> }>;
  VaccinationEdge: ResolverTypeWrapper<Omit<VaccinationEdge, 'node'> & { node: ResolversTypes['Vaccination'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Checkup: CheckupMapper;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  CheckupConnection: Omit<CheckupConnection, 'edges'> & { edges: Array<ResolversParentTypes['CheckupEdge']> };
  CheckupEdge: Omit<CheckupEdge, 'node'> & { node: ResolversParentTypes['Checkup'] };
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  FinishImportInput: FinishImportInput;
  HealthProfile: HealthProfileMapper;
  Int: Scalars['Int']['output'];
  HealthProfilePayload: HealthProfilePayloadMapper;
  ImportCellProblemInput: ImportCellProblemInput;
  ImportJob: ImportJobMapper;
  Boolean: Scalars['Boolean']['output'];
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
  MaternalCareConnection: Omit<MaternalCareConnection, 'edges'> & { edges: Array<ResolversParentTypes['MaternalCareEdge']> };
  MaternalCareEdge: Omit<MaternalCareEdge, 'node'> & { node: ResolversParentTypes['MaternalCareRecord'] };
  MaternalCareRecord: MaternalCareRecordMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Person: PersonMapper;
  Query: Record<PropertyKey, never>;
  RecordCheckupInput: RecordCheckupInput;
  RecordMaternalCareInput: RecordMaternalCareInput;
  RecordVaccinationInput: RecordVaccinationInput;
  SetFamilyPlanningStatusInput: SetFamilyPlanningStatusInput;
  StartImportInput: StartImportInput;
  Vaccination: VaccinationMapper;
  VaccinationConnection: Omit<VaccinationConnection, 'edges'> & { edges: Array<ResolversParentTypes['VaccinationEdge']> };
  VaccinationEdge: Omit<VaccinationEdge, 'node'> & { node: ResolversParentTypes['Vaccination'] };
};

export type CheckupResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Checkup'] = ResolversParentTypes['Checkup']> = {
  checkedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  institution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['CheckupResult']>, ParentType, ContextType>;
};

export type CheckupConnectionResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['CheckupConnection'] = ResolversParentTypes['CheckupConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CheckupEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CheckupEdgeResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['CheckupEdge'] = ResolversParentTypes['CheckupEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Checkup'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HealthProfileResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['HealthProfile'] = ResolversParentTypes['HealthProfile']> = {
  checkups?: Resolver<Maybe<ResolversTypes['CheckupConnection']>, ParentType, ContextType, Partial<HealthProfileCheckupsArgs>>;
  familyPlanningStatus?: Resolver<Maybe<ResolversTypes['FamilyPlanningStatus']>, ParentType, ContextType>;
  maternalCare?: Resolver<Maybe<ResolversTypes['MaternalCareConnection']>, ParentType, ContextType, Partial<HealthProfileMaternalCareArgs>>;
  vaccinations?: Resolver<Maybe<ResolversTypes['VaccinationConnection']>, ParentType, ContextType, Partial<HealthProfileVaccinationsArgs>>;
};

export type HealthProfilePayloadResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['HealthProfilePayload'] = ResolversParentTypes['HealthProfilePayload']> = {
  healthProfile?: Resolver<Maybe<ResolversTypes['HealthProfile']>, ParentType, ContextType>;
  personId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ImportJobResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportJob'] = ResolversParentTypes['ImportJob']> = {
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

export type ImportJobConnectionResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportJobConnection'] = ResolversParentTypes['ImportJobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportJobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportJobEdgeResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportJobEdge'] = ResolversParentTypes['ImportJobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportJob'], ParentType, ContextType>;
};

export type ImportJobPayloadResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportJobPayload'] = ResolversParentTypes['ImportJobPayload']> = {
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
};

export type ImportProblemResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportProblem'] = ResolversParentTypes['ImportProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImportRowConnectionResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportRowConnection'] = ResolversParentTypes['ImportRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportRowEdgeResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportRowEdge'] = ResolversParentTypes['ImportRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportRowResult'], ParentType, ContextType>;
};

export type ImportRowResultResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportRowResult'] = ResolversParentTypes['ImportRowResult']> = {
  problems?: Resolver<Array<ResolversTypes['ImportProblem']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  rowNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportRowStatus'], ParentType, ContextType>;
};

export type ImportRowsPayloadResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['ImportRowsPayload'] = ResolversParentTypes['ImportRowsPayload']> = {
  batch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
  loaded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refused?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['ImportRowResult']>, ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MaternalCareConnectionResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MaternalCareConnection'] = ResolversParentTypes['MaternalCareConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MaternalCareEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type MaternalCareEdgeResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MaternalCareEdge'] = ResolversParentTypes['MaternalCareEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['MaternalCareRecord'], ParentType, ContextType>;
};

export type MaternalCareRecordResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MaternalCareRecord'] = ResolversParentTypes['MaternalCareRecord']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  institution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['MaternalCareKind']>, ParentType, ContextType>;
  visitOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  finishHealthImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationFinishHealthImportArgs, 'input'>>;
  importHealthRows?: Resolver<Maybe<ResolversTypes['ImportRowsPayload']>, ParentType, ContextType, RequireFields<MutationImportHealthRowsArgs, 'input'>>;
  recordCheckup?: Resolver<Maybe<ResolversTypes['HealthProfilePayload']>, ParentType, ContextType, RequireFields<MutationRecordCheckupArgs, 'input'>>;
  recordMaternalCare?: Resolver<Maybe<ResolversTypes['HealthProfilePayload']>, ParentType, ContextType, RequireFields<MutationRecordMaternalCareArgs, 'input'>>;
  recordVaccination?: Resolver<Maybe<ResolversTypes['HealthProfilePayload']>, ParentType, ContextType, RequireFields<MutationRecordVaccinationArgs, 'input'>>;
  setFamilyPlanningStatus?: Resolver<Maybe<ResolversTypes['HealthProfilePayload']>, ParentType, ContextType, RequireFields<MutationSetFamilyPlanningStatusArgs, 'input'>>;
  startHealthImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationStartHealthImportArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  healthProfile?: Resolver<Maybe<ResolversTypes['HealthProfile']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  healthImportJob?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType, RequireFields<QueryHealthImportJobArgs, 'id'>>;
  healthImportJobs?: Resolver<ResolversTypes['ImportJobConnection'], ParentType, ContextType, Partial<QueryHealthImportJobsArgs>>;
  healthProfile?: Resolver<Maybe<ResolversTypes['HealthProfile']>, ParentType, ContextType, RequireFields<QueryHealthProfileArgs, 'personId'>>;
};

export type VaccinationResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Vaccination'] = ResolversParentTypes['Vaccination']> = {
  administeredOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  dose?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  institution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vaccine?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VaccinationConnectionResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['VaccinationConnection'] = ResolversParentTypes['VaccinationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VaccinationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VaccinationEdgeResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['VaccinationEdge'] = ResolversParentTypes['VaccinationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Vaccination'], ParentType, ContextType>;
};

export type Resolvers<ContextType = HealthContext> = {
  Checkup?: CheckupResolvers<ContextType>;
  CheckupConnection?: CheckupConnectionResolvers<ContextType>;
  CheckupEdge?: CheckupEdgeResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  HealthProfile?: HealthProfileResolvers<ContextType>;
  HealthProfilePayload?: HealthProfilePayloadResolvers<ContextType>;
  ImportJob?: ImportJobResolvers<ContextType>;
  ImportJobConnection?: ImportJobConnectionResolvers<ContextType>;
  ImportJobEdge?: ImportJobEdgeResolvers<ContextType>;
  ImportJobPayload?: ImportJobPayloadResolvers<ContextType>;
  ImportProblem?: ImportProblemResolvers<ContextType>;
  ImportRowConnection?: ImportRowConnectionResolvers<ContextType>;
  ImportRowEdge?: ImportRowEdgeResolvers<ContextType>;
  ImportRowResult?: ImportRowResultResolvers<ContextType>;
  ImportRowsPayload?: ImportRowsPayloadResolvers<ContextType>;
  MaternalCareConnection?: MaternalCareConnectionResolvers<ContextType>;
  MaternalCareEdge?: MaternalCareEdgeResolvers<ContextType>;
  MaternalCareRecord?: MaternalCareRecordResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Vaccination?: VaccinationResolvers<ContextType>;
  VaccinationConnection?: VaccinationConnectionResolvers<ContextType>;
  VaccinationEdge?: VaccinationEdgeResolvers<ContextType>;
};

