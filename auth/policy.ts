import type { MaskKind } from './masking.js';
import type { Purpose } from './purposes.js';
import type { Permission, Role } from './roles.js';

/**
 * Who may read or write what, in one place. Read it as a table:
 * `Type.field` → for each role, `full` or `masked`; a role not listed is
 * denied. A field that is not listed here at all is denied to everyone, so a
 * new field in any subgraph stays invisible until a line here grants it.
 *
 * A grant also needs the permission (`resource:verb`) named by `scope` in the
 * caller's token, a declared purpose that the purpose registry
 * (auth/purposes.ts) lets one of the caller's roles declare and that releases
 * that permission, and, where `purposes` is given, one of those purposes. Which rows a principal may see (their grid or district) is the
 * jurisdiction rule, applied by each subgraph to its own records.
 *
 * `docs/policy.md` is rendered from this file (`npm run policy:table`), and a
 * test fails when the two differ.
 */

export type Access = 'full' | 'masked';

export interface FieldRule {
  /** The permission a token must carry for this field, e.g. `person:read`; a purpose releases the field only if it releases this permission. */
  scope: Permission;
  /** Roles granted, and how; any other role is denied. */
  grants: Partial<Record<Role, Access>>;
  /** How `masked` grants see the value. */
  mask?: MaskKind;
  /** Only released when the request declares one of these purposes (and the purpose registry releases `scope` for it). */
  purposes?: readonly Purpose[];
}

const F = 'full' as const;
const M = 'masked' as const;

// Grant sets reused below; each names exactly the roles it lets in.
const DEPARTMENTS_AND_GRID = { police: F, housing: F, labour: F, health: F, grid: F };
const RESIDENCE_READERS = { police: F, housing: F, grid: F };
const HOUSING_READERS = { police: F, housing: F, grid: F };
const LABOUR_READERS = { police: F, labour: F, grid: F };
const GRID_READERS = { police: F, housing: F, labour: F, grid: F };
const HEALTH_PURPOSES: readonly Purpose[] = ['public-health', 'medical-care'];
// The departments that write records naming persons, grids or houses of another department, and the purposes they write under.
const PERSON_CHECKERS = { police: F, housing: F, labour: F, health: F };
const GRID_CHECKERS = { police: F, housing: F, labour: F };
const HOUSE_CHECKERS = { police: F, housing: F };
const IDENTITY_CHECKERS = { labour: F };
const WRITING_PURPOSES: readonly Purpose[] = ['population-management', 'housing-administration', 'labour-administration', 'public-health', 'medical-care'];
// Houses are named by the police (a residence) and housing itself.
const HOUSE_CHECK_PURPOSES: readonly Purpose[] = ['population-management', 'housing-administration'];
const KEY_PERSON_PURPOSES: readonly Purpose[] = ['case-investigation', 'public-security'];
const AUDIT_PURPOSES: readonly Purpose[] = ['audit'];
const EXCHANGE_PURPOSES: readonly Purpose[] = ['inter-city-exchange', 'population-management', 'audit'];
const NOTICE_PURPOSES: readonly Purpose[] = ['inter-city-exchange', 'population-management', 'case-investigation', 'public-security'];

