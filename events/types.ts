import { z } from 'zod';

/**
 * What a department tells the rest of the hub happened, written to an outbox
 * in its own database in the same transaction as the change (events/outbox.ts),
 * then relayed to whoever consumes it (events/relay.ts) over a transport
 * (events/transport.ts). An event names records by id and place and carries
 * no more of a resident than the rules that consume it need: who may learn
 * what is decided by the alert rules (alerts/rules.ts) and the policy.
 */

const zId = z.string().min(1).max(64);
const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const zGrid = z.string().regex(/^\d{12}$/);
const zDivision = z.string().regex(/^\d{6}$/);

/** Every event type, its source, and its payload. */
export const EVENT_PAYLOADS = {
  /** Police: a person's residence registered (a move in, or within the city). */
  ResidenceRegistered: z.object({ personId: zId, residenceId: zId, gridCode: zGrid, divisionCode: zDivision, houseCode: z.string().nullable(), since: zDate }),
  /** Housing: a tenancy registered; where the house is, and how full it now is. */
  TenancyRegistered: z.object({
    tenancyId: zId,
    houseId: zId,
    houseCode: z.string(),
    gridCode: zGrid,
    divisionCode: zDivision,
    tenantId: zId,
    start: zDate,
    rooms: z.number().int(),
    openTenancies: z.number().int(),
  }),
  /** Labour: an employment registered at an employer; where the employer is. */
  EmploymentRegistered: z.object({ employmentId: zId, employerId: zId, gridCode: zGrid, divisionCode: zDivision, personId: zId, start: zDate }),
  /**
   * Labour: an employer asked to register a worker whose identity the
   * register did not confirm. Labour holds the number and name the employer
   * gave it; the police, who own the register, decide what it means.
   */
  IdentityNotConfirmed: z.object({ employerId: zId, gridCode: zGrid, divisionCode: zDivision, idNumber: z.string().max(18), name: z.string().max(50), attemptedOn: zDate }),
  /**
   * Declarations: a landlord, an employer or a resident declared a tenant, a
   * worker or themselves; pending until the owning department decides. Names
   * the declaration, its kind, its place and its premises, nobody's identity.
   */
  DeclarationSubmitted: z.object({
    declarationId: zId,
    kind: z.enum(['TENANCY', 'EMPLOYMENT', 'RESIDENCE']),
    declarantRole: z.enum(['landlord', 'employer', 'resident']),
    premisesKind: z.enum(['HOUSE', 'EMPLOYER']).nullable(),
    premisesCode: z.string().max(18).nullable(),
    gridCode: zGrid.nullable(),
    divisionCode: zDivision,
    start: zDate,
  }),
  /** Declarations: the owning department confirmed (naming the record it created) or rejected a declaration. */
  DeclarationDecided: z.object({
    declarationId: zId,
    kind: z.enum(['TENANCY', 'EMPLOYMENT', 'RESIDENCE']),
    status: z.enum(['CONFIRMED', 'REJECTED']),
    recordId: zId.nullable(),
    gridCode: zGrid.nullable(),
    divisionCode: zDivision,
  }),
  /** Exchange: a partner city's inflow notice received, naming a resident by identity number. */
  InflowNoticeReceived: z.object({ messageId: zId, partnerCode: zDivision, idNumber: z.string().max(18) }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

/** Which component's outbox each event type is written to. */
export const EVENT_SOURCES: Readonly<Record<EventType, 'police' | 'housing' | 'labour' | 'exchange' | 'declarations'>> = {
  ResidenceRegistered: 'police',
  TenancyRegistered: 'housing',
  EmploymentRegistered: 'labour',
  IdentityNotConfirmed: 'labour',
  InflowNoticeReceived: 'exchange',
  DeclarationSubmitted: 'declarations',
  DeclarationDecided: 'declarations',
};

export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** An event as it travels: its id (unique across the hub, the key consumers de-duplicate by), type, source, time and payload. */
export type DomainEvent = {
  [T in EventType]: { id: string; type: T; source: (typeof EVENT_SOURCES)[T]; occurredAt: string; payload: EventPayload<T> };
}[EventType];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_PAYLOADS, value);
}
