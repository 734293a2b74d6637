// Markets that resolve are recorded in the ledger so positions pay out and baskets close: what a
// venue's settlement reader finds in its market data (MarketDataDecoder.resolutions), what its feed
// reports (onMarketEvent), and any market a discovery reports settled with a result. Every result
// is remembered for the session and recorded again in the other mode's ledger when the trader
// switches modes.
import type { MarketRef } from '../../shared/ids';
import type { ActivityLog } from '../activity/activityLog';
import type { Ledger } from '../ledger/ledger';
import type { Resolution } from '../venues/contribution';

export type { Resolution } from '../venues/contribution';

export class SettlementRecorder {
  private readonly known = new Map<MarketRef, Resolution>();

  constructor(
    private readonly ledger: () => Ledger,
    private readonly activity: ActivityLog,
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
