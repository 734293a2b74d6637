// The engine (`arbdesk chaos engine`: serve's host, live on an already-running simulator with its
// test credentials) is SIGKILLed at points of an execution and restarted on the same data dir.
// Each time, before the restart, the ledger and the simulator show which window was hit; after
// the restart's reconciliation the ledger holds exactly the simulator's fills and positions.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/engine/clock';
import { ledgerPath } from '../../../src/engine/ledger/database';
import { Ledger } from '../../../src/engine/ledger/ledger';
import { checkLiveFills, differingHoldings, holdingsFromFills, ledgerFills, netKalshi, venueHoldings } from '../../../src/chaos/ledgerCheck';
import { ChaosRng } from '../../../src/chaos/rng';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { startCli, type RunningCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';
import { openSqlite } from '../../../src/engine/ledger/sqlite';

type Window = 'before_send' | 'between_legs' | 'after_fills';
interface Engine { cli: RunningCli; base: string; token: string; pending: number }

const ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash recovery: SIGKILL mid-execution, restart, reconcile', () => {
  const dir = tempDir();
  const dataDir = path.join(dir.path, 'data');
  const simFile = path.join(dir.path, 'sim.json');
  let sim: SimulatorHandle;
  const running: RunningCli[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'crash-recovery', markets: 12, speed: 10, dislocationEverySec: 3 });
    writeFileSync(simFile, JSON.stringify(sim.endpoints));
  });
  afterAll(async () => {
    for (const c of running) if (c.child.exitCode === null && c.child.signalCode === null) await c.stop();
    await sim?.close();
    dir.remove();
  });

  async function startEngine(crashAt?: Window): Promise<Engine> {
    const cli = await startCli(['chaos', 'engine', '--sim', simFile, '--data-dir', dataDir, ...(crashAt ? ['--crash-at', crashAt] : [])], ENV, 90_000);
    running.push(cli);
    const ready = JSON.parse(cli.firstLine) as { url: string; token: string; pending: number };
    return { cli, base: new URL(ready.url).origin, token: ready.token, pending: ready.pending };
  }

  const api = (e: Engine, method: string, p: string) => fetch(`${e.base}${p}`, { method, headers: { Authorization: `Bearer ${e.token}` } });

  /**
   * Re-arms. A basket an earlier crash left unequal keeps the breaker open (unhedged exposure is
   * sticky, and re-arm is refused while one is): the trader unwinds it first.
   */
  async function rearm(e: Engine): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const r = await api(e, 'POST', '/api/rearm');
      await r.text();
      if (r.status === 200) return;
      expect(r.status).toBe(409);
      const positions = (await (await api(e, 'GET', '/api/positions')).json()) as { baskets: { id: string; status: string }[] };
      for (const b of positions.baskets.filter((x) => x.status === 'unhedged')) await (await api(e, 'POST', `/api/baskets/${b.id}/unwind`)).text();
    }
    throw new Error('the breaker could not be re-armed after unwinding the unequal baskets');
  }

  /** Executes two-leg opportunities as they appear until one is sent (or the engine dies under it). */
  async function executeUntil(e: Engine, done: () => boolean, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await rearm(e);
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`no execution in ${timeoutMs} ms; stderr: ${e.cli.stderr().slice(-2000)}`);
      try {
        const list = (await (await api(e, 'GET', '/api/opportunities?limit=20')).json()) as { id: string; size: number; legs: unknown[] }[];
        const o = list.find((x) => x.legs.length === 2 && x.size >= 5);
        if (!o) {
          await sleep(100);
          continue;
        }
        const r = await api(e, 'POST', `/api/opportunities/${encodeURIComponent(o.id)}/execute?size=5`);
        await r.text();
        if (r.status === 200) return;
        expect(r.status).toBe(409);
      } catch {
        // The engine died under the request.
        return;
      }
    }
  }

  const died = (cli: RunningCli) => cli.child.signalCode === 'SIGKILL';

  /**
   * Which window the kill hit, from the newest basket's entry orders and what the simulator
   * received of them; `open`: how many the ledger had not closed.
   */
  function windowHit(): { window: Window | 'none'; open: number; atVenue: number; basketId: string | null } {
    const ledger = Ledger.openInDir(dataDir, { mode: 'live', clock: systemClock });
    try {
      const newest = ledger.basketIds().map((id) => ledger.basket(id)!).filter((b) => !seen.has(b.id)).sort((a, b) => b.createdAt - a.createdAt)[0];
      if (!newest) return { window: 'none', open: 0, atVenue: 0, basketId: null };
      seen.add(newest.id);
      const entries = ledger.ordersOfBasket(newest.id).filter((o) => o.purpose === 'entry');
      const atVenue = entries.filter((o) =>
        o.venue === 'kalshi'
          ? sim.truth.kalshi.orders().some((k) => k.clientOrderId === o.clientOrderId)
          : sim.truth.polymarket.orders().some((p) => p.id === o.venueOrderId),
      ).length;
      const window = atVenue === 0 ? 'before_send' : atVenue < entries.length ? 'between_legs' : 'after_fills';
      return { window, open: entries.filter((o) => !o.final).length, atVenue, basketId: newest.id };
    } finally {
      ledger.close();
    }
  }
  const seen = new Set<string>();
  /** A new basket in the running engine's ledger (read-only, beside the engine's own connection). */
  const basketStarted = () => {
    const db = openSqlite(ledgerPath(dataDir, 'live'), { readOnly: true, mustExist: true });
    try {
      return (db.prepare('SELECT id FROM baskets').all() as { id: string }[]).some((r) => !seen.has(r.id));
    } finally {
      db.close();
    }
  };

  /** After reconciliation: every simulator fill in the ledger, none invented, positions equal, nothing open. */
  function expectLedgerEqualsSimulator(): void {
    const ledger = Ledger.openInDir(dataDir, { mode: 'live', clock: systemClock });
    try {
      expect(ledger.pendingOrders()).toEqual([]);
      const fills = checkLiveFills(sim, ledger, { clientOrderIds: new Set(), venueOrderIds: new Set() });
      expect(fills.missing).toEqual([]);
      expect(fills.phantom).toEqual([]);
      expect(fills.ledgerFills).toBe(fills.venueFills);
      const tokens = new Map(sim.truth.polymarket.orders().map((o) => [o.assetId, `polymarket:${o.market}|${o.outcome}`]));
      const venue = venueHoldings(sim, (t) => tokens.get(t));
      expect(differingHoldings(venue, netKalshi(holdingsFromFills(ledgerFills(ledger))))).toEqual([]);
    } finally {
      ledger.close();
    }
  }

  async function crashAndRecover(window: Window): Promise<void> {
    const engine = await startEngine(window);
    await executeUntil(engine, () => died(engine.cli));
    await new Promise<void>((resolve) => (engine.cli.child.exitCode !== null || engine.cli.child.signalCode !== null ? resolve() : engine.cli.child.once('exit', () => resolve())));
    expect(engine.cli.child.signalCode).toBe('SIGKILL');
    // The hook says what had happened at the kill; the ledger and the simulator must agree.
    const evidence = {
      before_send: 'SIGKILL before_send: 0 of 2 legs sent, 0 answered by the venue',
      between_legs: 'SIGKILL between_legs: 1 of 2 legs sent, 1 answered by the venue',
      after_fills: 'SIGKILL after_fills: 2 of 2 legs sent, 2 answered by the venue',
    }[window];
    expect(engine.cli.stderr()).toContain(evidence);
    const hit = windowHit();
    // The legs never sent are nowhere on the venue (a sent leg may be missing too: Polymarket keeps
    // no order for a FAK that met nothing), and the ledger cannot have closed them.
    if (window === 'before_send') expect(hit).toMatchObject({ atVenue: 0, open: 2 });
    if (window === 'between_legs') {
      expect(hit.atVenue).toBeLessThanOrEqual(1);
      expect(hit.open).toBeGreaterThanOrEqual(1);
    }

    const restarted = await startEngine();
    // Ready means both venues trade and every open order was looked up by its client order id.
    expect(restarted.pending).toBe(0);
    const positions = (await (await api(restarted, 'GET', '/api/positions')).json()) as { baskets: { id: string; status: string; unmatched: string; legs: { contracts: string }[] }[] };
    const basket = positions.baskets.find((b) => b.id === hit.basketId);
    if (window === 'between_legs' && basket && basket.legs.some((l) => l.contracts !== '0')) {
      // One leg filled and the other was never sent: the exposure is in Positions.
      expect(basket, JSON.stringify(basket)).toMatchObject({ status: 'unhedged' });
    }
    await restarted.cli.stop();
    expectLedgerEqualsSimulator();
  }

  it('killed before send: the intents close as never placed, nothing reached the venue', async () => {
    await crashAndRecover('before_send');
  });

  it('killed between legs: the filled leg is recovered from the venue and shown unhedged', async () => {
    await crashAndRecover('between_legs');
  });

  it('killed after the venue filled both legs, before the engine heard: the fills are recovered', async () => {
    await crashAndRecover('after_fills');
  });

  it('killed at a random moment of a slow execution (latency 400 ms): whatever window, the ledger recovers', async () => {
    const rng = new ChaosRng('crash-recovery-random');
    const hit: string[] = [];
    for (let round = 0; round < 2; round++) {
      const engine = await startEngine();
      sim.faults.set('latency=400ms');
      let sentAt = 0;
      const execution = executeUntil(engine, () => sentAt > 0).catch(() => undefined);
      // Kill once an execution's intents are in the ledger, at a random moment of its 400 ms+ venue calls.
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && !basketStarted()) await sleep(20);
      sentAt = Date.now();
      await sleep(rng.int(0, 900));
      engine.cli.child.kill('SIGKILL');
      await execution;
      await new Promise<void>((resolve) => (engine.cli.child.signalCode !== null ? resolve() : engine.cli.child.once('exit', () => resolve())));
      // Requests already on the wire are still served by the venue after the delay.
      await sleep(1_000);
      sim.faults.clear();
      const { window } = windowHit();
      hit.push(window);
      expect(['before_send', 'between_legs', 'after_fills']).toContain(window);
      const restarted = await startEngine();
      expect(restarted.pending).toBe(0);
      await restarted.cli.stop();
      expectLedgerEqualsSimulator();
    }
    expect(hit).toHaveLength(2);
  });
});
