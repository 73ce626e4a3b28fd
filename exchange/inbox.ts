import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sha256Hex } from '../audit/chain.js';
import type { AccessRecorder } from '../auth/access.js';
import { at } from '../platform/arrays.js';
import { BodyTooLarge, decodeUtf8Strictly, readBodyBytes, sendJson } from '../platform/http.js';
import type { RunningServer } from '../platform/listen.js';
import { listen } from '../platform/listen.js';
import type { Logger } from '../platform/logger.js';
import type { NewInboundRow, NewWitnessedCheckpointRow, PartnerRow } from './db/schema.js';
import { applyAgreement, checkPayload, isMessageType, MESSAGE_TYPES, type MessageType } from './messages.js';
import { partnerMeta, recordExchange } from './record.js';
import { claimedSender, importPartnerKey, NoticeRejected, signReceipt, verifyNotice, type CityIdentity, type PartnerKey, type ReceiptEntry } from './signing.js';
import type { ExchangeStore } from './store.js';
import { AUDIT_CHECKPOINT, checkWitnessPayload } from './witness.js';

export const INBOX_PATH = '/exchange/v1/inbox';
export const KEY_PATH = '/exchange/v1/key';
export const MAX_MESSAGES_PER_DELIVERY = 500;
const MAX_INBOX_BODY_BYTES = 4_000_000;

/**
 * A delivery refused as a whole: nothing of it is stored. `index` names the
 * message at fault, `field` the part of it, e.g. `messages[3].data.name`.
 */
export class InboxRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly index?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface InboxOptions {
  identity: CityIdentity;
  store: ExchangeStore;
  /** Where each accepted delivery is recorded before it is stored (fail closed). */
  audit: AccessRecorder;
  logger: Logger;
  replayWindowSeconds: number;
  clockToleranceSeconds?: number;
}

export interface InboxAnswer {
  results: ReceiptEntry[];
  /** The same results signed by this city: the sender's proof of delivery. */
  receipt: string;
}

// A notice is a few hundred bytes; an audit checkpoint carries every chain head the partner's hub has known (see exchange/witness.ts), so a message may be larger. The body limit still bounds a delivery.
const MAX_MESSAGE_CHARS = 1_000_000;
const Delivery = z.object({ messages: z.array(z.string().max(MAX_MESSAGE_CHARS)).min(1).max(MAX_MESSAGES_PER_DELIVERY) }).strict();

/**
 * Receives partner cities' notices. A delivery is checked whole before
 * anything is stored: the sender must be an active partner, every message
 * must verify with the key registered for it, be addressed to this city, be
 * fresh (inside the replay window) and well formed. Fields outside the
 * agreement are dropped and named; a message id seen before is acknowledged
 * again and changes nothing.
 */
export class Inbox {
  /** Partners' imported keys by fingerprint: a new key (rotation) has a new fingerprint. */
  private readonly keys = new Map<string, Promise<PartnerKey>>();

  constructor(private readonly options: InboxOptions) {}

  private keyOf(partner: PartnerRow): Promise<PartnerKey> {
    const id = `${partner.code}:${partner.keyFingerprint}`;
    let key = this.keys.get(id);
    if (!key) {
      key = importPartnerKey(partner.publicKey);
      this.keys.set(id, key);
    }
    return key;
  }

  async receive(body: unknown): Promise<InboxAnswer> {
    const parsed = Delivery.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw new InboxRefusal(400, 'MALFORMED_DELIVERY', `${where}: ${issue?.message ?? 'is invalid'} (expected {"messages": [<signed notice>, ...]}, at most ${MAX_MESSAGES_PER_DELIVERY})`);
    }
    const { messages } = parsed.data;
    const partner = await this.sender(messages);
    const { notices, checkpoints } = await this.verifyAll(messages, partner);

    const known = await this.options.store.knownInboundIds(notices.map((n) => n.row.id));
    const fresh = notices.filter((n) => !known.has(n.row.id));
    const requestId = randomUUID();
    await Promise.all(
      MESSAGE_TYPES.flatMap((type) => {
        const ofType = fresh.filter((n) => n.row.messageType === type);
        if (ofType.length === 0) return [];
        return [
          recordExchange(
            this.options.audit,
            partnerMeta(partner.code, requestId),
            type,
            ofType.map((n) => n.row.id),
            new Set(ofType.flatMap((n) => Object.keys(n.row.payload))),
            new Set(ofType.flatMap((n) => n.row.droppedFields)),
          ),
        ];
      }),
    ).catch(() => {
      throw new InboxRefusal(503, 'SERVICE_UNAVAILABLE', 'The delivery could not be recorded in the audit trail; nothing was stored, send it again later');
    });
    const stored = await this.options.store.receive(fresh.map((n) => n.row));
    // A checkpoint carries no resident's data, so keeping it is not an access to record; the receipt names it, which is what the sender keeps.
    const witnessed = await this.options.store.witnessCheckpoints(checkpoints);

