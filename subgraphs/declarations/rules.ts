import { createHash, randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import QRCode from 'qrcode';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import { checkAddress, checkDivisionCode } from '../../domain/index.js';
import { forbidden } from '../../auth/decide.js';
import { jurisdictionFilter, withinJurisdiction } from '../../auth/jurisdiction.js';
import { PremisesLinkForged, type PremisesLinkSigner } from '../../auth/premises-link.js';
import type { Principal } from '../../auth/principal.js';
import type { HubAnswer, ReferenceChecks } from '../../auth/reference-checks.js';
import { DECLARANT_ROLES, type DeclarantRole } from '../../auth/roles.js';
import { badUserInput, FieldProblems, notFound, recordRefused, type FieldProblem } from '../../platform/errors.js';
import { complete, parseFields, parseInput, today, zCreditCode, zDate, zDivisionCode, zGridCode, zId, zIdNumber, zMobilePhone, zString, zText } from '../../platform/input.js';
import { sharedLimiter, type SharedState } from '../../platform/shared-state.js';
import { parseInstant } from '../../platform/subgraph.js';
import { SOCIAL_INSURANCE, type DeclarationKind, type DeclarationRow, type DeclarationStatus, type PremisesKind, type PremisesLinkRow } from './db/schema.js';
import type { CountsRow, DeclarationScope, DeclarationsStore, FiguresFilter, GridCountsRow, PremisesCountsRow, QueueFilter } from './store.js';

/**
 * Declarations' rules: who may declare what, what a valid declaration is (as
 * the owning department would judge its form), premises links, and how a
 * confirmation is registered by the department through the hub.
 */

/** Which kinds each department confirms into its own records. */
export const CONFIRMED_BY: Readonly<Record<'police' | 'housing' | 'labour', readonly DeclarationKind[]>> = {
  housing: ['TENANCY'],
  labour: ['EMPLOYMENT'],
  police: ['RESIDENCE'],
};

/** Which kinds each declarant declares: a landlord tenants, an employer workers, a resident their own address or job. */
export const DECLARES: Readonly<Record<DeclarantRole, readonly DeclarationKind[]>> = {
  landlord: ['TENANCY'],
  employer: ['EMPLOYMENT'],
  resident: ['RESIDENCE', 'EMPLOYMENT'],
};

/** The premises a kind is declared at, when it is declared at one. */
const PREMISES_OF: Readonly<Record<DeclarationKind, PremisesKind>> = { TENANCY: 'HOUSE', EMPLOYMENT: 'EMPLOYER', RESIDENCE: 'HOUSE' };

/** Who owns each kind of premises, and so may issue its links. */
const PREMISES_OWNER: Readonly<Record<PremisesKind, 'housing' | 'labour'>> = { HOUSE: 'housing', EMPLOYER: 'labour' };

/** The fields each kind takes besides kind, link, clientKey, idNumber, name, phone and start. */
export const KIND_FIELDS: Readonly<Record<DeclarationKind, { required: readonly string[]; optional: readonly string[] }>> = {
  TENANCY: { required: ['landlordName', 'monthlyRent'], optional: ['room'] },
  EMPLOYMENT: { required: ['position', 'socialInsurance'], optional: [] },
  RESIDENCE: { required: ['address', 'divisionCode', 'gridCode'], optional: ['houseCode'] },
};
const SPECIFIC_FIELDS = ['room', 'position', 'landlordName', 'monthlyRent', 'socialInsurance', 'address', 'divisionCode', 'gridCode', 'houseCode'] as const;

/** The most ids one confirmation or rejection takes: each is a department's write, made in turn under one grant. */
export const MAX_DECISIONS = 50;

export const MAX_LINK_DAYS = 730;

/** What a declarant is told beside a refusal of the person's identity: never why, never whom. */
export const IDENTITY_NOT_CONFIRMED = 'The police register could not confirm this identity number and name: the person should take their identity card to the police station (派出所).';

const zHouseCode = zString.trim().regex(/^\d{18}$/, 'must be an 18-digit unified house code (6-digit division code + 12 digits)');
const zCountyCode = zDivisionCode.superRefine((code, ctx) => {
  const division = checkDivisionCode(code);
  if (division.ok && division.level !== 'county') ctx.addIssue({ code: 'custom', message: `must be a district or county code, not a ${division.level} code` });
});
const zPastDate = zDate.refine((d) => d <= today(), 'must not be in the future');
/** The most characters each free-text field of a declaration takes. */
export const TEXT_LENGTHS = { name: 50, room: 50, position: 50, landlordName: 100, address: 200 } as const;

const zClientKey = zString.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _');

const SubmitInput = z.object({
  kind: z.enum(['TENANCY', 'EMPLOYMENT', 'RESIDENCE']),
  link: zString.max(2_000, 'is too long to be a premises link').nullish(),
  clientKey: zClientKey.nullish(),
  idNumber: zIdNumber.nullish(),
  name: zText(TEXT_LENGTHS.name),
  phone: zMobilePhone.nullish(),
  start: zPastDate,
  room: zText(TEXT_LENGTHS.room).nullish(),
  position: zText(TEXT_LENGTHS.position).nullish(),
  landlordName: zText(TEXT_LENGTHS.landlordName).nullish(),
  monthlyRent: z.number().int('must be a whole number of yuan').min(0, 'must not be negative').max(1_000_000, 'must be at most 1,000,000').nullish(),
  socialInsurance: z.enum(SOCIAL_INSURANCE).nullish(),
  address: zText(TEXT_LENGTHS.address).nullish(),
  divisionCode: zCountyCode.nullish(),
  gridCode: zGridCode.nullish(),
  houseCode: zHouseCode.nullish(),
});

const Ids = z.array(zId).min(1, 'must name at least one declaration').max(MAX_DECISIONS, `must name at most ${MAX_DECISIONS} declarations`);
const Reason = zText(500);

const IssueInput = z.object({
  kind: z.enum(['HOUSE', 'EMPLOYER']),
  code: zString.trim().min(1, 'is required').max(18, 'must be 18 characters'),
  validDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(MAX_LINK_DAYS, `must be at most ${MAX_LINK_DAYS}`).nullish(),
});

const zInstant = z.string().transform((value, ctx) => {
  const instant = parseInstant(value);
  if (!instant) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T08:00:00+08:00' });
    return z.NEVER;
  }
  return instant;
});
const zPremisesCode = zString.trim().regex(/^[0-9A-Z]{18}$/, 'must be an 18-character house code or credit code');

