// The kill switch and orders already handed to a connector (issue 12): an order queued behind the
// Kalshi rate limiter carries the breaker's order guard; engaging the kill switch must abort it
// (< 5 ms from the command), and nothing may reach the venue after the kill switch returned.
// "Reached" is read from the simulator's own records: a queued order is a valid resting GTC bid,
// so had it been sent it would rest there under its client order id.
import type { Qty } from '../src/shared/units';
import type { Engine } from '../src/engine/engine';
import type { KalshiVenue } from '../src/engine/venues/kalshi';
import type { MarketInfo, OrderResult } from '../src/engine/venues/venue';
import type { Measurement } from './types';

const ROUNDS = 7;
const QUEUED = 3;
/** How long after the kill switch returned the simulator is watched for a late arrival. */
const WATCH_MS = 1_500;

export interface InFlightRig {
  engine: Engine;
  dispatch(command: string): Promise<{ ok: boolean; error?: { message: string } }>;
  kalshi: KalshiVenue;
  market: MarketInfo;
  /** Client order ids of every Kalshi order the simulator holds for the account. */
  venueOrderIds(): Promise<string[]>;
  log(line: string): void;
}

export async function measureInFlightKill(rig: InFlightRig): Promise<Measurement[]> {
  const { engine, kalshi, market } = rig;
  const saved = kalshi.limiter.limits();
  // A write bucket of one order per 100 s: every order after the first waits for tokens.
  kalshi.limiter.setLimits({ read: saved.read, write: { refillRate: 0.1, capacity: 10 } });
  const aborted: number[] = [];
  let reached = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const rearm = await rig.dispatch('rearm');
      if (!rearm.ok) throw new Error(`re-arm failed: ${rearm.error?.message}`);
      // Empty the bucket (as a 429 does), then queue orders behind it, each guarded as the executor guards it.
      kalshi.limiter.throttled('write');
      const waitedBefore = kalshi.limiter.stats.waited;
      const guard = { signal: engine.risk.orderSignal(), recheck: () => engine.risk.recheck() };
      const ids = Array.from({ length: QUEUED }, (_, i) => `bench-queued-${round}-${i}-${Date.now()}`);
      const settledAt: number[] = [];
      const queued = ids.map((clientOrderId) => kalshi.trading!.placeOrder({
        clientOrderId, market: market.ref, outcome: 'yes', side: 'buy', limitPrice: market.tickSize, qty: Math.max(market.minOrderSize, 100) as Qty, timeInForce: 'gtc', guard,
      }).then((r: OrderResult) => {
        settledAt.push(performance.now());
        return r;
      }));
      while (kalshi.limiter.stats.waited < waitedBefore + QUEUED) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      const answer = await rig.dispatch('killSwitch');
      const returnedAt = performance.now();
      if (!answer.ok) throw new Error(`killSwitch failed: ${answer.error?.message}`);
      const results = await Promise.all(queued);
      for (const r of results) {
        if (r.status !== 'rejected' || !/not sent/.test(r.rejectReason ?? '')) throw new Error(`a queued order came back ${r.status} (${r.rejectReason ?? ''}), not held`);
      }
      aborted.push(Math.max(...settledAt) - t0);
      if (Math.max(...settledAt) > returnedAt) rig.log(`  round ${round + 1}: a queued order settled after the kill switch returned`);
      await new Promise((r) => setTimeout(r, WATCH_MS));
      const atVenue = new Set(await rig.venueOrderIds());
      reached += ids.filter((id) => atVenue.has(id)).length;
    }
  } finally {
    kalshi.limiter.setLimits(saved);
  }
  rig.log(`  ${ROUNDS} rounds of ${QUEUED} Kalshi orders queued behind the rate limiter when the kill switch was engaged; "reached" = on the simulator after it`);
  const worst = Math.max(...aborted);
  const sorted = [...aborted].sort((a, b) => a - b);
  return [
    { name: 'queued order aborted (p50)', value: sorted[Math.floor(sorted.length / 2)]!, unit: 'ms', display: `${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)} ms` },
    { name: 'queued order aborted (max)', value: worst, unit: 'ms', display: `${worst.toFixed(3)} ms`, target: { text: '< 5 ms', met: worst < 5 } },
    { name: 'orders reaching the venue after the kill switch returned', value: reached, unit: 'orders', display: String(reached), target: { text: '0', met: reached === 0 } },
  ];
}
