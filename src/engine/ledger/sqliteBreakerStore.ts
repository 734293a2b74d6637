import type { Decimal } from 'decimal.js';
import { TripKindSchema } from '../../shared/contract';
import type { BreakerEvent, BreakerStore, PersistedBreaker } from '../risk/breakerStore';
import { unequalBaskets, type DustRule, type LedgerPositionReads, type UnequalBasket } from '../risk/unhedged';
import type { SqliteDatabase } from './database';
import type { OrderRecord } from './types';

interface LedgerReads extends LedgerPositionReads {
  realisedSince(at: number): Decimal;
  pendingOrders(): OrderRecord[];
}

/** The circuit breaker's state and event history, kept in the ledger of the current mode. */
export class SqliteBreakerStore implements BreakerStore {
  private readonly q: ReturnType<typeof prepare>;

  constructor(
    db: SqliteDatabase,
    private readonly ledger: LedgerReads,
    private readonly now: () => number,
  ) {
    this.q = prepare(db);
  }

  loadState(): PersistedBreaker | null {
    const row = this.q.load.get();
    if (!row) return null;
    const parsed = JSON.parse(row.state) as Partial<PersistedBreaker>;
    return {
      state: parsed.state === 'open' || parsed.state === 'half_open' ? parsed.state : 'closed',
      killSwitch: parsed.killSwitch === true,
      reason: typeof parsed.reason === 'string' ? parsed.reason : null,
      tripKind: TripKindSchema.safeParse(parsed.tripKind).success ? parsed.tripKind! : null,
      trippedAt: typeof parsed.trippedAt === 'number' ? parsed.trippedAt : null,
      cooldownEndsAt: typeof parsed.cooldownEndsAt === 'number' ? parsed.cooldownEndsAt : null,
      consecutiveErrors: Number.isSafeInteger(parsed.consecutiveErrors) ? parsed.consecutiveErrors! : 0,
      acknowledgedUnhedged: Array.isArray(parsed.acknowledgedUnhedged) ? parsed.acknowledgedUnhedged.filter((x): x is string => typeof x === 'string') : [],
    };
  }

  saveState(state: PersistedBreaker): void {
    this.q.save.run({ state: JSON.stringify(state), at: this.now() });
  }

  appendEvent(event: BreakerEvent): void {
    this.q.insertEvent.run({
      at: event.at,
      kind: event.kind,
      trip_kind: event.tripKind ?? null,
      reason: event.reason,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
    });
  }

  recentTrips(limit: number): ReturnType<BreakerStore['recentTrips']> {
    const rows = this.q.trips.all(limit);
    return rows.flatMap((r) => {
      const kind = TripKindSchema.safeParse(r.trip_kind);
      return kind.success ? [{ at: r.at, kind: kind.data, reason: r.reason }] : [];
    });
  }

  realisedSince(at: number): Decimal {
    return this.ledger.realisedSince(at);
  }

  openHoldings(): ReturnType<LedgerReads['openHoldings']> {
    return this.ledger.openHoldings();
  }

  pendingOrders(): OrderRecord[] {
    return this.ledger.pendingOrders();
  }

  unequalBaskets(dust?: DustRule): UnequalBasket[] {
    return unequalBaskets(this.ledger, dust);
  }

  /** Every breaker event, oldest first (for audits and tests). */
  events(): { at: number; kind: string; tripKind: string | null; reason: string; detail: unknown }[] {
    return this.q.events.all().map((r) => ({ at: r.at, kind: r.kind, tripKind: r.trip_kind, reason: r.reason, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
  }
}

type EventRow = { at: number; kind: string; trip_kind: string | null; reason: string; detail: string | null };

function prepare(db: SqliteDatabase) {
  return {
    load: db.prepare<[], { state: string }>('SELECT state FROM breaker_state WHERE id = 1'),
    save: db.prepare<[{ state: string; at: number }]>(
      `INSERT INTO breaker_state (id, state, updated_at) VALUES (1, @state, @at)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    ),
    insertEvent: db.prepare<[EventRow]>(
      'INSERT INTO breaker_events (at, kind, trip_kind, reason, detail) VALUES (@at, @kind, @trip_kind, @reason, @detail)',
    ),
    trips: db.prepare<[number], { at: number; trip_kind: string; reason: string }>(
      `SELECT at, trip_kind, reason FROM breaker_events WHERE kind = 'trip' ORDER BY id DESC LIMIT ?`,
    ),
    events: db.prepare<[], EventRow>('SELECT at, kind, trip_kind, reason, detail FROM breaker_events ORDER BY id'),
  };
}
