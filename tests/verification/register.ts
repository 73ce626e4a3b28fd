import { and, isNull } from 'drizzle-orm';
import type { AuditEvent } from '../../audit/api.js';
import { makeIdNumber } from '../../domain/index.js';
import { today } from '../../platform/input.js';
import { persons, residencePermits, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import type { TestHub } from '../support/hub.js';

/*
 * The residents the verification tests ask about, found in the seeded
 * register by what the police hold of them, so each case is whatever the
 * seed made it and not a value written here.
 */

export interface Resident {
  id: string;
  idNumber: string;
  name: string;
  status: 'REGISTERED' | 'FLOATING' | 'MOVED_OUT';
  /** The current residence's place, if there is one. */
  gridCode: string | null;
  divisionCode: string | null;
}

export interface Register {
  /** Floating residents with a permit valid today and a current residence. */
  permitted: Resident[];
  /** Residents whose every permit lapsed before today, with the last one's dates. */
  lapsed: (Resident & { issuedOn: string; validUntil: string })[];
  /** Residents not moved out who never held a permit. */
  unpermitted: Resident[];
  /** Everyone on the register: for numbers nobody holds and for places elsewhere. */
  everyone: Resident[];
}

export async function readRegister(hub: TestHub): Promise<Register> {
  const db = hub.databases.police.db;
  const day = today();
  const homes = new Map((await db.select().from(residenceRegistrations).where(and(isNull(residenceRegistrations.until)))).map((r) => [r.personId, r]));
  const everyone: Resident[] = (await db.select().from(persons))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((p) => ({
      id: p.id,
      idNumber: p.idNumber,
      name: p.name,
      status: p.status,
      gridCode: homes.get(p.id)?.gridCode ?? null,
      divisionCode: homes.get(p.id)?.divisionCode ?? null,
    }));
  const permits = await db.select().from(residencePermits);
  const validToday = new Set(permits.filter((p) => p.issuedOn <= day && day <= p.validUntil).map((p) => p.personId));
  const lastPermit = new Map(permits.sort((a, b) => a.validUntil.localeCompare(b.validUntil)).map((p) => [p.personId, p]));
  const permitted = everyone.filter((p) => p.status === 'FLOATING' && validToday.has(p.id) && p.gridCode !== null);
  const lapsed = everyone.flatMap((p) => {
    const last = lastPermit.get(p.id);
    return last && !validToday.has(p.id) && last.validUntil < day && p.status !== 'MOVED_OUT' ? [{ ...p, issuedOn: last.issuedOn, validUntil: last.validUntil }] : [];
  });
  const unpermitted = everyone.filter((p) => p.status !== 'MOVED_OUT' && !lastPermit.has(p.id) && p.gridCode !== null);
  if (permitted.length < 4 || lapsed.length === 0 || unpermitted.length === 0) {
    throw new Error(`the seeded city lacks a case: ${permitted.length} with a valid permit, ${lapsed.length} lapsed, ${unpermitted.length} without`);
  }
  return { permitted, lapsed, unpermitted, everyone };
}

/** A well-formed identity number (a valid check character) that nobody on the register holds. */
export function unknownNumber(register: Register, sequence: number): string {
  const held = new Set(register.everyone.map((p) => p.idNumber));
  for (let s = sequence; s < sequence + 500; s++) {
    const candidate = makeIdNumber('510107', '1991-03-04', s % 1000, 'FEMALE');
    if (!held.has(candidate)) return candidate;
  }
  throw new Error('every candidate number is held');
}

/** The same number with a wrong check character: malformed, so the form's own mistake. */
export function withWrongCheckCharacter(idNumber: string): string {
  const last = idNumber.charAt(17);
  return `${idNumber.slice(0, 17)}${last === '0' ? '1' : '0'}`;
}

/** Moves a resident out of the city today, as the police record it through the hub. */
export async function moveOut(hub: TestHub, personId: string): Promise<void> {
  const response = await graphql(
    hub.gatewayUrl,
    `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id status } } }`,
    { input: { personId, destinationDivisionCode: '500103', movedOn: today() } },
    hub.headers('police', 'population-management'),
  );
  if (response.body.data?.recordMoveOut?.person?.status !== 'MOVED_OUT') throw new Error(`the move out was not recorded: ${JSON.stringify(response.body)}`);
}

/** The events one request left, by its `x-request-id`. */
export async function eventsOf(hub: TestHub, response: GraphQLResponse): Promise<AuditEvent[]> {
  const requestId = response.headers.get('x-request-id');
  if (!requestId) throw new Error('the response names no request id');
  return (await hub.audit.events()).filter((event) => event.requestId === requestId);
}

/** What an event says beside who it was about and when: its kind, writer, type, how many records, fields and outcome. */
export const shapeOf = (event: AuditEvent) => ({
  kind: event.kind,
  subgraph: event.subgraph,
  typeName: event.typeName,
  records: event.recordIds.length,
  fields: event.fields,
  purpose: event.purpose,
  outcome: event.outcome,
  errorCode: event.errorCode,
});