const person = (grants: FieldRule['grants'], extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'person:read', grants, ...extra });
const residence = (grants: FieldRule['grants'] = RESIDENCE_READERS, extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'residence:read', grants, ...extra });
const housing = (grants: FieldRule['grants'] = HOUSING_READERS, extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'housing:read', grants, ...extra });
const labour = (grants: FieldRule['grants'] = LABOUR_READERS, extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'labour:read', grants, ...extra });
const grid = (grants: FieldRule['grants'] = GRID_READERS): FieldRule => ({ scope: 'grid:read', grants });
const health = (): FieldRule => ({ scope: 'health:read', grants: { health: F }, purposes: HEALTH_PURPOSES });
const keyPerson = (): FieldRule => ({ scope: 'keyperson:read', grants: { police: F }, purposes: KEY_PERSON_PURPOSES });
// The access log names who read which resident: auditors only, and only while auditing.
const audit = (): FieldRule => ({ scope: 'audit:read', grants: { auditor: F }, purposes: AUDIT_PURPOSES });
// The exchange with partner cities: its state for police, auditors and the hub's administrators;
// what partners told us about residents for police, who keep the register.
const exchange = (grants: FieldRule['grants'] = { police: F, auditor: F, admin: F }): FieldRule => ({ scope: 'exchange:read', grants, purposes: EXCHANGE_PURPOSES });
const notice = (grants: FieldRule['grants'] = { police: F }): FieldRule => ({ scope: 'exchange:read', grants, purposes: NOTICE_PURPOSES });
const write = (scope: Permission, role: Role, purposes: readonly Purpose[]): FieldRule => ({ scope, grants: { [role]: F }, purposes });
// Alerts go to the police and the grid offices. Which alerts a reader sees is narrowed further by the
// alert itself (its department, place and purposes: ROW_SCOPES); these lines say which of its fields.
const ALERT_PURPOSES: readonly Purpose[] = ['public-security', 'case-investigation', 'population-management', 'community-service'];
const ALERT_READERS = { police: F, grid: F };
// What an identity alert reveals is the police's alone, under the police's own purposes.
const POLICE_ALERT_PURPOSES: readonly Purpose[] = ['public-security', 'case-investigation', 'population-management'];
const alert = (grants: FieldRule['grants'] = ALERT_READERS, purposes: readonly Purpose[] = ALERT_PURPOSES): FieldRule => ({ scope: 'alert:read', grants, purposes });
const alertWrite = (): FieldRule => ({ scope: 'alert:write', grants: ALERT_READERS, purposes: ALERT_PURPOSES });

