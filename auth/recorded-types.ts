/**
 * Which types are recorded in the audit log whenever a subgraph serves them,
 * and how each one's record id is read from what its resolver returned.
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

/** A row as a resolver returns it: a database row, or a reference holding only its key. */
export type ServedRow = Readonly<Record<string, unknown>>;

export interface RecordedType {
  /** What the record id is, as the table in docs/policy.md states it. */
  id: string;
  /** The record id of a served row; null when the row names none (nothing is recorded for it). */
  idOf(row: ServedRow): string | null;
  /**
   * For a type whose absence is itself a fact about the resident (no health
   * profile): the id to record when the field answers null, from the parent
   * or the arguments of the field that answered.
   */
  absent?: { id: string; idOf(parent: ServedRow | null, args: ServedRow): string | null };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const byField = (field: string): RecordedType => ({ id: `row.${field}`, idOf: (row) => text(row[field]) });

export const RECORDED_TYPES: Readonly<Record<string, RecordedType>> = {
  // Residents and the police's records about them
  Person: byField('id'),
  ResidenceRegistration: byField('id'),
  ResidencePermit: byField('id'),
  KeyPersonFlag: byField('id'),
  MoveOut: byField('id'),
  // Houses and rentals: housing holds houses by id; the police know a house only by its unified code
  House: { id: 'row.id, or row.code where only the code is held', idOf: (row) => text(row.id) ?? text(row.code) },
  Tenancy: byField('id'),
  // Workplaces
  Employer: byField('id'),
  Employment: byField('id'),
  // Community management
  Grid: byField('code'),
  // Health: a profile is recorded by its person's id, even when there is none (that absence is a health fact)
  HealthProfile: {
    id: "row.personId (the person's id)",
    idOf: (row) => text(row.personId),
    absent: {
      id: "the person's id the field was asked with",
      idOf: (parent, args) => (text(parent?.id) ?? text(args.personId))?.toLowerCase() ?? null,
    },
  },
  Vaccination: byField('id'),
  MaternalCareRecord: byField('id'),
  Checkup: byField('id'),
  // What partner cities told us about a resident, and the exchange log, whose sent entries name the resident they were about
  PartnerNotice: byField('id'),
  ExchangeLogEntry: {
    id: 'row.personId (the resident a sent notice was about), else row.id',
    idOf: (row) => text(row.personId) ?? text(row.id),
  },
};

/** Object types that are not residents' data, each with the reason. */
export const NOT_RESIDENT_DATA: Readonly<Record<string, string>> = {
  Query: 'entry points; what they return is recorded by its type',
  Mutation: 'entry points; what they return is recorded by its type',
  PageInfo: 'paging carrier',
  _Service: "federation's schema description",
  // The audit subgraph records reads of the log itself (subgraphs/audit/resolvers.ts); its events name residents only by id
  AuditEvent: 'the access log; reads of it are recorded by the audit subgraph under its own types',
  FieldAccess: 'part of an audit event',
  PrincipalActivity: 'an audit summary of one caller',
  PurposeActivity: 'an audit summary',
  TypeActivity: 'an audit summary',
  AuditVerification: 'the result of checking the audit chains',
  ChainProblem: 'part of an audit verification',
  VerifiedCheckpoint: 'part of an audit verification: chain heads name writers, sequence numbers and hashes',
  CheckpointWitness: 'part of an audit verification: a partner city and the checkpoint it witnessed',
  // The exchange's own state: partner cities and delivery, no resident's fields
  ExchangeCity: 'this city as the exchange knows it',
  ExchangeAgreement: 'the fields an agreement with a partner city names',
  DeliveryCounts: 'counts of notices by delivery state',
  ExchangePartner: 'a partner city',
};

/** Connections, edges and payloads carry records of other types; PageInfo carries none. */
export function isCarrierName(typeName: string): boolean {
  return /(?:Connection|Edge|Payload)$/.test(typeName);
}

/** The recorded type of a name, if it is one; a Map-free lookup that only reads the table's own entries. */
export function recordedType(typeName: string): RecordedType | undefined {
  return Object.hasOwn(RECORDED_TYPES, typeName) ? RECORDED_TYPES[typeName] : undefined;
}
