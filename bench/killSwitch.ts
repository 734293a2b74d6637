// The kill switch (issue 6 targets): the order path is blocked < 5 ms after the command, and every
// resting order on the simulator is cancelled < 50 ms after it. Issue 12: an order queued behind
// the rate limiter is aborted < 5 ms after the command, and nothing reaches the venue after the
// kill switch returned (killSwitchInFlight.ts). The simulator runs as its own
// process (as the host runs it); the engine's real kill switch cancels through the venues' real
// connectors; "cancelled" is read from the simulator's own truth, not from what the engine says.
import path from 'node:path';
import type { Qty } from '../src/shared/units';
import type { MarketInfo, TradingApi } from '../src/engine/venues/venue';
import type { KalshiVenue } from '../src/engine/venues/kalshi';
import { measureInFlightKill } from './killSwitchInFlight';
import type { BenchSection, Measurement } from './types';

const ROUNDS = 7;
const ORDERS_PER_VENUE = 12;
const REST_MS = 1_200;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const noKeychain = {
  status: () => Promise.resolve({ available: false, backend: 'none (bench)', detail: null }),
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new Error('no keychain in the bench')),
  delete: () => Promise.resolve(),
  has: () => Promise.resolve(false),
};

export const killSwitchSection: BenchSection = {
  name: 'kill-switch',
  title: 'kill switch: order path blocked, every resting order on the simulator cancelled',
  async run(ctx) {
    // Heavy modules load only when this section runs.
    const [{ startSimulatorProcess }, { Engine }, { createDispatcher }, { kalshiVenue }, { polymarketVenue }, { systemClock }] = await Promise.all([
      import('../src/host/simulator/simulatorProcess'),
      import('../src/engine/engine'),
      import('../src/host/dispatch'),
      import('../src/engine/venues/kalshi'),
      import('../src/engine/venues/polymarket'),
      import('../src/engine/clock'),
    ]);
    const sim = await startSimulatorProcess({ cliPath: ctx.cli, args: ['--markets', '12', '--seed', String(ctx.options.seed)] });
    const admin = (sim.endpoints as { admin?: string }).admin;
    if (!admin) throw new Error('the simulator did not print its admin endpoint');
    const engine = await Engine.create({ host: 'serve', dataDir: path.join(ctx.workDir, 'kill-switch'), secrets: noKeychain });
    const dispatch = createDispatcher(engine, () => undefined);
    const kalshi = kalshiVenue.create({
      environment: 'simulator',
      endpoints: { rest: sim.endpoints.kalshi.rest, ws: sim.endpoints.kalshi.ws },
      credentials: { keyId: sim.endpoints.kalshi.keyId, privateKeyPem: sim.endpoints.kalshi.privateKeyPem },
    });
    const p = sim.endpoints.polymarket;
    const polymarket = polymarketVenue.create({
      environment: 'simulator',
      endpoints: { clob: p.clob, gamma: p.gamma, ws: p.ws, userWs: String(p.userWs) },
      credentials: { privateKey: p.privateKey },
      chainId: p.chainId,
      clock: systemClock,
    });
    try {
      const open = (markets: MarketInfo[]) => markets.filter((m) => m.status === 'open');
      const venues: { name: 'kalshi' | 'polymarket'; api: TradingApi; markets: MarketInfo[]; truth: string }[] = [
        { name: 'kalshi', api: kalshi.trading!, markets: open((await kalshi.discover()).markets), truth: `${admin}/truth/kalshi/orders?resting=true` },
        { name: 'polymarket', api: polymarket.trading!, markets: open((await polymarket.discover()).markets), truth: `${admin}/truth/polymarket/orders?resting=true` },
      ];
      for (const v of venues) {
        if (v.markets.length === 0) throw new Error(`${v.name}: no open market on the simulator`);
        engine.killSwitch.registerCanceller(v.name, (signal) => v.api.cancelAll(signal));
      }
      const resting = async (): Promise<number> => {
        const counts = await Promise.all(venues.map(async (v) => ((await (await fetch(v.truth)).json()) as unknown[]).length));
        return counts.reduce((t, n) => t + n, 0);
      };
      const blocked: number[] = [];
      const engineBlocked: number[] = [];
      const cleared: number[] = [];
      const engineCancelled: number[] = [];
      let seq = 0;
      for (let round = 0; round < ROUNDS; round++) {
        await dispatch({ type: 'request', id: ++seq, command: 'rearm', payload: {} });
        // Resting GTC bids at the lowest tick (nothing crosses them), a few at a time.
        for (let i = 0; i < ORDERS_PER_VENUE; i += 4) {
          await Promise.all(venues.flatMap((v) => Array.from({ length: Math.min(4, ORDERS_PER_VENUE - i) }, (_, k) => {
            const m = v.markets[(i + k) % v.markets.length]!;
            return v.api.placeOrder({ clientOrderId: `bench-${round}-${v.name}-${i + k}-${Date.now()}`, market: m.ref, outcome: (i + k) % 2 === 0 ? 'yes' : 'no', side: 'buy', limitPrice: m.tickSize, qty: Math.max(m.minOrderSize, 100) as Qty, timeInForce: 'gtc' }).then((r) => {
              if (r.status !== 'resting') throw new Error(`${v.name}: a resting bid at ${m.tickSize} came back ${r.status}${r.rejectReason ? ` (${r.rejectReason})` : ''}`);
            });
          })));
        }
        const placed = await resting();
        if (placed !== ORDERS_PER_VENUE * venues.length) throw new Error(`expected ${ORDERS_PER_VENUE * venues.length} resting orders on the simulator, found ${placed}`);
        // The orders rest a moment before the trader reaches for the switch (the venues' client
        // rate limiters have refilled after the burst of placements).
        await new Promise((r) => setTimeout(r, REST_MS));

        let blockedAt = 0;
        const watch = engine.risk.onDidChange((state) => {
          if (state.killSwitch && blockedAt === 0) blockedAt = performance.now();
        });
        const t0 = performance.now();
        const answer = dispatch({ type: 'request', id: ++seq, command: 'killSwitch', payload: {} });
        while (engine.risk.isOrderPathOpen()) await new Promise((r) => setImmediate(r));
        watch.dispose();
        blocked.push(blockedAt - t0);
        while ((await resting()) > 0) {
          if (performance.now() - t0 > 10_000) throw new Error('resting orders were still on the simulator 10 s after the kill switch');
        }
        cleared.push(performance.now() - t0);
        const response = await answer;
        if (!response.ok) throw new Error(`killSwitch failed: ${response.error.message}`);
        const result = response.result as { blockedInMs: number; cancelledInMs: number; failed: unknown[]; cancelled: unknown[] };
        if (result.failed.length > 0) throw new Error(`the kill switch reported failures: ${JSON.stringify(result.failed)}`);
        engineBlocked.push(result.blockedInMs);
        engineCancelled.push(result.cancelledInMs);
      }
      ctx.log(`  ${ROUNDS} rounds, ${ORDERS_PER_VENUE} resting orders on each of ${venues.map((v) => v.name).join(', ')} per round; "cancelled" = the simulator's truth shows none resting`);
      const p50Blocked = percentile(blocked, 0.5);
      const maxBlocked = Math.max(...blocked);
      const p50Cleared = percentile(cleared, 0.5);
      const maxCleared = Math.max(...cleared);
      const kalshiMarket = venues[0]!.markets[0]!;
      const inFlight = await measureInFlightKill({
        engine,
        dispatch: (command) => dispatch({ type: 'request', id: ++seq, command, payload: {} }) as Promise<{ ok: boolean; error?: { message: string } }>,
        kalshi: kalshi as KalshiVenue,
        market: kalshiMarket,
        venueOrderIds: async () => ((await (await fetch(`${admin}/truth/kalshi/orders`)).json()) as { clientOrderId: string }[]).map((o) => o.clientOrderId),
        log: (line) => ctx.log(line),
      });
      const out: Measurement[] = [
        { name: 'order path blocked (p50)', value: p50Blocked, unit: 'ms', display: `${p50Blocked.toFixed(3)} ms` },
        { name: 'order path blocked (max)', value: maxBlocked, unit: 'ms', display: `${maxBlocked.toFixed(3)} ms`, target: { text: '< 5 ms', met: maxBlocked < 5 } },
        { name: 'engine-reported block (max)', value: Math.max(...engineBlocked), unit: 'ms', display: `${Math.max(...engineBlocked).toFixed(3)} ms` },
        { name: 'all resting cancelled (p50)', value: p50Cleared, unit: 'ms', display: `${p50Cleared.toFixed(1)} ms` },
        { name: 'all resting cancelled (max)', value: maxCleared, unit: 'ms', display: `${maxCleared.toFixed(1)} ms`, target: { text: '< 50 ms', met: maxCleared < 50 } },
        { name: 'engine-reported cancel (max)', value: Math.max(...engineCancelled), unit: 'ms', display: `${Math.max(...engineCancelled).toFixed(1)} ms` },
        ...inFlight,
      ];
      return out;
    } finally {
      kalshi.dispose();
      polymarket.dispose();
      engine.dispose();
      await sim.stop();
    }
  },
};
