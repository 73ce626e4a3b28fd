import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import { uuidsOnly, type Page } from '../../platform/connection.js';
import type { Drizzle } from '../../platform/db.js';
import { eventsCommitted, insertEvent } from '../../events/outbox.js';
import { placeWithin } from '../jurisdiction.js';
import * as schema from './db/schema.js';
import type { DeclarationKind, DeclarationRow, DeclarationStatus, NewDeclarationRow, NewPremisesLinkRow, PremisesLinkRow } from './db/schema.js';

const { declarations, premisesLinks } = schema;

export type DeclarationsDb = Drizzle<typeof schema>;

/**
 * Which declarations a caller may see, as the rules decide it from the
 * principal: a declarant its own, a reviewer the kinds its department
 * confirms within its jurisdiction. Nobody else sees any (`none`).
 */
export type DeclarationScope =
  | { kind: 'declarant'; subject: string }
  | { kind: 'reviewer'; kinds: readonly DeclarationKind[]; jurisdiction: JurisdictionFilter | null }
  | { kind: 'none' };

export interface QueueFilter {
  kind?: DeclarationKind | null;
  status: DeclarationStatus;
  gridCode?: string | null;
  premisesCode?: string | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
}

export interface FiguresFilter {
  kinds: readonly DeclarationKind[];
  gridCode?: string | null;
  premisesCode?: string | null;
  /** Submitted at or after / before these instants (the days asked for, in China time). */
  from?: Date | null;
  to?: Date | null;
}

export interface CountsRow {
  received: number;
  confirmed: number;
  rejected: number;
  pending: number;
  medianSecondsToConfirm: number | null;
}

export type GridCountsRow = CountsRow & { gridCode: string | null };
export type PremisesCountsRow = CountsRow & { premisesKind: 'HOUSE' | 'EMPLOYER'; premisesCode: string };

/** What inserting a declaration came to: stored now, or the one the same key or facts stored before. */
export type Inserted = { outcome: 'inserted'; declaration: DeclarationRow } | { outcome: 'duplicate'; declaration: DeclarationRow };

/** A decision to store: confirmed with the record made, or rejected with the reason. */
export type Decided = { status: 'CONFIRMED'; recordId: string } | { status: 'REJECTED'; reason: string };

/** All SQL of the declarations database, as named queries. */
export class DeclarationsStore {
  constructor(readonly db: DeclarationsDb) {}

  /** The condition a scope puts on declarations; `false` for nobody. */
  private within(scope: DeclarationScope): SQL | undefined {
    switch (scope.kind) {
      case 'declarant':
        return eq(declarations.declarantSubject, scope.subject);
      case 'reviewer':
        if (scope.kinds.length === 0) return sql`false`;
        return and(inArray(declarations.kind, [...scope.kinds]), placeWithin(scope.jurisdiction, declarations.gridCode, declarations.divisionCode));
      case 'none':
        return sql`false`;
    }
  }

  /** Declarations by id within the scope: one outside answers as one that does not exist. */
  async declarationsByIds(ids: readonly string[], scope: DeclarationScope): Promise<DeclarationRow[]> {
    const keys = uuidsOnly(ids);
    if (keys.length === 0) return [];
    return this.db.select().from(declarations).where(and(inArray(declarations.id, keys), this.within(scope)));
  }

  /** A declarant's own, newest first, one row more than the page. */
  ownDeclarations(subject: string, status: DeclarationStatus | null, page: Page): Promise<DeclarationRow[]> {
    return this.db
      .select()
      .from(declarations)
      .where(
        and(
          eq(declarations.declarantSubject, subject),
          status ? eq(declarations.status, status) : undefined,
          page.afterKey ? lt(declarations.seq, Number(page.afterKey)) : undefined,
        ),
      )
      .orderBy(desc(declarations.seq))
      .limit(page.size + 1);
  }

