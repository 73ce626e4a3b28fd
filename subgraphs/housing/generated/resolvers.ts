import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { HouseMapper, TenancyMapper, PersonMapper, GridMapper, HousePayloadMapper, TenancyPayloadMapper, RecordWarningMapper, HouseCheckMapper, TenancyByIdentityPayloadMapper, HousePremisesMapper, ImportJobMapper, ImportRowResultMapper, ImportJobPayloadMapper, ImportRowsPayloadMapper } from '../mappers.js';
import type { HousingContext } from '../context.js';
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

/** The end of a current tenancy. */
export type EndTenancyInput = {
  /** Day the tenancy ended; not before its start. */
  end: Scalars['Date']['input'];
  /** The tenancy to end. */
  tenancyId: Scalars['ID']['input'];
};

export type FinishImportInput = {
  jobId: Scalars['ID']['input'];
  /** sha256 of the error report the importer wrote, 64 hexadecimal digits. */
  reportDigest: Scalars['String']['input'];
};

export type Grid = {
  __typename?: 'Grid';
  /** 12-digit code: district division code + street + grid number. */
  code: Scalars['String']['output'];
  /** Houses in this grid, in id order. */
  houses?: Maybe<HouseConnection>;
};


export type GridHousesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A house (房屋) registered with the housing department. Reachable by hub id or
 * by unified house code; the police attach residents to it by code.
 */
export type House = {
  __typename?: 'House';
  /** Street address of the house. */
  address?: Maybe<Scalars['String']['output']>;
  /** Unified house code: 6-digit division code + 12-digit number. */
  code: Scalars['String']['output'];
  /** 6-digit division code of the district. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** The grid (网格) the house lies in. */
  grid?: Maybe<Grid>;
  /**
   * Whether the house is a suspected group rental (群租): its open tenancies
   * exceed its rooms times the hub's group-rental factor (GROUP_RENTAL_FACTOR,
   * 1 unless set). Computed when read, from the tenancies as they are.
   */
  groupRentalSuspected?: Maybe<Scalars['Boolean']['output']>;
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /**
   * Tenancies of this house open today: no end recorded, or an end after today
   * (one starting later counts: it has been let). Counted when read.
   */
  openTenancies?: Maybe<Scalars['Int']['output']>;
  /** Owner, when the owner is on the population register. */
  owner?: Maybe<Person>;
  /** Owner's name as registered: a person or an organisation. */
  ownerName?: Maybe<Scalars['String']['output']>;
  /** Number of rooms. */
  rooms?: Maybe<Scalars['Int']['output']>;
  /**
   * Tenancies of this house, newest first (by start date). With `currentOnly`,
   * only tenancies open today (no end recorded, or an end after today), as
   * `openTenancies` counts them.
   */
  tenancies?: Maybe<TenancyConnection>;
  /** What the house is used for. */
  use?: Maybe<HouseUse>;
};


/**
 * A house (房屋) registered with the housing department. Reachable by hub id or
 * by unified house code; the police attach residents to it by code.
 */
export type HouseTenanciesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  currentOnly?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The housing register's answer about one house. */
export type HouseCheck = {
  __typename?: 'HouseCheck';
  /** The code asked about. */
  code: Scalars['String']['output'];
  /** Whether a house with this code is registered. */
  found: Scalars['Boolean']['output'];
  /** What is wrong with the record asked about; empty when it makes sense or the house was not found. */
  problems: Array<HouseProblem>;
};

/** A question about a house. */
export type HouseCheckInput = {
  /** The unified house code (18 digits). */
  code: Scalars['String']['input'];
  /** The grid the record places the house in, to be checked against the house's own. */
  gridCode?: InputMaybe<Scalars['String']['input']>;
};

/** A page of houses, in id order. */
export type HouseConnection = {
  __typename?: 'HouseConnection';
  /** The houses on this page, each with its cursor. */
  edges: Array<HouseEdge>;
  /** Whether more pages follow, and the cursors to ask for them. */
  pageInfo: PageInfo;
};