    const results: ReceiptEntry[] = [
      ...notices.map((n): ReceiptEntry => ({ id: n.row.id, status: stored.has(n.row.id) ? 'accepted' : 'duplicate', dropped: n.row.droppedFields })),
      ...checkpoints.map((c): ReceiptEntry => ({
        id: c.messageId,
        status: witnessed.has(c.messageId) ? 'accepted' : 'duplicate',
        dropped: [],
        checkpoint: { seq: c.checkpointSeq, hash: c.checkpointHash },
      })),
    ];
    const dropped = results.filter((r) => r.status === 'accepted' && r.dropped.length > 0);
    if (dropped.length > 0) {
      this.options.logger.warn({ partner: partner.code, notices: dropped.length, fields: [...new Set(dropped.flatMap((r) => r.dropped))] }, 'dropped fields outside the agreement');
    }
    return { results, receipt: await signReceipt(this.options.identity, partner.code, results) };
  }

  /** The one partner a delivery comes from, active; unknown, removed and suspended cities are refused. */
  private async sender(messages: readonly string[]): Promise<PartnerRow> {
    const senders = new Set<string>();
    messages.forEach((jws, index) => {
      try {
        senders.add(claimedSender(jws));
      } catch (error) {
        throw new InboxRefusal(400, 'MALFORMED_MESSAGE', `messages[${index}]: ${(error as Error).message}`, index);
      }
    });
    if (senders.size !== 1) throw new InboxRefusal(400, 'MALFORMED_DELIVERY', 'messages: a delivery carries the notices of one sending city');
    const [code] = senders as unknown as [string];
    const partner = await this.options.store.partner(code);
    if (!partner || partner.status === 'REMOVED') throw new InboxRefusal(403, 'UNKNOWN_PARTNER', `City ${code} is not a partner of this city`);
    if (partner.status === 'SUSPENDED') throw new InboxRefusal(403, 'PARTNER_SUSPENDED', `The partnership with city ${code} is suspended`);
    return partner;
  }

  private async verifyAll(messages: readonly string[], partner: PartnerRow): Promise<{ notices: { row: NewInboundRow }[]; checkpoints: NewWitnessedCheckpointRow[] }> {
    const { identity, replayWindowSeconds, clockToleranceSeconds } = this.options;
    const seen = new Set<string>();
    const notices: { row: NewInboundRow }[] = [];
    const checkpoints: NewWitnessedCheckpointRow[] = [];
    const key = await this.keyOf(partner);
    const options = { recipient: identity.code, replayWindowSeconds, ...(clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds }) };
    // Signatures are checked all at once (the crypto runs off the main thread), and judged in order, so the first bad message is the one named.
    const verified = await Promise.allSettled(messages.map((jws) => verifyNotice(jws, key, options)));
    for (const [index, jws] of messages.entries()) {
      const refuse = (status: number, code: string, message: string) => new InboxRefusal(status, code, `messages[${index}]: ${message}`, index);
      const outcome = at(verified, index);
      if (outcome.status === 'rejected') {
        const error: unknown = outcome.reason;
        if (!(error instanceof NoticeRejected)) throw error;
        throw refuse(error.code === 'BAD_SIGNATURE' ? 401 : 400, error.code, error.message);
      }
      const notice = outcome.value;
      if (notice.type === AUDIT_CHECKPOINT) {
        // Witnessing needs no agreement: a checkpoint names no resident, only the partner's chain heads.
        const checked = await checkWitnessPayload(notice.payload);
        if (!checked.ok) {
          const field = `messages[${index}].data.${checked.field}`;
          throw new InboxRefusal(400, 'BAD_NOTICE', `${field}: ${checked.reason}`, index, field);
        }
        if (seen.has(notice.id)) continue;
        seen.add(notice.id);
        const { line } = checked.payload;
        checkpoints.push({
          messageId: notice.id,
          partnerCode: partner.code,
          checkpointSeq: line.checkpoint.seq,
          checkpointHash: line.hash,
          keyId: line.checkpoint.keyId,
          line,
          sentAt: notice.sentAt,
        });
        continue;
      }
      if (!isMessageType(notice.type)) throw refuse(400, 'BAD_NOTICE', `type: ${JSON.stringify(notice.type).slice(0, 40)} is not one of ${[...MESSAGE_TYPES, AUDIT_CHECKPOINT].join(', ')}`);
      const type: MessageType = notice.type;
      if (!partner.agreement[type]) throw refuse(400, 'BAD_NOTICE', `type: the agreement with city ${partner.code} does not cover ${type}`);
      const { kept, dropped } = applyAgreement(type, notice.payload, partner.agreement);
      const checkedPayload = checkPayload(type, kept);
      if (!checkedPayload.ok) {
        const field = `messages[${index}].data.${checkedPayload.field}`;
        throw new InboxRefusal(400, 'BAD_NOTICE', `${field}: ${checkedPayload.reason}`, index, field);
      }
      if (seen.has(notice.id)) continue;
      seen.add(notice.id);
      notices.push({
        row: {
          id: notice.id,
          partnerCode: partner.code,
          messageType: type,
          idNumber: checkedPayload.idNumber,
          payload: kept,
          droppedFields: dropped,
          occurredAt: notice.occurredAt,
          sentAt: notice.sentAt,
          evidenceSha256: sha256Hex(jws),
        },
      });
    }
    return { notices, checkpoints };
  }
}

