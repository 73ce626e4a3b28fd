import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonMapper, ResidenceRegistrationMapper, ResidencePermitMapper, KeyPersonFlagMapper, MoveOutMapper, GridMapper, HouseMapper, PersonPayloadMapper, ResidencePayloadMapper, GridCheckMapper, VerificationAnswerMapper, DeclaredIdentityCheckMapper, ResidenceByIdentityPayloadMapper, AuditedResidentMapper, OwnRecordMapper, ImportJobMapper, ImportRowResultMapper, ImportJobPayloadMapper, ImportRowsPayloadMapper } from '../mappers.js';
import type { PoliceContext } from '../context.js';
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

/** A resident as the access log knows them: by hub id only. */
export type AuditedResident = {
  __typename?: 'AuditedResident';
  personId: Scalars['ID']['output'];
};

/**
 * The register's answer to a declarant about an identity a tenant or worker
 * gave them.
 */
export type DeclaredIdentityCheck = {
  __typename?: 'DeclaredIdentityCheck';
  /** The words a form shows for the result: 与登记信息一致, or 无法核实，请本人到派出所核实. */
  message: Scalars['String']['output'];
  result: DeclaredIdentityResult;
};

/** What the register says of a declared identity number and name. */
export type DeclaredIdentityResult =
  /** Anything else; the person should have it checked at a police station in person (无法核实，请本人到派出所核实). */
  | 'CANNOT_CONFIRM'
  /** They are one person on the register who has not moved out of the city (与登记信息一致). */
  | 'MATCHES';

export type FinishImportInput = {
  jobId: Scalars['ID']['input'];
  /** sha256 of the error report the importer wrote, 64 hexadecimal digits. */
  reportDigest: Scalars['String']['input'];
};

/** A grid (网格), the unit of community management. */
export type Grid = {
  __typename?: 'Grid';
  class?: Maybe<GridClass>;
  /** 12-digit code: district division code + street + grid number. */
  code: Scalars['String']['output'];
  /** 6-digit division code of the district. */
  districtCode?: Maybe<Scalars['String']['output']>;
  districtName?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** Assigned community officer (社区民警). */
  officerName?: Maybe<Scalars['String']['output']>;
  /** Residents whose current residence registration is in this grid. */
  residents?: Maybe<PersonConnection>;
};


/** A grid (网格), the unit of community management. */
export type GridResidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The register's answer about one grid code. */
export type GridCheck = {
  __typename?: 'GridCheck';
  /** The code asked about. */
  code: Scalars['String']['output'];
  /** Whether it names a grid of this city. */
  found: Scalars['Boolean']['output'];
};

export type GridClass =
  | 'ENHANCED'
  | 'KEY'
  | 'REGULAR';

export type GridConnection = {
  __typename?: 'GridConnection';
  edges: Array<GridEdge>;
  pageInfo: PageInfo;
};

export type GridEdge = {
  __typename?: 'GridEdge';
  cursor: Scalars['String']['output'];
  node: Grid;
};

/** A house as the police see it: the residents registered at it. */
export type House = {
  __typename?: 'House';
  code: Scalars['String']['output'];
  /** Residents whose current residence registration is at this house. */
  residents?: Maybe<PersonConnection>;
};


/** A house as the police see it: the residents registered at it. */
export type HouseResidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The register's yes/no answer about one identity. */
export type IdentityCheck = {
  __typename?: 'IdentityCheck';
  /** Whether the number and name are one person on the register who has not moved out. */
  confirmed: Scalars['Boolean']['output'];
  /** That person's hub id; null unless confirmed. */
  personId?: Maybe<Scalars['ID']['output']>;
};