/** A house on a page, with the cursor that points at it. */
export type HouseEdge = {
  __typename?: 'HouseEdge';
  /** Pass as `after` to continue after this house. */
  cursor: Scalars['String']['output'];
  /** The house. */
  node: House;
};

/** Narrows a list of houses; all given conditions must hold. */
export type HouseFilter = {
  /** Only houses in this grid (12-digit code). */
  gridCode?: InputMaybe<Scalars['String']['input']>;
  /** Only houses with this use. */
  use?: InputMaybe<HouseUse>;
};

/** The house a mutation registered. */
export type HousePayload = {
  __typename?: 'HousePayload';
  /** The registered house. */
  house?: Maybe<House>;
};

/** A house as a premises link names it. */
export type HousePremises = {
  __typename?: 'HousePremises';
  /** The house's address, when found: what the form shows the declarant. */
  address?: Maybe<Scalars['String']['output']>;
  /** The unified house code asked about. */
  code: Scalars['String']['output'];
  /** The house's district, when found. */
  divisionCode?: Maybe<Scalars['String']['output']>;
  /** Whether it names a registered house the caller may link to. */
  found: Scalars['Boolean']['output'];
  /** The house's grid, when found. */
  gridCode?: Maybe<Scalars['String']['output']>;
};

/** What can be wrong with a record naming a house, as a yes/no fact. */
export type HouseProblem =
  /** The house lies in another grid than the one asked about. */
  | 'OTHER_GRID';

/** What a house is used for; rentals and group rentals are the focus of floating-population work. */
export type HouseUse =
  /** Employer or school dormitory (宿舍). */
  | 'DORMITORY'
  /** Let room by room to several tenants (群租). */
  | 'GROUP_RENTAL'
  /** Lived in by its owner (自住). */
  | 'OWNER_OCCUPIED'
  /** Let as a whole (出租). */
  | 'RENTAL';

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
  /** Ends a current tenancy. Refused when the end is before the tenancy's start (BAD_USER_INPUT) or it already ended (CONFLICT). */
  endTenancy?: Maybe<TenancyPayload>;
  /** Finishes an import whose every row is committed, with the report's digest; recorded in the audit trail. */
  finishHousingImport?: Maybe<ImportJobPayload>;
  /** Takes one batch of a running import through the department's rules and writes what they accept, with the events single writes cause. */
  importHousingRows?: Maybe<ImportRowsPayload>;
  /**
   * Registers a house. Refused, with every problem at once, when the grid is not
   * one the police hold or the owner is not on the population register
   * (NOT_FOUND), or the address names no district and street (BAD_USER_INPUT);
   * then when the unified house code is already registered (CONFLICT).
   */
  registerHouse?: Maybe<HousePayload>;
  /**
   * Registers a tenancy of a registered house. Refused, with every problem at
   * once, when the house, the tenant or the landlord is not registered
   * (NOT_FOUND), the start is before the tenant's birth or the end before the
   * start (BAD_USER_INPUT), or the start is after the tenant moved out of the
   * city (CONFLICT); then when the tenant already has a tenancy of any house
   * overlapping this one (CONFLICT; a tenancy may start on the day another
   * ended). Several open tenancies of one house are accepted: when they exceed
   * its rooms times the group-rental factor, the payload warns GROUP_RENTAL_SUSPECTED.
   */
  registerTenancy?: Maybe<TenancyPayload>;
  /**
   * Registers a tenant by the identity number and name the landlord was given, at a house named by its
   * unified code (a confirmed declaration comes this way). The police register is asked through the hub
   * whether the two are one person living in the city: if so, the tenancy is registered exactly as
   * `registerTenancy` registers it, refusing what it refuses; if not, nothing is registered and
   * `identityConfirmed` is false. Refuses a malformed identity number (BAD_USER_INPUT) and an unknown house (NOT_FOUND).
   */
  registerTenancyByIdentity?: Maybe<TenancyByIdentityPayload>;
  /** Starts an import of a file of this department's records of one kind (FORBIDDEN for another department's; BAD_USER_INPUT naming a field missing or unknown). */
  startHousingImport?: Maybe<ImportJobPayload>;
};


export type MutationEndTenancyArgs = {
  input: EndTenancyInput;
};


