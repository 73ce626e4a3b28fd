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
  /**
   * The permission a token must carry for this field, e.g. `person:read`; a
   * purpose releases the field only if it releases this permission. A field
   * read by two kinds of caller for two kinds of work (a declaration, by its
   * declarant and by the department reviewing it) names one permission for
   * each: the token must carry one of them that the declared purpose releases.
   */
  scope: Permission | readonly [Permission, ...Permission[]];
  /** Roles granted, and how; any other role is denied. */
  grants: Partial<Record<Role, Access>>;
  /** How `masked` grants see the value. */
  mask?: MaskKind;
  /** Only released when the request declares one of these purposes (and the purpose registry releases `scope` for it). */
  purposes?: readonly Purpose[];
}

/** The permissions a rule accepts, as a list. */
export function scopesOf(rule: Pick<FieldRule, 'scope'>): readonly Permission[] {
  return typeof rule.scope === 'string' ? [rule.scope] : rule.scope;
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
// Entitled services hear yes or no about one resident, for their own purpose, and nothing else of the record.
const VERIFIERS = { school: F, 'social-insurance': F };
const VERIFICATION_PURPOSES: readonly Purpose[] = ['school-enrolment', 'social-insurance'];
// Declarants check the identity a tenant or worker gave them while declaring, and hear one of two words.
const DECLARANTS = { landlord: F, employer: F, resident: F };
// Labour registers a worker, housing a tenant, by the number and name a declarant gave.
const IDENTITY_CHECKERS = { labour: F, housing: F, health: F };
const IDENTITY_CHECK_PURPOSES: readonly Purpose[] = ['labour-administration', 'housing-administration', 'public-health'];
const WRITING_PURPOSES: readonly Purpose[] = ['population-management', 'housing-administration', 'labour-administration', 'public-health', 'medical-care'];
// Houses are named by the police (a residence) and housing itself.
const HOUSE_CHECK_PURPOSES: readonly Purpose[] = ['population-management', 'housing-administration'];
const KEY_PERSON_PURPOSES: readonly Purpose[] = ['case-investigation', 'public-security'];
const AUDIT_PURPOSES: readonly Purpose[] = ['audit'];
const EXCHANGE_PURPOSES: readonly Purpose[] = ['inter-city-exchange', 'population-management', 'audit'];
const NOTICE_PURPOSES: readonly Purpose[] = ['inter-city-exchange', 'population-management', 'case-investigation', 'public-security'];

const verification = (): FieldRule => ({ scope: 'verification:read', grants: VERIFIERS, purposes: VERIFICATION_PURPOSES });
const declaredIdentity = (): FieldRule => ({ scope: 'declaration:write', grants: DECLARANTS, purposes: ['declaration'] });
const person = (grants: FieldRule['grants'], extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'person:read', grants, ...extra });
const residence = (grants: FieldRule['grants'] = RESIDENCE_READERS, extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'residence:read', grants, ...extra });
const housing = (grants: FieldRule['grants'] = HOUSING_READERS, extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'housing:read', grants, ...extra });
const labour = (grants: FieldRule['grants'] = LABOUR_READERS, extra: Partial<FieldRule> = {}): FieldRule => ({ scope: 'labour:read', grants, ...extra });
const grid = (grants: FieldRule['grants'] = GRID_READERS): FieldRule => ({ scope: 'grid:read', grants });
const health = (): FieldRule => ({ scope: 'health:read', grants: { health: F }, purposes: HEALTH_PURPOSES });
const keyPerson = (): FieldRule => ({ scope: 'keyperson:read', grants: { police: F }, purposes: KEY_PERSON_PURPOSES });
// The access log names who read which resident: auditors only, and only while auditing.
const audit = (): FieldRule => ({ scope: 'audit:read', grants: { auditor: F }, purposes: AUDIT_PURPOSES });
// A resident's own access report: residents only, reading their own.
const ownRecord = (): FieldRule => ({ scope: 'access-report:read', grants: { resident: F }, purposes: ['own-record'] });
// A police case's disclosure date, for the police working the case.
const caseDisclosure = (): FieldRule => ({ scope: 'case:write', grants: { police: F }, purposes: ['case-investigation'] });
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
// Collection at the source. A declaration is read by whoever declared it, while declaring, and by the
// department that confirms its kind, under its own administrative purpose: each with its own permission.
// Which declarations each sees is the row rule (ROW_SCOPES.Declaration).
const REVIEWERS = { police: F, housing: F, labour: F };
const REVIEW_PURPOSES: readonly Purpose[] = ['population-management', 'housing-administration', 'labour-administration'];
const declared = (grants: FieldRule['grants'] = { ...DECLARANTS, ...REVIEWERS }): FieldRule => ({
  scope: ['declaration:write', 'declaration:review'],
  grants,
  purposes: ['declaration', ...REVIEW_PURPOSES],
});
const reviewed = (): FieldRule => ({ scope: 'declaration:review', grants: REVIEWERS, purposes: REVIEW_PURPOSES });
const declaring = (): FieldRule => ({ scope: 'declaration:write', grants: DECLARANTS, purposes: ['declaration'] });
// Premises links are issued by the department owning the premises and by the declarants answering for them.
const LINK_ISSUERS = { landlord: F, employer: F, housing: F, labour: F };
const linked = (grants: FieldRule['grants'] = LINK_ISSUERS): FieldRule => ({
  scope: ['declaration:write', 'declaration:review'],
  grants,
  purposes: ['declaration', 'housing-administration', 'labour-administration'],
});
// Where premises lie and what they are called, asked when a link is issued: their department and the declarant naming them.
const housePremises = (): FieldRule => ({ scope: ['housing:read', 'declaration:write'], grants: { housing: F, landlord: F }, purposes: ['housing-administration', 'declaration'] });
const employerPremises = (): FieldRule => ({ scope: ['labour:read', 'declaration:write'], grants: { labour: F, employer: F }, purposes: ['labour-administration', 'declaration'] });
// Collection figures: counts, for the departments that confirm and the grid offices rated on completeness.
const FIGURE_READERS = { police: F, housing: F, labour: F, grid: F };
const figures = (): FieldRule => ({ scope: 'collection:read', grants: FIGURE_READERS, purposes: [...REVIEW_PURPOSES, 'community-service', 'statistics'] });
const premisesNamed = (): FieldRule => ({
  scope: ['declaration:write', 'declaration:review', 'collection:read'],
  grants: { ...DECLARANTS, ...REVIEWERS, grid: F },
  purposes: ['declaration', ...REVIEW_PURPOSES, 'community-service', 'statistics'],
});

