// Markets that resolve are recorded in the ledger so positions pay out and baskets close: what a
// venue's settlement reader finds in its market data (MarketDataDecoder.resolutions), what its feed
// reports (onMarketEvent), and any market a discovery reports settled with a result. Every result
// is remembered for the session and recorded again in the other mode's ledger when the trader
// switches modes.
import type { MarketRef } from '../../shared/ids';
import type { ActivityLog } from '../activity/activityLog';
import type { Ledger } from '../ledger/ledger';
import type { Resolution } from '../venues/contribution';
import type { ActivityInput } from '../activity/activityLog';
import { Emitter } from '../../shared/lifecycle';
import { Money } from '../../shared/money';
import type { BasketOutcome } from '../ledger/types';

export type { Resolution } from '../venues/contribution';

export class SettlementRecorder {
  private readonly known = new Map<MarketRef, Resolution>();
  private readonly onDidBookEmitter = new Emitter<{ resolution: Resolution; outcomes: BasketOutcome[] }>();
  /** A result was booked in the current ledger for the first time (positions settled, cash moved). */
  readonly onDidBook = this.onDidBookEmitter.event;

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
      } else if (outcome.status === 'recorded') {
        if (outcome.basketsTouched.length > 0) {
          this.activity.append({ kind: 'settlement', venue: r.venue, ref: r.market, message: `${r.market} settled ${r.result.toUpperCase()}; ${outcome.basketsTouched.length} basket(s) updated, ${outcome.basketsSettled.length} settled` });
        }
        for (const o of outcome.outcomes) this.activity.append(basketEntry(r, o));
        this.onDidBookEmitter.fire({ resolution: r, outcomes: outcome.outcomes });
      }
    } catch (e) {
      this.activity.append({ kind: 'error', level: 'error', venue: r.venue, ref: r.market, message: `Settlement of ${r.market} not recorded: ${(e as Error).message}` });
    }
  }

  dispose(): void {
    this.onDidBookEmitter.dispose();
  }
}

/** "Basket 1a2b3c4d settled as locked in: paid $10.00; realised +$0.42; $9.58 of capital released". */
function basketEntry(r: Resolution, o: BasketOutcome): ActivityInput {
  const id = o.basketId.slice(0, 8);
  const realised = new Money(o.realised);
  const pnl = `${realised.isNegative() ? '−' : '+'}$${realised.abs().toFixed(2)}`;
  const released = `$${new Money(o.capital).toFixed(2)} of capital released`;
  if (o.outcome === 'as_expected') {
    return { kind: 'settlement', venue: r.venue, ref: o.basketId, message: `Basket ${id} settled as locked in: paid $${new Money(o.payout).toFixed(2)}; realised ${pnl}; ${released}` };
  }
  const how = o.outcome === 'short' ? 'the venues resolved the linked markets differently' : 'it paid more than the matched units promised';
  return {
    kind: 'settlement',
    level: o.outcome === 'short' ? 'error' : 'warn',
    venue: r.venue,
    ref: o.basketId,
    message: `Basket ${id} settled ${o.outcome === 'short' ? 'SHORT' : 'OVER'}: ${how} — paid $${new Money(o.payout).toFixed(2)} where $${new Money(o.expected).toFixed(2)} was locked in; realised ${pnl}; ${released}`,
  };
}