export type MutationFinishHousingImportArgs = {
  input: FinishImportInput;
};


export type MutationImportHousingRowsArgs = {
  input: ImportRowsInput;
};


export type MutationRegisterHouseArgs = {
  input: RegisterHouseInput;
};


export type MutationRegisterTenancyArgs = {
  input: RegisterTenancyInput;
};


export type MutationRegisterTenancyByIdentityArgs = {
  input: RegisterTenancyByIdentityInput;
};


export type MutationStartHousingImportArgs = {
  input: StartImportInput;
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item on the page; pass as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when this page was asked for with a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item on the page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Person = {
  __typename?: 'Person';
  /** Hub-issued stable identifier; the key every department uses. */
  id: Scalars['ID']['output'];
  /** Houses the person owns, in id order. */
  ownedHouses?: Maybe<HouseConnection>;
  /** The person's tenancies as tenant, newest first. */
  tenancies?: Maybe<TenancyConnection>;
};


export type PersonOwnedHousesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type PersonTenanciesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** A house by hub id; null when unknown. */
  house?: Maybe<House>;
  /** A house by unified house code; null when unknown. */
  houseByCode?: Maybe<House>;
  /**
   * Yes/no answers about houses, for a department about to record something at
   * one (a residence registration): whether each unified house code is
   * registered and, when a grid is given, whether the house lies in it. Not
   * narrowed to the caller's jurisdiction. At most 50 checks.
   */
  houseChecks: Array<HouseCheck>;
  /**
   * Where houses lie and what they are called, for a premises link (the QR code
   * printed at a house): housing's officers for houses in their jurisdiction, a
   * landlord for the houses their credential names; any other code answers as
   * one not registered. At most 50 codes.
   */
  housePremises: Array<HousePremises>;
  /** Houses in id order, optionally filtered. */
  houses?: Maybe<HouseConnection>;
  /** An import job of this department's (only one's own to a caller confined to places); null when there is none. */
  housingImportJob?: Maybe<ImportJob>;
  /** This department's import jobs, newest first (only one's own to a caller confined to places). */
  housingImportJobs: ImportJobConnection;
};


export type QueryHouseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryHouseByCodeArgs = {
  code: Scalars['String']['input'];
};


export type QueryHouseChecksArgs = {
  checks: Array<HouseCheckInput>;
};


export type QueryHousePremisesArgs = {
  codes: Array<Scalars['String']['input']>;
};


export type QueryHousesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<HouseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryHousingImportJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryHousingImportJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Something a write was accepted with but that should be looked at. */
export type RecordWarning = {
  __typename?: 'RecordWarning';
  /** What kind of warning: GROUP_RENTAL_SUSPECTED (a suspected group rental, 群租). */
  code: Scalars['String']['output'];
  /** The argument path it is about, e.g. `input.houseId`, when it is about one. */
  field?: Maybe<Scalars['String']['output']>;
  /** What is flagged, in words. */
  message: Scalars['String']['output'];
};

/** A house to register. */
export type RegisterHouseInput = {
  /**
   * Street address, at most 200 characters: it names the district of
   * `divisionCode` and, after it, a street part (a road, street or village and a
   * number), e.g. 四川省成都市武侯区科华北路65号.
   */
  address: Scalars['String']['input'];
  /** Unified house code: 18 digits starting with `divisionCode`; not one already registered (CONFLICT). */
  code: Scalars['String']['input'];
  /** 6-digit division code of the district or county the house is in. */
  divisionCode: Scalars['String']['input'];
  /** 12-digit code of the grid the house is in; starts with `divisionCode`, and names a grid the police hold (NOT_FOUND otherwise). */
  gridCode: Scalars['String']['input'];
  /** Owner's person id, when the owner is on the population register (NOT_FOUND when not). */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Owner's name (a person or an organisation), at most 100 characters. */
  ownerName: Scalars['String']['input'];
  /** Number of rooms, from 1 to 500. */
  rooms: Scalars['Int']['input'];
  /** What the house is used for. */
  use: HouseUse;
};

/**
 * A tenancy as a landlord declared it: the tenant by identity number and name,
 * the house by its unified code.
 */