// ── Imports of legacy records (docs/import.md) ──
// Each department imports only its own kinds of record, for its administrative purpose, under its own write
// permission; an import's state and its refused rows are for the departments that import, for those purposes.
const IMPORT_PURPOSES: readonly Purpose[] = ['population-management', 'housing-administration', 'labour-administration', 'public-health'];
const importState = (): FieldRule => ({ scope: 'person:read', grants: { police: F, housing: F, labour: F, health: F }, purposes: IMPORT_PURPOSES });
const importOf = (scope: Permission, role: Role, purpose: Purpose): FieldRule => write(scope, role, [purpose]);

const IMPORT_READ_POLICY: Readonly<Record<string, FieldRule>> = {
  'Query.policeImportJob': importOf('person:write', 'police', 'population-management'),
  'Query.policeImportJobs': importOf('person:write', 'police', 'population-management'),
  'Query.housingImportJob': importOf('housing:write', 'housing', 'housing-administration'),
  'Query.housingImportJobs': importOf('housing:write', 'housing', 'housing-administration'),
  'Query.labourImportJob': importOf('labour:write', 'labour', 'labour-administration'),
  'Query.labourImportJobs': importOf('labour:write', 'labour', 'labour-administration'),
  'Query.healthImportJob': importOf('health:write', 'health', 'public-health'),
  'Query.healthImportJobs': importOf('health:write', 'health', 'public-health'),

  'ImportJob.id': importState(),
  'ImportJob.kind': importState(),
  'ImportJob.fileName': importState(),
  'ImportJob.fileDigest': importState(),
  'ImportJob.rowCount': importState(),
  'ImportJob.fields': importState(),
  'ImportJob.batchSize': importState(),
  'ImportJob.dryRun': importState(),
  'ImportJob.status': importState(),
  'ImportJob.rowsDone': importState(),
  'ImportJob.loaded': importState(),
  'ImportJob.unchanged': importState(),
  'ImportJob.refused': importState(),
  'ImportJob.committedBatches': importState(),
  'ImportJob.reportDigest': importState(),
  'ImportJob.startedBy': importState(),
  'ImportJob.startedAt': importState(),
  'ImportJob.finishedAt': importState(),
  'ImportJob.refusals': importState(),
  'ImportRowResult.rowNumber': importState(),
  'ImportRowResult.status': importState(),
  'ImportRowResult.recordId': importState(),
  'ImportRowResult.problems': importState(),
  'ImportProblem.field': importState(),
  'ImportProblem.code': importState(),
  'ImportProblem.message': importState(),
  'ImportProblem.rule': importState(),
};

