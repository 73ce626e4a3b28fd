import { z } from 'zod';
import { requireUnconfined } from '../auth/jurisdiction.js';
import type { Principal } from '../auth/principal.js';
import { badUserInput } from '../platform/errors.js';
import { parseInput, zDivisionCode, zIdNumber } from '../platform/input.js';
import type { MessageType } from './messages.js';
import type { InboundFilter, OutboundFilter } from './store.js';

/**
 * Exchange business rules: who may read or manage the exchange, and what a
 * question may ask, checked before any SQL. Partnerships themselves are
 * checked by the partner registry (exchange/registry.ts), which the inbox
 * and the delivery worker share.
 */

const NoticeQuery = z.object({
  partnerCode: zDivisionCode.nullish(),
  idNumber: zIdNumber.nullish(),
});

const LogFilter = z
  .object({
    partnerCode: zDivisionCode.nullish(),
    messageType: z.enum(['INFLOW_NOTICE', 'OUTFLOW_NOTICE']).nullish(),
    status: z.enum(['PENDING', 'DELIVERED', 'FAILED', 'RECEIVED']).nullish(),
  })
  .nullish();

export class ExchangeRules {
  /**
   * Received notices of one type, for a caller not confined to a grid or
   * district: notices carry places in other cities that no jurisdiction here
   * covers. Refused before the arguments are read.
   */
  noticeFilter(args: { partnerCode?: unknown; idNumber?: unknown }, messageType: MessageType, principal: Principal | null): InboundFilter {
    requireUnconfined(principal, 'exchange notices are released');
    const input = parseInput(NoticeQuery, { partnerCode: args.partnerCode, idNumber: args.idNumber }, 'args');
    return { messageType, partnerCode: input.partnerCode ?? null, idNumber: input.idNumber ?? null };
  }

  /**
   * The log's filter for one direction; RECEIVED is a state of received
   * notices only, the others of sent ones. Sent entries name residents of
   * every district and notices carry no place here to narrow them by, so a
   * confined caller is refused the log before the filter is read.
   */
  logFilter(direction: 'SENT' | 'RECEIVED', raw: unknown, principal: Principal | null): OutboundFilter & InboundFilter {
    requireUnconfined(principal, 'the exchange log is released');
    const filter = parseInput(LogFilter, raw, 'filter') ?? {};
    const status = filter.status ?? null;
    if (status !== null && (direction === 'RECEIVED') !== (status === 'RECEIVED')) {
      throw badUserInput('filter.status', direction === 'RECEIVED' ? 'received notices are all RECEIVED; give no status' : 'sent notices are PENDING, DELIVERED or FAILED');
    }
    return {
      partnerCode: filter.partnerCode ?? null,
      messageType: filter.messageType ?? null,
      status: status === 'RECEIVED' ? null : status,
    };
  }

  /** Partnerships and delivery queues are the whole city's: managed only by callers not confined to a part of it. */
  requireCityWide(principal: Principal | null): void {
    requireUnconfined(principal, 'partner cities are managed');
  }

  noticeIds(raw: unknown): string[] {
    return parseInput(z.array(z.uuid('must be a notice id')).min(1).max(500), raw, 'ids');
  }
}