export type RegisterTenancyByIdentityInput = {
  /** The rented house's unified code (18 digits): a registered house in the caller's jurisdiction (NOT_FOUND otherwise). */
  houseCode: Scalars['String']['input'];
  /** The tenant's identity number as they gave it: 18 characters with a valid GB 11643 check character. */
  idNumber: Scalars['String']['input'];
  /** Landlord's name (a person or an organisation), at most 100 characters. */
  landlordName: Scalars['String']['input'];
  /** Monthly rent in whole yuan, from 0 to 1,000,000. */
  monthlyRent: Scalars['Int']['input'];
  /** The tenant's name as they gave it. */
  name: Scalars['String']['input'];
  /** The room let, when one room of the house is. */
  room?: InputMaybe<Scalars['String']['input']>;
  /** First day of the tenancy; held to the rules of `registerTenancy` once the identity is confirmed. */
  start: Scalars['Date']['input'];
};

/** A tenancy to register. */
export type RegisterTenancyInput = {
  /** Day the tenancy ended, to record a past tenancy; omit while it is current. Not before `start`. */
  end?: InputMaybe<Scalars['Date']['input']>;
  /** The rented house's hub id: a registered house (NOT_FOUND otherwise, also for one outside a confined caller's jurisdiction). */
  houseId: Scalars['ID']['input'];
  /** The landlord's person id, when the landlord is on the population register (NOT_FOUND when not). */
  landlordId?: InputMaybe<Scalars['ID']['input']>;
  /** Landlord's name (a person or an organisation), at most 100 characters. */
  landlordName: Scalars['String']['input'];
  /** Monthly rent in whole yuan, from 0 to 1,000,000. */
  monthlyRent: Scalars['Int']['input'];
  /** The room let, when one room of the house is (at most 50 characters). */
  room?: InputMaybe<Scalars['String']['input']>;
  /** First day of the tenancy. */
  start: Scalars['Date']['input'];
  /**
   * The tenant's person id: a person on the population register (NOT_FOUND
   * otherwise), asked of the police through the hub. The tenancy must make sense
   * for them: refused when `start` is before their birth (BAD_USER_INPUT) or after
   * a move-out out of the city the register records (CONFLICT), and when they
   * already have a tenancy of any house overlapping this one (CONFLICT).
   */
  tenantId: Scalars['ID']['input'];
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

/** A rental registration (租赁登记): who rents which house from whom, when. */
export type Tenancy = {
  __typename?: 'Tenancy';
  /**
   * Day the tenancy ended (the tenant may have left earlier that day, so a new
   * tenancy may start on it); null while current.
   */
  end?: Maybe<Scalars['Date']['output']>;
  /** The rented house. */
  house?: Maybe<House>;
  /** Hub-issued stable identifier. */
  id: Scalars['ID']['output'];
  /** Landlord, when on the population register. */
  landlord?: Maybe<Person>;
  /** Landlord's name as registered: a person or an organisation. */
  landlordName?: Maybe<Scalars['String']['output']>;
  /** Monthly rent in yuan. */
  monthlyRent?: Maybe<Scalars['Int']['output']>;
  /** The room let, when the tenancy is of one room of the house (e.g. 302室). */
  room?: Maybe<Scalars['String']['output']>;
  /** First day of the tenancy. */
  start?: Maybe<Scalars['Date']['output']>;
  /** The tenant, a person on the population register. */
  tenant?: Maybe<Person>;
};

/**
 * What registering a tenant by identity answers: the tenancy when the police
 * register confirms the number and name as one person living in the city;
 * otherwise only that, and what to tell the tenant.
 */
export type TenancyByIdentityPayload = {
  __typename?: 'TenancyByIdentityPayload';
  /** What to tell the tenant when the identity was not confirmed; null when it was. */
  advice?: Maybe<Scalars['String']['output']>;
  /** Whether the police register confirmed the identity number and name as one person who has not moved out of the city. */
  identityConfirmed: Scalars['Boolean']['output'];
  /** The tenancy registered; null when the identity was not confirmed. */
  tenancy?: Maybe<Tenancy>;
  /** What the hub accepted but flags for a look, as `registerTenancy` warns. */
  warnings: Array<RecordWarning>;
};

/** A page of tenancies. */
export type TenancyConnection = {
  __typename?: 'TenancyConnection';
  /** The tenancies on this page, each with its cursor. */
  edges: Array<TenancyEdge>;
  /** Whether more pages follow, and the cursors to ask for them. */
  pageInfo: PageInfo;
};

/** A tenancy on a page, with the cursor that points at it. */
export type TenancyEdge = {
  __typename?: 'TenancyEdge';
  /** Pass as `after` to continue after this tenancy. */
  cursor: Scalars['String']['output'];
  /** The tenancy. */
  node: Tenancy;
};

/** The tenancy a mutation registered or changed. */
export type TenancyPayload = {
  __typename?: 'TenancyPayload';
  /** The tenancy as stored. */
  tenancy?: Maybe<Tenancy>;
  /**
   * What the hub accepted but flags for a look: GROUP_RENTAL_SUSPECTED when the
   * tenancy just registered puts its house over its rooms times the group-rental
   * factor. Empty otherwise, and always when a tenancy is ended.
   */
  warnings: Array<RecordWarning>;
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
    & ( GraphQLRecursivePick<FederationTypes['House'], {"id":true}>
        | GraphQLRecursivePick<FederationTypes['House'], {"code":true}> ) );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EndTenancyInput: EndTenancyInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  FinishImportInput: FinishImportInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Grid: ResolverTypeWrapper<GridMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  House: ResolverTypeWrapper<HouseMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  HouseCheck: ResolverTypeWrapper<HouseCheckMapper>;
  HouseCheckInput: HouseCheckInput;
  HouseConnection: ResolverTypeWrapper<Omit<HouseConnection, 'edges'> & { edges: Array<ResolversTypes['HouseEdge']> }>;
  HouseEdge: ResolverTypeWrapper<Omit<HouseEdge, 'node'> & { node: ResolversTypes['House'] }>;
  HouseFilter: HouseFilter;
  HousePayload: ResolverTypeWrapper<HousePayloadMapper>;
  HousePremises: ResolverTypeWrapper<HousePremisesMapper>;
  HouseProblem: HouseProblem;
  HouseUse: HouseUse;
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
  RecordWarning: ResolverTypeWrapper<RecordWarningMapper>;
  RegisterHouseInput: RegisterHouseInput;
  RegisterTenancyByIdentityInput: RegisterTenancyByIdentityInput;
  RegisterTenancyInput: RegisterTenancyInput;
  StartImportInput: StartImportInput;
  Tenancy: ResolverTypeWrapper<TenancyMapper>;
  TenancyByIdentityPayload: ResolverTypeWrapper<TenancyByIdentityPayloadMapper>;
  TenancyConnection: ResolverTypeWrapper<Omit<TenancyConnection, 'edges'> & { edges: Array<ResolversTypes['TenancyEdge']> }>;
  TenancyEdge: ResolverTypeWrapper<Omit<TenancyEdge, 'node'> & { node: ResolversTypes['Tenancy'] }>;
  TenancyPayload: ResolverTypeWrapper<TenancyPayloadMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  EndTenancyInput: EndTenancyInput;
  ID: Scalars['ID']['output'];
  FinishImportInput: FinishImportInput;
  String: Scalars['String']['output'];
  Grid: GridMapper;
  Int: Scalars['Int']['output'];
  House: HouseMapper;
  Boolean: Scalars['Boolean']['output'];
  HouseCheck: HouseCheckMapper;
  HouseCheckInput: HouseCheckInput;
  HouseConnection: Omit<HouseConnection, 'edges'> & { edges: Array<ResolversParentTypes['HouseEdge']> };
  HouseEdge: Omit<HouseEdge, 'node'> & { node: ResolversParentTypes['House'] };
  HouseFilter: HouseFilter;
  HousePayload: HousePayloadMapper;
  HousePremises: HousePremisesMapper;
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
  RecordWarning: RecordWarningMapper;
  RegisterHouseInput: RegisterHouseInput;
  RegisterTenancyByIdentityInput: RegisterTenancyByIdentityInput;
  RegisterTenancyInput: RegisterTenancyInput;
  StartImportInput: StartImportInput;
  Tenancy: TenancyMapper;
  TenancyByIdentityPayload: TenancyByIdentityPayloadMapper;
  TenancyConnection: Omit<TenancyConnection, 'edges'> & { edges: Array<ResolversParentTypes['TenancyEdge']> };
  TenancyEdge: Omit<TenancyEdge, 'node'> & { node: ResolversParentTypes['Tenancy'] };
  TenancyPayload: TenancyPayloadMapper;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GridResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Grid'] = ResolversParentTypes['Grid'], FederationReferenceType extends FederationReferenceTypes['Grid'] = FederationReferenceTypes['Grid']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Grid']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  houses?: Resolver<Maybe<ResolversTypes['HouseConnection']>, ParentType, ContextType, Partial<GridHousesArgs>>;
};