/** Reads of residents' data and of the records around them. */
export const READ_POLICY: Readonly<Record<string, FieldRule>> = {
  // Entry points
  'Query.person': person(DEPARTMENTS_AND_GRID),
  'Query.personByIdNumber': person(DEPARTMENTS_AND_GRID),
  'Query.persons': person(DEPARTMENTS_AND_GRID),
  'Query.grid': grid(),
  'Query.grids': grid(),
  'Query.house': housing(),
  'Query.houseByCode': housing(),
  'Query.houses': housing(),
  'Query.employer': labour(),
  'Query.employerByCreditCode': labour(),
  'Query.employers': labour(),
  'Query.healthProfile': health(),
  // Yes/no checks a department asks before it writes a record naming another's (auth/check-grant.ts):
  // for the departments that write, while writing. They answer whether a record exists and whether a
  // record about a person makes sense, never a value; each answer is recorded like a read.
  'Query.personChecks': person(PERSON_CHECKERS, { purposes: WRITING_PURPOSES }),
  'PersonCheck.personId': person(PERSON_CHECKERS, { purposes: WRITING_PURPOSES }),
  'PersonCheck.found': person(PERSON_CHECKERS, { purposes: WRITING_PURPOSES }),
  'PersonCheck.problems': person(PERSON_CHECKERS, { purposes: WRITING_PURPOSES }),
  // Labour registers a worker by the number and name an employer gave; it learns yes or no, and the id only on yes.
  'Query.identityChecks': person(IDENTITY_CHECKERS, { purposes: ['labour-administration'] }),
  'IdentityCheck.confirmed': person(IDENTITY_CHECKERS, { purposes: ['labour-administration'] }),
  'IdentityCheck.personId': person(IDENTITY_CHECKERS, { purposes: ['labour-administration'] }),
  'Query.gridChecks': grid(GRID_CHECKERS),
  'GridCheck.code': grid(GRID_CHECKERS),
  'GridCheck.found': grid(GRID_CHECKERS),
  'Query.houseChecks': housing(HOUSE_CHECKERS, { purposes: HOUSE_CHECK_PURPOSES }),
  'HouseCheck.code': housing(HOUSE_CHECKERS, { purposes: HOUSE_CHECK_PURPOSES }),
  'HouseCheck.found': housing(HOUSE_CHECKERS, { purposes: HOUSE_CHECK_PURPOSES }),
  'HouseCheck.problems': housing(HOUSE_CHECKERS, { purposes: HOUSE_CHECK_PURPOSES }),

  // Person: the register (police), and what each department attaches to it
  'Person.id': person(DEPARTMENTS_AND_GRID),
  // Masks hold under inference (auth/disclosure.ts): a masked identity number hides the birth date,
  // so whoever sees it masked sees no birth date — labour, whose age checks start from a number it
  // holds, loses birthDate; health, whose own records date birth doses, keeps birthDate and reads
  // no number (it finds a resident by hub id, or by a number it holds, within the look-up cap).
  'Person.idNumber': person({ police: F, housing: M, labour: M, grid: M }, { mask: 'idNumber' }),
  'Person.name': person(DEPARTMENTS_AND_GRID),
  'Person.sex': person(DEPARTMENTS_AND_GRID),
  'Person.birthDate': person({ police: F, health: F }),
  'Person.ethnicity': person({ police: F, health: F }),
  'Person.householdDivisionCode': person(DEPARTMENTS_AND_GRID),
  'Person.householdDivisionName': person(DEPARTMENTS_AND_GRID),
  'Person.householdAddress': person({ police: F, housing: M, labour: M, health: M, grid: M }, { mask: 'address' }),
  'Person.phone': person({ police: F, housing: M, labour: M, health: F, grid: F }, { mask: 'phone' }),
  'Person.status': person(DEPARTMENTS_AND_GRID),
  'Person.residence': residence(),
  'Person.residenceHistory': residence({ police: F }),
  'Person.residencePermit': residence(),
  'Person.moveOut': residence(),
  'Person.keyPersonFlags': keyPerson(),
  'Person.tenancies': housing(),
  'Person.ownedHouses': housing(),
  'Person.employments': labour(),
  'Person.healthProfile': health(),

  'ResidenceRegistration.id': residence(),
  'ResidenceRegistration.person': residence(),
  'ResidenceRegistration.address': residence(),
  'ResidenceRegistration.divisionCode': residence(),
  'ResidenceRegistration.grid': residence(),
  'ResidenceRegistration.house': residence(),
  'ResidenceRegistration.since': residence(),
  'ResidenceRegistration.until': residence(),

  'ResidencePermit.permitNumber': residence({ police: F, housing: M, grid: M }, { mask: 'permitNumber' }),
  'ResidencePermit.issuedOn': residence(),
  'ResidencePermit.validUntil': residence(),
  'ResidencePermit.valid': residence(),

  'MoveOut.destinationDivisionCode': residence(),
  'MoveOut.destinationAddress': residence({ police: F, housing: M, grid: M }, { mask: 'address' }),
  'MoveOut.movedOn': residence(),

  'KeyPersonFlag.id': keyPerson(),
  'KeyPersonFlag.category': keyPerson(),
  'KeyPersonFlag.level': keyPerson(),
  'KeyPersonFlag.reason': keyPerson(),
  'KeyPersonFlag.since': keyPerson(),

  // Grids: reference data of community management
  'Grid.code': grid(),
  'Grid.name': grid(),
  'Grid.districtCode': grid(),
  'Grid.districtName': grid(),
  'Grid.officerName': grid(),
  'Grid.class': grid(),
  'Grid.residents': residence(),
  'Grid.houses': housing(),
  'Grid.employers': labour(),

  // Houses and tenancies (housing)
  'House.id': housing(),
  'House.code': housing(),
  'House.address': housing(),
  'House.divisionCode': housing(),
  'House.grid': housing(),
  'House.owner': housing(),
  'House.ownerName': housing(),
  'House.use': housing(),
  'House.rooms': housing(),
  'House.openTenancies': housing(),
  'House.groupRentalSuspected': housing(),
  'House.tenancies': housing(),
  'House.residents': residence(),

  'Tenancy.id': housing(),
  'Tenancy.house': housing(),
  'Tenancy.tenant': housing(),
  'Tenancy.landlord': housing(),
  'Tenancy.landlordName': housing(),
  'Tenancy.start': housing(),
  'Tenancy.end': housing(),
  'Tenancy.monthlyRent': housing({ police: F, housing: F }),
  // A write's warning names a field and a rule, never a resident's value: for those who read houses.
  'RecordWarning.code': housing(),
  'RecordWarning.field': housing(),
  'RecordWarning.message': housing(),

  // Employers and employment (labour)
  'Employer.id': labour(),
  'Employer.creditCode': labour(),
  'Employer.name': labour(),
  'Employer.industry': labour(),
  'Employer.address': labour(),
  'Employer.divisionCode': labour(),
  'Employer.grid': labour(),
  'Employer.employments': labour(),

  'Employment.id': labour(),
  'Employment.person': labour(),
  'Employment.employer': labour(),
  'Employment.position': labour(),
  'Employment.start': labour(),
  'Employment.end': labour(),
  'Employment.socialInsurance': labour({ labour: F }),

  // Health records: the health department only, for health purposes only
  'HealthProfile.familyPlanningStatus': health(),
  'HealthProfile.vaccinations': health(),
  'HealthProfile.maternalCare': health(),
  'HealthProfile.checkups': health(),
  'Vaccination.id': health(),
  'Vaccination.vaccine': health(),
  'Vaccination.dose': health(),
  'Vaccination.administeredOn': health(),
  'Vaccination.institution': health(),
  'MaternalCareRecord.id': health(),
  'MaternalCareRecord.kind': health(),
  'MaternalCareRecord.visitOn': health(),
  'MaternalCareRecord.institution': health(),
  'Checkup.id': health(),
  'Checkup.checkedOn': health(),
  'Checkup.institution': health(),
  'Checkup.result': health(),

  // The access log (the hub's audit subgraph)
  'Query.auditEvents': audit(),
  'Query.residentAccessHistory': audit(),
  'Query.principalActivity': audit(),
  'Query.auditVerification': audit(),

  'AuditEvent.id': audit(),
  'AuditEvent.writerId': audit(),
  'AuditEvent.seq': audit(),
  'AuditEvent.occurredAt': audit(),
  'AuditEvent.kind': audit(),
  'AuditEvent.requestId': audit(),
  'AuditEvent.correlationId': audit(),
  'AuditEvent.subject': audit(),
  'AuditEvent.department': audit(),
  'AuditEvent.roles': audit(),
  'AuditEvent.purpose': audit(),
  'AuditEvent.caseId': audit(),
  'AuditEvent.subgraph': audit(),
  'AuditEvent.typeName': audit(),
  'AuditEvent.recordIds': audit(),
  'AuditEvent.fields': audit(),
  'AuditEvent.operationName': audit(),
  'AuditEvent.documentHash': audit(),
  'AuditEvent.outcome': audit(),
  'AuditEvent.errorCode': audit(),
  'AuditEvent.durationMs': audit(),
  'AuditEvent.count': audit(),
  'AuditEvent.prevHash': audit(),
  'AuditEvent.hash': audit(),

  'FieldAccess.field': audit(),
  'FieldAccess.decision': audit(),

  'PrincipalActivity.subject': audit(),
  'PrincipalActivity.from': audit(),
  'PrincipalActivity.to': audit(),
  'PrincipalActivity.requests': audit(),
  'PrincipalActivity.accesses': audit(),
  'PrincipalActivity.recordsServed': audit(),
  'PrincipalActivity.distinctResidents': audit(),
  'PrincipalActivity.deniedAccesses': audit(),
  'PrincipalActivity.deniedFields': audit(),
  'PrincipalActivity.maskedAccesses': audit(),
  'PrincipalActivity.byPurpose': audit(),
  'PrincipalActivity.byType': audit(),

  'PurposeActivity.purpose': audit(),
  'PurposeActivity.requests': audit(),
  'PurposeActivity.accesses': audit(),

  'TypeActivity.typeName': audit(),
  'TypeActivity.accesses': audit(),
  'TypeActivity.records': audit(),

  'AuditVerification.ok': audit(),
  'AuditVerification.chains': audit(),
  'AuditVerification.events': audit(),
  'AuditVerification.problems': audit(),
  'AuditVerification.verifiedAt': audit(),
  'AuditVerification.durationMs': audit(),
  'AuditVerification.checkpoint': audit(),
  'AuditVerification.witnesses': audit(),
  'AuditVerification.archivedMonths': audit(),
  'AuditVerification.evidenceProblems': audit(),

  'VerifiedCheckpoint.seq': audit(),
  'VerifiedCheckpoint.at': audit(),
  'VerifiedCheckpoint.hash': audit(),
  'VerifiedCheckpoint.chainHeads': audit(),

  'CheckpointWitness.city': audit(),
  'CheckpointWitness.keyFingerprint': audit(),
  'CheckpointWitness.checkpointSeq': audit(),
  'CheckpointWitness.checkpointHash': audit(),

  'ChainProblem.writerId': audit(),
  'ChainProblem.seq': audit(),
  'ChainProblem.problem': audit(),
  'ChainProblem.detail': audit(),

  // The exchange with partner cities (the hub's exchange subgraph)
  'Query.exchangeCity': exchange(),
  'Query.exchangePartners': exchange(),
  'Query.exchangePartner': exchange(),
  'Query.residentsInPartnerCities': notice(),
  'Query.arrivalsFromPartnerCities': notice(),
  'Query.exchangeLog': exchange(),

  'ExchangeCity.code': exchange(),
  'ExchangeCity.name': exchange(),
  'ExchangeCity.keyFingerprint': exchange(),
  'ExchangeCity.publicKey': exchange(),

  'ExchangePartner.code': exchange(),
  'ExchangePartner.name': exchange(),
  'ExchangePartner.inboxUrl': exchange(),
  'ExchangePartner.status': exchange(),
  'ExchangePartner.keyFingerprint': exchange(),
  'ExchangePartner.publicKey': exchange(),
  'ExchangePartner.agreements': exchange(),
  'ExchangePartner.delivery': exchange(),
  'ExchangePartner.createdAt': exchange(),
  'ExchangePartner.updatedAt': exchange(),
  'ExchangeAgreement.messageType': exchange(),
  'ExchangeAgreement.fields': exchange(),
  'DeliveryCounts.pending': exchange(),
  'DeliveryCounts.delivered': exchange(),
  'DeliveryCounts.failed': exchange(),

  'PartnerNotice.id': notice(),
  'PartnerNotice.messageType': notice(),
  'PartnerNotice.partnerCode': notice(),
  'PartnerNotice.occurredAt': notice(),
  'PartnerNotice.receivedAt': notice(),
  'PartnerNotice.droppedFields': notice(),
  'PartnerNotice.idNumber': notice(),
  'PartnerNotice.name': notice(),
  'PartnerNotice.sex': notice(),
  'PartnerNotice.birthDate': notice(),
  'PartnerNotice.ethnicity': notice(),
  'PartnerNotice.householdDivisionCode': notice(),
  'PartnerNotice.householdAddress': notice(),
  'PartnerNotice.residenceAddress': notice(),
  'PartnerNotice.residenceDivisionCode': notice(),
  'PartnerNotice.residenceSince': notice(),
  'PartnerNotice.destinationDivisionCode': notice(),
  'PartnerNotice.destinationAddress': notice(),
  'PartnerNotice.movedOn': notice(),
  'PartnerNotice.phone': notice(),

  'ExchangeLogEntry.id': exchange(),
  'ExchangeLogEntry.direction': exchange(),
  'ExchangeLogEntry.partnerCode': exchange(),
  'ExchangeLogEntry.messageType': exchange(),
  'ExchangeLogEntry.status': exchange(),
  'ExchangeLogEntry.attempts': exchange(),
  'ExchangeLogEntry.lastError': exchange(),
  'ExchangeLogEntry.occurredAt': exchange(),
  'ExchangeLogEntry.recordedAt': exchange(),
  'ExchangeLogEntry.deliveredAt': exchange(),
  'ExchangeLogEntry.fields': exchange(),
  'ExchangeLogEntry.droppedFields': exchange(),
  'ExchangeLogEntry.personId': exchange(),

  // The officers' inbox (the hub's alerts subgraph). What an alert reveals beyond its ids is the
  // police's: a key-person flag only for key-person work, the identity an employer gave only to the police.
  'Query.alerts': alert(),
  'Query.alert': alert(),
  'Query.alertWebhooks': alert(),

  'Alert.id': alert(),
  'Alert.rule': alert(),
  'Alert.kind': alert(),
  'Alert.status': alert(),
  'Alert.summary': alert(),
  'Alert.raisedAt': alert(),
  'Alert.occurredAt': alert(),
  'Alert.eventType': alert(),
  'Alert.grid': alert(),
  'Alert.divisionCode': alert(),
  'Alert.person': alert(),
  'Alert.house': alert(),
  'Alert.employer': alert(),
  'Alert.assignee': alert(),
  'Alert.actions': alert(),
  'Alert.flagCategory': alert({ police: F }, KEY_PERSON_PURPOSES),
  'Alert.flagLevel': alert({ police: F }, KEY_PERSON_PURPOSES),
  'Alert.reason': alert({ police: F }, POLICE_ALERT_PURPOSES),
  'Alert.idNumber': alert({ police: F }, POLICE_ALERT_PURPOSES),
  // A name the register holds: the police's for key persons and identities; a grid worker's for the tenant a task sends them to visit.
  'Alert.name': alert({ police: F, grid: F }, [...POLICE_ALERT_PURPOSES, 'community-service']),

  'AlertAction.actor': alert(),
  'AlertAction.action': alert(),
  'AlertAction.note': alert(),
  'AlertAction.assignee': alert(),
  'AlertAction.at': alert(),

  'AlertWebhook.id': alert(),
  'AlertWebhook.department': alert(),
  'AlertWebhook.url': alert(),
  'AlertWebhook.createdBy': alert(),
  'AlertWebhook.createdAt': alert(),
};

