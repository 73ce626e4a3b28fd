import { z } from 'zod';
import { chinaDateOf, checkCreditCode, checkDivisionCode, checkIdNumber, checkMobilePhone } from '../domain/index.js';
import { badUserInput } from './errors.js';

/**
 * Validates a mutation's arguments with zod; the first problem becomes a
 * BAD_USER_INPUT error naming the field path, e.g. `input.idNumber`.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, root = 'input'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [root, ...(issue?.path ?? []).map(String)].join('.');
  throw badUserInput(field, issue?.message ?? 'is invalid');
}

const fromCheck =
  (check: (value: string) => { ok: true } | { ok: false; reason: string }) =>
  (value: string, ctx: z.RefinementCtx) => {
    const result = check(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  };

export const zIdNumber = z.string().trim().superRefine(fromCheck(checkIdNumber));
export const zCreditCode = z.string().trim().superRefine(fromCheck(checkCreditCode));
export const zDivisionCode = z.string().trim().superRefine(fromCheck(checkDivisionCode));
export const zMobilePhone = z.string().trim().superRefine(fromCheck(checkMobilePhone));
export const zText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
export const zId = z.uuid('must be an id issued by the hub');
export const zGridCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit grid code (division code + street + grid)');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const zDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');

/** `end` must not come before `start`; the issue lands on `endField`. */
export function dateOrder<T extends Record<string, unknown>>(startField: keyof T & string, endField: keyof T & string) {
  return (value: T, ctx: z.RefinementCtx) => {
    const start = value[startField];
    const end = value[endField];
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      ctx.addIssue({ code: 'custom', path: [endField], message: `must not be before ${startField} (${start})` });
    }
  };
}

/** Today's date in China (UTC+8), which is what "not in the future" means for a register. */
export function today(): string {
  return chinaDateOf(new Date());
}