export type HouseResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['House'] = ResolversParentTypes['House'], FederationReferenceType extends FederationReferenceTypes['House'] = FederationReferenceTypes['House']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['House']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grid?: Resolver<Maybe<ResolversTypes['Grid']>, ParentType, ContextType>;
  groupRentalSuspected?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openTenancies?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  ownerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rooms?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tenancies?: Resolver<Maybe<ResolversTypes['TenancyConnection']>, ParentType, ContextType, RequireFields<HouseTenanciesArgs, 'currentOnly'>>;
  use?: Resolver<Maybe<ResolversTypes['HouseUse']>, ParentType, ContextType>;
};

export type HouseCheckResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['HouseCheck'] = ResolversParentTypes['HouseCheck']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['HouseProblem']>, ParentType, ContextType>;
};

export type HouseConnectionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['HouseConnection'] = ResolversParentTypes['HouseConnection']> = {
  edges?: Resolver<Array<ResolversTypes['HouseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type HouseEdgeResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['HouseEdge'] = ResolversParentTypes['HouseEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['House'], ParentType, ContextType>;
};

export type HousePayloadResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['HousePayload'] = ResolversParentTypes['HousePayload']> = {
  house?: Resolver<Maybe<ResolversTypes['House']>, ParentType, ContextType>;
};

export type HousePremisesResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['HousePremises'] = ResolversParentTypes['HousePremises']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  divisionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  gridCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImportJobResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportJob'] = ResolversParentTypes['ImportJob']> = {
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

export type ImportJobConnectionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportJobConnection'] = ResolversParentTypes['ImportJobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportJobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportJobEdgeResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportJobEdge'] = ResolversParentTypes['ImportJobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportJob'], ParentType, ContextType>;
};

