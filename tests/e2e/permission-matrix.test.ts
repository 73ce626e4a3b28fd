import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalJson } from '../../audit/chain.js';
import { Checkpointer } from '../../audit/checkpoint.js';
import { publicKeyFingerprint, signReceipt } from '../../exchange/signing.js';
import { WITNESS_FILE } from '../../audit/witnesses.js';
import { witnessMessageId, type WitnessLine } from '../../exchange/witness.js';
import { testLogger } from '../support/servers.js';
import { and, eq, isNull } from 'drizzle-orm';
import { anomalyFlags, anomalyReviews, auditEvents } from '../../audit/db/schema.js';
import { getNamedType, isLeafType, isObjectType, Kind, parse, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../auth/decide.js';
import { applyMask } from '../../auth/masking.js';
import { POLICY, READ_POLICY, WRITE_POLICY } from '../../auth/policy.js';
import type { Principal, RequestMeta } from '../../auth/principal.js';
import { declarablePurposes, PURPOSE_NAMES, PURPOSE_REGISTRY, type Purpose } from '../../auth/purposes.js';
import { DECLARANT_ROLES, ROLES, type DeclarantRole, type Role } from '../../auth/roles.js';
import { DEPARTMENTS } from '../../subgraphs/registry.js';
import { fromRoot } from '../../platform/paths.js';
import { apiSchema } from '../../schema/compose.js';
import * as exchange from '../../exchange/db/schema.js';
import * as alertStore from '../../alerts/db/schema.js';
import { PremisesLinkSigner } from '../../auth/premises-link.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import * as health from '../../subgraphs/health/db/schema.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { principalForRole, TEST_PURPOSES } from '../support/tokens.js';
import { DEPARTMENT_IMPORTS, emptyRow, importOf, sentRows, startedJob } from '../support/imports.js';

/**
 * Every role against every field the policy names, through the gateway and
 * through `_entities` on each subgraph, asserting full / masked / denied
 * exactly as `auth/policy.ts` declares. The expectations are computed from the
 * policy, so a change to the policy changes what this test demands.
 */

let hub: TestHub;
let schema: GraphQLSchema;
const checkpointDir = mkdtempSync(path.join(tmpdir(), 'hub-matrix-checkpoints-'));
const subject = { personId: '', idNumber: '', name: '', houseId: '', houseCode: '', gridCode: '', employerId: '', creditCode: '', alertId: '', linkToken: '', flagId: '' };
/** Each department's import job, with a row it refused. */
const importJobs = new Map<string, string>();

/** The purpose each role declares where a test is not about purposes: one its own rules release. */
// The police read key-person flags under a case, which the other tests' population-management does not release.
const PURPOSE_OF: Readonly<Record<Role, Purpose>> = { ...TEST_PURPOSES, police: 'case-investigation' };

/** The case number sent with every purpose the registry says needs one. */
const CASE_ID = 'CASE-2026-001';
const caseFor = (purpose: Purpose) => (PURPOSE_REGISTRY.get(purpose)?.needsCase ? CASE_ID : undefined);

function principalOf(role: Role): Principal {
  // A grid worker works in the subject's grid, so rows are inside their jurisdiction.
  return principalForRole(role, role === 'grid' ? { jurisdiction: { divisions: [], grids: [subject.gridCode] } } : {});
}

const metaOf = (role: Role, purpose: Purpose = PURPOSE_OF[role]): RequestMeta => ({ requestId: 'matrix', principal: principalOf(role), purpose, caseId: caseFor(purpose) ?? null });

const claimsOf = (role: Role) =>
  role === 'grid'
    ? { dept: 'grid', roles: ['grid'], jurisdiction: { grids: [subject.gridCode] } }
    : // A resident signs in as the subject, whose identity number their token names.
      role === 'resident'
      ? { sub: 'resident-test-user', dept: 'resident', roles: ['resident'], idNumber: subject.idNumber }
      : role;

async function gatewayHeaders(role: Role, purpose: Purpose = PURPOSE_OF[role]): Promise<Record<string, string>> {
  return hub.headers(claimsOf(role), purpose, caseFor(purpose));
}

/** Selection of every field of a type the policy names; object-valued fields select their typename. */
function selectionOf(typeName: string, fieldNames?: readonly string[]): string {
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const fields = type.getFields();
  return (fieldNames ?? Object.keys(fields))
    .filter((name) => POLICY[`${typeName}.${name}`] && fields[name])
    .map((name) => (isLeafType(getNamedType(fields[name]!.type)) ? name : `${name} { __typename }`))
    .join(' ');
}

interface Path {
  query: (selection: string) => string;
  at: (data: any) => any;
  prefix: (string | number)[];
}

/** The current role of the gateway run, for the types each kind of caller reaches by a way of its own. */
let reachingAs: Role = 'police';

/** A declaration: a declarant reaches its own, a department its queue. */
const declarationPath = (): Path =>
  DECLARANT_ROLES.includes(reachingAs as DeclarantRole)
    ? { query: (s) => `{ myDeclarations(first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.myDeclarations?.edges?.[0]?.node, prefix: ['myDeclarations', 'edges', 0, 'node'] }
    : { query: (s) => `{ declarations(first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.declarations?.edges?.[0]?.node, prefix: ['declarations', 'edges', 0, 'node'] };

/** An import job: a department reaches its own department's, every other role the police's (and is refused on the way). */
const importsReached = () => importOf(DEPARTMENT_IMPORTS.some((entry) => entry.department === reachingAs) ? reachingAs : 'police');
const importJobPath = (below: (s: string) => string, at: (node: any) => any, prefix: (string | number)[]): Path => {
  const { jobs } = importsReached();
  return { query: (s) => `{ ${jobs}(first: 1) { edges { node { ${below(s)} } } } }`, at: (d) => at(d?.[jobs]?.edges?.[0]?.node), prefix: [jobs, 'edges', 0, 'node', ...prefix] };
};

/** The officer the seeded anomaly flag is about: the detector's own flags about the test's callers are not the one read. */
const FLAGGED = 'matrix-flagged-officer';

/** Paths from an entry point to one instance of each type, for the gateway run. */
const PATHS: Record<string, Path> = {
  // Collection at the source
  get Declaration() {
    return declarationPath();
  },
  // Imports of legacy records: a department's newest job, the row it refused, and why
  get ImportJob() {
    return importJobPath((s) => s, (node) => node, []);
  },
  get ImportRowResult() {
    return importJobPath((s) => `refusals(first: 1) { edges { node { ${s} } } }`, (node) => node?.refusals?.edges?.[0]?.node, ['refusals', 'edges', 0, 'node']);
  },
  get ImportProblem() {
    return importJobPath(
      (s) => `refusals(first: 1) { edges { node { problems { ${s} } } } }`,
      (node) => node?.refusals?.edges?.[0]?.node?.problems?.[0],
      ['refusals', 'edges', 0, 'node', 'problems', 0],
    );
  },
  Premises: { query: (s) => `query($linkToken: String!) { premisesLink(token: $linkToken) { premises { ${s} } } }`, at: (d) => d?.premisesLink?.premises, prefix: ['premisesLink', 'premises'] },
  PremisesLinkCheck: { query: (s) => `query($linkToken: String!) { premisesLink(token: $linkToken) { ${s} } }`, at: (d) => d?.premisesLink, prefix: ['premisesLink'] },
  CollectionFigures: { query: (s) => `{ collectionFigures { ${s} } }`, at: (d) => d?.collectionFigures, prefix: ['collectionFigures'] },
  CollectionCounts: { query: (s) => `{ collectionFigures { total { ${s} } } }`, at: (d) => d?.collectionFigures?.total, prefix: ['collectionFigures', 'total'] },
  GridCollectionFigures: { query: (s) => `{ collectionFigures { byGrid { ${s} } } }`, at: (d) => d?.collectionFigures?.byGrid?.[0], prefix: ['collectionFigures', 'byGrid', 0] },
  PremisesCollectionFigures: { query: (s) => `{ collectionFigures { byPremises { ${s} } } }`, at: (d) => d?.collectionFigures?.byPremises?.[0], prefix: ['collectionFigures', 'byPremises', 0] },
  HousePremises: { query: (s) => `query($houseCode: String!) { housePremises(codes: [$houseCode]) { ${s} } }`, at: (d) => d?.housePremises?.[0], prefix: ['housePremises', 0] },
  EmployerPremises: { query: (s) => `query($creditCode: String!) { employerPremises(creditCodes: [$creditCode]) { ${s} } }`, at: (d) => d?.employerPremises?.[0], prefix: ['employerPremises', 0] },
  Person: { query: (s) => `query($id: ID!) { person(id: $id) { ${s} } }`, at: (d) => d?.person, prefix: ['person'] },
  ResidenceRegistration: { query: (s) => `query($id: ID!) { person(id: $id) { residence { ${s} } } }`, at: (d) => d?.person?.residence, prefix: ['person', 'residence'] },
  ResidencePermit: { query: (s) => `query($id: ID!) { person(id: $id) { residencePermit { ${s} } } }`, at: (d) => d?.person?.residencePermit, prefix: ['person', 'residencePermit'] },
  MoveOut: { query: (s) => `query($id: ID!) { person(id: $id) { moveOut { ${s} } } }`, at: (d) => d?.person?.moveOut, prefix: ['person', 'moveOut'] },
  KeyPersonFlag: { query: (s) => `query($id: ID!) { person(id: $id) { keyPersonFlags { ${s} } } }`, at: (d) => d?.person?.keyPersonFlags?.[0], prefix: ['person', 'keyPersonFlags', 0] },
  Tenancy: { query: (s) => `query($id: ID!) { person(id: $id) { tenancies { edges { node { ${s} } } } } }`, at: (d) => d?.person?.tenancies?.edges?.[0]?.node, prefix: ['person', 'tenancies', 'edges', 0, 'node'] },
  Employment: { query: (s) => `query($id: ID!) { person(id: $id) { employments { edges { node { ${s} } } } } }`, at: (d) => d?.person?.employments?.edges?.[0]?.node, prefix: ['person', 'employments', 'edges', 0, 'node'] },
  HealthProfile: { query: (s) => `query($id: ID!) { person(id: $id) { healthProfile { ${s} } } }`, at: (d) => d?.person?.healthProfile, prefix: ['person', 'healthProfile'] },
  Vaccination: { query: (s) => `query($id: ID!) { person(id: $id) { healthProfile { vaccinations { edges { node { ${s} } } } } } }`, at: (d) => d?.person?.healthProfile?.vaccinations?.edges?.[0]?.node, prefix: ['person', 'healthProfile', 'vaccinations', 'edges', 0, 'node'] },
  MaternalCareRecord: { query: (s) => `query($id: ID!) { person(id: $id) { healthProfile { maternalCare { edges { node { ${s} } } } } } }`, at: (d) => d?.person?.healthProfile?.maternalCare?.edges?.[0]?.node, prefix: ['person', 'healthProfile', 'maternalCare', 'edges', 0, 'node'] },
  Checkup: { query: (s) => `query($id: ID!) { person(id: $id) { healthProfile { checkups { edges { node { ${s} } } } } } }`, at: (d) => d?.person?.healthProfile?.checkups?.edges?.[0]?.node, prefix: ['person', 'healthProfile', 'checkups', 'edges', 0, 'node'] },
  House: { query: (s) => `query($house: ID!) { house(id: $house) { ${s} } }`, at: (d) => d?.house, prefix: ['house'] },
  Grid: { query: (s) => `query($grid: String!) { grid(code: $grid) { ${s} } }`, at: (d) => d?.grid, prefix: ['grid'] },
  Employer: { query: (s) => `query($employer: ID!) { employer(id: $employer) { ${s} } }`, at: (d) => d?.employer, prefix: ['employer'] },
  // The yes/no checks a department asks before it writes.
  PersonCheck: { query: (s) => `query($id: ID!) { personChecks(checks: [{ personId: $id }]) { ${s} } }`, at: (d) => d?.personChecks?.[0], prefix: ['personChecks', 0] },
  GridCheck: { query: (s) => `query($grid: String!) { gridChecks(codes: [$grid]) { ${s} } }`, at: (d) => d?.gridChecks?.[0], prefix: ['gridChecks', 0] },
  HouseCheck: { query: (s) => `query($houseCode: String!) { houseChecks(checks: [{ code: $houseCode }]) { ${s} } }`, at: (d) => d?.houseChecks?.[0], prefix: ['houseChecks', 0] },
  IdentityCheck: {
    query: (s) => `{ identityChecks(checks: [{ idNumber: "${subject.idNumber}", name: "${subject.name}" }]) { ${s} } }`,
    at: (d) => d?.identityChecks?.[0],
    prefix: ['identityChecks', 0],
  },
  // An entitled service's yes or no, and a declarant's identity check, about the subject.
  VerificationAnswer: { query: (s) => `{ holdsValidResidencePermit(idNumber: "${subject.idNumber}") { ${s} } }`, at: (d) => d?.holdsValidResidencePermit, prefix: ['holdsValidResidencePermit'] },
  DeclaredIdentityCheck: {
    query: (s) => `{ declaredIdentityCheck(idNumber: "${subject.idNumber}", name: "${subject.name}") { ${s} } }`,
    at: (d) => d?.declaredIdentityCheck,
    prefix: ['declaredIdentityCheck'],
  },
  // The access log: an access in which some field was released in full has a field to show.
  AuditEvent: { query: (s) => `{ auditEvents(first: 1, filter: { kind: ACCESS, decision: FULL }) { edges { node { ${s} } } } }`, at: (d) => d?.auditEvents?.edges?.[0]?.node, prefix: ['auditEvents', 'edges', 0, 'node'] },
  FieldAccess: { query: (s) => `{ auditEvents(first: 1, filter: { kind: ACCESS, decision: FULL }) { edges { node { fields { ${s} } } } } }`, at: (d) => d?.auditEvents?.edges?.[0]?.node?.fields?.[0], prefix: ['auditEvents', 'edges', 0, 'node', 'fields', 0] },
  PrincipalActivity: { query: (s) => `query($from: DateTime!, $to: DateTime!) { principalActivity(subject: "police-test-user", from: $from, to: $to) { ${s} } }`, at: (d) => d?.principalActivity, prefix: ['principalActivity'] },
  PurposeActivity: { query: (s) => `query($from: DateTime!, $to: DateTime!) { principalActivity(subject: "police-test-user", from: $from, to: $to) { byPurpose { ${s} } } }`, at: (d) => d?.principalActivity?.byPurpose?.[0], prefix: ['principalActivity', 'byPurpose', 0] },
  TypeActivity: { query: (s) => `query($from: DateTime!, $to: DateTime!) { principalActivity(subject: "police-test-user", from: $from, to: $to) { byType { ${s} } } }`, at: (d) => d?.principalActivity?.byType?.[0], prefix: ['principalActivity', 'byType', 0] },
  AuditVerification: { query: (s) => `{ auditVerification { ${s} } }`, at: (d) => d?.auditVerification, prefix: ['auditVerification'] },
  ChainProblem: { query: (s) => `{ auditVerification { problems { ${s} } } }`, at: (d) => d?.auditVerification?.problems?.[0], prefix: ['auditVerification', 'problems', 0] },
  VerifiedCheckpoint: { query: (s) => `{ auditVerification { checkpoint { ${s} } } }`, at: (d) => d?.auditVerification?.checkpoint, prefix: ['auditVerification', 'checkpoint'] },
  CheckpointWitness: { query: (s) => `{ auditVerification { witnesses { ${s} } } }`, at: (d) => d?.auditVerification?.witnesses?.[0], prefix: ['auditVerification', 'witnesses', 0] },
  // The audit views: the overview, a resident's history and its export, an officer's activity, residents' own report
  AuditOverview: { query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { ${s} } }`, at: (d) => d?.auditOverview, prefix: ['auditOverview'] },
  AuditTotals: { query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { totals { ${s} } } }`, at: (d) => d?.auditOverview?.totals, prefix: ['auditOverview', 'totals'] },
  DailyCounts: { query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { accessesByDepartment { ${s} } } }`, at: (d) => d?.auditOverview?.accessesByDepartment?.[0], prefix: ['auditOverview', 'accessesByDepartment', 0] },
  WithheldAccesses: { query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { withheldFromResidents { ${s} } } }`, at: (d) => d?.auditOverview?.withheldFromResidents, prefix: ['auditOverview', 'withheldFromResidents'] },
  WithheldCase: {
    query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { withheldFromResidents { cases { ${s} } } } }`,
    at: (d) => d?.auditOverview?.withheldFromResidents?.cases?.[0],
    prefix: ['auditOverview', 'withheldFromResidents', 'cases', 0],
  },
  AuditIntegrity: { query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { integrity { ${s} } } }`, at: (d) => d?.auditOverview?.integrity, prefix: ['auditOverview', 'integrity'] },
  VerificationRun: {
    query: (s) => `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { integrity { lastVerification { ${s} } } } }`,
    at: (d) => d?.auditOverview?.integrity?.lastVerification,
    prefix: ['auditOverview', 'integrity', 'lastVerification'],
  },
  ResidentHistory: { query: (s) => `{ residentHistory(idNumber: "${subject.idNumber}", first: 1) { ${s} } }`, at: (d) => d?.residentHistory, prefix: ['residentHistory'] },
  SignedAuditExport: { query: (s) => `query($id: ID!) { residentAccessExport(personId: $id) { ${s} } }`, at: (d) => d?.residentAccessExport, prefix: ['residentAccessExport'] },
  OfficerActivity: { query: (s) => `query($from: DateTime!, $to: DateTime!) { officerActivity(subject: "police-test-user", from: $from, to: $to) { ${s} } }`, at: (d) => d?.officerActivity, prefix: ['officerActivity'] },
  OfficerPurpose: {
    query: (s) => `query($from: DateTime!, $to: DateTime!) { officerActivity(subject: "police-test-user", from: $from, to: $to) { byPurpose { ${s} } } }`,
    at: (d) => d?.officerActivity?.byPurpose?.[0],
    prefix: ['officerActivity', 'byPurpose', 0],
  },
  DailySpread: {
    query: (s) => `query($from: DateTime!, $to: DateTime!) { officerActivity(subject: "police-test-user", from: $from, to: $to) { distinctResidents { ${s} } } }`,
    at: (d) => d?.officerActivity?.distinctResidents,
    prefix: ['officerActivity', 'distinctResidents'],
  },
  AccessReportEntry: { query: (s) => `{ myAccessReport(first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.myAccessReport?.edges?.[0]?.node, prefix: ['myAccessReport', 'edges', 0, 'node'] },
  AuditedResident: { query: (s) => `{ auditedResident(idNumber: "${subject.idNumber}") { ${s} } }`, at: (d) => d?.auditedResident, prefix: ['auditedResident'] },
  OwnRecord: { query: (s) => `{ ownRecord { ${s} } }`, at: (d) => d?.ownRecord, prefix: ['ownRecord'] },
  // The exchange with partner cities
  ExchangeCity: { query: (s) => `{ exchangeCity { ${s} } }`, at: (d) => d?.exchangeCity, prefix: ['exchangeCity'] },
  ExchangePartner: { query: (s) => `{ exchangePartner(code: "330100") { ${s} } }`, at: (d) => d?.exchangePartner, prefix: ['exchangePartner'] },
  ExchangeAgreement: { query: (s) => `{ exchangePartner(code: "330100") { agreements { ${s} } } }`, at: (d) => d?.exchangePartner?.agreements?.[0], prefix: ['exchangePartner', 'agreements', 0] },
  DeliveryCounts: { query: (s) => `{ exchangePartner(code: "330100") { delivery { ${s} } } }`, at: (d) => d?.exchangePartner?.delivery, prefix: ['exchangePartner', 'delivery'] },
  PartnerNotice: { query: (s) => `{ residentsInPartnerCities(first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.residentsInPartnerCities?.edges?.[0]?.node, prefix: ['residentsInPartnerCities', 'edges', 0, 'node'] },
  ExchangeLogEntry: { query: (s) => `{ exchangeLog(direction: SENT, first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.exchangeLog?.edges?.[0]?.node, prefix: ['exchangeLog', 'edges', 0, 'node'] },
  // The officers' inbox: each department's newest alert, and its own webhooks
  Alert: { query: (s) => `{ alerts(first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.alerts?.edges?.[0]?.node, prefix: ['alerts', 'edges', 0, 'node'] },
  AlertAction: { query: (s) => `{ alerts(first: 1) { edges { node { actions { ${s} } } } } }`, at: (d) => d?.alerts?.edges?.[0]?.node?.actions?.[0], prefix: ['alerts', 'edges', 0, 'node', 'actions', 0] },
  AlertWebhook: { query: (s) => `{ alertWebhooks { ${s} } }`, at: (d) => d?.alertWebhooks?.[0], prefix: ['alertWebhooks', 0] },
  // The anomaly flags on the log: the flag seeded about one officer, with its numbers and its review; the rules' table
  AnomalyFlag: { query: (s) => `{ anomalyFlags(filter: { subject: "${FLAGGED}" }, first: 1) { edges { node { ${s} } } } }`, at: (d) => d?.anomalyFlags?.edges?.[0]?.node, prefix: ['anomalyFlags', 'edges', 0, 'node'] },
  AnomalyMeasure: {
    query: (s) => `{ anomalyFlags(filter: { subject: "${FLAGGED}" }, first: 1) { edges { node { measures { ${s} } } } } }`,
    at: (d) => d?.anomalyFlags?.edges?.[0]?.node?.measures?.[0],
    prefix: ['anomalyFlags', 'edges', 0, 'node', 'measures', 0],
  },
  AnomalyReview: {
    query: (s) => `{ anomalyFlags(filter: { subject: "${FLAGGED}" }, first: 1) { edges { node { reviews { ${s} } } } } }`,
    at: (d) => d?.anomalyFlags?.edges?.[0]?.node?.reviews?.[0],
    prefix: ['anomalyFlags', 'edges', 0, 'node', 'reviews', 0],
  },
  AnomalyRule: { query: (s) => `{ anomalyRules { ${s} } }`, at: (d) => d?.anomalyRules?.[0], prefix: ['anomalyRules', 0] },
  AnomalyRuleMeasure: { query: (s) => `{ anomalyRules { measures { ${s} } } }`, at: (d) => d?.anomalyRules?.[0]?.measures?.[0], prefix: ['anomalyRules', 0, 'measures', 0] },
  AnomalySetting: { query: (s) => `{ anomalyRules { settings { ${s} } } }`, at: (d) => d?.anomalyRules?.[0]?.settings?.[0], prefix: ['anomalyRules', 0, 'settings', 0] },
};

/**
 * Types no query reaches: only a write's payload carries them, so what a role
 * gets of them is what the write gives its writer, tested where the write is.
 */
const PAYLOAD_ONLY = new Map<string, string>([
  ['RecordWarning', 'tests/rules/housing.test.ts (tenancy.group-rental)'],
  ['PremisesLink', 'tests/declarations/tenancy.test.ts (issuePremisesLink)'],
  ['DeclarationDecision', 'tests/declarations/tenancy.test.ts (confirmDeclarations)'],
  ['DeclarationProblem', 'tests/declarations/tenancy.test.ts (confirmDeclarations)'],
  ['CaseDisclosure', 'tests/audit/views-residents.test.ts (the case register)'],
]);

/** The coordinates on the way from the entry point to a type, which a role must be granted to reach it. */
const ROUTE: Record<string, string[]> = {
  get Declaration() {
    return DECLARANT_ROLES.includes(reachingAs as DeclarantRole) ? ['Query.myDeclarations'] : ['Query.declarations'];
  },
  get ImportJob() {
    return [`Query.${importsReached().jobs}`];
  },
  get ImportRowResult() {
    return [`Query.${importsReached().jobs}`, 'ImportJob.refusals'];
  },
  get ImportProblem() {
    return [`Query.${importsReached().jobs}`, 'ImportJob.refusals', 'ImportRowResult.problems'];
  },
  Premises: ['Query.premisesLink', 'PremisesLinkCheck.premises'],
  PremisesLinkCheck: ['Query.premisesLink'],
  CollectionFigures: ['Query.collectionFigures'],
  CollectionCounts: ['Query.collectionFigures', 'CollectionFigures.total'],
  GridCollectionFigures: ['Query.collectionFigures', 'CollectionFigures.byGrid'],
  PremisesCollectionFigures: ['Query.collectionFigures', 'CollectionFigures.byPremises'],
  HousePremises: ['Query.housePremises'],
  EmployerPremises: ['Query.employerPremises'],
  Person: ['Query.person'],
  ResidenceRegistration: ['Query.person', 'Person.residence'],
  ResidencePermit: ['Query.person', 'Person.residencePermit'],
  MoveOut: ['Query.person', 'Person.moveOut'],
  KeyPersonFlag: ['Query.person', 'Person.keyPersonFlags'],
  Tenancy: ['Query.person', 'Person.tenancies'],
  Employment: ['Query.person', 'Person.employments'],
  HealthProfile: ['Query.person', 'Person.healthProfile'],
  Vaccination: ['Query.person', 'Person.healthProfile', 'HealthProfile.vaccinations'],
  MaternalCareRecord: ['Query.person', 'Person.healthProfile', 'HealthProfile.maternalCare'],
  Checkup: ['Query.person', 'Person.healthProfile', 'HealthProfile.checkups'],
  House: ['Query.house'],
  Grid: ['Query.grid'],
  Employer: ['Query.employer'],
  PersonCheck: ['Query.personChecks'],
  GridCheck: ['Query.gridChecks'],
  HouseCheck: ['Query.houseChecks'],
  IdentityCheck: ['Query.identityChecks'],
  VerificationAnswer: ['Query.holdsValidResidencePermit'],
  DeclaredIdentityCheck: ['Query.declaredIdentityCheck'],
  AuditEvent: ['Query.auditEvents'],
  FieldAccess: ['Query.auditEvents', 'AuditEvent.fields'],
  PrincipalActivity: ['Query.principalActivity'],
  PurposeActivity: ['Query.principalActivity', 'PrincipalActivity.byPurpose'],
  TypeActivity: ['Query.principalActivity', 'PrincipalActivity.byType'],
  AuditVerification: ['Query.auditVerification'],
  ChainProblem: ['Query.auditVerification', 'AuditVerification.problems'],
  VerifiedCheckpoint: ['Query.auditVerification', 'AuditVerification.checkpoint'],
  CheckpointWitness: ['Query.auditVerification', 'AuditVerification.witnesses'],
  AuditOverview: ['Query.auditOverview'],
  AuditTotals: ['Query.auditOverview', 'AuditOverview.totals'],
  DailyCounts: ['Query.auditOverview', 'AuditOverview.accessesByDepartment'],
  WithheldAccesses: ['Query.auditOverview', 'AuditOverview.withheldFromResidents'],
  WithheldCase: ['Query.auditOverview', 'AuditOverview.withheldFromResidents', 'WithheldAccesses.cases'],
  AuditIntegrity: ['Query.auditOverview', 'AuditOverview.integrity'],
  VerificationRun: ['Query.auditOverview', 'AuditOverview.integrity', 'AuditIntegrity.lastVerification'],
  ResidentHistory: ['Query.residentHistory'],
  SignedAuditExport: ['Query.residentAccessExport'],
  OfficerActivity: ['Query.officerActivity'],
  OfficerPurpose: ['Query.officerActivity', 'OfficerActivity.byPurpose'],
  DailySpread: ['Query.officerActivity', 'OfficerActivity.distinctResidents'],
  AccessReportEntry: ['Query.myAccessReport'],
  AuditedResident: ['Query.auditedResident'],
  OwnRecord: ['Query.ownRecord'],
  ExchangeCity: ['Query.exchangeCity'],
  ExchangePartner: ['Query.exchangePartner'],
  ExchangeAgreement: ['Query.exchangePartner', 'ExchangePartner.agreements'],
  DeliveryCounts: ['Query.exchangePartner', 'ExchangePartner.delivery'],
  PartnerNotice: ['Query.residentsInPartnerCities'],
  ExchangeLogEntry: ['Query.exchangeLog'],
  Alert: ['Query.alerts'],
  AlertAction: ['Query.alerts', 'Alert.actions'],
  AlertWebhook: ['Query.alertWebhooks'],
  AnomalyFlag: ['Query.anomalyFlags'],
  AnomalyMeasure: ['Query.anomalyFlags', 'AnomalyFlag.measures'],
  AnomalyReview: ['Query.anomalyFlags', 'AnomalyFlag.reviews'],
  AnomalyRule: ['Query.anomalyRules'],
  AnomalyRuleMeasure: ['Query.anomalyRules', 'AnomalyRule.measures'],
  AnomalySetting: ['Query.anomalyRules', 'AnomalyRule.settings'],
};

/** The period the activity summaries cover: the whole test run. */
const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };

const variables = () => ({
  id: subject.personId,
  house: subject.houseId,
  grid: subject.gridCode,
  houseCode: subject.houseCode,
  employer: subject.employerId,
  creditCode: subject.creditCode,
  linkToken: subject.linkToken,
  ...period,
});

const errorAt = (response: GraphQLResponse, path: (string | number)[]) =>
  (response.body.errors ?? []).find((e) => JSON.stringify(e.path) === JSON.stringify(path));

/** Raw values as an unmasked reader sees them, for checking masks. */
const rawValues = new Map<string, unknown>();

beforeAll(async () => {
  schema = apiSchema();
  // A checkpoint folder the audit subgraph verifies against, so the checkpoint and witness types have instances.
  const checkpointKey = generateKeyPairSync('ed25519').privateKey;
  const key = { privateKey: checkpointKey, publicKey: createPublicKey(checkpointKey), keyId: await publicKeyFingerprint(createPublicKey(checkpointKey).export({ format: 'jwk' })) };
  hub = await startTestHub({ persons: 120, key: 'matrix-city', auditEvidence: { dir: checkpointDir, publicKey: key.publicKey } });
  const { police: pdb, housing: hdb, labour: ldb, health: mdb } = hub.databases;
  // A resident every department knows: a current tenancy, a job, a health profile.
  const tenancy = (await hdb.db.select().from(housing.tenancies).where(isNull(housing.tenancies.end)))[0]!;
  const [house] = await hdb.db.select().from(housing.houses).where(eq(housing.houses.id, tenancy.houseId));
  const [person] = await pdb.db.select().from(police.persons).where(eq(police.persons.id, tenancy.tenantId));
  const [residence] = await pdb.db
    .select()
    .from(police.residenceRegistrations)
    .where(and(eq(police.residenceRegistrations.personId, person!.id), isNull(police.residenceRegistrations.until)));
  const [employer] = await ldb.db.select().from(labour.employers).limit(1);
  Object.assign(subject, {
    personId: person!.id,
    idNumber: person!.idNumber,
    name: person!.name,
    houseId: house!.id,
    houseCode: house!.code,
    gridCode: residence!.gridCode,
    employerId: employer!.id,
    creditCode: employer!.creditCode,
  });
  // Make sure every nested record type has an instance to read.
  await pdb.db.update(police.persons).set({ phone: '13800001111' }).where(eq(police.persons.id, person!.id));
  await hdb.db.update(housing.houses).set({ gridCode: residence!.gridCode, divisionCode: residence!.gridCode.slice(0, 6) }).where(eq(housing.houses.id, house!.id));
  await ldb.db.update(labour.employers).set({ gridCode: residence!.gridCode, divisionCode: residence!.gridCode.slice(0, 6) }).where(eq(labour.employers.id, employer!.id));
  await ldb.db.insert(labour.employments).values({ id: randomUUID(), personId: person!.id, employerId: employer!.id, position: '测试员', start: '2024-01-01', end: '2024-06-30', socialInsurance: 'INSURED' });
  await pdb.db.insert(police.residencePermits).values({ id: randomUUID(), personId: person!.id, permitNumber: `510100${Date.now()}`, issuedOn: '2025-01-01', validUntil: '2027-01-01' });
  await pdb.db.insert(police.keyPersonFlags).values({ id: randomUUID(), personId: person!.id, category: '涉稳', level: 2, reason: '测试', since: '2025-02-01' });
  await pdb.db.insert(police.moveOuts).values({ id: randomUUID(), personId: person!.id, destinationDivisionCode: '500103', destinationAddress: '重庆市渝中区解放碑1号', movedOn: '2019-03-01' });
  await mdb.db.insert(health.healthProfiles).values({ personId: person!.id, familyPlanningStatus: 'ONE_CHILD' }).onConflictDoNothing();
  await mdb.db.insert(health.vaccinations).values({ id: randomUUID(), personId: person!.id, vaccine: '流感疫苗', dose: 1, administeredOn: '2025-10-01', institution: '社区卫生服务中心' });
  await mdb.db.insert(health.maternalCareRecords).values({ id: randomUUID(), personId: person!.id, kind: 'PRENATAL', visitOn: '2024-05-01', institution: '妇幼保健院' });
  await mdb.db.insert(health.checkups).values({ id: randomUUID(), personId: person!.id, checkedOn: '2025-09-01', institution: '社区卫生服务中心', result: 'NORMAL' });

  // A chain problem for the verifier to report: an event no writer wrote, slipped in by someone
  // who can insert (the log refuses changes, not additions; the chain tells them apart).
  await hub.audit.database.db.insert(auditEvents).values({
    writerId: 'matrix:forged', seq: 1, occurredAt: new Date(), kind: 'access', requestId: 'forged', roles: [], recordIds: [subject.personId],
    fields: {}, prevHash: '0'.repeat(64), hash: 'f'.repeat(64),
  });

  // A partner city, a notice it sent and a notice sent to it, so every exchange type has an instance.
  const partner = await generateCityIdentity('330100', '杭州市');
  await hub.exchange.database.db.insert(exchange.partners).values({
    code: '330100', name: '杭州市', inboxUrl: 'http://127.0.0.1:9/exchange/v1/inbox', publicKey: partner.publicJwk, keyFingerprint: partner.fingerprint,
    status: 'ACTIVE', agreement: { INFLOW_NOTICE: ['idNumber', 'name', 'residenceAddress'] },
  });
  await hub.exchange.database.db.insert(exchange.inboundMessages).values({
    id: randomUUID(), partnerCode: '330100', messageType: 'INFLOW_NOTICE', idNumber: subject.idNumber, payload: { idNumber: subject.idNumber, name: '某人', residenceAddress: '杭州' },
    droppedFields: ['phone'], occurredAt: new Date(), sentAt: new Date(), evidenceSha256: 'e'.repeat(64),
  });
  // A checkpoint of the chains so far, witnessed by the partner city.
  await graphql(hub.gatewayUrl, `query($id: ID!) { person(id: $id) { name } }`, { id: subject.personId }, await gatewayHeaders('police'));
  await hub.audit.flush();
  const checkpointer = await Checkpointer.open(hub.audit.database, { dir: checkpointDir, key, logger: testLogger, intervalMs: 0 });
  const signed = (await checkpointer.checkpoint('interval'))!;
  await checkpointer.stop();
  // A verification run, which the overview shows as the last one.
  await graphql(hub.gatewayUrl, `{ auditVerification { ok } }`, {}, await gatewayHeaders('auditor'));
  const messageId = witnessMessageId('330100', signed.hash);
  const receipt = await signReceipt(partner, '510100', [{ id: messageId, status: 'accepted', dropped: [], checkpoint: { seq: signed.checkpoint.seq, hash: signed.hash } }]);
  const witness: WitnessLine = { city: '510100', partner: '330100', partnerKey: partner.publicJwk, messageId, line: signed, receipt };
  writeFileSync(path.join(checkpointDir, WITNESS_FILE), `${canonicalJson(witness)}\n`);
  await hub.exchange.database.db.insert(exchange.outboundMessages).values({
    id: randomUUID(), partnerCode: '330100', messageType: 'INFLOW_NOTICE', personId: subject.personId, payload: { idNumber: subject.idNumber }, occurredAt: new Date(), status: 'PENDING',
  });

  // An alert for each department that alerts go to, about the subject, revealing every fact an alert can,
  // readable for every purpose the policy releases alerts for; an action on each, and a webhook each.
  const about = {
    recipient: { gridCode: subject.gridCode, divisionCode: subject.gridCode.slice(0, 6) },
    subject: { personId: subject.personId, houseId: subject.houseId, employerId: subject.employerId },
    eventId: randomUUID(),
    eventType: 'TenancyRegistered' as const,
    occurredAt: new Date().toISOString(),
  };
  await hub.events.publishAlert({
    ...about,
    key: 'matrix:police',
    rule: 'key-person.tenancy',
    kind: 'KEY_PERSON',
    recipient: { department: 'police', ...about.recipient },
    details: { flagCategory: '涉稳', flagLevel: '2', reason: '测试', idNumber: subject.idNumber, name: '某人' },
    summary: 'A key person registered a tenancy in this grid',
    purposes: ['case-investigation', 'public-security', 'population-management'],
  });
  await hub.events.publishAlert({
    ...about,
    key: 'matrix:grid',
    rule: 'task.tenancy',
    kind: 'TASK',
    recipient: { department: 'grid', ...about.recipient },
    details: {},
    summary: 'A tenancy was registered in this grid',
    purposes: ['community-service'],
  });
  const raised = await hub.alerts.database.db.select().from(alertStore.alerts);
  subject.alertId = raised.find((a) => a.recipientDepartment === 'police')!.id;
  for (const alert of raised) {
    await hub.alerts.database.db.insert(alertStore.alertActions).values({ alertId: alert.id, action: 'REASSIGNED', actor: 'officer-1', note: '请核实', assignee: 'officer-2' });
    await hub.alerts.database.db
      .insert(alertStore.webhookSubscriptions)
      .values({
        id: randomUUID(),
        department: alert.recipientDepartment,
        url: `https://${alert.recipientDepartment}.example.gov.cn/alerts`,
        createdBy: 'admin-1',
        // The grid worker's own grid: a confined caller manages the webhooks of their own jurisdiction.
        ...(alert.recipientDepartment === 'grid' ? { confined: true, grids: [subject.gridCode] } : {}),
      });
  }

  // A declaration of each kind by each declarant role, pending in the queue of the department that confirms it,
  // at the subject's house or workplace and in the subject's grid; and a premises link to the house.
  const at = { gridCode: subject.gridCode, divisionCode: subject.gridCode.slice(0, 6), start: '2025-03-01', idNumber: subject.idNumber, name: subject.name, phone: '13800138000' };
  const declared: (typeof declarationsDb.declarations.$inferInsert)[] = [
    { kind: 'TENANCY', declarantRole: 'landlord', premisesKind: 'HOUSE', premisesCode: subject.houseCode, room: '1室', landlordName: '王建华', monthlyRent: 1500 },
    { kind: 'EMPLOYMENT', declarantRole: 'employer', premisesKind: 'EMPLOYER', premisesCode: subject.creditCode, position: '厨师', socialInsurance: 'INSURED' },
    { kind: 'RESIDENCE', declarantRole: 'resident', premisesKind: 'HOUSE', premisesCode: subject.houseCode, houseCode: subject.houseCode, address: '武侯区玉林南路12号' },
  ].map((row) => ({ ...at, ...row, id: randomUUID(), declarantSubject: `${row.declarantRole}-test-user`, factsHash: randomUUID() }) as typeof declarationsDb.declarations.$inferInsert);
  await hub.declarations.database.db.insert(declarationsDb.declarations).values(declared);
  const linkId = randomUUID();
  const expiresAt = new Date(Date.now() + 86_400_000);
  await hub.declarations.database.db.insert(declarationsDb.premisesLinks).values({ id: linkId, kind: 'HOUSE', code: subject.houseCode, gridCode: subject.gridCode, divisionCode: subject.gridCode.slice(0, 6), label: '测试地址', issuedBy: 'matrix', expiresAt });
  subject.linkToken = await new PremisesLinkSigner(hub.declarations.linkKey.signer).sign({ id: linkId, kind: 'HOUSE', code: subject.houseCode, issuedAt: new Date(), expiresAt });

  // A flag the detector raised about an officer, with every number its rule computes and an auditor's review of it.
  const windowStart = new Date(Date.now() - 3_600_000);
  const [flag] = await hub.audit.database.db
    .insert(anomalyFlags)
    .values({
      key: `bulk-lookups|police|${FLAGGED}|${windowStart.toISOString()}`, rule: 'bulk-lookups', department: 'police', subject: FLAGGED, roles: ['police'], caseId: CASE_ID,
      windowStart, windowEnd: new Date(), observed: 240, baseline: 12, departmentBaseline: 15, threshold: 100, measures: { residents: 240, accesses: 300, requests: 280 },
      exampleRecords: [subject.personId], exampleRequests: ['matrix'], places: null, status: 'questioned', raisedAt: new Date(), updatedAt: new Date(),
    })
    .returning();
  subject.flagId = flag!.id;
  await hub.audit.database.db.insert(anomalyReviews).values({
    id: 'a'.repeat(64), flagId: flag!.id, verdict: 'questioned', note: '请说明用途', addressedTo: 'police', reviewer: 'auditor-test-user', reviewerDepartment: 'audit',
    requestId: 'matrix', observedAtReview: 240, reviewedAt: new Date(),
  });

  // An import job of each department's, holding a row it refused.
  for (const { department, kind } of DEPARTMENT_IMPORTS) {
    const job = await startedJob(hub, department, { rowCount: 1 });
    await sentRows(hub, department, job, [emptyRow(kind)]);
    importJobs.set(department, job);
  }

  // What an unmasked reader (the police, for the fields it reads in full) sees.
  for (const typeName of ['Person', 'ResidencePermit', 'MoveOut']) {
    const response = await graphql(hub.gatewayUrl, PATHS[typeName]!.query(selectionOf(typeName)), variables(), await gatewayHeaders('police'));
    const node = PATHS[typeName]!.at(response.body.data);
    for (const [field, value] of Object.entries(node ?? {})) rawValues.set(`${typeName}.${field}`, value);
  }
}, 180_000);

afterAll(async () => {
  await hub?.close();
  rmSync(checkpointDir, { recursive: true, force: true });
});

function expectField(response: GraphQLResponse, node: any, path: (string | number)[], coordinate: string, meta: RequestMeta): void {
  const field = path[path.length - 1] as string;
  const decision = decide(meta, coordinate);
  const error = errorAt(response, path);
  const where = `${meta.principal!.roles[0]} ${coordinate}`;
  if (!decision.allowed) {
    expect(node?.[field] ?? null, where).toBeNull();
    // A denied non-null key (an entity's id or code) nulls the whole entity,
    // and GraphQL then reports only the first of its denied fields.
    const parent = JSON.stringify(path.slice(0, -1));
    const entityRefused = node == null && (response.body.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN' && JSON.stringify(e.path?.slice(0, -1)) === parent);
    if (!entityRefused) expect(error?.extensions?.code, where).toBe('FORBIDDEN');
    return;
  }
  expect(error, where).toBeUndefined();
  expect(node, where).toBeTruthy();
  if (decision.rule.mask) {
    const raw = rawValues.get(coordinate);
    expect(raw, `${coordinate} has a value to mask`).toBeTruthy();
    expect(node[field], where).toBe(decision.access === 'masked' ? applyMask(decision.rule.mask, raw) : raw);
  }
}

describe('the permission matrix through the gateway', () => {
  // Every purpose each role may declare, as the registry says: a new purpose or a new declarer is tested here unasked.
  for (const role of ROLES) {
    for (const purpose of declarablePurposes([role])) {
      it(`gives the ${role} role declaring ${purpose} exactly what the policy and the purpose registry release on every readable field`, async () => {
        reachingAs = role;
        const meta = metaOf(role, purpose);
        const headers = await gatewayHeaders(role, purpose);
        for (const [typeName, path] of Object.entries(PATHS)) {
          const response = await graphql(hub.gatewayUrl, path.query(selectionOf(typeName)), variables(), headers);
          const blocked = ROUTE[typeName]!.find((coordinate) => !decide(meta, coordinate).allowed);
          if (blocked) {
            // The way in is itself denied: that field answers FORBIDDEN and nothing beneath it leaks.
            expect(JSON.stringify(path.at(response.body.data) ?? null), `${role} ${purpose} ${typeName}`).toBe('null');
            expect((response.body.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN'), `${role} ${purpose} ${typeName} via ${blocked}`).toBe(true);
            continue;
          }
          const node = path.at(response.body.data);
          for (const coordinate of Object.keys(READ_POLICY).filter((c) => c.startsWith(`${typeName}.`))) {
            expectField(response, node, [...path.prefix, coordinate.split('.')[1]!], coordinate, meta);
          }
        }
      });
    }
  }

  it('covers every read field of the policy', () => {
    const types = new Set([...Object.keys(PATHS), ...PAYLOAD_ONLY.keys()]);
    const uncovered = Object.keys(READ_POLICY).filter((c) => !c.startsWith('Query.') && !types.has(c.split('.')[0]!));
    expect(uncovered).toEqual([]);
  });

  for (const role of ROLES) {
    it(`lets the ${role} role into exactly the entry points the policy grants`, async () => {
      const meta = metaOf(role);
      const headers = await gatewayHeaders(role);
      const entries: Record<string, string> = {
        'Query.person': `person(id: "${subject.personId}") { __typename }`,
        'Query.personByIdNumber': `personByIdNumber(idNumber: "${subject.idNumber}") { __typename }`,
        'Query.persons': 'persons(first: 1) { __typename }',
        'Query.grid': `grid(code: "${subject.gridCode}") { __typename }`,
        'Query.grids': 'grids(first: 1) { __typename }',
        'Query.house': `house(id: "${subject.houseId}") { __typename }`,
        'Query.houseByCode': `houseByCode(code: "${subject.houseCode}") { __typename }`,
        'Query.houses': 'houses(first: 1) { __typename }',
        'Query.employer': `employer(id: "${subject.employerId}") { __typename }`,
        'Query.employerByCreditCode': `employerByCreditCode(creditCode: "${subject.creditCode}") { __typename }`,
        'Query.employers': 'employers(first: 1) { __typename }',
        'Query.healthProfile': `healthProfile(personId: "${subject.personId}") { __typename }`,
        'Query.personChecks': `personChecks(checks: [{ personId: "${subject.personId}" }]) { __typename }`,
        'Query.gridChecks': `gridChecks(codes: ["${subject.gridCode}"]) { __typename }`,
        'Query.houseChecks': `houseChecks(checks: [{ code: "${subject.houseCode}" }]) { __typename }`,
        'Query.identityChecks': `identityChecks(checks: [{ idNumber: "${subject.idNumber}", name: "${subject.name}" }]) { __typename }`,
        'Query.holdsValidResidencePermit': `holdsValidResidencePermit(idNumber: "${subject.idNumber}") { __typename }`,
        'Query.livesInDistrict': `livesInDistrict(idNumber: "${subject.idNumber}", divisionCode: "${subject.gridCode.slice(0, 6)}") { __typename }`,
        'Query.livesInGrid': `livesInGrid(idNumber: "${subject.idNumber}", gridCode: "${subject.gridCode}") { __typename }`,
        'Query.declaredIdentityCheck': `declaredIdentityCheck(idNumber: "${subject.idNumber}", name: "${subject.name}") { __typename }`,
        'Query.auditEvents': 'auditEvents(first: 1) { __typename }',
        'Query.residentAccessHistory': `residentAccessHistory(personId: "${subject.personId}", first: 1) { __typename }`,
        'Query.principalActivity': `principalActivity(subject: "police-test-user", from: "${period.from}", to: "${period.to}") { __typename }`,
        'Query.auditVerification': 'auditVerification { __typename }',
        'Query.auditOverview': `auditOverview(from: "${period.from}", to: "${period.to}") { __typename }`,
        'Query.residentHistory': `residentHistory(idNumber: "${subject.idNumber}", first: 1) { __typename }`,
        'Query.residentAccessExport': `residentAccessExport(personId: "${subject.personId}") { __typename }`,
        'Query.officerActivity': `officerActivity(subject: "police-test-user", from: "${period.from}", to: "${period.to}") { __typename }`,
        'Query.myAccessReport': 'myAccessReport(first: 1) { __typename }',
        'Query.auditedResident': `auditedResident(idNumber: "${subject.idNumber}") { __typename }`,
        'Query.ownRecord': 'ownRecord { __typename }',
        'Query.exchangeCity': 'exchangeCity { __typename }',
        'Query.exchangePartners': 'exchangePartners(first: 1) { __typename }',
        'Query.exchangePartner': 'exchangePartner(code: "330100") { __typename }',
        'Query.residentsInPartnerCities': 'residentsInPartnerCities(first: 1) { __typename }',
        'Query.arrivalsFromPartnerCities': 'arrivalsFromPartnerCities(first: 1) { __typename }',
        'Query.exchangeLog': 'exchangeLog(direction: RECEIVED, first: 1) { __typename }',
        'Query.alerts': 'alerts(first: 1) { __typename }',
        'Query.alert': `alert(id: "${subject.alertId}") { __typename }`,
        'Query.alertWebhooks': 'alertWebhooks { __typename }',
        'Query.housePremises': `housePremises(codes: ["${subject.houseCode}"]) { __typename }`,
        'Query.employerPremises': `employerPremises(creditCodes: ["${subject.creditCode}"]) { __typename }`,
        'Query.declaration': `declaration(id: "${randomUUID()}") { __typename }`,
        'Query.myDeclarations': 'myDeclarations(first: 1) { __typename }',
        'Query.declarations': 'declarations(first: 1) { __typename }',
        'Query.premisesLink': `premisesLink(token: "${subject.linkToken}") { __typename }`,
        'Query.collectionFigures': 'collectionFigures { __typename }',
        'Query.anomalyFlags': 'anomalyFlags(first: 1) { __typename }',
        'Query.anomalyFlag': `anomalyFlag(id: "${subject.flagId}") { __typename }`,
        'Query.anomalyRules': 'anomalyRules { __typename }',
        ...Object.fromEntries(
          DEPARTMENT_IMPORTS.flatMap(({ department, job, jobs }) => [
            [`Query.${job}`, `${job}(id: "${importJobs.get(department)}") { __typename }`],
            [`Query.${jobs}`, `${jobs}(first: 1) { __typename }`],
          ]),
        ),
      };
      expect(Object.keys(entries).sort()).toEqual(Object.keys(READ_POLICY).filter((c) => c.startsWith('Query.')).sort());
      for (const [coordinate, selection] of Object.entries(entries)) {
        const field = coordinate.split('.')[1]!;
        const response = await graphql(hub.gatewayUrl, `{ ${selection} }`, {}, headers);
        expectField(response, response.body.data, [field], coordinate, meta);
      }
    });
  }
});

/** Writes the policy does not grant are FORBIDDEN; granted ones reach validation, so bad input stores nothing either way. */
const WRITES: Record<string, string> = {
  'Mutation.registerPerson': `registerPerson(input: { idNumber: "1", name: "x", ethnicity: "汉族", householdDivisionCode: "510107", householdAddress: "x" }) { __typename }`,
  'Mutation.registerResidence': `registerResidence(input: { personId: "x", address: "x", divisionCode: "510107", gridCode: "1", since: "2020-01-01" }) { __typename }`,
  'Mutation.recordMoveOut': `recordMoveOut(input: { personId: "x", destinationDivisionCode: "500103", movedOn: "2020-01-01" }) { __typename }`,
  'Mutation.issueResidencePermit': `issueResidencePermit(input: { personId: "x", issuedOn: "2020-01-01", validUntil: "2021-01-01" }) { __typename }`,
  'Mutation.registerHouse': `registerHouse(input: { code: "1", address: "x", divisionCode: "510107", gridCode: "1", ownerName: "x", use: RENTAL, rooms: 1 }) { __typename }`,
  'Mutation.registerTenancy': `registerTenancy(input: { houseId: "x", tenantId: "x", landlordName: "x", start: "2020-01-01", monthlyRent: 1 }) { __typename }`,
  'Mutation.endTenancy': `endTenancy(input: { tenancyId: "x", end: "2020-01-01" }) { __typename }`,
  'Mutation.registerEmployer': `registerEmployer(input: { creditCode: "1", name: "x", industry: "制造业", address: "x", divisionCode: "510107", gridCode: "1" }) { __typename }`,
  'Mutation.registerEmployment': `registerEmployment(input: { personId: "x", employerId: "x", position: "x", start: "2020-01-01", socialInsurance: INSURED }) { __typename }`,
  'Mutation.registerEmploymentByIdentity': `registerEmploymentByIdentity(input: { idNumber: "1", name: "x", employerId: "x", position: "x", start: "2020-01-01", socialInsurance: INSURED }) { __typename }`,
  'Mutation.endEmployment': `endEmployment(input: { employmentId: "x", end: "2020-01-01" }) { __typename }`,
  'Mutation.setFamilyPlanningStatus': `setFamilyPlanningStatus(input: { personId: "x", status: NONE }) { __typename }`,
  'Mutation.recordVaccination': `recordVaccination(input: { personId: "x", vaccine: "x", dose: 1, administeredOn: "2020-01-01", institution: "x" }) { __typename }`,
  'Mutation.recordMaternalCare': `recordMaternalCare(input: { personId: "x", kind: PRENATAL, visitOn: "2020-01-01", institution: "x" }) { __typename }`,
  'Mutation.recordCheckup': `recordCheckup(input: { personId: "x", checkedOn: "2020-01-01", institution: "x", result: NORMAL }) { __typename }`,
  'Mutation.addExchangePartner': `addExchangePartner(input: { code: "1", name: "x", inboxUrl: "x", publicKey: "x", agreements: [] }) { __typename }`,
  'Mutation.updateExchangePartner': `updateExchangePartner(input: { code: "1" }) { __typename }`,
  'Mutation.suspendExchangePartner': `suspendExchangePartner(code: "1") { __typename }`,
  'Mutation.resumeExchangePartner': `resumeExchangePartner(code: "1") { __typename }`,
  'Mutation.removeExchangePartner': `removeExchangePartner(code: "1") { __typename }`,
  'Mutation.retryExchangeNotices': `retryExchangeNotices(ids: ["x"]) { __typename }`,
  'Mutation.acknowledgeAlert': `acknowledgeAlert(input: { id: "x" }) { __typename }`,
  'Mutation.resolveAlert': `resolveAlert(input: { id: "x", note: "x" }) { __typename }`,
  'Mutation.reassignAlert': `reassignAlert(input: { id: "x", assignee: "x" }) { __typename }`,
  'Mutation.registerAlertWebhook': `registerAlertWebhook(input: { url: "x" }) { __typename }`,
  'Mutation.removeAlertWebhook': `removeAlertWebhook(input: { id: "x" }) { __typename }`,
  'Mutation.registerTenancyByIdentity': `registerTenancyByIdentity(input: { houseCode: "1", idNumber: "1", name: "x", landlordName: "x", start: "2020-01-01", monthlyRent: 1 }) { __typename }`,
  'Mutation.registerResidenceByIdentity': `registerResidenceByIdentity(input: { idNumber: "1", name: "x", address: "x", divisionCode: "510107", gridCode: "1", since: "2020-01-01" }) { __typename }`,
  'Mutation.submitDeclaration': `submitDeclaration(input: { kind: TENANCY, idNumber: "1", name: "x", start: "2020-01-01" }) { __typename }`,
  'Mutation.confirmDeclarations': `confirmDeclarations(ids: ["x"]) { __typename }`,
  'Mutation.rejectDeclarations': `rejectDeclarations(ids: ["x"], reason: "x") { __typename }`,
  'Mutation.issuePremisesLink': `issuePremisesLink(input: { kind: HOUSE, code: "1" }) { __typename }`,
  'Mutation.revokePremisesLink': `revokePremisesLink(id: "x") { __typename }`,
  'Mutation.setCaseDisclosure': `setCaseDisclosure(caseId: "x", discloseAfter: null) { __typename }`,
  'Mutation.reviewAnomalyFlag': `reviewAnomalyFlag(input: { id: "x", verdict: JUSTIFIED }) { __typename }`,
  // Imports: a digest that is none, a job id that is none.
  ...Object.fromEntries(
    DEPARTMENT_IMPORTS.flatMap(({ kind, start, rows, finish }) => [
      [`Mutation.${start}`, `${start}(input: { kind: "${kind.name}", fileName: "x.csv", fileDigest: "x", rowCount: 1, fields: ["x"], batchSize: 1 }) { __typename }`],
      [`Mutation.${rows}`, `${rows}(input: { jobId: "x", batch: 0, rows: [{ rowNumber: 2, values: ["x"] }] }) { __typename }`],
      [`Mutation.${finish}`, `${finish}(input: { jobId: "x", reportDigest: "x" }) { __typename }`],
    ]),
  ),
};

describe('the write matrix through the gateway', () => {
  it('lists every write the policy names', () => {
    expect(Object.keys(WRITES).sort()).toEqual(Object.keys(WRITE_POLICY).sort());
  });

  for (const role of ROLES) {
    it(`lets the ${role} role write only its own department's records`, async () => {
      const meta = metaOf(role);
      for (const [coordinate, selection] of Object.entries(WRITES)) {
        const rule = WRITE_POLICY[coordinate]!;
        // Declare a purpose the write needs where the role may declare one, so only the role decides.
        const purpose = rule.purposes?.find((p) => declarablePurposes([role]).includes(p)) ?? PURPOSE_OF[role];
        const headers = await gatewayHeaders(role, purpose);
        const response = await graphql(hub.gatewayUrl, `mutation { ${selection} }`, {}, headers);
        const allowed = decide({ ...meta, purpose }, coordinate).allowed;
        const code = response.body.errors?.[0]?.extensions?.code;
        expect(code, `${role} ${coordinate}`).toBe(allowed ? 'BAD_USER_INPUT' : 'FORBIDDEN');
      }
    });
  }
});

describe('purposes a role may not declare', () => {
  for (const role of ROLES) {
    const refused = PURPOSE_NAMES.filter((purpose) => !declarablePurposes([role]).includes(purpose));
    it(`refuse the ${role} role before anything runs, and record the refusal: ${refused.join(', ') || 'none'}`, async () => {
      const requestIds = new Map<string, string | null>();
      for (const purpose of refused) {
        const headers = await gatewayHeaders(role, purpose);
        const response = await graphql(hub.gatewayUrl, PATHS.Person!.query('id name idNumber phone'), variables(), headers);
        expect(response.status, `${role} ${purpose}`).toBe(403);
        requestIds.set(purpose, response.headers.get('x-request-id'));
        expect(response.body.data, `${role} ${purpose}`).toBeUndefined();
        expect(response.body.errors?.map((e) => e.extensions?.code), `${role} ${purpose}`).toEqual(['FORBIDDEN']);
        expect(response.body.errors?.[0]?.message).toContain(`X-Purpose ${purpose} may not be declared by the roles ${role}`);
        // Every purpose the role may declare is named, so the caller knows what to send instead.
        for (const open of declarablePurposes([role])) expect(response.body.errors?.[0]?.message).toContain(open);
      }
      const events = await hub.audit.events();
      for (const purpose of refused) {
        const recorded = events.filter((e) => e.requestId === requestIds.get(purpose));
        expect(recorded.map((e) => [e.kind, e.outcome, e.errorCode, e.purpose]), `${role} ${purpose}`).toEqual([['request', 'error', 'FORBIDDEN', purpose]]);
      }
    });
  }

  it('refuse case-investigation without a case number, or with one that is not well formed, before anything runs', async () => {
    const needing = PURPOSE_NAMES.filter((purpose) => PURPOSE_REGISTRY.get(purpose)?.needsCase);
    expect(needing).toContain('case-investigation');
    for (const purpose of needing) {
      const declarer = ROLES.find((role) => declarablePurposes([role]).includes(purpose))!;
      for (const caseId of [undefined, 'case 1', 'CASE', '2026-001', 'CASE-2026-001; DROP']) {
        const headers = await hub.headers(claimsOf(declarer), purpose, caseId);
        const response = await graphql(hub.gatewayUrl, PATHS.Person!.query('id name'), variables(), headers);
        expect(response.status, `${purpose} ${caseId}`).toBe(400);
        expect(response.body.data).toBeUndefined();
        expect(response.body.errors?.[0]?.message, `${purpose} ${caseId}`).toMatch(/X-Case-Id/);
      }
    }
  });
});

/** The fields each subgraph defines on an entity type, from its own SDL. */
function subgraphFields(department: string, typeName: string): string[] {
  const document = parse(readFileSync(fromRoot('subgraphs', department, 'schema.graphql'), 'utf8'));
  const type = document.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName);
  return (type?.fields ?? []).map((f) => f.name.value);
}

describe('the permission matrix through _entities on each subgraph', () => {
  const ENTITIES: Record<string, () => Record<string, string>> = {
    Person: () => ({ __typename: 'Person', id: subject.personId }),
    House: () => ({ __typename: 'House', code: subject.houseCode }),
    Grid: () => ({ __typename: 'Grid', code: subject.gridCode }),
    Employer: () => ({ __typename: 'Employer', id: subject.employerId }),
  };

  for (const role of ROLES) {
    it(`gives the ${role} role the same answers for entity references as for query fields`, async () => {
      const meta = metaOf(role);
      const headers = await hub.internalHeaders({ principal: principalOf(role), purpose: PURPOSE_OF[role] });
      for (const department of DEPARTMENTS) {
        for (const [typeName, representation] of Object.entries(ENTITIES)) {
          const fields = subgraphFields(department, typeName).filter((f) => POLICY[`${typeName}.${f}`]);
          if (fields.length === 0) continue;
          const selection = selectionOf(typeName, fields);
          const response = await graphql(
            hub.subgraphUrls[department],
            `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`,
            { r: [representation()] },
            headers,
          );
          const node = response.body.data?._entities?.[0];
          for (const field of fields) expectField(response, node, ['_entities', 0, field], `${typeName}.${field}`, meta);
        }
      }
    });
  }
});

describe('a grid worker through the gateway', () => {
  async function outsider(): Promise<{ id: string; idNumber: string }> {
    const rows = await hub.databases.police.db
      .select({ id: police.persons.id, idNumber: police.persons.idNumber, grid: police.residenceRegistrations.gridCode })
      .from(police.persons)
      .innerJoin(police.residenceRegistrations, eq(police.residenceRegistrations.personId, police.persons.id))
      .where(isNull(police.residenceRegistrations.until));
    const found = rows.find((row) => row.grid !== subject.gridCode);
    if (!found) throw new Error('every seeded resident lives in one grid');
    return found;
  }

  it('is answered about a resident outside their grid, by id and by identity number, as about nobody, and lists only their own grid', async () => {
    const stranger = await outsider();
    const headers = await gatewayHeaders('grid');
    const byId = await graphql(hub.gatewayUrl, `query($id: ID!) { person(id: $id) { name } }`, { id: stranger.id }, headers);
    expect(byId.body).toEqual({ data: { person: null } });
    const byNumber = await graphql(hub.gatewayUrl, `query($n: String!) { personByIdNumber(idNumber: $n) { name } }`, { n: stranger.idNumber }, headers);
    expect(byNumber.body).toEqual({ data: { personByIdNumber: null } });

    const listed = await graphql(hub.gatewayUrl, `{ persons(first: 100) { edges { node { id residence { grid { code } } } } } }`, {}, headers);
    const edges = listed.body.data?.persons.edges as { node: { id: string; residence: { grid: { code: string } } } }[];
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.map((e) => e.node.id)).not.toContain(stranger.id);
    expect(new Set(edges.map((e) => e.node.residence.grid.code))).toEqual(new Set([subject.gridCode]));
  });

  it('is given nothing of a resident outside their grid reached as an entity reference from a house in their grid', async () => {
    const stranger = await outsider();
    // A landlord living elsewhere: the house is inside the grid, its owner is not.
    await hub.databases.housing.db.update(housing.houses).set({ ownerId: stranger.id }).where(eq(housing.houses.id, subject.houseId));
    const response = await graphql(hub.gatewayUrl, `query($house: ID!) { house(id: $house) { address owner { name phone } } }`, { house: subject.houseId }, await gatewayHeaders('grid'));
    expect(response.body.data?.house.address).toBeTruthy();
    // The gateway keeps the reference housing gave it, but nothing of the person comes back.
    expect(response.body.data?.house.owner ?? {}).toEqual(expect.not.objectContaining({ name: expect.anything() }));
    expect(Object.values(response.body.data?.house.owner ?? {}).every((value) => value === null)).toBe(true);
    // No error either: an owner outside the grid reads as an owner nobody registered.
    expect(response.body.errors).toBeUndefined();
  });
});