/** An identity as it was given to the asker: an identity number and a name. */
export type IdentityCheckInput = {
  /** The identity number given (compared as written, upper-case X). */
  idNumber: Scalars['String']['input'];
  /** The name given (compared exactly, as registered). */
  name: Scalars['String']['input'];
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

export type IssueResidencePermitInput = {
  /** Not before the person's current residence began; BAD_USER_INPUT otherwise. */
  issuedOn: Scalars['Date']['input'];
  /** A floating resident with a current residence registration: NOT_FOUND for an unknown person, CONFLICT for a registered resident or one with no current residence. */
  personId: Scalars['ID']['input'];
  /** Not before issuedOn; BAD_USER_INPUT otherwise. */
  validUntil: Scalars['Date']['input'];
};

/** A key-person flag (重点人员). Police only. */
export type KeyPersonFlag = {
  __typename?: 'KeyPersonFlag';
  category?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  level?: Maybe<Scalars['Int']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  since?: Maybe<Scalars['Date']['output']>;
};

/** A recorded move out of the city. */
export type MoveOut = {
  __typename?: 'MoveOut';
  destinationAddress?: Maybe<Scalars['String']['output']>;
  /** Division code of the destination. */
  destinationDivisionCode?: Maybe<Scalars['String']['output']>;
  movedOn?: Maybe<Scalars['Date']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Finishes an import whose every row is committed, with the report's digest; recorded in the audit trail. */
  finishPoliceImport?: Maybe<ImportJobPayload>;
  /** Takes one batch of a running import through the department's rules and writes what they accept, with the events single writes cause. */
  importPoliceRows?: Maybe<ImportRowsPayload>;
  /**
   * Issues a residence permit to a floating resident with a current residence
   * registration, issued not before that residence began and valid until a day
   * not before it was issued.
   */
  issueResidencePermit?: Maybe<PersonPayload>;
  /**
   * Records that a person moved out of the city; ends their current residence
   * on the day of the move. Refuses a move before the person's birth or before
   * their current residence began, a destination address without a district
   * and a street part, a destination in this city, and a second move-out.
   */
  recordMoveOut?: Maybe<PersonPayload>;
  /**
   * Adds a person to the register. Refuses, naming every problem at once, an
   * ethnicity outside GB 3304, a household address without its district and a
   * street part, and (CONFLICT) an identity number already registered.
   */
  registerPerson?: Maybe<PersonPayload>;
  /**
   * Registers where a person now lives; ends their current residence on the
   * new one's first day. Refuses, naming every problem at once, an unknown
   * person, grid or house, a grid outside the division or a house outside the
   * grid, an address without its district and a street part, and a start
   * before the person's birth or their current residence's start. A person
   * recorded as moved out may return: from a day after the move-out.
   */
  registerResidence?: Maybe<ResidencePayload>;
  /**
   * Registers where a resident now lives, by the identity number and name they declared (a confirmed
   * declaration comes this way). When the register holds the two as one person living in the city, the
   * residence is registered exactly as `registerResidence` registers it, refusing what it refuses;
   * otherwise nothing is registered and `identityConfirmed` is false.
   */
  registerResidenceByIdentity?: Maybe<ResidenceByIdentityPayload>;
  /** Starts an import of a file of this department's records of one kind (FORBIDDEN for another department's; BAD_USER_INPUT naming a field missing or unknown). */
  startPoliceImport?: Maybe<ImportJobPayload>;
};


export type MutationFinishPoliceImportArgs = {
  input: FinishImportInput;
};


export type MutationImportPoliceRowsArgs = {
  input: ImportRowsInput;
};


export type MutationIssueResidencePermitArgs = {
  input: IssueResidencePermitInput;
};


export type MutationRecordMoveOutArgs = {
  input: RecordMoveOutInput;
};


export type MutationRegisterPersonArgs = {
  input: RegisterPersonInput;
};


export type MutationRegisterResidenceArgs = {
  input: RegisterResidenceInput;
};


export type MutationRegisterResidenceByIdentityArgs = {
  input: RegisterResidenceByIdentityInput;
};


export type MutationStartPoliceImportArgs = {
  input: StartImportInput;
};

/** The signed-in resident's own entry on the register: its hub id only. */
export type OwnRecord = {
  __typename?: 'OwnRecord';
  personId: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * A resident on the city's population register, kept by the police. The shared
 * key between departments: every other department attaches its records to a
 * Person by `id`.
 */
export type Person = {
  __typename?: 'Person';
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** Ethnic group (民族), e.g. 汉族. */
  ethnicity?: Maybe<Scalars['String']['output']>;
  householdAddress?: Maybe<Scalars['String']['output']>;
  /** Household registration (户籍) place as a 6-digit GB/T 2260 division code. */
  householdDivisionCode?: Maybe<Scalars['String']['output']>;
  /** Name of the household registration division, where the hub knows it. */
  householdDivisionName?: Maybe<Scalars['String']['output']>;
  /** Hub-issued stable identifier; the key every department uses. */
  id: Scalars['ID']['output'];
  /** National resident identity number (18 characters, GB 11643 check character). */
  idNumber?: Maybe<Scalars['String']['output']>;
  /** Key-person flags (重点人员); police only. */
  keyPersonFlags?: Maybe<Array<KeyPersonFlag>>;
  /** Recorded move out of the city, if any. */
  moveOut?: Maybe<MoveOut>;
  name?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  /** Current residence registration here, if the person lives in the city. */
  residence?: Maybe<ResidenceRegistration>;
  /** All residence registrations, newest first. */
  residenceHistory?: Maybe<ResidenceRegistrationConnection>;
  /** Current residence permit (居住证), for floating residents. */
  residencePermit?: Maybe<ResidencePermit>;
  sex?: Maybe<Sex>;
  status?: Maybe<PersonStatus>;
};


/**
 * A resident on the city's population register, kept by the police. The shared
 * key between departments: every other department attaches its records to a
 * Person by `id`.
 */
export type PersonResidenceHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The register's answer about one person. */
export type PersonCheck = {
  __typename?: 'PersonCheck';
  /** Whether the id names a person on the register. */
  found: Scalars['Boolean']['output'];
  /** The id asked about. */
  personId: Scalars['ID']['output'];
  /** What is wrong with the record asked about; empty when it makes sense or the person was not found. */
  problems: Array<PersonProblem>;
};

/**
 * A question about a person on the register. With `on`, also whether a record
 * of theirs running from `on` (to `until`) makes sense: born by then, not
 * moved out of the city before then, and the age and sex conditions given.
 */
export type PersonCheckInput = {
  /** Age in whole years the person must not have passed on `on`. */
  maximumAge?: InputMaybe<Scalars['Int']['input']>;
  /** Age in whole years the person must have reached on `on`. */
  minimumAge?: InputMaybe<Scalars['Int']['input']>;
  /** First day of the record. */
  on?: InputMaybe<Scalars['Date']['input']>;
  /** The person's hub id. */
  personId: Scalars['ID']['input'];
  /** Sex the record requires. */
  sex?: InputMaybe<Sex>;
  /** Last day of the record, when it has ended. */
  until?: InputMaybe<Scalars['Date']['input']>;
};

export type PersonConnection = {
  __typename?: 'PersonConnection';
  edges: Array<PersonEdge>;
  pageInfo: PageInfo;
};

export type PersonEdge = {
  __typename?: 'PersonEdge';
  cursor: Scalars['String']['output'];
  node: Person;
};

export type PersonFilter = {
  /** Only residents currently registered in this grid. */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** Only residents whose household registration is in this division (6-digit code; a city code matches its districts). */
  householdDivisionCode?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<PersonStatus>;
};

export type PersonPayload = {
  __typename?: 'PersonPayload';
  person?: Maybe<Person>;
};

/** What can be wrong with a record about a person, as a yes/no fact. */
export type PersonProblem =
  /** The person is recorded as having moved out of the city before `on`. */
  | 'MOVED_OUT'
  /** The record begins before the person was born. */
  | 'NOT_BORN'
  /** The person is past `maximumAge` on `on`. */
  | 'OVER_AGE'
  /** The person's sex is not the one asked for. */
  | 'SEX'
  /** The person has not reached `minimumAge` on `on`. */
  | 'UNDER_AGE';

export type PersonStatus =
  /** Lives here with household registration elsewhere (流动人口). */
  | 'FLOATING'
  /** Has moved out of the city. */
  | 'MOVED_OUT'
  /** Household registered in this city (户籍人口). */
  | 'REGISTERED';

export type Query = {
  __typename?: 'Query';
  /**
   * For an auditor reviewing the access log: the hub id of the resident an
   * identity number names, and nothing else of the register. Narrowed to the
   * auditor's jurisdiction like personByIdNumber: one outside answers null,
   * as an unknown number does. Counts against the look-up cap.
   */
  auditedResident?: Maybe<AuditedResident>;
  /**
   * For a declarant (a landlord, an employer, a resident declaring): whether an
   * identity number and name as a tenant or worker gave them are one person on
   * the register who has not moved out of the city. The answer is one of two
   * words, the same for every way of not matching: a number nobody holds, a
   * wrong name, a person who moved out, one not yet registered; never a name,
   * a masked number, or whether the person is known elsewhere, and each answer
   * costs the register the same one statement. A number that is not a valid
   * identity number (a wrong check character) is BAD_USER_INPUT naming
   * `idNumber`, as the form itself would say; a name with control characters,
   * empty, or over 50 characters is BAD_USER_INPUT naming `name`. Not narrowed
   * to a jurisdiction: a tenant arrives from anywhere. Counts against the
   * caller's look-up cap.
   */
  declaredIdentityCheck: DeclaredIdentityCheck;
  grid?: Maybe<Grid>;
  /** Whether each grid code names a grid of this city. At most 50 codes. */
  gridChecks: Array<GridCheck>;
  grids?: Maybe<GridConnection>;
  /**
   * For a service entitled to it (a school enrolling a child, a
   * social-insurance office): whether the person with this identity number
   * holds a residence permit valid on `on` (today in China when not given).
   * Yes or no and nothing else: a number nobody holds, a person with no
   * permit, one whose permit has lapsed or is not yet issued, and one who moved
   * out of the city after it was issued all answer `holds: false` alike. A
   * caller confined to districts or grids hears yes only about residents living
   * there. A malformed number is BAD_USER_INPUT naming `idNumber`. Counts
   * against the caller's look-up cap.
   */
  holdsValidResidencePermit: VerificationAnswer;
  /**
   * Yes/no answers for a department registering someone by the identity
   * number and name they were given (an employer's worker): whether the two
   * are one person on the register who has not moved out of the city. Never
   * why not, and never a value from the register; the person's hub id only
   * when confirmed. Not narrowed to the caller's jurisdiction. At most 50 checks.
   */
  identityChecks: Array<IdentityCheck>;
  /**
   * For a service entitled to it: whether the person with this identity number
   * lives now, by their current residence registration, in this division (a
   * district's code; a city's or a province's code covers its districts). Yes
   * or no and nothing else: a number nobody holds, a person living elsewhere,
   * with no residence registered, or moved out all answer `holds: false` alike.
   * A caller confined to districts or grids may ask only about a division of
   * its own (FORBIDDEN naming `divisionCode` otherwise). Counts against the
   * caller's look-up cap.
   */
  livesInDistrict: VerificationAnswer;
  /**
   * As `livesInDistrict`, for a grid (a 12-digit grid code): whether the
   * person's current residence registration is in it. A code naming no grid of
   * this city answers `holds: false`, like everything else that is not yes.
   */
  livesInGrid: VerificationAnswer;
  /**
   * For a resident signed in as themselves: the hub id their token's identity
   * number names on the register, and nothing else; null when it names nobody.
   */
  ownRecord?: Maybe<OwnRecord>;
  /** A resident by hub id. */
  person?: Maybe<Person>;
  /** A resident by national identity number. */
  personByIdNumber?: Maybe<Person>;
  /**
   * Yes/no answers about persons on the register, for a department about to
   * record something about them: whether each exists and whether a record of
   * theirs from a date makes sense. Never a value from the register. Not
   * narrowed to the caller's jurisdiction: a tenant or worker often arrives
   * from elsewhere. At most 50 checks.
   */
  personChecks: Array<PersonCheck>;
  /** Residents in id order, optionally filtered. */
  persons?: Maybe<PersonConnection>;
  /** An import job of this department's (only one's own to a caller confined to places); null when there is none. */
  policeImportJob?: Maybe<ImportJob>;
  /** This department's import jobs, newest first (only one's own to a caller confined to places). */
  policeImportJobs: ImportJobConnection;
};


export type QueryAuditedResidentArgs = {
  idNumber: Scalars['String']['input'];
};


export type QueryDeclaredIdentityCheckArgs = {
  idNumber: Scalars['String']['input'];
  name: Scalars['String']['input'];
};


export type QueryGridArgs = {
  code: Scalars['String']['input'];
};


export type QueryGridChecksArgs = {
  codes: Array<Scalars['String']['input']>;
};


export type QueryGridsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryHoldsValidResidencePermitArgs = {
  idNumber: Scalars['String']['input'];
  on?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryIdentityChecksArgs = {
  checks: Array<IdentityCheckInput>;
};


export type QueryLivesInDistrictArgs = {
  divisionCode: Scalars['String']['input'];
  idNumber: Scalars['String']['input'];
};


export type QueryLivesInGridArgs = {
  gridCode: Scalars['String']['input'];
  idNumber: Scalars['String']['input'];
};


export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPersonByIdNumberArgs = {
  idNumber: Scalars['String']['input'];
};


export type QueryPersonChecksArgs = {
  checks: Array<PersonCheckInput>;
};


export type QueryPersonsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PersonFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPoliceImportJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPoliceImportJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RecordMoveOutInput = {
  /** When given, an address with a district-level place (the destination district when known) and a street part; BAD_USER_INPUT otherwise. */
  destinationAddress?: InputMaybe<Scalars['String']['input']>;
  /** Where the person moved; CONFLICT when it is in this city (a move within the city is a new residence registration). */
  destinationDivisionCode: Scalars['String']['input'];
  /**
   * The day of the move: not in the future, not before the person was born,
   * and not before their current residence began (BAD_USER_INPUT; the
   * residence is ended on this day, never moved).
   */
  movedOn: Scalars['Date']['input'];
  /** A person on the register; NOT_FOUND otherwise. CONFLICT when already recorded as moved out. */
  personId: Scalars['ID']['input'];
};

export type RegisterPersonInput = {
  /** Derived from the identity number when omitted; must agree with it when given. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** One of the ethnic groups of GB 3304 (e.g. 汉族), or 其他 / 外国血统中国籍人士; anything else is BAD_USER_INPUT. */
  ethnicity: Scalars['String']['input'];
  /**
   * The household registration address: a district-level place (the district
   * of householdDivisionCode when that is a district) followed by a street part,
   * e.g. 四川省成都市武侯区科华北路65号. BAD_USER_INPUT otherwise.
   */
  householdAddress: Scalars['String']['input'];
  /** Division code of the household registration (户籍); a person registered outside this city is a floating resident. */
  householdDivisionCode: Scalars['String']['input'];
  /** 18-digit resident identity number (GB 11643) with a valid check character. CONFLICT when a person with it is already registered. */
  idNumber: Scalars['String']['input'];
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Derived from the identity number when omitted; must agree with it when given. */
  sex?: InputMaybe<Sex>;
};

/**
 * A resident's own new address, as they declared it: the person by identity
 * number and name rather than by hub id.
 */
export type RegisterResidenceByIdentityInput = {
  /** An address naming the district of divisionCode, with a street part. */
  address: Scalars['String']['input'];
  /** The district lived in. */
  divisionCode: Scalars['String']['input'];
  /** A grid of this city lying in divisionCode. */
  gridCode: Scalars['String']['input'];
  /** Unified house code of the house lived in, when known. */
  houseCode?: InputMaybe<Scalars['String']['input']>;
  /** The resident's identity number: 18 characters with a valid GB 11643 check character. */
  idNumber: Scalars['String']['input'];
  /** The resident's name as on their identity card. */
  name: Scalars['String']['input'];
  /** The first day lived there; held to the rules of `registerResidence`. */
  since: Scalars['Date']['input'];
};

export type RegisterResidenceInput = {
  /** An address naming the district of divisionCode, with a street part; BAD_USER_INPUT otherwise. */
  address: Scalars['String']['input'];
  /** The district lived in. */
  divisionCode: Scalars['String']['input'];
  /** A grid of this city (NOT_FOUND otherwise) lying in divisionCode (BAD_USER_INPUT otherwise). */
  gridCode: Scalars['String']['input'];
  /**
   * Unified house code of the house lived in, when known. Asked of housing
   * through the hub, as the caller: NOT_FOUND when housing has no such house,
   * BAD_USER_INPUT when the house lies in another grid than gridCode, and
   * SERVICE_UNAVAILABLE (nothing stored) when housing cannot be asked.
   */
  houseCode?: InputMaybe<Scalars['String']['input']>;
  /** A person on the register; NOT_FOUND otherwise, and for a confined caller also when the person lives outside their jurisdiction. */
  personId: Scalars['ID']['input'];
  /**
   * The first day lived there: not in the future, not before the person was
   * born, and not before their current residence began (BAD_USER_INPUT; the
   * current residence is ended on this day, never moved). For a person
   * recorded as moved out this is a return: it must be after the move-out day
   * (CONFLICT on or before it).
   */
  since: Scalars['Date']['input'];
};

/**
 * What registering a residence by identity answers: the registration when the
 * register holds the number and name as one person living in the city;
 * otherwise only that, and what to tell the resident.
 */
export type ResidenceByIdentityPayload = {
  __typename?: 'ResidenceByIdentityPayload';
  /** What to tell the resident when the identity was not confirmed; null when it was. */
  advice?: Maybe<Scalars['String']['output']>;
  /** Whether the register holds the identity number and name as one person who has not moved out of the city. */
  identityConfirmed: Scalars['Boolean']['output'];
  /** The registration; null when the identity was not confirmed. */
  registration?: Maybe<ResidenceRegistration>;
};

export type ResidencePayload = {
  __typename?: 'ResidencePayload';
  registration?: Maybe<ResidenceRegistration>;
};

/** Residence permit (居住证) issued to a floating resident. */
export type ResidencePermit = {
  __typename?: 'ResidencePermit';
  issuedOn?: Maybe<Scalars['Date']['output']>;
  permitNumber?: Maybe<Scalars['String']['output']>;
  /** True when today's date is within the validity. */
  valid?: Maybe<Scalars['Boolean']['output']>;
  validUntil?: Maybe<Scalars['Date']['output']>;
};

/** Where a person lives, registered with the police (居住登记). */
export type ResidenceRegistration = {
  __typename?: 'ResidenceRegistration';
  address?: Maybe<Scalars['String']['output']>;
  /** 6-digit division code of the district lived in. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  grid?: Maybe<Grid>;
  /** The registered house, when the address is a known house. */
  house?: Maybe<House>;
  id: Scalars['ID']['output'];
  person?: Maybe<Person>;
  since?: Maybe<Scalars['Date']['output']>;
  /** End of this residence; null while current. */
  until?: Maybe<Scalars['Date']['output']>;
};

export type ResidenceRegistrationConnection = {
  __typename?: 'ResidenceRegistrationConnection';
  edges: Array<ResidenceRegistrationEdge>;
  pageInfo: PageInfo;
};

export type ResidenceRegistrationEdge = {
  __typename?: 'ResidenceRegistrationEdge';
  cursor: Scalars['String']['output'];
  node: ResidenceRegistration;
};

export type Sex =
  | 'FEMALE'
  | 'MALE';

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

/**
 * The register's yes or no to a service entitled to ask: the one fact asked
 * about, and nothing else of the record.
 */
export type VerificationAnswer = {
  __typename?: 'VerificationAnswer';
  /** Whether what was asked holds; false for anything that is not a yes, a number nobody holds included. */
  holds: Scalars['Boolean']['output'];
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
  Grid: Grid;
  House: House;
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Grid:
    ( { __typename: 'Grid' }
    & GraphQLRecursivePick<FederationTypes['Grid'], {"code":true}> );
  House:
    ( { __typename: 'House' }
    & GraphQLRecursivePick<FederationTypes['House'], {"code":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuditedResident: ResolverTypeWrapper<AuditedResidentMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeclaredIdentityCheck: ResolverTypeWrapper<DeclaredIdentityCheckMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DeclaredIdentityResult: DeclaredIdentityResult;
  FinishImportInput: FinishImportInput;
  Grid: ResolverTypeWrapper<GridMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  GridCheck: ResolverTypeWrapper<GridCheckMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  GridClass: GridClass;
  GridConnection: ResolverTypeWrapper<Omit<GridConnection, 'edges'> & { edges: Array<ResolversTypes['GridEdge']> }>;
  GridEdge: ResolverTypeWrapper<Omit<GridEdge, 'node'> & { node: ResolversTypes['Grid'] }>;
  House: ResolverTypeWrapper<HouseMapper>;
  IdentityCheck: ResolverTypeWrapper<IdentityCheck>;
  IdentityCheckInput: IdentityCheckInput;
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
  IssueResidencePermitInput: IssueResidencePermitInput;
  KeyPersonFlag: ResolverTypeWrapper<KeyPersonFlagMapper>;
  MoveOut: ResolverTypeWrapper<MoveOutMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OwnRecord: ResolverTypeWrapper<OwnRecordMapper>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonMapper>;
  PersonCheck: ResolverTypeWrapper<PersonCheck>;
  PersonCheckInput: PersonCheckInput;
  PersonConnection: ResolverTypeWrapper<Omit<PersonConnection, 'edges'> & { edges: Array<ResolversTypes['PersonEdge']> }>;
  PersonEdge: ResolverTypeWrapper<Omit<PersonEdge, 'node'> & { node: ResolversTypes['Person'] }>;
  PersonFilter: PersonFilter;
  PersonPayload: ResolverTypeWrapper<PersonPayloadMapper>;
  PersonProblem: PersonProblem;
  PersonStatus: PersonStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordMoveOutInput: RecordMoveOutInput;
  RegisterPersonInput: RegisterPersonInput;
  RegisterResidenceByIdentityInput: RegisterResidenceByIdentityInput;
  RegisterResidenceInput: RegisterResidenceInput;
  ResidenceByIdentityPayload: ResolverTypeWrapper<ResidenceByIdentityPayloadMapper>;
  ResidencePayload: ResolverTypeWrapper<ResidencePayloadMapper>;
  ResidencePermit: ResolverTypeWrapper<ResidencePermitMapper>;
  ResidenceRegistration: ResolverTypeWrapper<ResidenceRegistrationMapper>;
  ResidenceRegistrationConnection: ResolverTypeWrapper<Omit<ResidenceRegistrationConnection, 'edges'> & { edges: Array<ResolversTypes['ResidenceRegistrationEdge']> }>;
  ResidenceRegistrationEdge: ResolverTypeWrapper<Omit<ResidenceRegistrationEdge, 'node'> & { node: ResolversTypes['ResidenceRegistration'] }>;
  Sex: Sex;
  StartImportInput: StartImportInput;
  VerificationAnswer: ResolverTypeWrapper<VerificationAnswerMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuditedResident: AuditedResidentMapper;
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeclaredIdentityCheck: DeclaredIdentityCheckMapper;
  String: Scalars['String']['output'];
  FinishImportInput: FinishImportInput;
  Grid: GridMapper;
  Int: Scalars['Int']['output'];
  GridCheck: GridCheckMapper;
  Boolean: Scalars['Boolean']['output'];
  GridConnection: Omit<GridConnection, 'edges'> & { edges: Array<ResolversParentTypes['GridEdge']> };
  GridEdge: Omit<GridEdge, 'node'> & { node: ResolversParentTypes['Grid'] };
  House: HouseMapper;
  IdentityCheck: IdentityCheck;
  IdentityCheckInput: IdentityCheckInput;
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
  IssueResidencePermitInput: IssueResidencePermitInput;
  KeyPersonFlag: KeyPersonFlagMapper;
  MoveOut: MoveOutMapper;
  Mutation: Record<PropertyKey, never>;
  OwnRecord: OwnRecordMapper;
  PageInfo: PageInfo;
  Person: PersonMapper;
  PersonCheck: PersonCheck;
  PersonCheckInput: PersonCheckInput;
  PersonConnection: Omit<PersonConnection, 'edges'> & { edges: Array<ResolversParentTypes['PersonEdge']> };
  PersonEdge: Omit<PersonEdge, 'node'> & { node: ResolversParentTypes['Person'] };
  PersonFilter: PersonFilter;
  PersonPayload: PersonPayloadMapper;
  Query: Record<PropertyKey, never>;
  RecordMoveOutInput: RecordMoveOutInput;
  RegisterPersonInput: RegisterPersonInput;
  RegisterResidenceByIdentityInput: RegisterResidenceByIdentityInput;
  RegisterResidenceInput: RegisterResidenceInput;
  ResidenceByIdentityPayload: ResidenceByIdentityPayloadMapper;
  ResidencePayload: ResidencePayloadMapper;
  ResidencePermit: ResidencePermitMapper;
  ResidenceRegistration: ResidenceRegistrationMapper;
  ResidenceRegistrationConnection: Omit<ResidenceRegistrationConnection, 'edges'> & { edges: Array<ResolversParentTypes['ResidenceRegistrationEdge']> };
  ResidenceRegistrationEdge: Omit<ResidenceRegistrationEdge, 'node'> & { node: ResolversParentTypes['ResidenceRegistration'] };
  StartImportInput: StartImportInput;
  VerificationAnswer: VerificationAnswerMapper;
};

export type AuditedResidentResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['AuditedResident'] = ResolversParentTypes['AuditedResident']> = {
  personId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeclaredIdentityCheckResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['DeclaredIdentityCheck'] = ResolversParentTypes['DeclaredIdentityCheck']> = {
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['DeclaredIdentityResult'], ParentType, ContextType>;
};

export type GridResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['Grid'] = ResolversParentTypes['Grid'], FederationReferenceType extends FederationReferenceTypes['Grid'] = FederationReferenceTypes['Grid']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Grid']> | FederationReferenceType, FederationReferenceType, ContextType>;
  class?: Resolver<Maybe<ResolversTypes['GridClass']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  districtCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  districtName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  officerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residents?: Resolver<Maybe<ResolversTypes['PersonConnection']>, ParentType, ContextType, Partial<GridResidentsArgs>>;
};

export type GridCheckResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['GridCheck'] = ResolversParentTypes['GridCheck']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type GridConnectionResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['GridConnection'] = ResolversParentTypes['GridConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GridEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type GridEdgeResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['GridEdge'] = ResolversParentTypes['GridEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Grid'], ParentType, ContextType>;
};

export type HouseResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['House'] = ResolversParentTypes['House'], FederationReferenceType extends FederationReferenceTypes['House'] = FederationReferenceTypes['House']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['House']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  residents?: Resolver<Maybe<ResolversTypes['PersonConnection']>, ParentType, ContextType, Partial<HouseResidentsArgs>>;
};

export type IdentityCheckResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['IdentityCheck'] = ResolversParentTypes['IdentityCheck']> = {
  confirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  personId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ImportJobResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportJob'] = ResolversParentTypes['ImportJob']> = {
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

export type ImportJobConnectionResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportJobConnection'] = ResolversParentTypes['ImportJobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportJobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportJobEdgeResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportJobEdge'] = ResolversParentTypes['ImportJobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportJob'], ParentType, ContextType>;
};

export type ImportJobPayloadResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportJobPayload'] = ResolversParentTypes['ImportJobPayload']> = {
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
};

export type ImportProblemResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportProblem'] = ResolversParentTypes['ImportProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImportRowConnectionResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportRowConnection'] = ResolversParentTypes['ImportRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportRowEdgeResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportRowEdge'] = ResolversParentTypes['ImportRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportRowResult'], ParentType, ContextType>;
};

export type ImportRowResultResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportRowResult'] = ResolversParentTypes['ImportRowResult']> = {
  problems?: Resolver<Array<ResolversTypes['ImportProblem']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  rowNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportRowStatus'], ParentType, ContextType>;
};

export type ImportRowsPayloadResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ImportRowsPayload'] = ResolversParentTypes['ImportRowsPayload']> = {
  batch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
  loaded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refused?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['ImportRowResult']>, ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type KeyPersonFlagResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['KeyPersonFlag'] = ResolversParentTypes['KeyPersonFlag']> = {
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  since?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type MoveOutResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['MoveOut'] = ResolversParentTypes['MoveOut']> = {
  destinationAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  destinationDivisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  movedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  finishPoliceImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationFinishPoliceImportArgs, 'input'>>;
  importPoliceRows?: Resolver<Maybe<ResolversTypes['ImportRowsPayload']>, ParentType, ContextType, RequireFields<MutationImportPoliceRowsArgs, 'input'>>;
  issueResidencePermit?: Resolver<Maybe<ResolversTypes['PersonPayload']>, ParentType, ContextType, RequireFields<MutationIssueResidencePermitArgs, 'input'>>;
  recordMoveOut?: Resolver<Maybe<ResolversTypes['PersonPayload']>, ParentType, ContextType, RequireFields<MutationRecordMoveOutArgs, 'input'>>;
  registerPerson?: Resolver<Maybe<ResolversTypes['PersonPayload']>, ParentType, ContextType, RequireFields<MutationRegisterPersonArgs, 'input'>>;
  registerResidence?: Resolver<Maybe<ResolversTypes['ResidencePayload']>, ParentType, ContextType, RequireFields<MutationRegisterResidenceArgs, 'input'>>;
  registerResidenceByIdentity?: Resolver<Maybe<ResolversTypes['ResidenceByIdentityPayload']>, ParentType, ContextType, RequireFields<MutationRegisterResidenceByIdentityArgs, 'input'>>;
  startPoliceImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationStartPoliceImportArgs, 'input'>>;
};

export type OwnRecordResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['OwnRecord'] = ResolversParentTypes['OwnRecord']> = {
  personId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  ethnicity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdDivisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdDivisionName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  keyPersonFlags?: Resolver<Maybe<Array<ResolversTypes['KeyPersonFlag']>>, ParentType, ContextType>;
  moveOut?: Resolver<Maybe<ResolversTypes['MoveOut']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residence?: Resolver<Maybe<ResolversTypes['ResidenceRegistration']>, ParentType, ContextType>;
  residenceHistory?: Resolver<Maybe<ResolversTypes['ResidenceRegistrationConnection']>, ParentType, ContextType, Partial<PersonResidenceHistoryArgs>>;
  residencePermit?: Resolver<Maybe<ResolversTypes['ResidencePermit']>, ParentType, ContextType>;
  sex?: Resolver<Maybe<ResolversTypes['Sex']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['PersonStatus']>, ParentType, ContextType>;
};

export type PersonCheckResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['PersonCheck'] = ResolversParentTypes['PersonCheck']> = {
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  personId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['PersonProblem']>, ParentType, ContextType>;
};

export type PersonConnectionResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['PersonConnection'] = ResolversParentTypes['PersonConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PersonEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type PersonEdgeResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['PersonEdge'] = ResolversParentTypes['PersonEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
};

export type PersonPayloadResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['PersonPayload'] = ResolversParentTypes['PersonPayload']> = {
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditedResident?: Resolver<Maybe<ResolversTypes['AuditedResident']>, ParentType, ContextType, RequireFields<QueryAuditedResidentArgs, 'idNumber'>>;
  declaredIdentityCheck?: Resolver<ResolversTypes['DeclaredIdentityCheck'], ParentType, ContextType, RequireFields<QueryDeclaredIdentityCheckArgs, 'idNumber' | 'name'>>;
  grid?: Resolver<Maybe<ResolversTypes['Grid']>, ParentType, ContextType, RequireFields<QueryGridArgs, 'code'>>;
  gridChecks?: Resolver<Array<ResolversTypes['GridCheck']>, ParentType, ContextType, RequireFields<QueryGridChecksArgs, 'codes'>>;
  grids?: Resolver<Maybe<ResolversTypes['GridConnection']>, ParentType, ContextType, Partial<QueryGridsArgs>>;
  holdsValidResidencePermit?: Resolver<ResolversTypes['VerificationAnswer'], ParentType, ContextType, RequireFields<QueryHoldsValidResidencePermitArgs, 'idNumber'>>;
  identityChecks?: Resolver<Array<ResolversTypes['IdentityCheck']>, ParentType, ContextType, RequireFields<QueryIdentityChecksArgs, 'checks'>>;
  livesInDistrict?: Resolver<ResolversTypes['VerificationAnswer'], ParentType, ContextType, RequireFields<QueryLivesInDistrictArgs, 'divisionCode' | 'idNumber'>>;
  livesInGrid?: Resolver<ResolversTypes['VerificationAnswer'], ParentType, ContextType, RequireFields<QueryLivesInGridArgs, 'gridCode' | 'idNumber'>>;
  ownRecord?: Resolver<Maybe<ResolversTypes['OwnRecord']>, ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'id'>>;
  personByIdNumber?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonByIdNumberArgs, 'idNumber'>>;
  personChecks?: Resolver<Array<ResolversTypes['PersonCheck']>, ParentType, ContextType, RequireFields<QueryPersonChecksArgs, 'checks'>>;
  persons?: Resolver<Maybe<ResolversTypes['PersonConnection']>, ParentType, ContextType, Partial<QueryPersonsArgs>>;
  policeImportJob?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType, RequireFields<QueryPoliceImportJobArgs, 'id'>>;
  policeImportJobs?: Resolver<ResolversTypes['ImportJobConnection'], ParentType, ContextType, Partial<QueryPoliceImportJobsArgs>>;
};

export type ResidenceByIdentityPayloadResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ResidenceByIdentityPayload'] = ResolversParentTypes['ResidenceByIdentityPayload']> = {
  advice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identityConfirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  registration?: Resolver<Maybe<ResolversTypes['ResidenceRegistration']>, ParentType, ContextType>;
};

export type ResidencePayloadResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ResidencePayload'] = ResolversParentTypes['ResidencePayload']> = {
  registration?: Resolver<Maybe<ResolversTypes['ResidenceRegistration']>, ParentType, ContextType>;
};

