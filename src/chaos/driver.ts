// The trader the chaos run plays: executes opportunities as they appear (two at a time at most),
// and now and then places resting GTC orders far from the market, engages the kill switch and
// checks on the simulator that nothing of the account is left resting, then re-arms.
import type { ExecutionResult } from '../shared/contract';
import type { MarketRef, VenueId } from '../shared/ids';
import type { Qty } from '../shared/units';
import { parsePrice } from '../shared/units';
import type { Engine } from '../engine/engine';
import type { SimulatorHandle } from '../sim/index';
import type { ChaosRng } from './rng';

export interface DriverCounts {
  executions: Record<ExecutionResult['status'] | 'error', number>;
  killSwitches: number;
  /** Resting GTC orders placed before kill switches (and acknowledged by the venue). */
  restingPlaced: number;
  /** Orders of the account still resting on the simulator after a kill switch returned. */
  restingLeftAfterKill: number;
  killSwitchFailures: string[];
  rearms: number;
}

export interface RestingProbe {
  venue: VenueId;
  clientOrderId: string;
  venueOrderId: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PROBE_PRICE = parsePrice('0.02');

export class ChaosDriver {
  readonly counts: DriverCounts = {
    executions: { filled: 0, completed: 0, flattened: 0, refused: 0, failed: 0, error: 0 },
    killSwitches: 0,
    restingPlaced: 0,
    restingLeftAfterKill: 0,
    killSwitchFailures: [],
    rearms: 0,
  };
  /** Every resting probe placed (their fills, should a price ever reach them, are not the executor's). */
  readonly probes: RestingProbe[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private inKill = false;
  private probeSeq = 0;

  constructor(
    private readonly engine: Engine,
    private readonly sim: SimulatorHandle,
    private readonly rng: ChaosRng,
    private readonly options: { killEveryMs: [number, number]; workers: number; log: (line: string) => void },
  ) {}

  start(): void {
    this.running = true;
    for (let i = 0; i < this.options.workers; i++) this.loops.push(this.executeLoop());
    this.loops.push(this.killLoop());
  }

  /** Stops starting anything new and waits for what runs. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async executeLoop(): Promise<void> {
    while (this.running) {
      const breaker = this.engine.risk.state();
      if (this.inKill || breaker.killSwitch) {
        await sleep(100);
        continue;
      }
      if (breaker.state === 'open') {
        await this.waitOutTrip();
        continue;
      }
      const candidates = this.engine.scanner.opportunities().filter((o) => o.size >= 1);
      if (candidates.length === 0) {
        await sleep(this.rng.int(30, 120));
        continue;
      }
      const o = this.rng.pick(candidates);
      const size = Math.max(1, Math.min(o.size, this.rng.int(3, 25)));
      try {
        const result = await this.engine.handle('execute', { opportunityId: o.basket.id, size });
        this.counts.executions[result.status]++;
      } catch (e) {
        this.counts.executions.error++;
        this.options.log(`chaos: execute threw: ${(e as Error).message}`);
      }
      await sleep(this.rng.int(20, 200));
    }
  }

  /** A breaker trip (not the kill switch) is waited out through its cooldown; a trader re-arms what would not close. */
  private async waitOutTrip(): Promise<void> {
    const until = Date.now() + 8_000;
    while (this.running && Date.now() < until && this.engine.risk.state().state === 'open' && !this.engine.risk.state().killSwitch) await sleep(100);
    const state = this.engine.risk.state();
    if (this.running && state.state === 'open' && !state.killSwitch && !this.inKill) {
      await this.engine.handle('rearm', {});
      this.counts.rearms++;
    }
  }

  private async killLoop(): Promise<void> {
    const [min, max] = this.options.killEveryMs;
    let next = Date.now() + this.rng.int(min, max);
    while (this.running) {
      await sleep(100);
      if (Date.now() < next) continue;
      await this.killCycle();
      next = Date.now() + this.rng.int(min, max);
    }
  }

  /** Places resting orders, engages the kill switch, checks the simulator, re-arms. */
  async killCycle(): Promise<void> {
    this.inKill = true;
    try {
      const placed = await this.placeRestingProbes(this.rng.int(1, 3));
      const before = this.restingOnSimulator();
      const result = await this.engine.handle('killSwitch', {});
      this.counts.killSwitches++;
      for (const f of result.failed) this.counts.killSwitchFailures.push(`${f.venue}: ${f.reason}`);
      // What the kill switch returned is what the trader is told; the venue must agree at once.
      const left = this.restingOnSimulator();
      this.counts.restingLeftAfterKill += left;
      if (left > 0) this.options.log(`chaos: ${left} order(s) still resting after the kill switch (${before} before, ${placed} placed)`);
      await sleep(this.rng.int(500, 2500));
      // Nothing may come back to rest while the switch is engaged either.
      const later = this.restingOnSimulator();
      if (later > left) this.counts.restingLeftAfterKill += later - left;
      await this.engine.handle('rearm', {});
      this.counts.rearms++;
    } finally {
      this.inKill = false;
    }
  }

  restingOnSimulator(): number {
    return this.sim.truth.kalshi.restingOrders().length + this.sim.truth.polymarket.restingOrders().length;
  }

  /** GTC buys of YES at $0.02 on markets whose YES bid is well above that: they rest, they do not fill. */
  private async placeRestingProbes(count: number): Promise<number> {
    let placed = 0;
    const markets = this.engine.universe.markets().filter((m) => m.status === 'open' && this.probeSafe(m.ref));
    for (let i = 0; i < count && markets.length > 0; i++) {
      const m = this.rng.pick(markets);
      const api = this.engine.venues.trading(m.venue);
      if (!api) continue;
      const clientOrderId = `chaos-rest-${process.pid}-${++this.probeSeq}-${Date.now()}`;
      const qty = Math.max(m.minOrderSize, 500) as Qty;
      const limitPrice = PROBE_PRICE.ok ? PROBE_PRICE.value : m.tickSize;
      try {
        const r = await api.placeOrder({ clientOrderId, market: m.ref, outcome: 'yes', side: 'buy', limitPrice, qty, timeInForce: 'gtc' });
        this.probes.push({ venue: m.venue, clientOrderId, venueOrderId: r.venueOrderId });
        if (r.status === 'resting') {
          placed++;
          this.counts.restingPlaced++;
        }
      } catch (e) {
        // A reject or a timeout under faults: the probe may or may not rest; the check counts what does.
        this.probes.push({ venue: m.venue, clientOrderId, venueOrderId: null });
        this.options.log(`chaos: resting order not placed: ${(e as Error).message}`);
      }
    }
    return placed;
  }

  private probeSafe(ref: MarketRef): boolean {
    const book = this.engine.scanner.books.get(ref);
    if (!book || book.yes.health !== 'live') return false;
    const bid = book.yes.bids;
    // Best YES bid at least $0.20 (2000 in $0.0001): a $0.02 bid is far behind the market.
    return bid.levelCount > 0 && bid.priceAt(0) >= 2000;
  }
}
