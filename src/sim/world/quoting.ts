// The background market maker of one listing: each tick it turns the venue's view of fair value
// into a ladder of bids and asks on the venue's price grid. Spreads and depth wander; liquidity
// that traders take is not put straight back (it recovers over a few seconds, and not at all on
// the dislocated side of an open dislocation), so taking a level really consumes it.
import type { Price } from '../../shared/units';
import type { Rng } from '../core/rng';
import type { QuoteConstraint } from './dislocations';

export interface QuoteTarget {
  /** [price, size] best first; size in the venue's book units. */
  bids: [Price, number][];
  asks: [Price, number][];
}

export interface QuoteProfile {
  /** Book units per whole contract/share (Kalshi 100, Polymarket 1_000_000). */
  unit: number;
  /** Size granularity of the maker's quotes, in book units. */
  lot: number;
  liquidity: number;
  halfSpreadTicks: number;
  /** Price levels a side (default 6). */
  levels?: number;
}

const DEFAULT_LEVELS = 6;
const RECOVERY_SECONDS = 3;
const LEVEL_REFRESH_PER_SECOND = 0.25;
const REGIME_CHANGES_PER_SECOND = 0.05;

export class MarketMaker {
  private bias: number;
  private spreadMult = 1;
  private depthMult = 1;
  private readonly depleted = { bid: 0, ask: 0 };
  /**
   * The size shown at each price, kept while the price stays in the ladder (and redrawn now and
   * then), so a one-tick move of the quote changes two levels, not all of them.
   */
  private shown = { bid: new Map<number, number>(), ask: new Map<number, number>() };

  constructor(
    private readonly profile: QuoteProfile,
    private readonly rng: Rng,
  ) {
    this.bias = rng.between(-0.004, 0.004);
  }

  /** The maker's resting liquidity on `side` was hit for `qty` book units. */
  consumed(side: 'bid' | 'ask', qty: number): void {
    this.depleted[side] += qty;
  }

  /**
   * The ladder for this tick. `fair` is the world's probability; `opts.constraint` pins the best
   * ask at or below / the best bid at or above a price (a dislocation), `opts.thin` scales depth
   * and `opts.frozen` stops taken depth from recovering.
   */
  quote(fair: number, tick: Price, dtSec: number, opts: { constraint?: QuoteConstraint; thin?: number; frozen?: boolean } = {}): QuoteTarget {
    const r = this.rng;
    this.bias = clamp(this.bias + 0.0008 * Math.sqrt(dtSec) * r.normal(), -0.006, 0.006);
    // Spread and depth regimes change in jumps, a few times a minute, not on every tick.
    const spreadJump = r.next() < REGIME_CHANGES_PER_SECOND * dtSec;
    const nextSpread = r.chance(0.7) ? r.between(0.8, 1.3) : r.between(1.3, 2.5);
    if (spreadJump) this.spreadMult = nextSpread;
    const depthJump = r.next() < REGIME_CHANGES_PER_SECOND * dtSec;
    const nextDepth = r.between(0.4, 1.8);
    if (depthJump) this.depthMult = nextDepth;
    // A fixed number of draws per tick, whatever the book looks like.
    const LEVELS = this.profile.levels ?? DEFAULT_LEVELS;
    const fresh = Array.from({ length: LEVELS * 2 }, () => r.between(0.7, 1.3));
    const refresh = Array.from({ length: LEVELS * 2 }, () => r.next() < LEVEL_REFRESH_PER_SECOND * dtSec);
    if (depthJump) this.shown = { bid: new Map(), ask: new Map() };
    if (!opts.frozen) {
      const keep = Math.exp(-dtSec / RECOVERY_SECONDS);
      this.depleted.bid *= keep;
      this.depleted.ask *= keep;
    }

    const one = 10_000;
    const f = clamp(fair + this.bias, 0.005, 0.995) * one;
    const hs = Math.max(tick, this.profile.halfSpreadTicks * tick * this.spreadMult);
    let bid = Math.floor((f - hs) / tick) * tick;
    let ask = Math.ceil((f + hs) / tick) * tick;
    if (ask <= bid) ask = bid + tick;
    const c = opts.constraint;
    if (c?.askAtMost !== undefined && ask > c.askAtMost) {
      const shift = ask - c.askAtMost;
      ask -= shift;
      bid -= shift;
    }
    if (c?.bidAtLeast !== undefined && bid < c.bidAtLeast) {
      const shift = c.bidAtLeast - bid;
      ask += shift;
      bid += shift;
    }
    const step = tick * (tick < 100 ? 5 : 1);
    const thin = opts.thin ?? 1;

    const sizeFor = (k: number, n: number) => {
      const raw = this.profile.liquidity * this.profile.unit * (1 + 0.6 * k) * this.depthMult * thin * n;
      return Math.max(this.profile.lot, Math.round(raw / this.profile.lot) * this.profile.lot);
    };
    const ladder = (side: 'bid' | 'ask', best: number, dir: 1 | -1): [Price, number][] => {
      const out: [Price, number][] = [];
      const kept = new Map<number, number>();
      // Below the touch the ladder sits on the coarser step grid, so a one-tick move of the
      // touch on a fine-grid market does not move every level.
      const anchor = dir === -1 ? Math.floor((best - 1) / step) * step : Math.ceil((best + 1) / step) * step;
      for (let k = 0; k < LEVELS; k++) {
        const price = k === 0 ? best : anchor + dir * (k - 1) * step;
        if (price < tick || price > one - tick || (side === 'bid' && price > one - 2 * tick) || (side === 'ask' && price < 2 * tick)) continue;
        const i = (side === 'bid' ? 0 : LEVELS) + k;
        let size = this.shown[side].get(price);
        if (size === undefined || refresh[i]) size = sizeFor(k, fresh[i]!);
        kept.set(price, size);
        out.push([price as Price, size]);
      }
      this.shown[side] = kept;
      return out;
    };
    const bids = ladder('bid', bid, -1);
    const asks = ladder('ask', ask, 1);
    deplete(bids, this.depleted.bid);
    deplete(asks, this.depleted.ask);
    return { bids: bids.filter(([, s]) => s > 0), asks: asks.filter(([, s]) => s > 0) };
  }
}

/** Removes `amount` from the best levels first. */
function deplete(levels: [Price, number][], amount: number): void {
  let left = Math.floor(amount);
  for (const level of levels) {
    if (left <= 0) return;
    const take = Math.min(level[1], left);
    level[1] -= take;
    left -= take;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