const QueueFilterInput = z.object({
  kind: z.enum(['TENANCY', 'EMPLOYMENT', 'RESIDENCE']).nullish(),
  status: z.enum(['PENDING', 'CONFIRMED', 'REJECTED']).nullish(),
  gridCode: zGridCode.nullish(),
  premisesCode: zPremisesCode.nullish(),
  submittedFrom: zInstant.nullish(),
  submittedTo: zInstant.nullish(),
});

const FiguresFilterInput = z.object({
  gridCode: zGridCode.nullish(),
  premisesCode: zPremisesCode.nullish(),
  kind: z.enum(['TENANCY', 'EMPLOYMENT', 'RESIDENCE']).nullish(),
  from: zDate.nullish(),
  to: zDate.nullish(),
});

/** How fast declarations are taken, per declarant and per premises; 0 turns a limit off. */
export interface DeclarationLimits {
  perDeclarantPerMinute: number;
  perPremisesPerHour: number;
}

export const DEFAULT_DECLARATION_LIMITS: DeclarationLimits = { perDeclarantPerMinute: 30, perPremisesPerHour: 600 };

/** What the declarations subgraph is configured with beyond its database. */
export interface DeclarationSettings {
  /** Signs and verifies premises links (the hub's key, PREMISES_LINK_KEY_FILE in production). */
  links: PremisesLinkSigner;
  /** Where the form is served: links point at `<publicUrl>/declare?p=<token>`. Read per link, as the gateway may listen after this starts. */
  publicUrl: () => string;
  /** Days a link holds unless its issuer says otherwise. */
  linkDays: number;
  limits: DeclarationLimits;
  /**
   * Where the limits are counted: in Redis (REDIS_URL) when given, so every
   * declarations process counts a declarant and a premises once; else in this
   * process's memory.
   */
  shared?: SharedState | null;
}

/** A premises as served: kind and code, with its label and place where known. */
export interface PremisesView {
  kind: PremisesKind;
  code: string;
  label: string | null;
  gridCode: string | null;
  divisionCode: string | null;
}

export interface PremisesLinkView {
  row: PremisesLinkRow;
  token: string;
  url: string;
  premises: PremisesView;
}

export interface PremisesLinkCheckView {
  premises: PremisesView;
  valid: boolean;
  expired: boolean;
  revoked: boolean;
  expiresAt: Date;
}

export interface DecisionView {
  id: string;
  declaration: DeclarationRow | null;
  done: boolean;
  problems: { field: string | null; code: string; message: string }[];
}

export interface FiguresView {
  total: CountsRow;
  byGrid: GridCountsRow[];
  byPremises: PremisesCountsRow[];
}