const IMPORT_WRITE_POLICY: Readonly<Record<string, FieldRule>> = {
  'Mutation.startPoliceImport': importOf('person:write', 'police', 'population-management'),
  'Mutation.importPoliceRows': importOf('person:write', 'police', 'population-management'),
  'Mutation.finishPoliceImport': importOf('person:write', 'police', 'population-management'),
  'Mutation.startHousingImport': importOf('housing:write', 'housing', 'housing-administration'),
  'Mutation.importHousingRows': importOf('housing:write', 'housing', 'housing-administration'),
  'Mutation.finishHousingImport': importOf('housing:write', 'housing', 'housing-administration'),
  'Mutation.startLabourImport': importOf('labour:write', 'labour', 'labour-administration'),
  'Mutation.importLabourRows': importOf('labour:write', 'labour', 'labour-administration'),
  'Mutation.finishLabourImport': importOf('labour:write', 'labour', 'labour-administration'),
  'Mutation.startHealthImport': importOf('health:write', 'health', 'public-health'),
  'Mutation.importHealthRows': importOf('health:write', 'health', 'public-health'),
  'Mutation.finishHealthImport': importOf('health:write', 'health', 'public-health'),
};
// ── end of imports ──

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
  // An entitled service's yes or no, by identity number: whether a residence permit is valid, whether the person
  // lives in a district or grid. Nothing else of the record; each answer recorded, a number nobody holds too.
  'Query.holdsValidResidencePermit': verification(),
  'Query.livesInDistrict': verification(),
  'Query.livesInGrid': verification(),
  'VerificationAnswer.holds': verification(),
  // A declarant checks the number and name a tenant or worker gave: one of two words, never who or why not.
  'Query.declaredIdentityCheck': declaredIdentity(),
  'DeclaredIdentityCheck.result': declaredIdentity(),
  'DeclaredIdentityCheck.message': declaredIdentity(),
  // Labour registers a worker, housing a tenant, by the number and name a declarant gave; each learns yes or no, and the id only on yes.
  // Housing and health do the same for the owners and the vaccinated their old files name, when they import them (docs/import.md).
  'Query.identityChecks': person(IDENTITY_CHECKERS, { purposes: IDENTITY_CHECK_PURPOSES }),
  'IdentityCheck.confirmed': person(IDENTITY_CHECKERS, { purposes: IDENTITY_CHECK_PURPOSES }),
  'IdentityCheck.personId': person(IDENTITY_CHECKERS, { purposes: IDENTITY_CHECK_PURPOSES }),
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
  'Tenancy.room': housing(),
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

  // Premises as a link names them (housing's houses, labour's employers)
  'Query.housePremises': housePremises(),
  'HousePremises.code': housePremises(),
  'HousePremises.found': housePremises(),
  'HousePremises.gridCode': housePremises(),
  'HousePremises.divisionCode': housePremises(),
  'HousePremises.address': housePremises(),
  'Query.employerPremises': employerPremises(),
  'EmployerPremises.creditCode': employerPremises(),
  'EmployerPremises.found': employerPremises(),
  'EmployerPremises.gridCode': employerPremises(),
  'EmployerPremises.divisionCode': employerPremises(),
  'EmployerPremises.name': employerPremises(),

  // Declarations (the hub's declarations subgraph): the declarant's own, the department's queue
  'Query.declaration': declared(),
  'Query.myDeclarations': declaring(),
  'Query.declarations': reviewed(),
  'Query.premisesLink': declared(),
  'Query.collectionFigures': figures(),

  'Declaration.id': declared(),
  'Declaration.kind': declared(),
  'Declaration.status': declared(),
  'Declaration.idNumber': declared(),
  'Declaration.name': declared(),
  'Declaration.phone': declared(),
  'Declaration.start': declared(),
  'Declaration.room': declared(),
  'Declaration.position': declared(),
  'Declaration.landlordName': declared(),
  'Declaration.monthlyRent': declared(),
  'Declaration.socialInsurance': declared(),
  'Declaration.address': declared(),
  'Declaration.divisionCode': declared(),
  'Declaration.gridCode': declared(),
  'Declaration.premises': declared(),
  'Declaration.submittedAt': declared(),
  'Declaration.decidedAt': declared(),
  'Declaration.rejectionReason': declared(),
  // Who declared, who decided and what the register now holds: the department's; a declarant reads only the status.
  'Declaration.declarant': reviewed(),
  'Declaration.declarantRole': reviewed(),
  'Declaration.decidedBy': reviewed(),
  'Declaration.recordId': reviewed(),

  // Premises are also what collection figures are counted by.
  'Premises.kind': premisesNamed(),
  'Premises.code': premisesNamed(),
  // What the premises are called: not for a resident, who declares at premises that are not theirs.
  'Premises.label': declared({ landlord: F, employer: F, ...REVIEWERS }),

  'PremisesLink.id': linked(),
  'PremisesLink.premises': linked(),
  'PremisesLink.url': linked(),
  'PremisesLink.token': linked(),
  'PremisesLink.issuedAt': linked(),
  'PremisesLink.expiresAt': linked(),
  'PremisesLink.revokedAt': linked(),
  'PremisesLink.qrSvg': linked(),
  'PremisesLink.qrPngDataUrl': linked(),

  'PremisesLinkCheck.premises': declared(),
  'PremisesLinkCheck.valid': declared(),
  'PremisesLinkCheck.expired': declared(),
  'PremisesLinkCheck.revoked': declared(),
  'PremisesLinkCheck.expiresAt': declared(),

  'DeclarationDecision.id': reviewed(),
  'DeclarationDecision.declaration': reviewed(),
  'DeclarationDecision.done': reviewed(),
  'DeclarationDecision.problems': reviewed(),
  'DeclarationProblem.field': reviewed(),
  'DeclarationProblem.code': reviewed(),
  'DeclarationProblem.message': reviewed(),

  'CollectionFigures.total': figures(),
  'CollectionFigures.byGrid': figures(),
  'CollectionFigures.byPremises': figures(),
  'CollectionCounts.received': figures(),
  'CollectionCounts.confirmed': figures(),
  'CollectionCounts.rejected': figures(),
  'CollectionCounts.pending': figures(),
  'CollectionCounts.medianSecondsToConfirm': figures(),
  'GridCollectionFigures.gridCode': figures(),
  'GridCollectionFigures.counts': figures(),
  'PremisesCollectionFigures.premises': figures(),
  'PremisesCollectionFigures.counts': figures(),

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
  'AuditEvent.lookups': audit(),
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

  // Anomaly flags on the access log (audit/anomalies/): read like the log itself, by auditors while auditing.
  'Query.anomalyFlags': audit(),
  'Query.anomalyFlag': audit(),
  'Query.anomalyRules': audit(),

  'AnomalyFlag.id': audit(),
  'AnomalyFlag.rule': audit(),
  'AnomalyFlag.title': audit(),
  'AnomalyFlag.titleZh': audit(),
  'AnomalyFlag.summary': audit(),
  'AnomalyFlag.status': audit(),
  'AnomalyFlag.subject': audit(),
  'AnomalyFlag.department': audit(),
  'AnomalyFlag.roles': audit(),
  'AnomalyFlag.caseId': audit(),
  'AnomalyFlag.windowStart': audit(),
  'AnomalyFlag.windowEnd': audit(),
  'AnomalyFlag.observed': audit(),
  'AnomalyFlag.baseline': audit(),
  'AnomalyFlag.departmentBaseline': audit(),
  'AnomalyFlag.threshold': audit(),
  'AnomalyFlag.measures': audit(),
  'AnomalyFlag.exampleRecordIds': audit(),
  'AnomalyFlag.exampleRequestIds': audit(),
  'AnomalyFlag.raisedAt': audit(),
  'AnomalyFlag.updatedAt': audit(),
  'AnomalyFlag.reviews': audit(),

  'AnomalyMeasure.name': audit(),
  'AnomalyMeasure.value': audit(),
  'AnomalyMeasure.meaning': audit(),

  'AnomalyReview.id': audit(),
  'AnomalyReview.verdict': audit(),
  'AnomalyReview.note': audit(),
  'AnomalyReview.addressedTo': audit(),
  'AnomalyReview.reviewer': audit(),
  'AnomalyReview.reviewerDepartment': audit(),
  'AnomalyReview.reviewedAt': audit(),
  'AnomalyReview.requestId': audit(),
  'AnomalyReview.observedAtReview': audit(),

  'AnomalyRule.id': audit(),
  'AnomalyRule.title': audit(),
  'AnomalyRule.titleZh': audit(),
  'AnomalyRule.meaning': audit(),
  'AnomalyRule.window': audit(),
  'AnomalyRule.observed': audit(),
  'AnomalyRule.baseline': audit(),
  'AnomalyRule.raisedWhen': audit(),
  'AnomalyRule.measures': audit(),
  'AnomalyRule.settings': audit(),
  'AnomalyRule.examples': audit(),

  'AnomalyRuleMeasure.name': audit(),
  'AnomalyRuleMeasure.meaning': audit(),

  'AnomalySetting.variable': audit(),
  'AnomalySetting.value': audit(),
  'AnomalySetting.default': audit(),
  'AnomalySetting.meaning': audit(),
  // Audit views: the overview, a resident's history by identity number, an officer against their department
  'Query.auditOverview': audit(),
  'Query.residentHistory': audit(),
  'Query.residentAccessExport': audit(),
  'Query.officerActivity': audit(),
  'AuditEvent.withheldFromResident': audit(),
  'AuditEvent.withheldUntil': audit(),
  'AuditOverview.from': audit(),
  'AuditOverview.to': audit(),
  'AuditOverview.days': audit(),
  'AuditOverview.totals': audit(),
  'AuditOverview.accessesByDepartment': audit(),
  'AuditOverview.accessesByPurpose': audit(),
  'AuditOverview.accessesByDecision': audit(),
  'AuditOverview.requestsByOutcome': audit(),
  'AuditOverview.refusalsByReason': audit(),
  'AuditOverview.rateLimitHits': audit(),
  'AuditOverview.withheldFromResidents': audit(),
  'AuditOverview.integrity': audit(),

  'DailyCounts.key': audit(),
  'DailyCounts.counts': audit(),
  'DailyCounts.total': audit(),

  'AuditTotals.requests': audit(),
  'AuditTotals.accesses': audit(),
  'AuditTotals.recordsServed': audit(),
  'AuditTotals.fullAccesses': audit(),
  'AuditTotals.maskedAccesses': audit(),
  'AuditTotals.deniedAccesses': audit(),
  'AuditTotals.refusals': audit(),
  'AuditTotals.rateLimitHits': audit(),

  'WithheldAccesses.accesses': audit(),
  'WithheldAccesses.cases': audit(),

  'WithheldCase.caseId': audit(),
  'WithheldCase.accesses': audit(),
  'WithheldCase.discloseAfter': audit(),

  'AuditIntegrity.lastVerification': audit(),
  'AuditIntegrity.latestCheckpoint': audit(),
  'AuditIntegrity.witnesses': audit(),
  'AuditIntegrity.latestWitnessed': audit(),

  'VerificationRun.verifiedAt': audit(),
  'VerificationRun.ok': audit(),
  'VerificationRun.chains': audit(),
  'VerificationRun.events': audit(),
  'VerificationRun.problems': audit(),
  'VerificationRun.evidenceProblems': audit(),
  'VerificationRun.durationMs': audit(),
  'VerificationRun.checkpointSeq': audit(),
  'VerificationRun.ranBy': audit(),

  'ResidentHistory.personId': audit(),
  'ResidentHistory.withheldFromResident': audit(),
  'ResidentHistory.accesses': audit(),

  'SignedAuditExport.fileName': audit(),
  'SignedAuditExport.content': audit(),
  'SignedAuditExport.events': audit(),
  'SignedAuditExport.keyId': audit(),

  'OfficerActivity.subject': audit(),
  'OfficerActivity.department': audit(),
  'OfficerActivity.from': audit(),
  'OfficerActivity.to': audit(),
  'OfficerActivity.days': audit(),
  'OfficerActivity.accessesPerDay': audit(),
  'OfficerActivity.distinctResidentsPerDay': audit(),
  'OfficerActivity.deniedPerDay': audit(),
  'OfficerActivity.accessesByHour': audit(),
  'OfficerActivity.byPurpose': audit(),
  'OfficerActivity.byType': audit(),
  'OfficerActivity.distinctResidents': audit(),
  'OfficerActivity.departmentDistinctResidents': audit(),
  'OfficerActivity.accesses': audit(),
  'OfficerActivity.departmentAccesses': audit(),
  'OfficerActivity.departmentOfficers': audit(),
  'OfficerActivity.daysAboveDepartmentP90': audit(),

  'OfficerPurpose.purpose': audit(),
  'OfficerPurpose.accesses': audit(),
  'OfficerPurpose.distinctResidents': audit(),

  'DailySpread.days': audit(),
  'DailySpread.median': audit(),
  'DailySpread.p90': audit(),
  'DailySpread.max': audit(),

  // The number an auditor asks about, resolved by the police register to the resident's hub id and nothing else
  'Query.auditedResident': audit(),
  'AuditedResident.personId': audit(),

  // A resident's own access report: which departments read their records, when and why; never who
  'Query.myAccessReport': ownRecord(),
  'Query.ownRecord': ownRecord(),
  'OwnRecord.personId': ownRecord(),
  'AccessReportEntry.occurredAt': ownRecord(),
  'AccessReportEntry.department': ownRecord(),
  'AccessReportEntry.purpose': ownRecord(),
  'AccessReportEntry.purposeMeaning': ownRecord(),
  'AccessReportEntry.source': ownRecord(),
  'AccessReportEntry.record': ownRecord(),
  'AccessReportEntry.fields': ownRecord(),

  // When a case's accesses may be shown to the residents they name: the police working the case
  'CaseDisclosure.caseId': caseDisclosure(),
  'CaseDisclosure.discloseAfter': caseDisclosure(),
  'CaseDisclosure.setAt': caseDisclosure(),
  'CaseDisclosure.withheldNow': caseDisclosure(),

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

  // Imports of legacy records (above)
  ...IMPORT_READ_POLICY,
};

