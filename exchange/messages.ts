import { z } from 'zod';
import { zDate, zDivisionCode, zIdNumber, zMobilePhone, zString, zText } from '../platform/input.js';

/**
 * What cities tell each other, and the most each kind of message may carry.
 * A partnership's agreement picks a subset of these fields per message type;
 * nothing outside the agreement leaves the city, and nothing outside it is
 * kept when it arrives.
 */

export const MESSAGE_TYPES = ['INFLOW_NOTICE', 'OUTFLOW_NOTICE'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * INFLOW_NOTICE: sent by the city a person now lives in to the city of their
 * household registration: "your resident is registered here".
 * OUTFLOW_NOTICE: sent by the home city to the destination: "our resident
 * has moved to you".
 */
export const MESSAGE_FIELDS = {
  INFLOW_NOTICE: [
    'idNumber',
    'name',
    'sex',
    'birthDate',
    'householdDivisionCode',
    'residenceAddress',
    'residenceDivisionCode',
    'residenceSince',
    'phone',
  ],
  OUTFLOW_NOTICE: [
    'idNumber',
    'name',
    'sex',
    'birthDate',
    'ethnicity',
    'householdDivisionCode',
    'householdAddress',
    'destinationDivisionCode',
    'destinationAddress',
    'movedOn',
    'phone',
  ],
} as const satisfies Record<MessageType, readonly string[]>;

export type NoticeField = (typeof MESSAGE_FIELDS)[MessageType][number];
export const NOTICE_FIELDS: readonly NoticeField[] = [...new Set<NoticeField>([...MESSAGE_FIELDS.INFLOW_NOTICE, ...MESSAGE_FIELDS.OUTFLOW_NOTICE])];

/** Every notice names whom it is about; an agreement without it would be a message about no one. */
export const REQUIRED_FIELD = 'idNumber';

/** The fields of one notice, as the sender's register holds them. */
export type NoticePayload = Partial<Record<NoticeField, string | null>>;

/** Fields per message type a partnership agreed; a type not named is not exchanged. */
export type Agreement = Partial<Record<MessageType, readonly NoticeField[]>>;

export const isMessageType = (value: unknown): value is MessageType => (MESSAGE_TYPES as readonly unknown[]).includes(value);

/** How each field must look on arrival; a partner's message is input like any other. */
const FIELD_SCHEMAS: Record<NoticeField, z.ZodType<string>> = {
  idNumber: zIdNumber,
  name: zText(50),
  sex: z.enum(['MALE', 'FEMALE']),
  birthDate: zDate,
  ethnicity: zText(20),
  householdDivisionCode: zDivisionCode,
  householdAddress: zText(200),
  residenceAddress: zText(200),
  residenceDivisionCode: zDivisionCode,
  residenceSince: zDate,
  destinationDivisionCode: zDivisionCode,
  destinationAddress: zText(200),
  movedOn: zDate,
  phone: zMobilePhone,
};

export interface AgreedPayload {
  /** The fields kept: named by the agreement and present. */
  kept: NoticePayload;
  /** Fields the message carried that the agreement does not name. */
  dropped: string[];
}

/** Keeps the fields the agreement names for this message type; reports the rest. */
export function applyAgreement(type: MessageType, payload: Readonly<Record<string, unknown>>, agreement: Agreement): AgreedPayload {
  const agreed = new Set<string>(agreement[type] ?? []);
  const kept: NoticePayload = {};
  const dropped: string[] = [];
  for (const [field, value] of Object.entries(payload)) {
    if (agreed.has(field)) kept[field as NoticeField] = value as string | null;
    else dropped.push(field);
  }
  return { kept, dropped: dropped.sort() };
}

/**
 * Checks each kept field's shape. Answers the first problem, naming the
 * field, or the identity number the notice is about. `null` values are
 * allowed except for idNumber: a partner may not know a phone number.
 */
export function checkPayload(
  type: MessageType,
  payload: Readonly<Record<string, unknown>>,
): { ok: true; idNumber: string } | { ok: false; field: string; reason: string } {
  const allowed = new Set<string>(MESSAGE_FIELDS[type]);
  const idNumber = payload[REQUIRED_FIELD];
  if (typeof idNumber !== 'string') return { ok: false, field: REQUIRED_FIELD, reason: 'is required' };
  for (const [field, value] of Object.entries(payload)) {
    if (!allowed.has(field)) return { ok: false, field, reason: `is not a field of ${type}` };
    if (value === null) continue;
    const parsed = FIELD_SCHEMAS[field as NoticeField].safeParse(value);
    if (!parsed.success) return { ok: false, field, reason: parsed.error.issues[0]?.message ?? 'is invalid' };
  }
  return { ok: true, idNumber };
}

/** An agreement as an administrator writes it: known types, known fields of that type, idNumber included. */
export const AgreementInput = z
  .array(
    z.object({
      messageType: z.enum(MESSAGE_TYPES),
      fields: z.array(zString).min(1, 'must name at least idNumber').max(32),
    }),
  )
  .min(1, 'must name at least one message type')
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.messageType)) ctx.addIssue({ code: 'custom', path: [index, 'messageType'], message: `${entry.messageType} is named twice` });
      seen.add(entry.messageType);
      const known = new Set<string>(MESSAGE_FIELDS[entry.messageType]);
      for (const field of entry.fields) {
        if (!known.has(field)) {
          ctx.addIssue({ code: 'custom', path: [index, 'fields'], message: `${field} is not a field of ${entry.messageType} (known: ${[...known].join(', ')})` });
          return;
        }
      }
      if (!entry.fields.includes(REQUIRED_FIELD)) ctx.addIssue({ code: 'custom', path: [index, 'fields'], message: `must include ${REQUIRED_FIELD}: a notice names whom it is about` });
    });
  })
  .transform((entries): Agreement => Object.fromEntries(entries.map((e) => [e.messageType, [...new Set(e.fields)] as NoticeField[]])));
