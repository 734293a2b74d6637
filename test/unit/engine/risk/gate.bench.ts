// npx vitest bench --run --project unit test/unit/engine/risk test/unit/engine/ledger
// The order gate and the kill switch on a real live ledger (synchronous=FULL), system clock.
import { afterAll, bench, describe } from 'vitest';
import { systemClock } from '../../../../src/engine/platform/clock';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { CircuitBreaker } from '../../../../src/engine/risk/circuitBreaker';
import type { OrderCheck } from '../../../../src/engine/risk/gateTypes';
import { KillSwitch } from '../../../../src/engine/risk/killSwitch';
import { linkBreakerToLedger } from '../../../../src/engine/risk/ledgerLink';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import { tempDir } from '../../../helpers/tempDir';
import { PM, crossBasket, fillLeg, price, qty } from './fixtures';

const dir = tempDir();
const ledger = Ledger.openInDir(dir.path, { mode: 'live', clock: systemClock });
// 1,000 open baskets: the gate must not care how much is held.
for (let i = 0; i < 1000; i++) {
  ledger.createBasket(crossBasket(`held-${i}`, '1'));
  fillLeg(ledger, `held-${i}`, 0, 'buy', '1', '0.40');
}
ledger.createBasket(crossBasket('b', '1'));
const breaker = new CircuitBreaker({ clock: systemClock, limits: { ...DEFAULT_LIMITS, maxTotalContracts: 10_000_000, maxTotalDollars: '10000000' }, store: ledger.breakerStore });
const link = linkBreakerToLedger(breaker, ledger);
const kill = new KillSwitch({ breaker, clock: systemClock });
kill.registerCanceller('kalshi', () => Promise.resolve({ cancelled: ['k-1', 'k-2'], failed: [] }));
kill.registerCanceller('polymarket', () => Promise.resolve({ cancelled: ['0x1'], failed: [] }));

let n = 0;
const order = (): OrderCheck => ({ clientOrderId: `o${++n}`, basketId: 'b', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side: 'buy', qty: qty(1), price: price('0.40') });
const blocked: number[] = [];
const refusedAfter: number[] = [];

afterAll(() => {
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`kill switch, command → order path blocked (blockedInMs), n=${blocked.length}: p50 ${us(pct(blocked, 0.5))}, p99 ${us(pct(blocked, 0.99))}, max ${us(Math.max(...blocked))}`);
  console.log(`kill switch, command → gate refusing an order (incl. the ledger fsync), n=${refusedAfter.length}: p50 ${us(pct(refusedAfter, 0.5))}, p99 ${us(pct(refusedAfter, 0.99))}, max ${us(Math.max(...refusedAfter))}`);
  kill.dispose();
  link.dispose();
  breaker.dispose();
  ledger.close();
  dir.remove();
});

describe('order gate', () => {
  bench('authorizeOrder allows and reserves, then the order ends (closed, 1,000 holdings)', () => {
    const o = order();
    if (!breaker.authorizeOrder(o).ok) throw new Error('refused');
    breaker.orderEnded(o.clientOrderId);
  });
});

describe('kill switch', () => {
  bench('engage, gate refuses, re-arm (live ledger, fsync per write)', () => {
    const started = performance.now();
    const pending = kill.engage();
    const verdict = breaker.authorizeOrder(order());
    refusedAfter.push(performance.now() - started);
    if (verdict.ok) throw new Error('the gate let an order through');
    void pending.then((r) => blocked.push(r.blockedInMs));
    breaker.rearm();
  });

  bench('engage → every canceller answered (2 in-process venues), re-arm', async () => {
    const r = await kill.engage();
    if (r.cancelled.length !== 3) throw new Error('cancel-all incomplete');
    breaker.rearm();
  });
});
