import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { INDUSTRIES, chinaDateOf } from '../../domain/index.js';
import { badUserInput, conflict, notFound } from '../../platform/errors.js';
import { dateOrder, parseInput, zCreditCode, zDate, zDivisionCode, zGridCode, zId, zString, zText } from '../../platform/input.js';
import { jurisdictionFilter, requirePlaceWithin } from '../../auth/jurisdiction.js';
import type { Principal } from '../../auth/principal.js';
import type { EmployerRow, EmploymentRow } from './db/schema.js';
import type { EmployerFilter, LabourStore } from './store.js';

/** Labour business rules: what a valid employer or employment registration is and what it changes. */

// The city works on China time: between midnight and 08:00 there the UTC date is still yesterday.
const todayInChina = (): string => chinaDateOf(new Date());

const zIndustry = zString.trim().refine((v) => INDUSTRIES.includes(v), `must be a GB/T 4754 section name: ${INDUSTRIES.join(', ')}`);
// An employment with an end date is over ("null while current"), so neither end of it lies ahead.
const zPastDate = zDate.refine((d) => d <= todayInChina(), 'must not be in the future');

const RegisterEmployerInput = z
  .object({
    // zCreditCode checks length, alphabet, check character and that characters 3-8 are a real division.
    creditCode: zCreditCode,
    name: zText(100),
    industry: zIndustry,
    address: zText(200),
    divisionCode: zDivisionCode,
    gridCode: zGridCode,
  })
  .superRefine((value, ctx) => {
    if (!value.gridCode.startsWith(value.divisionCode)) {
      ctx.addIssue({ code: 'custom', path: ['gridCode'], message: `must start with the division code ${value.divisionCode}` });
    }
  });

const RegisterEmploymentInput = z
  .object({
    personId: zId,
    employerId: zId,
    position: zText(50),
    start: zPastDate,
    end: zPastDate.nullish(),
    socialInsurance: z.enum(['INSURED', 'SUSPENDED', 'NOT_INSURED']),
  })
  .superRefine(dateOrder('start', 'end'));

const EndEmploymentInput = z.object({ employmentId: zId, end: zPastDate });

const EmployerFilterInput = z.object({ gridCode: zGridCode.nullish(), industry: zIndustry.nullish() });

export class LabourRules {
  constructor(private readonly store: LabourStore) {}

  /** Checks a list filter; a malformed code is a mistake worth naming, not an empty list. */
  employerFilter(raw: unknown): EmployerFilter {
    return raw == null ? {} : parseInput(EmployerFilterInput, raw, 'filter');
  }

  /** A confined caller registers employers only in their own grids or districts. */
  async registerEmployer(raw: unknown, principal: Principal | null): Promise<EmployerRow> {
    const input = parseInput(RegisterEmployerInput, raw);
    requirePlaceWithin(principal, { gridCode: input.gridCode, divisionCode: input.divisionCode }, 'input.gridCode');
    const inserted = await this.store.insertEmployer({
      id: randomUUID(),
      creditCode: input.creditCode,
      name: input.name,
      industry: input.industry,
      address: input.address,
      divisionCode: input.divisionCode,
      gridCode: input.gridCode,
    });
    if (!inserted) throw conflict('An employer with this credit code is already registered', 'input.creditCode');
    return inserted;
  }

  /**
   * Labour keeps its own database and cannot see the police register, so
   * `personId` is taken on trust as a Person id: checking it here would mean
   * reading another department's data outside the gateway, its policy and its audit.
   */
  async registerEmployment(raw: unknown, principal: Principal | null): Promise<EmploymentRow> {
    const input = parseInput(RegisterEmploymentInput, raw);
    await this.requireEmployer(input.employerId, principal);
    const inserted = await this.store.insertEmployment({
      id: randomUUID(),
      personId: input.personId,
      employerId: input.employerId,
      position: input.position,
      start: input.start,
      end: input.end ?? null,
      socialInsurance: input.socialInsurance,
    });
    if (!inserted) throw conflict('This person already holds an open employment at this employer', 'input.personId');
    return inserted;
  }

  /** An employment at an employer outside a confined caller's jurisdiction is NOT_FOUND, in the words an unknown one gets. */
  async endEmployment(raw: unknown, principal: Principal | null): Promise<EmploymentRow> {
    const input = parseInput(EndEmploymentInput, raw);
    const [employment] = await this.store.employmentsByIds([input.employmentId], jurisdictionFilter(principal));
    if (!employment) throw notFound(`Employment ${input.employmentId}`);
    if (employment.end !== null) throw conflict(`This employment already ended on ${employment.end}`, 'input.employmentId');
    if (input.end < employment.start) throw badUserInput('input.end', `must not be before the employment's start (${employment.start})`);
    const closed = await this.store.closeEmployment(employment.id, input.end);
    if (!closed) throw conflict('This employment was ended meanwhile', 'input.employmentId');
    return closed;
  }

  /** An employer outside a confined caller's jurisdiction is NOT_FOUND, in the words an unknown employer gets. */
  private async requireEmployer(id: string, principal: Principal | null): Promise<EmployerRow> {
    const [employer] = await this.store.employersByIds([id], jurisdictionFilter(principal));
    if (!employer) throw notFound(`Employer ${id}`);
    return employer;
  }
}
