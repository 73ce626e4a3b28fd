import { z } from 'zod';
import { requireUnconfined } from '../../auth/jurisdiction.js';
import type { RequestMeta } from '../../auth/principal.js';
import { readPage, readSeqPage, type Page, type PageArgs } from '../../platform/connection.js';
import { badUserInput } from '../../platform/errors.js';
import { parseInput, zDivisionCode, zIdNumber } from '../../platform/input.js';
import type { MessageType } from '../../exchange/messages.js';
import type { DeliveryStatus, InboundFilter, OutboundFilter } from '../../exchange/store.js';

/** Reading the exchange: what a question may ask, checked before any SQL. */

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
   * Notices carry places in other cities that no grid or district here
   * covers, and the log names residents of every district: a caller confined
   * to one is refused them, before anything is read.
   */
  requireUnconfined(meta: RequestMeta, what: string): void {
    requireUnconfined(meta.principal, what);
  }

  /** Partnerships and delivery queues are the whole city's: managed only by callers not confined to a part of it. */
  requireCityWide(meta: RequestMeta): void {
    requireUnconfined(meta.principal, 'partner cities are managed');
  }

  noticeFilter(args: { partnerCode?: unknown; idNumber?: unknown }, messageType: MessageType): InboundFilter {
    const input = parseInput(NoticeQuery, { partnerCode: args.partnerCode, idNumber: args.idNumber }, 'args');
    return { messageType, partnerCode: input.partnerCode ?? null, idNumber: input.idNumber ?? null };
  }

  /** The log's filter for one direction; RECEIVED is a state of received notices only, the others of sent ones. */
  logFilter(direction: 'SENT' | 'RECEIVED', raw: unknown): OutboundFilter & InboundFilter {
    const filter = parseInput(LogFilter, raw, 'filter') ?? {};
    const status = filter.status ?? null;
    if (status !== null && (direction === 'RECEIVED') !== (status === 'RECEIVED')) {
      throw badUserInput('filter.status', direction === 'RECEIVED' ? 'received notices are all RECEIVED; give no status' : 'sent notices are PENDING, DELIVERED or FAILED');
    }
    return {
      partnerCode: filter.partnerCode ?? null,
      messageType: filter.messageType ?? null,
      status: status === 'RECEIVED' ? null : (status as DeliveryStatus | null),
    };
  }

  page(args: PageArgs): Page {
    return readSeqPage(args);
  }

  partnerPage(args: PageArgs): Page {
    const page = readPage(args);
    if (page.afterKey !== null && !/^\d{6}$/.test(page.afterKey)) throw badUserInput('after', 'is not a cursor this list issued');
    return page;
  }

  noticeIds(raw: unknown): string[] {
    return parseInput(z.array(z.uuid('must be a notice id')).min(1).max(500), raw, 'ids');
  }
}
