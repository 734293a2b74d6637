// Markets that resolve are recorded in the ledger so positions pay out and baskets close:
// Polymarket's `market_resolved` (market channel), Kalshi's `market_lifecycle_v2` "settled"
// (when the connector forwards that channel), and any market a discovery reports settled with a
// result. Every result is remembered for the session and recorded again in the other mode's
// ledger when the trader switches modes.
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { ActivityLog } from '../activity/activityLog';
import type { Ledger } from '../ledger/ledger';

export interface Resolution {
  venue: VenueId;
  market: MarketRef;
  result: Outcome;
  settledAt: number;
  source: string;
}

export class SettlementRecorder {
  private readonly known = new Map<MarketRef, Resolution>();

  constructor(
    private readonly ledger: () => Ledger,
    private readonly activity: ActivityLog,
    private readonly tokenOutcome: (tokenId: string) => { market: MarketRef; outcome: Outcome } | undefined,
  ) {}

  get resolved(): ReadonlyMap<MarketRef, Resolution> {
    return this.known;
  }

  record(r: Resolution): void {
    if (this.known.get(r.market)?.result === r.result) return;
    this.known.set(r.market, r);
    this.write(r);
  }

  /** Records every result known this session in the current ledger (after a mode switch). */
  replay(): void {
    for (const r of this.known.values()) this.write(r);
  }

  /** A Kalshi market-channel message; true when it was a settlement. */
  fromKalshi(data: unknown, now: number): boolean {
    const env = data as { type?: unknown; msg?: { market_ticker?: unknown; event_type?: unknown; result?: unknown; settled_ts?: unknown } } | null;
    if (typeof env !== 'object' || env === null || env.type !== 'market_lifecycle_v2') return false;
    const msg = env.msg;
    if (typeof msg !== 'object' || msg === null || msg.event_type !== 'settled' || typeof msg.market_ticker !== 'string') return false;
    if (msg.result !== 'yes' && msg.result !== 'no') return false;
    const settledAt = typeof msg.settled_ts === 'number' && Number.isSafeInteger(msg.settled_ts) ? msg.settled_ts * 1000 : now;
    this.record({ venue: 'kalshi', market: `kalshi:${msg.market_ticker}`, result: msg.result, settledAt, source: 'kalshi market_lifecycle_v2' });
    return true;
  }

  /** A Polymarket market-channel message (one event or an array); true when it held a resolution. */
  fromPolymarket(data: unknown, now: number): boolean {
    if (Array.isArray(data)) {
      let any = false;
      for (const e of data) any = this.fromPolymarket(e, now) || any;
      return any;
    }
    const e = data as { event_type?: unknown; market?: unknown; winning_asset_id?: unknown; winning_outcome?: unknown; timestamp?: unknown } | null;
    if (typeof e !== 'object' || e === null || e.event_type !== 'market_resolved') return false;
    let market: MarketRef | null = typeof e.market === 'string' && e.market.length > 0 ? `polymarket:${e.market}` : null;
    let result: Outcome | null = null;
    if (typeof e.winning_asset_id === 'string') {
      const token = this.tokenOutcome(e.winning_asset_id);
      if (token && (market === null || token.market === market)) {
        market = token.market;
        result = token.outcome;
      }
    }
    if (result === null && typeof e.winning_outcome === 'string') {
      const w = e.winning_outcome.trim().toLowerCase();
      if (w === 'yes' || w === 'no') result = w;
    }
    if (market === null || result === null) return false;
    const ts = typeof e.timestamp === 'string' && /^\d{10,13}$/.test(e.timestamp) ? Number(e.timestamp) : null;
    const settledAt = ts === null ? now : ts < 1e12 ? ts * 1000 : ts;
    this.record({ venue: 'polymarket', market, result, settledAt, source: 'polymarket market_resolved' });
    return true;
  }

  private write(r: Resolution): void {
    try {
      const outcome = this.ledger().recordSettlement({
        venue: r.venue,
        market: r.market,
        yesValue: r.result === 'yes' ? '1' : '0',
        settledAt: r.settledAt,
        source: r.source,
      });
      if (outcome.status === 'conflict') {
        this.activity.append({ kind: 'settlement', level: 'error', venue: r.venue, ref: r.market, message: `Settlement conflict for ${r.market}: ${outcome.reason}` });
      } else if (outcome.status === 'recorded' && outcome.basketsTouched.length > 0) {
        this.activity.append({ kind: 'settlement', venue: r.venue, ref: r.market, message: `${r.market} settled ${r.result.toUpperCase()}; ${outcome.basketsTouched.length} basket(s) updated, ${outcome.basketsSettled.length} settled` });
      }
    } catch (e) {
      this.activity.append({ kind: 'error', level: 'error', venue: r.venue, ref: r.market, message: `Settlement of ${r.market} not recorded: ${(e as Error).message}` });
    }
  }
}
