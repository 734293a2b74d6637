// The links pane's cost at the whole universe's scale (issue 19, "no pauses"). Builds the simulator's scale world (10,000 Kalshi markets, 20,000
// Polymarket markets = 40,000 tokens) as the venues' discovery maps it, matches it in slices as the
// link service does (timing the longest slice the event loop waits on), confirms and rejects some
// suggestions, then times the list the engine pushes to the trader: a fresh build, a push after a
// discovery replaced every listing, and a push when nothing changed. A measurement, not a test:
// bundle and run it with Node (a bench script may reach the engine only through its entry points):
//   npx esbuild test/unit/engine/universe/linkPush.measure.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=linkPush.mjs && node --expose-gc linkPush.mjs [kalshi] [polymarket]
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MarketRef, VenueId } from '../../../../src/shared/ids';
import type { ActivityLog } from '../../../../src/engine/activity/activityLog';
import type { SimulatorControl } from '../../../../src/engine/live/simulatorControl';
import { LinkService } from '../../../../src/engine/live/linkService';
import { toMarketInfo as kalshiMarketInfo } from '../../../../src/engine/venues/kalshi/mapping';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import { eventJson, marketJson } from '../../../../src/sim/kalshi/wire';
import type { Universe } from '../../../../src/sim/world/types';
import { simCatalog } from '../../../helpers/simMarkets';

const KALSHI = Number(process.argv[2] ?? 10_000);
const POLYMARKET = Number(process.argv[3] ?? 20_000);
const CONFIRMED = 300;
const REJECTED = 100;

/**
 * Every listing as discovery gives it: fresh objects each time, Kalshi's mapped from its JSON by
 * the connector's own mapping (its rules as contract-spec input), Polymarket's as the tests list them.
 */
function discover(world: Universe, polymarket: readonly MarketInfo[]): MarketInfo[] {
  const noBook = { best: () => null };
  const events = new Map(world.kalshi.events.map((e) => [e.eventTicker, e]));
  const out: MarketInfo[] = [];
  for (const l of world.kalshi.markets) {
    const state = { listing: l, book: noBook, status: 'open', result: '', lastPrice: null, volume: 0, openInterest: 0, settledAt: null, makerOrders: { bid: new Map(), ask: new Map() } };
    const m = kalshiMarketInfo(eventJson(events.get(l.eventTicker)!) as never, marketJson(state as never, Date.now()) as never, { ticker: l.seriesTicker, category: 'Economics', feeType: 'quadratic', feeMultiplier: '1' });
    if ('ref' in m) out.push(m);
  }
  for (const m of polymarket) out.push({ ...m, ref: `polymarket:${m.id}` as MarketRef });
  return out;
}

/** The longest stretch the event loop was held while `work` ran: a setImmediate chain's largest gap. */
async function longestHold<T>(work: () => Promise<T>): Promise<{ result: T; maxMs: number; gaps: number[] }> {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, maxMs: Math.max(...gaps), gaps };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const catalog = simCatalog('bench-links', KALSHI, { polymarketMarkets: POLYMARKET });
  const world = catalog.universe;
  const discovered = () => discover(world, catalog.polymarket);
  let listed = new Map(discovered().map((m) => [m.ref, m]));
  const venues: VenueId[] = ['kalshi', 'polymarket'];
  const dir = mkdtempSync(path.join(tmpdir(), 'arbdesk-linkpush-'));
  let pushes = 0;
  const service = new LinkService({
    dataDir: dir,
    activity: { append: () => undefined } as unknown as ActivityLog,
    now: () => 1_790_000_000_000,
    venues,
    name: (v) => v,
    market: (ref) => listed.get(ref as MarketRef),
    watched: (v) => [...listed.values()].filter((m) => m.venue === v),
    environment: () => 'simulator',
    simulator: { truthOf: () => null } as unknown as SimulatorControl,
    onDidChangeList: () => pushes++,
  });
  console.log(`universe: ${[...listed.values()].filter((m) => m.venue === 'kalshi').length} Kalshi markets, ${[...listed.values()].filter((m) => m.venue === 'polymarket').length} Polymarket markets`);

  const match = await longestHold(async () => {
    const started = performance.now();
    service.matchWhenChanged();
    while (pushes === 0) await new Promise((r) => setTimeout(r, 5));
    return performance.now() - started;
  });
  const slices = match.gaps.filter((g) => g > 1);
  console.log(`matching: ${ms(match.result)} in all, ${slices.length} slices; slice p50 ${ms(percentile(slices, 0.5))}, p99 ${ms(percentile(slices, 0.99))}, longest ${ms(match.maxMs)}`);

  const suggested = service.list().filter((l) => l.status === 'suggested');
  for (const l of suggested.slice(0, CONFIRMED)) service.confirm(l.id, undefined, { reason: 'bench' });
  for (const l of suggested.slice(CONFIRMED, CONFIRMED + REJECTED)) service.reject(l.id);
  const counts = service.list().reduce<Record<string, number>>((c, l) => ({ ...c, [l.status]: (c[l.status] ?? 0) + 1 }), {});
  console.log(`links: ${JSON.stringify(counts)}`);

  console.log(`list sha1: ${createHash('sha1').update(JSON.stringify(service.list())).digest('hex')}`);
  const time = (label: string, f: () => unknown, before: () => void = () => undefined) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      before();
      const t = performance.now();
      f();
      runs.push(performance.now() - t);
    }
    console.log(`${label}: median ${ms(percentile(runs, 0.5))}, max ${ms(Math.max(...runs))}`);
  };
  const push = () => (service as unknown as { listIfChanged?: () => unknown }).listIfChanged?.() ?? service.list();
  time('list() fresh', () => service.list());
  time('push, nothing changed', push);
  time('push after a discovery replaced every listing', push, () => {
    listed = new Map(discovered().map((m) => [m.ref, m]));
    // The discovery's own garbage is not the push's.
    (globalThis as { gc?: () => void }).gc?.();
  });
  service.dispose();
  rmSync(dir, { recursive: true, force: true });
}

void main();