  /** A reviewer's queue, oldest first, one row more than the page. */
  queue(filter: QueueFilter, page: Page, scope: DeclarationScope): Promise<DeclarationRow[]> {
    return this.db
      .select()
      .from(declarations)
      .where(
        and(
          this.within(scope),
          eq(declarations.status, filter.status),
          filter.kind ? eq(declarations.kind, filter.kind) : undefined,
          filter.gridCode ? eq(declarations.gridCode, filter.gridCode) : undefined,
          filter.premisesCode ? eq(declarations.premisesCode, filter.premisesCode) : undefined,
          filter.submittedFrom ? gte(declarations.submittedAt, filter.submittedFrom) : undefined,
          filter.submittedTo ? lt(declarations.submittedAt, filter.submittedTo) : undefined,
          page.afterKey ? gt(declarations.seq, Number(page.afterKey)) : undefined,
        ),
      )
      .orderBy(asc(declarations.seq))
      .limit(page.size + 1);
  }

  /**
   * Stores a declaration with its DeclarationSubmitted event, unless the same
   * declarant already made one with the same client key or the same facts:
   * then that one is answered and nothing is written. A client key sent again
   * with other facts is for the rules to refuse (`byClientKey`).
   */
  async insertDeclaration(row: NewDeclarationRow & { id: string; declarantSubject: string; factsHash: string }): Promise<Inserted> {
    const inserted = await this.db.transaction(async (tx) => {
      const [declaration] = await tx.insert(declarations).values(row).onConflictDoNothing().returning();
      if (!declaration) return null;
      await insertEvent(tx, {
        type: 'DeclarationSubmitted',
        payload: {
          declarationId: declaration.id,
          kind: declaration.kind,
          declarantRole: declaration.declarantRole as 'landlord' | 'employer' | 'resident',
          premisesKind: declaration.premisesKind,
          premisesCode: declaration.premisesCode,
          gridCode: declaration.gridCode,
          divisionCode: declaration.divisionCode,
          start: declaration.start,
        },
      });
      return declaration;
    });
    if (inserted) {
      eventsCommitted(this.db);
      return { outcome: 'inserted', declaration: inserted };
    }
    const [earlier] = await this.db
      .select()
      .from(declarations)
      .where(
        and(
          eq(declarations.declarantSubject, row.declarantSubject),
          or(eq(declarations.factsHash, row.factsHash), row.clientKey ? eq(declarations.clientKey, row.clientKey) : undefined),
        ),
      )
      .orderBy(asc(declarations.seq))
      .limit(1);
    if (!earlier) throw new Error('a declaration was neither stored nor found under its key or facts');
    return { outcome: 'duplicate', declaration: earlier };
  }

  /** The declaration a declarant made under a client key, if any. */
  async byClientKey(subject: string, clientKey: string): Promise<DeclarationRow | null> {
    const [row] = await this.db
      .select()
      .from(declarations)
      .where(and(eq(declarations.declarantSubject, subject), eq(declarations.clientKey, clientKey)));
    return row ?? null;
  }

