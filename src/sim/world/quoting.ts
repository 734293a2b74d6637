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
}

const LEVELS = 6;
const RECOVERY_SECONDS = 3;
const LEVEL_REFRESH_PER_SECOND = 0.25;
const REGIME_CHANGES_PER_SECOND = 0.05;

export class MarketMaker {
  private bias: number;
  private spreadMult = 1;
  private depthMult = 1;
  private readonly depleted = { bid: 0, ask: 0 };
  /** Per-level size jitter; each level's is redrawn now and then, so most levels hold still. */
  private readonly jitter: number[];

  constructor(
    private readonly profile: QuoteProfile,
    private readonly rng: Rng,
  ) {
    this.bias = rng.between(-0.004, 0.004);
    this.jitter = Array.from({ length: LEVELS * 2 }, () => rng.between(0.7, 1.3));
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
    for (let i = 0; i < this.jitter.length; i++) {
      const redraw = r.next() < LEVEL_REFRESH_PER_SECOND * dtSec;
      const value = r.between(0.7, 1.3);
      if (redraw) this.jitter[i] = value;
    }
    const noise = this.jitter;
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

    const sizes = (k: number, n: number) => {
      const raw = this.profile.liquidity * this.profile.unit * (1 + 0.6 * k) * this.depthMult * thin * n;
      return Math.max(this.profile.lot, Math.round(raw / this.profile.lot) * this.profile.lot);
    };
    const bids: [Price, number][] = [];
    const asks: [Price, number][] = [];
    for (let k = 0; k < LEVELS; k++) {
      const pb = bid - k * step;
      if (pb >= tick && pb <= one - 2 * tick) bids.push([pb as Price, sizes(k, noise[k]!)]);
      const pa = ask + k * step;
      if (pa <= one - tick && pa >= 2 * tick) asks.push([pa as Price, sizes(k, noise[LEVELS + k]!)]);
    }
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
