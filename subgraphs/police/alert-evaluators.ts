import { chinaDateOf } from '../../domain/index.js';
import { eventKey, type EventEvaluator, type Evaluators, type ScheduledPass } from '../../alerts/engine.js';
import { DEFAULT_UNREGISTERED_TENANT_DAYS, PERMIT_EXPIRY_NOTICE_DAYS, type AlertRule } from '../../alerts/rules.js';
import type { NewAlert } from '../../events/alerts.js';
import type { DomainEvent, EventPayload } from '../../events/types.js';
import type { KeyPersonFlagRow, ResidenceRow } from './db/schema.js';
import { identityVerdict } from './rules.js';
import type { PoliceStore } from './store.js';

/**
 * The alert rules the police evaluate (alerts/rules.ts), over the police's own
 * records: key-person flags, the register, residences and permits. Only the
 * police hold these facts, so only here is a condition over them decided;
 * what leaves is the alert, carrying exactly what its rule reveals.
 */

export interface PoliceEvaluatorSettings {
  /** This city's 6-digit code: the place of an alert about someone who lives nowhere in it yet. */
  cityCode: string;
  /** Days a tenant has to register a residence (ALERT_UNREGISTERED_TENANT_DAYS). */
  unregisteredTenantDays?: number;
  /** The most checks or permits one pass settles; the next pass takes the rest. */
  passBatch?: number;
}

const DAY_MS = 86_400_000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The flag that weighs most among those in force on `day`: the highest level, then the latest. */
function flagInForce(flags: readonly KeyPersonFlagRow[], day: string): KeyPersonFlagRow | null {
  const inForce = flags.filter((flag) => flag.since <= day);
  return inForce.reduce<KeyPersonFlagRow | null>((best, flag) => (best === null || flag.level > best.level ? flag : best), null);
}

/** Whether a residence registration answers for a tenancy: at its house and in force on its start, or begun on or after the start. */
function registeredFor(residences: readonly ResidenceRow[], houseCode: string | null, start: string): boolean {
  return residences.some(
    (residence) => residence.since >= start || (houseCode !== null && residence.houseCode === houseCode && residence.since <= start && (residence.until === null || residence.until >= start)),
  );
}

type Payload<T extends DomainEvent['type']> = EventPayload<T>;