/** Writes: each department writes only its own records. */
export const WRITE_POLICY: Readonly<Record<string, FieldRule>> = {
  'Mutation.registerPerson': write('person:write', 'police', ['population-management']),
  'Mutation.registerResidence': write('person:write', 'police', ['population-management']),
  'Mutation.recordMoveOut': write('person:write', 'police', ['population-management']),
  'Mutation.issueResidencePermit': write('person:write', 'police', ['population-management']),
  'Mutation.registerHouse': write('housing:write', 'housing', ['housing-administration']),
  'Mutation.registerTenancy': write('housing:write', 'housing', ['housing-administration']),
  'Mutation.endTenancy': write('housing:write', 'housing', ['housing-administration']),
  'Mutation.registerEmployer': write('labour:write', 'labour', ['labour-administration']),
  'Mutation.registerEmployment': write('labour:write', 'labour', ['labour-administration']),
  'Mutation.registerEmploymentByIdentity': write('labour:write', 'labour', ['labour-administration']),
  'Mutation.endEmployment': write('labour:write', 'labour', ['labour-administration']),
  'Mutation.setFamilyPlanningStatus': write('health:write', 'health', HEALTH_PURPOSES),
  'Mutation.recordVaccination': write('health:write', 'health', HEALTH_PURPOSES),
  'Mutation.recordMaternalCare': write('health:write', 'health', HEALTH_PURPOSES),
  'Mutation.recordCheckup': write('health:write', 'health', HEALTH_PURPOSES),
  // Partnerships are the hub administrators' to make and end.
  'Mutation.addExchangePartner': write('exchange:admin', 'admin', ['inter-city-exchange']),
  'Mutation.updateExchangePartner': write('exchange:admin', 'admin', ['inter-city-exchange']),
  'Mutation.suspendExchangePartner': write('exchange:admin', 'admin', ['inter-city-exchange']),
  'Mutation.resumeExchangePartner': write('exchange:admin', 'admin', ['inter-city-exchange']),
  'Mutation.removeExchangePartner': write('exchange:admin', 'admin', ['inter-city-exchange']),
  'Mutation.retryExchangeNotices': write('exchange:admin', 'admin', ['inter-city-exchange']),
  // Officers act on their own department's alerts, and each department manages its own webhooks.
  'Mutation.acknowledgeAlert': alertWrite(),
  'Mutation.resolveAlert': alertWrite(),
  'Mutation.reassignAlert': alertWrite(),
  'Mutation.registerAlertWebhook': alertWrite(),
  'Mutation.removeAlertWebhook': alertWrite(),
};