/** The declarant role a principal declares as, if it holds one with the permission to declare. */
function declarantRoleOf(principal: Principal | null): DeclarantRole | null {
  if (!principal?.scopes.includes('declaration:write')) return null;
  return DECLARANT_ROLES.find((role) => principal.roles.includes(role)) ?? null;
}

/** The kinds a principal reviews: those its departments confirm, when it holds the permission to review. */
function reviewedKinds(principal: Principal | null): DeclarationKind[] {
  if (!principal?.scopes.includes('declaration:review')) return [];
  return (Object.keys(CONFIRMED_BY) as (keyof typeof CONFIRMED_BY)[]).filter((dept) => principal.roles.includes(dept)).flatMap((dept) => CONFIRMED_BY[dept]);
}

/** The premises a declarant's credential names, by kind. */
function namedPremises(principal: Principal, kind: PremisesKind): readonly string[] {
  return kind === 'HOUSE' ? (principal.premises?.houses ?? []) : (principal.premises?.employers ?? []);
}

function rateLimited(what: string, retryAfterMs: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Too many declarations ${what}: try again in ${seconds} s`, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } });
}

/** A digest of what was declared: the same facts from the same declarant are one declaration. */
function factsHashOf(facts: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(facts).sort().map((key) => [key, facts[key] ?? null]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** The start and end of a day in China time, as instants. */
const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const chinaDayEnd = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

export class DeclarationsRules {
  private readonly perDeclarant: RateLimiterAbstract | null;
  private readonly perPremises: RateLimiterAbstract | null;

  constructor(
    private readonly store: DeclarationsStore,
    private readonly settings: DeclarationSettings,
  ) {
    const { perDeclarantPerMinute, perPremisesPerHour } = settings.limits;
    this.perDeclarant = perDeclarantPerMinute > 0 ? sharedLimiter(settings.shared, 'declarations:declarant', perDeclarantPerMinute, 60) : null;
    this.perPremises = perPremisesPerHour > 0 ? sharedLimiter(settings.shared, 'declarations:premises', perPremisesPerHour, 3_600) : null;
  }

  /** Which declarations a caller may see: a declarant its own, a reviewer its department's kinds in its jurisdiction. */
  scopeOf(principal: Principal | null): DeclarationScope {
    const kinds = reviewedKinds(principal);
    if (principal && kinds.length > 0) return { kind: 'reviewer', kinds, jurisdiction: jurisdictionFilter(principal) };
    if (principal && declarantRoleOf(principal)) return { kind: 'declarant', subject: principal.subject };
    return { kind: 'none' };
  }

  /** The declarant whose own declarations are asked for; anyone else is refused, as the list is theirs alone. */
  requireDeclarant(principal: Principal | null): { subject: string; role: DeclarantRole } {
    const role = declarantRoleOf(principal);
    if (!principal || !role) throw forbidden('only landlords, employers and residents declare, and read their own declarations');
    return { subject: principal.subject, role };
  }

  queueFilter(raw: unknown): QueueFilter {
    const filter = raw == null ? {} : parseInput(QueueFilterInput, raw, 'filter');
    return { ...filter, status: filter.status ?? 'PENDING' };
  }

  ownStatus(raw: unknown): DeclarationStatus | null {
    return raw == null ? null : parseInput(z.enum(['PENDING', 'CONFIRMED', 'REJECTED']), raw, 'status');
  }

  /**
   * Takes a declaration. Every problem of its fields is named at once; a link
   * that is forged, expired, revoked, for another kind of premises than the
   * declaration's, or for premises the declarant's credential does not name,
   * stores nothing. The same client key or the same facts again answer the
   * declaration already made.
   */
  async submit(raw: unknown, principal: Principal | null): Promise<{ declaration: DeclarationRow; duplicate: boolean }> {
    const { subject, role } = this.requireDeclarant(principal);
    if (!principal) throw new Error('unreachable: a declarant has a principal');
    await this.consume(this.perDeclarant, subject, 'from this declarant');
    const problems = new FieldProblems();
    const input = parseFields(SubmitInput, raw, problems);
    const kind = input.kind;
    if (kind !== undefined && !DECLARES[role].includes(kind)) {
      throw recordRefused([{ field: 'input.kind', code: 'BAD_USER_INPUT', message: `a ${role} declares ${DECLARES[role].join(' or ')}, not ${kind}` }]);
    }
    const given = (raw ?? {}) as Record<string, unknown>;
    if (kind !== undefined) {
      const fields = KIND_FIELDS[kind];
      for (const field of SPECIFIC_FIELDS) {
        const present = Object.hasOwn(given, field) && given[field] != null;
        if (fields.required.includes(field) && !present && !problems.has(`input.${field}`)) problems.add(`input.${field}`, 'BAD_USER_INPUT', `is required for a ${kind} declaration`);
        if (present && !fields.required.includes(field) && !fields.optional.includes(field)) problems.add(`input.${field}`, 'BAD_USER_INPUT', `is not part of a ${kind} declaration`);
      }
    }
    // A resident declares for themselves: the person is the one their credential names.
    let idNumber = input.idNumber ?? null;
    const own = principal.identityNumber ?? null;
    if (role === 'resident') {
      if (idNumber !== null && own !== null && idNumber !== own) problems.add('input.idNumber', 'BAD_USER_INPUT', 'must be your own identity number, the one your credential names');
      idNumber = own;
    } else if (idNumber === null && !problems.has('input.idNumber')) {
      problems.add('input.idNumber', 'BAD_USER_INPUT', `is required for a ${kind ?? 'tenant or worker'} declaration`);
    }
    const link = await this.linkOf(input.link ?? null, kind, role, principal, problems);
    if (kind !== undefined && kind !== 'RESIDENCE' && input.link == null && !problems.has('input.link')) {
      problems.add('input.link', 'BAD_USER_INPUT', `is required: declare through the premises link (QR code) of the ${kind === 'TENANCY' ? 'house' : 'workplace'}`);
    }
    if (kind === 'RESIDENCE') this.checkResidencePlace(input, link, problems);
    const valid = complete(input, problems);
    // A resident's credential must say who they are: what they declare is about themselves.
    if (idNumber === null) throw forbidden('a resident declares with a credential that names their own identity number');
    const premises = link ? { kind: link.kind, code: link.code } : valid.houseCode ? { kind: 'HOUSE' as const, code: valid.houseCode } : null;
    const place = link ? { gridCode: link.gridCode, divisionCode: link.divisionCode } : { gridCode: valid.gridCode ?? null, divisionCode: valid.divisionCode ?? '' };
    if (premises) await this.consume(this.perPremises, `${premises.kind}:${premises.code}`, 'at these premises');
    const facts = {
      kind: valid.kind,
      idNumber,
      name: valid.name,
      phone: valid.phone ?? null,
      start: valid.start,
      room: valid.room ?? null,
      position: valid.position ?? null,
      landlordName: valid.landlordName ?? null,
      monthlyRent: valid.monthlyRent ?? null,
      socialInsurance: valid.socialInsurance ?? null,
      address: valid.address ?? null,
      houseCode: valid.kind === 'RESIDENCE' ? (premises?.code ?? null) : null,
      premisesKind: premises?.kind ?? null,
      premisesCode: premises?.code ?? null,
      gridCode: place.gridCode,
      divisionCode: place.divisionCode,
    };
    const factsHash = factsHashOf(facts);
    const clientKey = valid.clientKey ?? null;
    if (clientKey !== null) {
      const earlier = await this.store.byClientKey(subject, clientKey);
      if (earlier && earlier.factsHash !== factsHash) {
        throw recordRefused([{ field: 'input.clientKey', code: 'CONFLICT', message: 'was sent before with other facts: a client key names one declaration' }]);
      }
      if (earlier) return { declaration: earlier, duplicate: true };
    }
    const result = await this.store.insertDeclaration({ id: randomUUID(), declarantSubject: subject, declarantRole: role, clientKey, factsHash, linkId: link?.id ?? null, ...facts });
    return { declaration: result.declaration, duplicate: result.outcome === 'duplicate' };
  }

  private async consume(limiter: RateLimiterAbstract | null, key: string, what: string): Promise<void> {
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw rateLimited(what, refusal.msBeforeNext);
    }
  }

  /**
   * The link a declaration is made through, once it is known to be this
   * hub's, unexpired, unrevoked, for the kind of premises the declaration is
   * made at, and (for a landlord or an employer) for premises their
   * credential names. Null when none was given or it is refused (its problem added).
   */
  private async linkOf(token: string | null, kind: DeclarationKind | undefined, role: DeclarantRole, principal: Principal, problems: FieldProblems): Promise<PremisesLinkRow | null> {
    if (token === null || problems.has('input.link')) return null;
    const row = await this.validLink(token, problems, 'input.link');
    if (!row || kind === undefined) return null;
    if (row.kind !== PREMISES_OF[kind]) {
      problems.add('input.link', 'BAD_USER_INPUT', `is the link of ${row.kind === 'HOUSE' ? 'a house' : 'a workplace'}, and a ${kind} declaration is made at ${PREMISES_OF[kind] === 'HOUSE' ? 'a house' : 'a workplace'}`);
      return null;
    }
    if (role !== 'resident' && !namedPremises(principal, row.kind).includes(row.code)) {
      throw recordRefused([{ field: 'input.link', code: 'BAD_USER_INPUT', message: 'is the link of premises your credential does not name: declare only for your own premises' }]);
    }
    return row;
  }

  /** The stored row of a link this hub signed that still holds; otherwise its problem, named at `field`. */
  private async validLink(token: string, problems: FieldProblems, field: string): Promise<PremisesLinkRow | null> {
    let claims;
    try {
      claims = await this.settings.links.verify(token);
    } catch (error) {
      if (!(error instanceof PremisesLinkForged)) throw error;
      problems.add(field, 'BAD_USER_INPUT', 'is not a premises link this hub signed');
      return null;
    }
    const row = await this.store.linkById(claims.id);
    if (!row || row.kind !== claims.kind || row.code !== claims.code) {
      problems.add(field, 'BAD_USER_INPUT', 'is not a premises link this hub signed');
      return null;
    }
    if (row.revokedAt !== null) {
      problems.add(field, 'BAD_USER_INPUT', 'has been revoked: ask for the premises’ new QR code');
      return null;
    }
    if (claims.expired || row.expiresAt.getTime() <= Date.now()) {
      problems.add(field, 'BAD_USER_INPUT', `expired on ${row.expiresAt.toISOString().slice(0, 10)}: ask for the premises’ new QR code`);
      return null;
    }
    return row;
  }

  /** A residence is at an address in a district and a grid of it; through a house's link, at that house, in its grid. */
  private checkResidencePlace(input: Partial<z.infer<typeof SubmitInput>>, link: PremisesLinkRow | null, problems: FieldProblems): void {
    const { divisionCode, gridCode, address, houseCode } = input;
    if (gridCode && divisionCode && !gridCode.startsWith(divisionCode)) problems.add('input.gridCode', 'BAD_USER_INPUT', `must be a grid in division ${divisionCode}`);
    if (address && !problems.has('input.divisionCode')) {
      const checked = checkAddress(address, divisionCode ?? null);
      if (!checked.ok) problems.add('input.address', 'BAD_USER_INPUT', checked.reason);
    }
    if (link) {
      if (houseCode && houseCode !== link.code) problems.add('input.houseCode', 'BAD_USER_INPUT', `is not the house of the link (${link.code}): a declaration through a link is made at its premises`);
      if (gridCode && link.gridCode && gridCode !== link.gridCode) problems.add('input.gridCode', 'BAD_USER_INPUT', `is not the grid of the link's house (${link.gridCode})`);
    } else if (houseCode && divisionCode && !houseCode.startsWith(divisionCode)) {
      problems.add('input.houseCode', 'BAD_USER_INPUT', `must be a house in division ${divisionCode}`);
    }
  }

  /**
   * Confirms each declaration in the caller's queue by registering its record
   * with the owning department, through the hub, as the caller: the
   * department's own mutation, rules, audit and events. A refusal is that
   * declaration's problems, and it stays pending.
   */
  async confirm(rawIds: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<DecisionView[]> {
    const ids = parseInput(Ids, rawIds, 'ids');
    const scope = this.scopeOf(principal);
    if (scope.kind !== 'reviewer' || !principal) throw forbidden('only the departments that own the records confirm declarations');
    const rows = new Map((await this.store.declarationsByIds(ids, scope)).map((row) => [row.id, row]));
    const results: DecisionView[] = [];
    for (const id of ids) {
      const row = rows.get(id.toLowerCase()) ?? null;
      const refusal = undecidable(id, row);
      if (refusal) {
        results.push(refusal);
        continue;
      }
      if (!row) throw new Error('unreachable: a missing declaration is refused above');
      const registered = await registerWithDepartment(row, checks);
      if ('problems' in registered) {
        results.push({ id, declaration: row, done: false, problems: registered.problems });
        continue;
      }
      const decided = await this.store.decide(row.id, { status: 'CONFIRMED', recordId: registered.recordId }, principal.subject);
      results.push(
        decided
          ? { id, declaration: decided, done: true, problems: [] }
          : { id, declaration: row, done: false, problems: [{ field: null, code: 'CONFLICT', message: `was decided by someone else meanwhile; the department registered record ${registered.recordId}` }] },
      );
    }
    return results;
  }

  /** Rejects pending declarations in the caller's queue with the reason the declarant reads. */
  async reject(rawIds: unknown, rawReason: unknown, principal: Principal | null): Promise<DecisionView[]> {
    const problems = new FieldProblems();
    const ids = Ids.safeParse(rawIds);
    if (!ids.success) problems.add('ids', 'BAD_USER_INPUT', ids.error.issues[0]?.message ?? 'is invalid');
    const reason = Reason.safeParse(rawReason);
    if (!reason.success) problems.add('reason', 'BAD_USER_INPUT', reason.error.issues[0]?.message ?? 'is invalid');
    problems.throwIfAny();
    if (!ids.success || !reason.success) throw new Error('unreachable: problems are thrown above');
    const scope = this.scopeOf(principal);
    if (scope.kind !== 'reviewer' || !principal) throw forbidden('only the departments that own the records reject declarations');
    const rows = new Map((await this.store.declarationsByIds(ids.data, scope)).map((row) => [row.id, row]));
    const results: DecisionView[] = [];
    for (const id of ids.data) {
      const row = rows.get(id.toLowerCase()) ?? null;
      const refusal = undecidable(id, row);
      if (refusal || !row) {
        results.push(refusal ?? { id, declaration: null, done: false, problems: [] });
        continue;
      }
      const decided = await this.store.decide(row.id, { status: 'REJECTED', reason: reason.data }, principal.subject);
      results.push(decided ? { id, declaration: decided, done: true, problems: [] } : { id, declaration: row, done: false, problems: [{ field: null, code: 'CONFLICT', message: 'was decided by someone else meanwhile' }] });
    }
    return results;
  }

  /**
   * Issues a link for premises the caller may issue for: the department that
   * owns them, or a declarant whose credential names them. Where the
   * premises lie, and what they are called, is asked of that department
   * through the hub, as the caller.
   */
  async issueLink(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<PremisesLinkView> {
    const input = parseInput(IssueInput, raw);
    const code = input.kind === 'HOUSE' ? parseInput(zHouseCode, input.code, 'input.code') : parseInput(zCreditCode, input.code, 'input.code');
    if (!principal || !this.mayIssue(principal, input.kind, code)) {
      throw forbidden(`premises links for ${input.kind === 'HOUSE' ? 'houses' : 'employers'} are issued by ${PREMISES_OWNER[input.kind]} or by a declarant whose credential names the premises`);
    }
    const place = await premisesPlace(input.kind, code, checks);
    if (!place) throw recordRefused([{ field: 'input.code', code: 'NOT_FOUND', message: `names no ${input.kind === 'HOUSE' ? 'house registered with housing' : 'employer registered with labour'}` }]);
    const issuedAt = new Date();
    const expiresAt = new Date(issuedAt.getTime() + (input.validDays ?? this.settings.linkDays) * 86_400_000);
    const row = await this.store.insertLink({
      id: randomUUID(),
      kind: input.kind,
      code,
      gridCode: place.gridCode,
      divisionCode: place.divisionCode,
      label: place.label,
      issuedBy: principal.subject,
      issuedAt,
      expiresAt,
    });
    return this.viewOf(row);
  }

  /**
   * Revokes a link; one the caller may not issue for answers as one that does
   * not exist, and so does one for premises outside a confined officer's
   * jurisdiction (the department issues links only for premises it is shown).
   */
  async revokeLink(rawId: unknown, principal: Principal | null): Promise<PremisesLinkView> {
    const id = parseInput(zId, rawId, 'id');
    const row = await this.store.linkById(id);
    if (!row || !principal || !this.mayIssue(principal, row.kind, row.code) || !withinJurisdiction(principal, row)) throw notFound(`Premises link ${id}`);
    const revoked = (await this.store.revokeLink(row.id, principal.subject)) ?? row;
    return this.viewOf(revoked);
  }

  /** What a link is for and whether it holds; a token this hub did not sign is the caller's mistake. */
  async checkLink(token: string, principal: Principal | null): Promise<PremisesLinkCheckView> {
    let claims;
    try {
      claims = await this.settings.links.verify(token.trim());
    } catch (error) {
      if (!(error instanceof PremisesLinkForged)) throw error;
      throw badUserInput('token', 'is not a premises link this hub signed');
    }
    const row = await this.store.linkById(claims.id);
    if (!row || row.kind !== claims.kind || row.code !== claims.code) throw badUserInput('token', 'is not a premises link this hub signed');
    const expired = claims.expired || row.expiresAt.getTime() <= Date.now();
    const revoked = row.revokedAt !== null;
    return { premises: this.premisesOf(row, principal), valid: !expired && !revoked, expired, revoked, expiresAt: row.expiresAt };
  }

  /** A link's premises as this caller is shown them: the label for the department and for a declarant naming them. */
  premisesOf(row: Pick<PremisesLinkRow, 'kind' | 'code' | 'label' | 'gridCode' | 'divisionCode'>, principal: Principal | null): PremisesView {
    const sees = principal !== null && (reviewedKinds(principal).length > 0 || namedPremises(principal, row.kind).includes(row.code));
    return { kind: row.kind, code: row.code, label: sees ? row.label : null, gridCode: row.gridCode, divisionCode: row.divisionCode };
  }

  /** Figures over the kinds the caller's department confirms (a grid office: every kind), in its jurisdiction. */
  async figures(raw: unknown, principal: Principal | null): Promise<FiguresView> {
    const filter = raw == null ? {} : parseInput(FiguresFilterInput, raw, 'filter');
    if (filter.from && filter.to && filter.to < filter.from) throw badUserInput('filter.to', `must not be before filter.from (${filter.from})`);
    const all: DeclarationKind[] = ['TENANCY', 'EMPLOYMENT', 'RESIDENCE'];
    const kinds = principal?.roles.includes('grid') ? all : reviewedKinds(principal);
    const asked: FiguresFilter = {
      kinds: filter.kind ? kinds.filter((k) => k === filter.kind) : kinds,
      gridCode: filter.gridCode ?? null,
      premisesCode: filter.premisesCode ?? null,
      from: filter.from ? chinaDayStart(filter.from) : null,
      to: filter.to ? chinaDayEnd(filter.to) : null,
    };
    return this.store.figures(asked, jurisdictionFilter(principal));
  }

  private mayIssue(principal: Principal, kind: PremisesKind, code: string): boolean {
    const owner = PREMISES_OWNER[kind];
    if (principal.roles.includes(owner) && principal.scopes.includes('declaration:review')) return true;
    return declarantRoleOf(principal) !== null && namedPremises(principal, kind).includes(code);
  }

  private async viewOf(row: PremisesLinkRow): Promise<PremisesLinkView> {
    const token = await this.settings.links.sign({ id: row.id, kind: row.kind, code: row.code, issuedAt: row.issuedAt, expiresAt: row.expiresAt });
    const url = `${this.settings.publicUrl().replace(/\/+$/, '')}/declare?p=${token}`;
    return { row, token, url, premises: { kind: row.kind, code: row.code, label: row.label, gridCode: row.gridCode, divisionCode: row.divisionCode } };
  }
}

const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

/** A QR code of a URL as SVG text, for printing. */
export function qrSvgOf(url: string): Promise<string> {
  return QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
}

/** A QR code of a URL as a PNG data: URL, for showing. */
export function qrPngOf(url: string): Promise<string> {
  return QRCode.toDataURL(url, { ...QR_OPTIONS, width: 480 });
}

/** Why a declaration cannot be decided now, if it cannot: none in the queue, or decided already. */
function undecidable(id: string, row: DeclarationRow | null): DecisionView | null {
  if (!row) return { id, declaration: null, done: false, problems: [{ field: null, code: 'NOT_FOUND', message: 'names no declaration in your queue' }] };
  if (row.status !== 'PENDING') return { id, declaration: row, done: false, problems: [{ field: null, code: 'CONFLICT', message: `was ${row.status.toLowerCase()} on ${row.decidedAt?.toISOString() ?? 'an earlier day'}` }] };
  return null;
}

/** Where premises lie and what they are called, as their department answers the caller; null when it holds none such. */
async function premisesPlace(kind: PremisesKind, code: string, checks: ReferenceChecks): Promise<{ gridCode: string; divisionCode: string; label: string | null } | null> {
  const answer =
    kind === 'HOUSE'
      ? await checks.send('PremisesPlace', 'query PremisesPlace($codes: [String!]!) { housePremises(codes: $codes) { code found gridCode divisionCode label: address } }', { codes: [code] })
      : await checks.send('PremisesPlace', 'query PremisesPlace($codes: [String!]!) { employerPremises(creditCodes: $codes) { code: creditCode found gridCode divisionCode label: name } }', { codes: [code] });
  const problems = problemsOf(answer, 'input');
  const forbiddenProblem = problems.find((p) => p.code === 'FORBIDDEN');
  if (forbiddenProblem) throw forbidden(`the owning department does not let you see these premises: ${forbiddenProblem.message}`);
  if (problems.length > 0) throw new GraphQLError('The owning department could not be asked about these premises; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  const list = answer.data?.[kind === 'HOUSE' ? 'housePremises' : 'employerPremises'];
  const found = Array.isArray(list) ? (list[0] as { found?: unknown; gridCode?: unknown; divisionCode?: unknown; label?: unknown } | undefined) : undefined;
  if (found?.found !== true || typeof found.gridCode !== 'string' || typeof found.divisionCode !== 'string') return null;
  return { gridCode: found.gridCode, divisionCode: found.divisionCode, label: typeof found.label === 'string' ? found.label : null };
}

/** The department mutation each kind is confirmed with, what it is asked, and where its answer's record is. */
const REGISTRATIONS: Readonly<Record<DeclarationKind, { operation: string; field: string; record: string; query: string; input: (row: DeclarationRow) => Record<string, unknown> }>> = {
  TENANCY: {
    operation: 'ConfirmTenancy',
    field: 'registerTenancyByIdentity',
    record: 'tenancy',
    query: 'mutation ConfirmTenancy($input: RegisterTenancyByIdentityInput!) { registerTenancyByIdentity(input: $input) { tenancy { id } identityConfirmed advice } }',
    input: (row) => ({
      houseCode: row.premisesCode,
      idNumber: row.idNumber,
      name: row.name,
      landlordName: row.landlordName,
      start: row.start,
      monthlyRent: row.monthlyRent,
      room: row.room,
    }),
  },
  EMPLOYMENT: {
    operation: 'ConfirmEmployment',
    field: 'registerEmploymentByIdentity',
    record: 'employment',
    query: 'mutation ConfirmEmployment($input: RegisterEmploymentByIdentityInput!) { registerEmploymentByIdentity(input: $input) { employment { id } identityConfirmed advice } }',
    input: (row) => ({
      employerCreditCode: row.premisesCode,
      idNumber: row.idNumber,
      name: row.name,
      position: row.position,
      start: row.start,
      socialInsurance: row.socialInsurance,
    }),
  },
  RESIDENCE: {
    operation: 'ConfirmResidence',
    field: 'registerResidenceByIdentity',
    record: 'registration',
    query: 'mutation ConfirmResidence($input: RegisterResidenceByIdentityInput!) { registerResidenceByIdentity(input: $input) { registration { id } identityConfirmed advice } }',
    input: (row) => ({
      idNumber: row.idNumber,
      name: row.name,
      address: row.address,
      divisionCode: row.divisionCode,
      gridCode: row.gridCode,
      houseCode: row.houseCode,
      since: row.start,
    }),
  },
};

/**
 * Registers a declaration's record with the department that owns it, through
 * the hub, as the confirming officer. The department's refusals come back
 * as the declaration's problems, each naming the declaration's own field.
 */
async function registerWithDepartment(row: DeclarationRow, checks: ReferenceChecks): Promise<{ recordId: string } | { problems: DecisionView['problems'] }> {
  const registration = REGISTRATIONS[row.kind];
  const answer = await checks.send(registration.operation, registration.query, { input: registration.input(row) });
  const problems = problemsOf(answer, 'input');
  if (problems.length > 0) return { problems };
  const payload = answer.data?.[registration.field] as { identityConfirmed?: unknown; advice?: unknown } & Record<string, unknown> | null | undefined;
  const record = payload?.[registration.record] as { id?: unknown } | null | undefined;
  if (payload?.identityConfirmed === false) {
    return { problems: [{ field: 'idNumber', code: 'NOT_FOUND', message: typeof payload.advice === 'string' ? payload.advice : IDENTITY_NOT_CONFIRMED }] };
  }
  if (typeof record?.id !== 'string') return { problems: [{ field: null, code: 'SERVICE_UNAVAILABLE', message: 'the department answered without the record; nothing was decided' }] };
  return { recordId: record.id };
}

/** A department's input field by the declaration's name for it. */
const DEPARTMENT_FIELDS: ReadonlyMap<string, string> = new Map([
  ['employerCreditCode', 'premises'],
  ['houseCode', 'premises'],
  ['since', 'start'],
]);

const PROBLEM_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED']);

/**
 * A department's answer as problems of the declaration: each error's code,
 * and the field it names with the department's input path taken off
 * (`input.start` → `start`); codes a caller cannot act on are told as the
 * department being unavailable, never with their text.
 */
function problemsOf(answer: HubAnswer, root: string): DecisionView['problems'] {
  return (answer.errors ?? []).map((error) => {
    const rawCode = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
    if (!PROBLEM_CODES.has(rawCode)) return { field: null, code: 'SERVICE_UNAVAILABLE', message: 'the department could not register it now; nothing was decided' };
    const field = typeof error.extensions?.field === 'string' ? error.extensions.field : null;
    const own = field?.startsWith(`${root}.`) ? field.slice(root.length + 1) : field;
    const message = typeof error.message === 'string' ? error.message : rawCode;
    const text = field !== null && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    return { field: own === null ? null : (DEPARTMENT_FIELDS.get(own) ?? own), code: rawCode, message: text };
  });
}

export type { FieldProblem };