export function createPoliceEvaluators(store: PoliceStore, settings: PoliceEvaluatorSettings): Evaluators {
  const tenantDays = settings.unregisteredTenantDays ?? DEFAULT_UNREGISTERED_TENANT_DAYS;
  const batch = settings.passBatch ?? 500;

  const alertOf = (rule: AlertRule, key: string, rest: Omit<NewAlert, 'key' | 'rule' | 'kind' | 'purposes'>): NewAlert => ({
    key,
    rule: rule.id,
    kind: rule.kind,
    purposes: rule.purposes,
    ...rest,
  });

  /**
   * A key-person alert when the person has a flag in force on the day the
   * event happened. The place is where the registration happened, the
   * recipient the police there; the alert itself names the person (name and
   * identity number), since those police must learn who arrived even when
   * the person lives in another district.
   */
  const keyPerson =
    (what: string, facts: (event: DomainEvent) => Promise<{ personId: string; gridCode: string | null; divisionCode: string; houseId?: string | null; employerId?: string | null } | null>): EventEvaluator =>
    async (event, rule) => {
      const subject = await facts(event);
      if (!subject) return [];
      const flag = flagInForce(await store.flagsByPersonIds([subject.personId]), chinaDateOf(new Date(event.occurredAt)));
      if (!flag) return [];
      // Read with no jurisdiction: the recipients are the police of the place the event names, who may
      // not be those of where the person lives, and `Alert.person` answers them under their own.
      const [person] = await store.personsByIds([subject.personId]);
      if (!person) return [];
      return [
        alertOf(rule, eventKey(rule, event), {
          recipient: { department: rule.recipients.department, gridCode: subject.gridCode, divisionCode: subject.divisionCode },
          subject: { personId: subject.personId, houseId: subject.houseId ?? null, employerId: subject.employerId ?? null },
          details: { name: person.name, idNumber: person.idNumber, flagCategory: flag.category, flagLevel: String(flag.level) },
          summary: `A key person ${what} in ${subject.gridCode === null ? `division ${subject.divisionCode}` : `grid ${subject.gridCode}`}`,
          eventId: event.id,
          eventType: event.type,
          occurredAt: event.occurredAt,
        }),
      ];
    };

  /** Where someone lives now, or the city with no grid. */
  const placeOf = async (personId: string): Promise<{ gridCode: string | null; divisionCode: string }> => {
    const current = (await store.residencesByPersonIds([personId])).find((residence) => residence.until === null);
    return current ? { gridCode: current.gridCode, divisionCode: current.divisionCode } : { gridCode: null, divisionCode: settings.cityCode };
  };

  const events = new Map<string, EventEvaluator>([
    [
      'key-person.tenancy',
      keyPerson('was registered as a tenant', async (event) => {
        if (event.type !== 'TenancyRegistered') return null;
        const p: Payload<'TenancyRegistered'> = event.payload;
        return { personId: p.tenantId, gridCode: p.gridCode, divisionCode: p.divisionCode, houseId: p.houseId };
      }),
    ],
    [
      'key-person.employment',
      keyPerson('was registered in employment', async (event) => {
        if (event.type !== 'EmploymentRegistered') return null;
        const p: Payload<'EmploymentRegistered'> = event.payload;
        return { personId: p.personId, gridCode: p.gridCode, divisionCode: p.divisionCode, employerId: p.employerId };
      }),
    ],
    [
      'key-person.residence',
      keyPerson('registered a residence', async (event) => {
        if (event.type !== 'ResidenceRegistered') return null;
        const p: Payload<'ResidenceRegistered'> = event.payload;
        return { personId: p.personId, gridCode: p.gridCode, divisionCode: p.divisionCode };
      }),
    ],
    [
      'key-person.inflow',
      keyPerson('was reported moving here by a partner city', async (event) => {
        if (event.type !== 'InflowNoticeReceived') return null;
        const [person] = await store.personsByIdNumbers([event.payload.idNumber]);
        if (!person) return null;
        return { personId: person.id, ...(await placeOf(person.id)) };
      }),
    ],
    [
      // The tenancy leaves a check; the pass below decides once it falls due.
      'task.unregistered-tenant',
      async (event, rule) => {
        if (event.type !== 'TenancyRegistered') return [];
        const p = event.payload;
        await store.addAlertCheck({
          key: `${rule.id}:${p.tenancyId}`,
          rule: rule.id,
          personId: p.tenantId,
          houseId: p.houseId,
          houseCode: p.houseCode,
          gridCode: p.gridCode,
          divisionCode: p.divisionCode,
          since: p.start,
          dueOn: addDays(p.start, tenantDays),
          eventId: event.id,
        });
        return [];
      },
    ],
    [
      'identity.not-confirmed',
      async (event, rule) => {
        if (event.type !== 'IdentityNotConfirmed') return [];
        const p = event.payload;
        const [person] = await store.personsByIdNumbers([p.idNumber]);
        const reason = identityVerdict(person, p.name);
        // Registered or corrected meanwhile: nothing is owed to anyone.
        if (reason === null) return [];
        return [
          alertOf(rule, eventKey(rule, event), {
            recipient: { department: rule.recipients.department, gridCode: p.gridCode, divisionCode: p.divisionCode },
            subject: { personId: person?.id ?? null, houseId: null, employerId: p.employerId },
            details: { idNumber: p.idNumber, name: p.name, reason },
            summary: `An employer in grid ${p.gridCode} gave an identity the register does not confirm`,
            eventId: event.id,
            eventType: event.type,
            occurredAt: event.occurredAt,
          }),
        ];
      },
    ],
  ]);

  const unregisteredTenants: ScheduledPass = async (rule, now, raise) => {
    const due = await store.dueAlertChecks(rule.id, chinaDateOf(now), batch);
    let raised = 0;
    // One read each for the whole batch of due checks, not one per check.
    const tenantIds = [...new Set(due.map((check) => check.personId))];
    const residencesOf = new Map<string, ResidenceRow[]>();
    for (const residence of tenantIds.length > 0 ? await store.residencesByPersonIds(tenantIds) : []) {
      const key = residence.personId.toLowerCase();
      residencesOf.set(key, [...(residencesOf.get(key) ?? []), residence]);
    }
    // The tenant usually lives, as far as the register knows, in another grid: the task names them itself, or the grid worker could not find whom to visit.
    const tenants = new Map((tenantIds.length > 0 ? await store.personsByIds(tenantIds) : []).map((person) => [person.id.toLowerCase(), person]));
    for (const check of due) {
      if (registeredFor(residencesOf.get(check.personId.toLowerCase()) ?? [], check.houseCode, check.since ?? check.dueOn)) {
        await store.settleAlertCheck(check.key, false);
        continue;
      }
      const tenant = tenants.get(check.personId.toLowerCase());
      await raise(
        alertOf(rule, check.key, {
          recipient: { department: rule.recipients.department, gridCode: check.gridCode, divisionCode: check.divisionCode },
          subject: { personId: check.personId, houseId: check.houseId, employerId: null },
          details: tenant ? { name: tenant.name } : {},
          summary: `A tenant in grid ${check.gridCode ?? '?'} has not registered a residence ${tenantDays} days after the tenancy began`,
          eventId: check.eventId,
          eventType: 'TenancyRegistered',
          occurredAt: now.toISOString(),
        }),
      );
      await store.settleAlertCheck(check.key, true);
      raised += 1;
    }
    return raised;
  };

  const expiringPermits: ScheduledPass = async (rule, now, raise) => {
    const today = chinaDateOf(now);
    const permits = await store.expiringPermits(today, addDays(today, PERMIT_EXPIRY_NOTICE_DAYS), rule.id, batch);
    for (const permit of permits) {
      const key = `${rule.id}:${permit.id}:${permit.validUntil}`;
      const place = permit.gridCode === null ? { gridCode: null, divisionCode: settings.cityCode } : { gridCode: permit.gridCode, divisionCode: permit.divisionCode };
      await raise(
        alertOf(rule, key, {
          recipient: { department: rule.recipients.department, ...place },
          subject: { personId: permit.personId, houseId: null, employerId: null },
          details: {},
          summary: `A residence permit held in ${place.gridCode === null ? `division ${place.divisionCode}` : `grid ${place.gridCode}`} expires within ${PERMIT_EXPIRY_NOTICE_DAYS} days`,
          eventId: null,
          eventType: 'schedule',
          occurredAt: now.toISOString(),
        }),
      );
      // Remembered once on its way, so the next pass does not raise it again.
      await store.addAlertCheck({ key, rule: rule.id, personId: permit.personId, dueOn: permit.validUntil, gridCode: place.gridCode, divisionCode: place.divisionCode });
      await store.settleAlertCheck(key, true);
    }
    return permits.length;
  };

  return {
    events,
    passes: new Map<string, ScheduledPass>([
      ['task.unregistered-tenant', unregisteredTenants],
      ['task.permit-expiring', expiringPermits],
    ]),
  };
}