const errorBody = (code: string, message: string, index?: number, field?: string) => ({
  error: { code, message, ...(index === undefined ? {} : { index }), ...(field === undefined ? {} : { field }) },
});

/**
 * Serves the inbox to partner cities: `POST /exchange/v1/inbox` takes a
 * delivery, `GET /exchange/v1/key` publishes this city's public key (what a
 * partner registers, after checking its fingerprint with this city by
 * another channel), plus `/health` and `/ready`.
 */
export async function serveInbox(
  inbox: Inbox,
  options: { host: string; port: number; logger: Logger; identity: CityIdentity; ready?: () => Promise<boolean> },
): Promise<RunningServer> {
  const { logger, identity } = options;
  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'inbox request failed');
      if (!response.headersSent) sendJson(response, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
      else response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://inbox.invalid').pathname;
    if (path === '/health') return sendJson(response, 200, { status: 'ok' });
    if (path === '/ready') {
      const ok = options.ready ? await options.ready().catch(() => false) : true;
      return sendJson(response, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
    }
    if (path === KEY_PATH) {
      if (request.method !== 'GET') return sendJson(response, 405, errorBody('METHOD_NOT_ALLOWED', 'Use GET'), { allow: 'GET' });
      return sendJson(response, 200, { code: identity.code, name: identity.name, fingerprint: identity.fingerprint, key: identity.publicJwk });
    }
    if (path !== INBOX_PATH) return sendJson(response, 404, errorBody('NOT_FOUND', `Not found: the inbox is ${INBOX_PATH}`));
    if (request.method !== 'POST') return sendJson(response, 405, errorBody('METHOD_NOT_ALLOWED', 'Deliveries are POSTed'), { allow: 'POST' });
    if (!(request.headers['content-type'] ?? '').includes('application/json')) {
      return sendJson(response, 415, errorBody('UNSUPPORTED_MEDIA_TYPE', 'A delivery is application/json'));
    }
    let bytes: Buffer;
    try {
      bytes = await readBodyBytes(request, MAX_INBOX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(response, 413, errorBody('PAYLOAD_TOO_LARGE', `A delivery is at most ${MAX_INBOX_BODY_BYTES} bytes`));
      throw error;
    }
    // Strictly: read leniently, a malformed byte would become U+FFFD and the delivery judged would not be the one sent.
    const text = decodeUtf8Strictly(bytes);
    if (text === null) return sendJson(response, 400, errorBody('MALFORMED_DELIVERY', 'body: is not valid UTF-8: send the delivery as JSON encoded in UTF-8'));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(response, 400, errorBody('MALFORMED_DELIVERY', 'body: is not valid JSON'));
    }
    try {
      const answer = await inbox.receive(body);
      return sendJson(response, 200, answer);
    } catch (error) {
      if (!(error instanceof InboxRefusal)) throw error;
      logger.warn({ status: error.status, code: error.code, reason: error.message, remote: request.socket.remoteAddress }, 'refused a delivery');
      return sendJson(response, error.status, errorBody(error.code, error.message, error.index, error.field), error.status === 503 ? { 'retry-after': '5' } : {});
    }
  }

  return listen(server, { host: options.host, port: options.port, path: INBOX_PATH });
}