export type ImportJobPayloadResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportJobPayload'] = ResolversParentTypes['ImportJobPayload']> = {
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
};

export type ImportProblemResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportProblem'] = ResolversParentTypes['ImportProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImportRowConnectionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportRowConnection'] = ResolversParentTypes['ImportRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImportRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ImportRowEdgeResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportRowEdge'] = ResolversParentTypes['ImportRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImportRowResult'], ParentType, ContextType>;
};

export type ImportRowResultResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportRowResult'] = ResolversParentTypes['ImportRowResult']> = {
  problems?: Resolver<Array<ResolversTypes['ImportProblem']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  rowNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportRowStatus'], ParentType, ContextType>;
};

export type ImportRowsPayloadResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ImportRowsPayload'] = ResolversParentTypes['ImportRowsPayload']> = {
  batch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType>;
  loaded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refused?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['ImportRowResult']>, ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  endTenancy?: Resolver<Maybe<ResolversTypes['TenancyPayload']>, ParentType, ContextType, RequireFields<MutationEndTenancyArgs, 'input'>>;
  finishHousingImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationFinishHousingImportArgs, 'input'>>;
  importHousingRows?: Resolver<Maybe<ResolversTypes['ImportRowsPayload']>, ParentType, ContextType, RequireFields<MutationImportHousingRowsArgs, 'input'>>;
  registerHouse?: Resolver<Maybe<ResolversTypes['HousePayload']>, ParentType, ContextType, RequireFields<MutationRegisterHouseArgs, 'input'>>;
  registerTenancy?: Resolver<Maybe<ResolversTypes['TenancyPayload']>, ParentType, ContextType, RequireFields<MutationRegisterTenancyArgs, 'input'>>;
  registerTenancyByIdentity?: Resolver<Maybe<ResolversTypes['TenancyByIdentityPayload']>, ParentType, ContextType, RequireFields<MutationRegisterTenancyByIdentityArgs, 'input'>>;
  startHousingImport?: Resolver<Maybe<ResolversTypes['ImportJobPayload']>, ParentType, ContextType, RequireFields<MutationStartHousingImportArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ownedHouses?: Resolver<Maybe<ResolversTypes['HouseConnection']>, ParentType, ContextType, Partial<PersonOwnedHousesArgs>>;
  tenancies?: Resolver<Maybe<ResolversTypes['TenancyConnection']>, ParentType, ContextType, Partial<PersonTenanciesArgs>>;
};