/** Writes: each department writes only its own records. */
export const WRITE_POLICY: Readonly<Record<string, FieldRule>> = {
  'Mutation.registerPerson': write('person:write', 'police', ['population-management']),
  'Mutation.registerResidence': write('person:write', 'police', ['population-management']),
  'Mutation.registerResidenceByIdentity': write('person:write', 'police', ['population-management']),
  'Mutation.recordMoveOut': write('person:write', 'police', ['population-management']),
  'Mutation.issueResidencePermit': write('person:write', 'police', ['population-management']),
  'Mutation.registerHouse': write('housing:write', 'housing', ['housing-administration']),
  'Mutation.registerTenancy': write('housing:write', 'housing', ['housing-administration']),
  'Mutation.registerTenancyByIdentity': write('housing:write', 'housing', ['housing-administration']),
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
  // An auditor's verdict on an anomaly flag: a permission of its own, so a token may read the log and not review it.
  'Mutation.reviewAnomalyFlag': write('audit:review', 'auditor', AUDIT_PURPOSES),
  // Declarations: declarants declare; the owning department confirms or rejects; links are issued and revoked
  // by the department owning the premises and by the declarants answering for them.
  'Mutation.submitDeclaration': declaring(),
  'Mutation.confirmDeclarations': reviewed(),
  'Mutation.rejectDeclarations': reviewed(),
  'Mutation.issuePremisesLink': linked(),
  'Mutation.revokePremisesLink': linked(),
  // Officers act on their own department's alerts, and each department manages its own webhooks.
  'Mutation.acknowledgeAlert': alertWrite(),
  'Mutation.resolveAlert': alertWrite(),
  'Mutation.reassignAlert': alertWrite(),
  'Mutation.registerAlertWebhook': alertWrite(),
  'Mutation.removeAlertWebhook': alertWrite(),
  // The police set when residents may learn what their case read.
  'Mutation.setCaseDisclosure': write('case:write', 'police', ['case-investigation']),
  // Imports of legacy records (above)
  ...IMPORT_WRITE_POLICY,
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
    "accesses every record of which lies inside, by the place the serving department's own rule gives it (the recorded-types table); requests, refusals and records that carry no place (health, partner notices, a reference holding only an id) only to unconfined auditors, who review every department; a resident outside has the same empty history as an unknown one; the overview and an officer's activity count only what is shown; auditVerification, the overview's integrity and exports only to unconfined auditors",
  AccessReportEntry: "a resident's own report names only accesses to records naming the resident their token names, made by others, and none withheld under a case investigation",
  PartnerNotice: 'notices name places in other cities: only unconfined principals',
  Alert:
    "the alert goes to the principal's department, its grid or district is one of the principal's (an alert with no place only to unconfined principals), and the declared purpose is one of the alert's purposes; any other alert answers exactly as an unknown one (null; NOT_FOUND to an action)",
  Declaration:
    "a declarant its own declarations (by the subject of its credential); a department the kinds it confirms (housing tenancies, labour employments, the police residences) whose grid or district is one of the principal's; any other answers exactly as an unknown one (null; NOT_FOUND to a confirmation)",
  HousePremises: "a landlord only the houses its credential names; housing's officers the houses in their jurisdiction; any other code answers as one not registered",
  EmployerPremises: "an employer only the credit codes its credential names; labour's officers the employers in their jurisdiction; any other code answers as one not registered",
  PremisesLink: 'issued and revoked for premises the caller answers for: housing for houses, labour for employers, a declarant for the premises its credential names; the label only to them',
  AlertWebhook:
    "the principal's own department's, registered for exactly the principal's jurisdiction, whose alerts alone it receives (an unconfined principal: every one of the department's)",
};
