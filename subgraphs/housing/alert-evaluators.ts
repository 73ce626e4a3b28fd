import { chinaDateOf } from '../../domain/index.js';
import type { EventEvaluator, Evaluators } from '../../alerts/engine.js';
import { DEFAULT_GROUP_RENTAL_FACTOR, groupRentalThreshold } from './rules.js';

/**
 * The alert rules housing evaluates (alerts/rules.ts): how full a house is
 * is housing's fact, read from the tenancy event housing itself wrote (it
 * carries the rooms and the open tenancies counted in the registering
 * transaction), by the same threshold the registration's warning uses.
 */
export interface HousingEvaluatorSettings {
  /** Open tenancies per room above which a house is a suspected group rental (GROUP_RENTAL_FACTOR). */
  groupRentalFactor?: number;
}

export function createHousingEvaluators(settings: HousingEvaluatorSettings = {}): Evaluators {
  const factor = settings.groupRentalFactor ?? DEFAULT_GROUP_RENTAL_FACTOR;
  const groupRental: EventEvaluator = async (event, rule) => {
    if (event.type !== 'TenancyRegistered') return [];
    const p = event.payload;
    if (p.openTenancies <= groupRentalThreshold(p.rooms, factor)) return [];
    // One task per house a month: every tenancy past the threshold is the same overcrowding until the grid has looked.
    const month = chinaDateOf(new Date(event.occurredAt)).slice(0, 7);
    return [
      {
        key: `${rule.id}:${p.houseId}:${month}`,
        rule: rule.id,
        kind: rule.kind,
        recipient: { department: rule.recipients.department, gridCode: p.gridCode, divisionCode: p.divisionCode },
        subject: { personId: null, houseId: p.houseId, employerId: null },
        details: {},
        summary: `A house in grid ${p.gridCode} holds more open tenancies than its rooms allow`,
        purposes: rule.purposes,
        eventId: event.id,
        eventType: event.type,
        occurredAt: event.occurredAt,
      },
    ];
  };
  return { events: new Map([['task.group-rental', groupRental]]) };
}