  /**
   * Confirms or rejects a declaration that is still pending, with its
   * DeclarationDecided event; null when it was decided meanwhile.
   */
  async decide(id: string, decided: Decided, officer: string, at: Date = new Date()): Promise<DeclarationRow | null> {
    const updated = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(declarations)
        .set({
          status: decided.status,
          decidedAt: at,
          decidedBy: officer,
          ...(decided.status === 'CONFIRMED' ? { recordId: decided.recordId } : { rejectionReason: decided.reason }),
        })
        .where(and(eq(declarations.id, id), eq(declarations.status, 'PENDING')))
        .returning();
      if (!row) return null;
      await insertEvent(tx, {
        type: 'DeclarationDecided',
        payload: {
          declarationId: row.id,
          kind: row.kind,
          status: decided.status,
          recordId: decided.status === 'CONFIRMED' ? decided.recordId : null,
          gridCode: row.gridCode,
          divisionCode: row.divisionCode,
        },
      });
      return row;
    });
    if (updated) eventsCommitted(this.db);
    return updated;
  }

  async insertLink(row: NewPremisesLinkRow): Promise<PremisesLinkRow> {
    const [link] = await this.db.insert(premisesLinks).values(row).returning();
    if (!link) throw new Error('a premises link was not stored');
    return link;
  }

  async linkById(id: string): Promise<PremisesLinkRow | null> {
    const [key] = uuidsOnly([id]);
    if (!key) return null;
    const [link] = await this.db.select().from(premisesLinks).where(eq(premisesLinks.id, key));
    return link ?? null;
  }

  /** Revokes a link that holds; null when it was revoked already (or never existed). */
  async revokeLink(id: string, by: string): Promise<PremisesLinkRow | null> {
    const [link] = await this.db
      .update(premisesLinks)
      .set({ revokedAt: new Date(), revokedBy: by })
      .where(and(eq(premisesLinks.id, id), isNull(premisesLinks.revokedAt)))
      .returning();
    return link ?? null;
  }

  /** Counts and the median time to confirm, overall, per grid and per premises, within the scope. */
  async figures(filter: FiguresFilter, jurisdiction: JurisdictionFilter | null): Promise<{ total: CountsRow; byGrid: GridCountsRow[]; byPremises: PremisesCountsRow[] }> {
    if (filter.kinds.length === 0) return { total: emptyCounts(), byGrid: [], byPremises: [] };
    const where = and(
      inArray(declarations.kind, [...filter.kinds]),
      placeWithin(jurisdiction, declarations.gridCode, declarations.divisionCode),
      filter.gridCode ? eq(declarations.gridCode, filter.gridCode) : undefined,
      filter.premisesCode ? eq(declarations.premisesCode, filter.premisesCode) : undefined,
      filter.from ? gte(declarations.submittedAt, filter.from) : undefined,
      filter.to ? lte(declarations.submittedAt, filter.to) : undefined,
    );
    const counts = {
      received: sql<number>`count(*)::int`,
      confirmed: sql<number>`count(*) filter (where ${declarations.status} = 'CONFIRMED')::int`,
      rejected: sql<number>`count(*) filter (where ${declarations.status} = 'REJECTED')::int`,
      pending: sql<number>`count(*) filter (where ${declarations.status} = 'PENDING')::int`,
      medianSecondsToConfirm: sql<number | null>`(percentile_cont(0.5) within group (order by extract(epoch from (${declarations.decidedAt} - ${declarations.submittedAt}))) filter (where ${declarations.status} = 'CONFIRMED'))::float8`,
    };
    const [total] = await this.db.select(counts).from(declarations).where(where);
    const byGrid = await this.db
      .select({ gridCode: declarations.gridCode, ...counts })
      .from(declarations)
      .where(where)
      .groupBy(declarations.gridCode)
      .orderBy(desc(sql`count(*)`), asc(declarations.gridCode));
    const byPremises = await this.db
      .select({ premisesKind: sql<'HOUSE' | 'EMPLOYER'>`${declarations.premisesKind}`, premisesCode: sql<string>`${declarations.premisesCode}`, ...counts })
      .from(declarations)
      .where(and(where, sql`${declarations.premisesCode} IS NOT NULL`))
      .groupBy(declarations.premisesKind, declarations.premisesCode)
      .orderBy(desc(sql`count(*)`), asc(declarations.premisesCode));
    return { total: total ? numeric(total) : emptyCounts(), byGrid: byGrid.map(numeric), byPremises: byPremises.map(numeric) };
  }

  async ping(): Promise<boolean> {
    await this.db.execute(sql`select 1`);
    return true;
  }
}

const emptyCounts = (): CountsRow => ({ received: 0, confirmed: 0, rejected: 0, pending: 0, medianSecondsToConfirm: null });

/** PostgreSQL's float8 arrives as a number from PGlite and as a string from pg. */
function numeric<T extends CountsRow>(row: T): T {
  const median = row.medianSecondsToConfirm;
  return { ...row, medianSecondsToConfirm: median === null ? null : Number(median) };
}