export type ResidencePermitResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ResidencePermit'] = ResolversParentTypes['ResidencePermit']> = {
  issuedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  permitNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  valid?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type ResidenceRegistrationResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ResidenceRegistration'] = ResolversParentTypes['ResidenceRegistration']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grid?: Resolver<Maybe<ResolversTypes['Grid']>, ParentType, ContextType>;
  house?: Resolver<Maybe<ResolversTypes['House']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  since?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  until?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type ResidenceRegistrationConnectionResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ResidenceRegistrationConnection'] = ResolversParentTypes['ResidenceRegistrationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ResidenceRegistrationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ResidenceRegistrationEdgeResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['ResidenceRegistrationEdge'] = ResolversParentTypes['ResidenceRegistrationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ResidenceRegistration'], ParentType, ContextType>;
};

export type VerificationAnswerResolvers<ContextType = PoliceContext, ParentType extends ResolversParentTypes['VerificationAnswer'] = ResolversParentTypes['VerificationAnswer']> = {
  holds?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type Resolvers<ContextType = PoliceContext> = {
  AuditedResident?: AuditedResidentResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeclaredIdentityCheck?: DeclaredIdentityCheckResolvers<ContextType>;
  Grid?: GridResolvers<ContextType>;
  GridCheck?: GridCheckResolvers<ContextType>;
  GridConnection?: GridConnectionResolvers<ContextType>;
  GridEdge?: GridEdgeResolvers<ContextType>;
  House?: HouseResolvers<ContextType>;
  IdentityCheck?: IdentityCheckResolvers<ContextType>;
  ImportJob?: ImportJobResolvers<ContextType>;
  ImportJobConnection?: ImportJobConnectionResolvers<ContextType>;
  ImportJobEdge?: ImportJobEdgeResolvers<ContextType>;
  ImportJobPayload?: ImportJobPayloadResolvers<ContextType>;
  ImportProblem?: ImportProblemResolvers<ContextType>;
  ImportRowConnection?: ImportRowConnectionResolvers<ContextType>;
  ImportRowEdge?: ImportRowEdgeResolvers<ContextType>;
  ImportRowResult?: ImportRowResultResolvers<ContextType>;
  ImportRowsPayload?: ImportRowsPayloadResolvers<ContextType>;
  KeyPersonFlag?: KeyPersonFlagResolvers<ContextType>;
  MoveOut?: MoveOutResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OwnRecord?: OwnRecordResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonCheck?: PersonCheckResolvers<ContextType>;
  PersonConnection?: PersonConnectionResolvers<ContextType>;
  PersonEdge?: PersonEdgeResolvers<ContextType>;
  PersonPayload?: PersonPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ResidenceByIdentityPayload?: ResidenceByIdentityPayloadResolvers<ContextType>;
  ResidencePayload?: ResidencePayloadResolvers<ContextType>;
  ResidencePermit?: ResidencePermitResolvers<ContextType>;
  ResidenceRegistration?: ResidenceRegistrationResolvers<ContextType>;
  ResidenceRegistrationConnection?: ResidenceRegistrationConnectionResolvers<ContextType>;
  ResidenceRegistrationEdge?: ResidenceRegistrationEdgeResolvers<ContextType>;
  VerificationAnswer?: VerificationAnswerResolvers<ContextType>;
};

