// The trader the chaos run plays: executes opportunities as they appear (two at a time at most;
// now and then at the full profitable depth), and now and then places resting GTC orders far from
// the market, engages the kill switch and checks on the simulator that nothing of the account is
// left resting and no order reaches a venue after the kill switch returned, then re-arms. Baskets
// left unequal are unwound before the breaker can close: the driver never acknowledges one.
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
  /** Order requests that reached a venue (the simulator, or a paper broker) after a kill switch returned and before the re-arm. */
  ordersAfterKillSwitch: number;
  /** Unwinds of unequal baskets the driver asked for before re-arming. */
  unwinds: number;
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
    ordersAfterKillSwitch: 0,
    unwinds: 0,
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
      // Now and then the whole profitable depth: the executor must size it to its worst case.
      const size = this.rng.chance(0.25) ? o.size : Math.max(1, Math.min(o.size, this.rng.int(3, 25)));
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

  /**
   * A breaker trip (not the kill switch) is waited out through its cooldown; a trader re-arms what
   * would not close — after unwinding every basket left unequal (an unhedged trip never clears by
   * itself, and re-arm is refused while one is unequal).
   */
  private async waitOutTrip(): Promise<void> {
    const until = Date.now() + 8_000;
    while (this.running && Date.now() < until && this.engine.risk.state().state === 'open' && !this.engine.risk.state().killSwitch) await sleep(100);
    const state = this.engine.risk.state();
    if (this.running && state.state === 'open' && !state.killSwitch && !this.inKill) await this.rearm();
  }

  /** Re-arms, unwinding what is unequal until the breaker closes (a few rounds); never acknowledges. */
  async rearm(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      try {
        // Under the kill switch with a basket unequal this releases the kill switch only.
        const state = await this.engine.handle('rearm', {});
        this.counts.rearms++;
        if (state.state === 'closed') return;
      } catch (e) {
        this.options.log(`chaos: re-arm refused: ${(e as Error).message}`);
      }
      await this.unwindUnequal();
    }
  }

  private async unwindUnequal(): Promise<void> {
    const executor = this.engine.execution.executor;
    const unequal = this.engine.ledger.breakerStore.unequalBaskets(this.engine.risk.dust).filter((u) => !executor.isActive(u.basketId));
    for (const u of unequal) {
      try {
        const r = await this.engine.handle('unwindBasket', { basketId: u.basketId });
        this.counts.unwinds++;
        if (r.status === 'failed' || r.status === 'refused') this.options.log(`chaos: unwind of ${u.basketId.slice(0, 8)} ${r.status}: ${r.reason ?? ''}`);
      } catch (e) {
        this.options.log(`chaos: unwind of ${u.basketId.slice(0, 8)} threw: ${(e as Error).message}`);
      }
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
      const returnedAt = Date.now();
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
      // Nothing may have reached a venue since the kill switch returned.
      const reached = this.arrivalsBetween(returnedAt, Date.now());
      this.counts.ordersAfterKillSwitch += reached.length;
      if (reached.length > 0) this.options.log(`chaos: ${reached.length} order(s) reached a venue after the kill switch returned: ${reached.slice(0, 3).join(', ')}`);
      await this.rearm();
    } finally {
      this.inKill = false;
    }
  }

  /** Order requests that reached the simulator or a paper broker with from < at ≤ to (wall ms). */
  private arrivalsBetween(from: number, to: number): string[] {
    const out = [
      ...this.sim.truth.kalshi.orderArrivals(from, to).map((a) => `kalshi ${a.id}`),
      ...this.sim.truth.polymarket.orderArrivals(from, to).map((a) => `polymarket ${a.id.slice(0, 12)}`),
    ];
    for (const [venue, broker] of this.engine.execution.paper) out.push(...broker.received.filter((at) => at > from && at <= to).map(() => `paper ${venue}`));
    return out;
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
