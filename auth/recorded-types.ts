/**
 * Which types are recorded in the audit log whenever a subgraph serves them,
 * and how each one's record id and place are read from what its resolver
 * returned.
 * Read it beside the policy: the policy says who may see a field, this table
 * says which served values the access log must name. The recording itself
 * is done once, where the policy wraps each subgraph's schema
 * (auth/recording.ts), so no resolver records or can forget to.
 *
 * Every object type of every subgraph schema is either named here or in
 * NOT_RESIDENT_DATA with the reason it carries nothing about a resident, an
 * employer or a grid; a test fails on a type that is in neither, so a new
 * type has to be classified before it ships.
 *
 * `docs/policy.md` shows both tables (`npm run policy:table`).
 */

import type { Place } from './jurisdiction.js';

/** A row as a resolver returns it: a database row, or a reference holding only its key. */
export type ServedRow = Readonly<Record<string, unknown>>;

export interface RecordedType {
  /** What the record id is, as the table in docs/policy.md states it. */
  id: string;
  /** The record id of a served row; null when the row names none (nothing is recorded for it). */
  idOf(row: ServedRow): string | null;
  /** Where the record lies, as the table in docs/policy.md states it. */
  place: string;
  /**
   * Where a served row lies (its grid, its district), as the subgraph serving
   * it places it when it decides who may see it; null when the row carries no
   * place. A confined auditor is shown an access only when every record of
   * it has a place inside its jurisdiction.
   */
  placeOf(row: ServedRow): Place | null;
  /**
   * A record with no place of its own, which its subgraph serves only through
   * the record it belongs to (a permit through its person, a tenancy through
   * its house): it lies where that record lies, when it was reached through it.
   */
  placedByParent?: true;
  /**
   * For a type whose absence is itself a fact about the resident (no health
   * profile): the id to record when the field answers null, from the parent
   * or the arguments of the field that answered.
   */
  absent?: { id: string; idOf(parent: ServedRow | null, args: ServedRow): string | null };
  /**
   * For an answer to a question asked by identity number (an entitled
   * service's yes or no, a declarant's identity check): recorded for every
   * answer, one naming nobody too (a number nobody holds). The log then holds
   * every question asked, and an answer about nobody costs what one about
   * someone costs and fails closed the same way, so neither its timing nor a
   * failing audit store tells the asker whether the number is anyone's.
   */
  everyAnswer?: true;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const unplaced = { place: 'none', placeOf: () => null };
const byField = (field: string, where: Pick<RecordedType, 'place' | 'placeOf' | 'placedByParent'> = unplaced): RecordedType => ({
  id: `row.${field}`,
  idOf: (row) => text(row[field]),
  ...where,
});
/** A place read from two columns of the row; none when it names neither. */
const columns = (grid: string, division: string): Pick<RecordedType, 'place' | 'placeOf'> => ({
  place: `row.${grid}, row.${division}`,
  placeOf: (row) => {
    const gridCode = text(row[grid]);
    const divisionCode = text(row[division]);
    return gridCode === null && divisionCode === null ? null : { gridCode, divisionCode };
  },
});
const throughParent = (parent: string): Pick<RecordedType, 'place' | 'placeOf' | 'placedByParent'> => ({
  place: `its ${parent}'s, when reached through it`,
  placeOf: () => null,
  placedByParent: true,
});

export const RECORDED_TYPES: Readonly<Record<string, RecordedType>> = {
  // Residents and the police's records about them. A person lies where they live now, as the police
  // narrow persons: their current residence registration, which the police read with the person;
  // the other subgraphs hold only a person's id, which places nothing.
  Person: byField('id', {
    place: 'row.residenceGridCode, row.residenceDivisionCode (the current residence registration, read with the person by the police)',
    placeOf: columns('residenceGridCode', 'residenceDivisionCode').placeOf,
  }),
  ResidenceRegistration: byField('id', columns('gridCode', 'divisionCode')),
  ResidencePermit: byField('id', throughParent('person')),
  KeyPersonFlag: byField('id', throughParent('person')),
  MoveOut: byField('id', throughParent('person')),
  // Houses and rentals: housing holds houses by id; the police know a house only by its unified code
  House: { id: 'row.id, or row.code where only the code is held', idOf: (row) => text(row.id) ?? text(row.code), ...columns('gridCode', 'divisionCode') },
  Tenancy: byField('id', throughParent('house')),
  // Workplaces
  Employer: byField('id', columns('gridCode', 'divisionCode')),
  Employment: byField('id', throughParent('employer')),
  // Community management: a grid's code begins with its district's
  Grid: byField('code', columns('code', 'districtCode')),
  // Yes/no answers a department asks before it writes: each is about the record asked of, and recorded like a read of it.
  // A person is placed nowhere here: the check does not read their residence, and reveals none.
  PersonCheck: { id: 'row.personId, when found', idOf: (row) => (row.found === false ? null : text(row.personId)), ...unplaced },
  HouseCheck: { id: 'row.code (the unified house code), when found', idOf: (row) => (row.found === false ? null : text(row.code)), ...columns('gridCode', 'divisionCode') },
  IdentityCheck: { id: 'row.personId, when confirmed', idOf: (row) => (row.confirmed === false ? null : text(row.personId)), ...unplaced },
  GridCheck: { id: 'row.code, when found', idOf: (row) => (row.found === false ? null : text(row.code)), ...columns('code', 'districtCode') },
  // Yes/no answers to entitled services and declarants, asked by identity number: each about the person the number
  // names, yes or no, and recorded even when it names nobody. Placed nowhere, like the checks above.
  VerificationAnswer: { id: 'row.personId (the person the number names, whatever the answer), when the number is anyone\'s; recorded even when not', idOf: (row) => text(row.personId), ...unplaced, everyAnswer: true },
  DeclaredIdentityCheck: { id: 'row.personId (the person the number names, whatever the answer), when the number is anyone\'s; recorded even when not', idOf: (row) => text(row.personId), ...unplaced, everyAnswer: true },
  // Premises as a link names them, answered to the department or the declarant issuing the link: about the house or employer asked of.
  HousePremises: { id: 'row.code (the unified house code), when found', idOf: (row) => (row.found === false ? null : text(row.code)), ...columns('gridCode', 'divisionCode') },
  EmployerPremises: { id: 'row.creditCode, when found', idOf: (row) => (row.found === false ? null : text(row.creditCode)), ...columns('gridCode', 'divisionCode') },
  // Declarations: facts about one person as a declarant gave them, placed where the premises or the declared address lie.
  Declaration: byField('id', columns('gridCode', 'divisionCode')),
  // A house or a workplace as a declaration or a link names it, by its code.
  Premises: byField('code', columns('gridCode', 'divisionCode')),
  // A resident by hub id alone, for the access log's reviewers and for a resident's own report: a look-up of the resident,
  // placed where they live as the person is.
  AuditedResident: byField('personId', { place: 'row.residenceGridCode, row.residenceDivisionCode', placeOf: columns('residenceGridCode', 'residenceDivisionCode').placeOf }),
  OwnRecord: byField('personId', { place: 'row.residenceGridCode, row.residenceDivisionCode', placeOf: columns('residenceGridCode', 'residenceDivisionCode').placeOf }),
  // Health: a profile is recorded by its person's id, even when there is none (that absence is a health fact).
  // Health records carry no place: only unconfined callers read them, and only unconfined auditors see them read.
  HealthProfile: {
    id: "row.personId (the person's id)",
    idOf: (row) => text(row.personId),
    absent: {
      id: "the person's id the field was asked with",
      idOf: (parent, args) => (text(parent?.id) ?? text(args.personId))?.toLowerCase() ?? null,
    },
    ...unplaced,
  },
  Vaccination: byField('id'),
  MaternalCareRecord: byField('id'),
  Checkup: byField('id'),
  // What partner cities told us about a resident, and the exchange log, whose sent entries name the resident they were about
  PartnerNotice: byField('id'),
  ExchangeLogEntry: {
    id: 'row.personId (the resident a sent notice was about), else row.id',
    idOf: (row) => text(row.personId) ?? text(row.id),
    ...unplaced,
  },
  // An alert about a resident is a read of that resident; one about a house or an employer alone still names its own id.
  Alert: {
    id: 'row.personId (the resident it is about), else row.id',
    idOf: (row) => text(row.personId) ?? text(row.id),
    ...columns('gridCode', 'divisionCode'),
  },
  // An imported row loaded or found stored already is an act about the resident it names (docs/import.md): recorded by them, else by the record.
  ImportRowResult: {
    id: 'row.personId (the resident the row is about), else row.recordId; nothing for a refused row',
    idOf: (row) => (row.status === 'REFUSED' ? null : (text(row.personId) ?? text(row.recordId))),
    ...unplaced,
  },
};

/** Object types that are not residents' data, each with the reason. */
export const NOT_RESIDENT_DATA: Readonly<Record<string, string>> = {
  Query: 'entry points; what they return is recorded by its type',
  Mutation: 'entry points; what they return is recorded by its type',
  PageInfo: 'paging carrier',
  RecordWarning: "a write's warning about the record just written (a suspected group rental): a rule and a count, no resident's field; the record itself is recorded by its own type",
  _Service: "federation's schema description",
  // The audit subgraph records reads of the log itself (audit/resolvers.ts); its events name residents only by id
  AuditEvent: 'the access log; reads of it are recorded by the audit subgraph under its own types',
  FieldAccess: 'part of an audit event',
  PrincipalActivity: 'an audit summary of one caller',
  PurposeActivity: 'an audit summary',
  TypeActivity: 'an audit summary',
  AuditVerification: 'the result of checking the audit chains',
  ChainProblem: 'part of an audit verification',
  VerifiedCheckpoint: 'part of an audit verification: chain heads name writers, sequence numbers and hashes',
  CheckpointWitness: 'part of an audit verification: a partner city and the checkpoint it witnessed',
  // Anomaly flags on the log (audit/anomalies/): reads and reviews of them are recorded by the audit subgraph under their own types
  AnomalyFlag: "a finding about a principal's activity in the access log, naming residents only by id; reads of it are recorded by the audit subgraph",
  AnomalyMeasure: 'a number behind an anomaly flag',
  AnomalyReview: "an auditor's verdict on an anomaly flag; each is recorded in the log by its digest",
  AnomalyRule: 'a rule of the anomaly detector and its settings',
  AnomalyRuleMeasure: 'a number an anomaly rule computes, by name',
  AnomalySetting: 'a setting of the anomaly detector',
  // Audit views (audit/views/): counts and summaries of the log; the events they serve are recorded by the audit subgraph
  AuditOverview: 'counts of the access log per day; reading it is recorded by the audit subgraph',
  DailyCounts: 'part of an audit overview',
  AuditTotals: 'part of an audit overview',
  WithheldAccesses: 'part of an audit overview: counts per case',
  WithheldCase: 'part of an audit overview: a case id and a count',
  AuditIntegrity: 'part of an audit overview: verifications, checkpoints and witnesses',
  VerificationRun: 'a recorded verification of the audit chains',
  ResidentHistory: "an audit view of one resident's accesses; reading it is recorded by the audit subgraph, naming the resident",
  SignedAuditExport: 'an export of the access log; making it is recorded by the audit subgraph, naming the resident',
  OfficerActivity: "an audit summary of one officer's activity; recorded by the audit subgraph",
  OfficerPurpose: 'part of an audit summary',
  DailySpread: 'part of an audit summary',
  AccessReportEntry: "one line of a resident's own access report; reading the report is recorded by the audit subgraph, naming the resident",
  CaseDisclosure: "a police case's disclosure instant: names a case, no resident; setting it is recorded by the audit subgraph",
  // The exchange's own state: partner cities and delivery, no resident's fields
  ExchangeCity: 'this city as the exchange knows it',
  ExchangeAgreement: 'the fields an agreement with a partner city names',
  DeliveryCounts: 'counts of notices by delivery state',
  ExchangePartner: 'a partner city',
  // The officers' inbox: what officers did is about the officers, read only through its alert, which is recorded
  AlertAction: "an officer's action on an alert: who acted, when, their note; served only with its alert, which is recorded",
  AlertWebhook: "a department system's endpoint for alerts",
  // Collection at the source: links, decisions and figures carry records of recorded types, or counts
  PremisesLink: 'a signed link to the declaration form of a premises; the premises it names are recorded by their own type',
  PremisesLinkCheck: 'whether a premises link holds; the premises it names are recorded by their own type',
  DeclarationDecision: 'the outcome of confirming or rejecting one declaration; the declaration is recorded by its own type',
  DeclarationProblem: "why a declaration was not confirmed: a field, a code and the department's message, never a register value",
  CollectionFigures: 'counts of declarations, per grid and per premises: no individual',
  CollectionCounts: 'counts of declarations and a median time: no individual',
  GridCollectionFigures: 'counts of declarations in one grid: no individual',
  PremisesCollectionFigures: 'counts of declarations at one premises; the premises are recorded by their own type',
  // Imports of legacy records (docs/import.md)
  ImportJob:
    "an import's file digest, counts and state; the import itself is recorded when it starts and when it ends, by the job, the file's and the report's digests and the counts (subgraphs/import/jobs.ts), and each row by its ImportRowResult",
  ImportProblem: "why a row was refused: a field's name, a code and words; the row's resident is recorded with the row's result when it loads",
};

/** Connections, edges and payloads carry records of other types; PageInfo carries none. */
export function isCarrierName(typeName: string): boolean {
  return /(?:Connection|Edge|Payload)$/.test(typeName);
}

/** The recorded type of a name, if it is one; a Map-free lookup that only reads the table's own entries. */
export function recordedType(typeName: string): RecordedType | undefined {
  return Object.hasOwn(RECORDED_TYPES, typeName) ? RECORDED_TYPES[typeName] : undefined;
}
