// Shared by the risk, ledger and positions tests: a clock the test moves, timers that never fire
// on their own, and a real ledger in a temporary directory.
import type { Limits } from '../../../../src/shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../../../src/shared/ids';
import type { Clock } from '../../../../src/engine/platform/clock';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import type { BasketInput } from '../../../../src/engine/ledger/types';
import { CircuitBreaker, type Timers } from '../../../../src/engine/risk/circuitBreaker';
import { linkBreakerToLedger } from '../../../../src/engine/risk/ledgerLink';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import { type Price, type Qty, parsePrice } from '../../../../src/shared/units';
import { tempDir } from '../../../helpers/tempDir';

/** 2025-06-02 14:00:00 UTC, a Monday. */
export const T0 = Date.UTC(2025, 5, 2, 14, 0, 0);

export class ManualClock implements Clock {
  private wall: number;
  private mono = 1_000;
  constructor(start = T0) {
    this.wall = start;
  }
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  advance(ms: number): void {
    this.wall += ms;
    this.mono += ms;
  }
  set(at: number): void {
    this.mono += Math.max(0, at - this.wall);
    this.wall = at;
  }
}

/** Timers that only record what was scheduled; tests move the clock and call refresh(). */
export class ManualTimers implements Timers {
  readonly scheduled: { fn: () => void; ms: number; cleared: boolean }[] = [];
  set(fn: () => void, ms: number): unknown {
    const t = { fn, ms, cleared: false };
    this.scheduled.push(t);
    return t;
  }
  clear(handle: unknown): void {
    (handle as { cleared: boolean }).cleared = true;
  }
  /** The timer that is still pending, if any. */
  pending(): { fn: () => void; ms: number } | undefined {
    return this.scheduled.filter((t) => !t.cleared).at(-1);
  }
}

export interface RiskRig {
  dir: ReturnType<typeof tempDir>;
  clock: ManualClock;
  timers: ManualTimers;
  ledger: Ledger;
  breaker: CircuitBreaker;
  /** Closes the ledger and breaker without removing the files. */
  close(): void;
  /** Reopens ledger and breaker on the same files, as after a restart. */
  restart(limits?: Limits): RiskRig;
  remove(): void;
}

export function riskRig(limits: Partial<Limits> = {}, existing?: { dir: ReturnType<typeof tempDir>; clock: ManualClock }): RiskRig {
  const dir = existing?.dir ?? tempDir();
  const clock = existing?.clock ?? new ManualClock();
  const timers = new ManualTimers();
  const ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
  const fullLimits = { ...DEFAULT_LIMITS, ...limits };
  const breaker = new CircuitBreaker({ clock, limits: fullLimits, store: ledger.breakerStore, timers });
  const link = linkBreakerToLedger(breaker, ledger);
  const rig: RiskRig = {
    dir,
    clock,
    timers,
    ledger,
    breaker,
    close() {
      link.dispose();
      breaker.dispose();
      ledger.close();
    },
    restart(next = fullLimits) {
      rig.close();
      return riskRig(next, { dir, clock });
    },
    remove() {
      if (!ledger.isClosed) rig.close();
      dir.remove();
    },
  };
  return rig;
}

export const KX = 'kalshi:KXFED-26DEC-H0' as MarketRef;
export const PM = 'polymarket:0xabc' as MarketRef;

export function leg(venue: VenueId, market: MarketRef, outcome: Outcome, plannedQty = '10', limitPrice = '0.50') {
  return { venue, market, title: `${market} ${outcome}`, outcome, plannedQty, limitPrice };
}

/** A cross-venue basket: YES on Polymarket, NO on Kalshi. */
export function crossBasket(id: string, size = '10', overrides: Partial<BasketInput> = {}): BasketInput {
  return {
    id,
    strategy: 'cross_venue',
    size,
    payoutPerUnit: '1',
    legs: [leg('polymarket', PM, 'yes', size, '0.40'), leg('kalshi', KX, 'no', size, '0.50')],
    ...overrides,
  };
}

/** Whole contracts to the Qty unit. */
export const qty = (contracts: number): Qty => (contracts * 100) as Qty;
export function price(dollars: string): Price {
  const parsed = parsePrice(dollars);
  if (!parsed.ok) throw new Error(`bad test price ${dollars}: ${parsed.reason}`);
  return parsed.value;
}

let fillSeq = 0;
/** Writes an order intent and a fill for it, as an executor would; returns the order id. */
export function fillLeg(
  ledger: Ledger,
  basketId: string,
  legIndex: number,
  side: 'buy' | 'sell',
  contracts: string,
  px: string,
  fee = '0',
): string {
  const cid = `o-${basketId}-${legIndex}-${++fillSeq}`;
  ledger.recordOrderIntent({ clientOrderId: cid, basketId, legIndex, side, purpose: side === 'buy' ? 'entry' : 'flatten', timeInForce: 'ioc', qty: contracts, limitPrice: px });
  const venue = ledger.basket(basketId)!.legs[legIndex]!.venue;
  ledger.recordFill({ venue, venueFillId: `f-${cid}`, clientOrderId: cid, qty: contracts, price: px, fee });
  return cid;
}