export const POLICY: Readonly<Record<string, FieldRule>> = { ...READ_POLICY, ...WRITE_POLICY };

/**
 * Types that only carry other types (connections, edges, page info,
 * mutation payloads): their fields reveal nothing by themselves, so any
 * authenticated caller may traverse them; what they lead to is governed above.
 */
export function isCarrierType(typeName: string): boolean {
  return /(?:Connection|Edge|Payload)$/.test(typeName) || typeName === 'PageInfo';
}

/** Federation's own entry points; reached only with a gateway-signed token, and every entity field is still governed above. */
export const FEDERATION_FIELDS: ReadonlySet<string> = new Set(['Query._service', 'Query._entities']);

/**
 * Which rows of each type a confined principal (a grid worker, a district
 * office) may see and write. Each subgraph applies the rule to its own
 * records, for query fields, lists, entity references and writes alike; a
 * row outside answers exactly as a row that does not exist.
 */
export const ROW_SCOPES: Readonly<Record<string, string>> = {
  Person: "the person's current residence registration is in one of the principal's grids or districts; lists are narrowed, and a single resident outside answers exactly as an unknown one (null, no error; NOT_FOUND to a write)",
  Grid: "the grid is one of the principal's grids or lies in one of their districts",
  House: "the house's grid or district",
  Tenancy: "the tenancy's house is inside",
  Employer: "the employer's grid or district",
  Employment: 'the employer is inside',
  HealthProfile: 'health records carry no place: only unconfined principals',
  AuditEvent:
    "accesses every record of which lies inside, by the place the serving department's own rule gives it (the recorded-types table); requests, refusals and records that carry no place (health, partner notices, a reference holding only an id) only to unconfined auditors, who review every department; a resident outside has the same empty history as an unknown one; auditVerification only to unconfined auditors",
  PartnerNotice: 'notices name places in other cities: only unconfined principals',
  Alert:
    "the alert goes to the principal's department, its grid or district is one of the principal's (an alert with no place only to unconfined principals), and the declared purpose is one of the alert's purposes; any other alert answers exactly as an unknown one (null; NOT_FOUND to an action)",
  AlertWebhook:
    "the principal's own department's, registered for exactly the principal's jurisdiction, whose alerts alone it receives (an unconfined principal: every one of the department's)",
};