export type QueryResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  house?: Resolver<Maybe<ResolversTypes['House']>, ParentType, ContextType, RequireFields<QueryHouseArgs, 'id'>>;
  houseByCode?: Resolver<Maybe<ResolversTypes['House']>, ParentType, ContextType, RequireFields<QueryHouseByCodeArgs, 'code'>>;
  houseChecks?: Resolver<Array<ResolversTypes['HouseCheck']>, ParentType, ContextType, RequireFields<QueryHouseChecksArgs, 'checks'>>;
  housePremises?: Resolver<Array<ResolversTypes['HousePremises']>, ParentType, ContextType, RequireFields<QueryHousePremisesArgs, 'codes'>>;
  houses?: Resolver<Maybe<ResolversTypes['HouseConnection']>, ParentType, ContextType, Partial<QueryHousesArgs>>;
  housingImportJob?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType, RequireFields<QueryHousingImportJobArgs, 'id'>>;
  housingImportJobs?: Resolver<ResolversTypes['ImportJobConnection'], ParentType, ContextType, Partial<QueryHousingImportJobsArgs>>;
};

export type RecordWarningResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['RecordWarning'] = ResolversParentTypes['RecordWarning']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TenancyResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Tenancy'] = ResolversParentTypes['Tenancy']> = {
  end?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  house?: Resolver<Maybe<ResolversTypes['House']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  landlord?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  landlordName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  monthlyRent?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  start?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
};

export type TenancyByIdentityPayloadResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['TenancyByIdentityPayload'] = ResolversParentTypes['TenancyByIdentityPayload']> = {
  advice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identityConfirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  tenancy?: Resolver<Maybe<ResolversTypes['Tenancy']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['RecordWarning']>, ParentType, ContextType>;
};

export type TenancyConnectionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['TenancyConnection'] = ResolversParentTypes['TenancyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TenancyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type TenancyEdgeResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['TenancyEdge'] = ResolversParentTypes['TenancyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Tenancy'], ParentType, ContextType>;
};

export type TenancyPayloadResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['TenancyPayload'] = ResolversParentTypes['TenancyPayload']> = {
  tenancy?: Resolver<Maybe<ResolversTypes['Tenancy']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['RecordWarning']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = HousingContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Grid?: GridResolvers<ContextType>;
  House?: HouseResolvers<ContextType>;
  HouseCheck?: HouseCheckResolvers<ContextType>;
  HouseConnection?: HouseConnectionResolvers<ContextType>;
  HouseEdge?: HouseEdgeResolvers<ContextType>;
  HousePayload?: HousePayloadResolvers<ContextType>;
  HousePremises?: HousePremisesResolvers<ContextType>;
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
  RecordWarning?: RecordWarningResolvers<ContextType>;
  Tenancy?: TenancyResolvers<ContextType>;
  TenancyByIdentityPayload?: TenancyByIdentityPayloadResolvers<ContextType>;
  TenancyConnection?: TenancyConnectionResolvers<ContextType>;
  TenancyEdge?: TenancyEdgeResolvers<ContextType>;
  TenancyPayload?: TenancyPayloadResolvers<ContextType>;
};

