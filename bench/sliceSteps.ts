// How long the event loop is held while a whole universe is brought into the scanner in slices
// (live/scannerSync.ts, as universeSync applies a venue's market list at start). Builds a synthetic
// universe at the venues' real scale — by default 10,000 Kalshi and 20,000 Polymarket markets
// (40,000 tokens) in groups shaped as the simulator's scale world draws them: exclusive sets,
// threshold ladders (implications), single binaries, 15% of groups listed on both venues and
// linked — then times every step of the sliced sync. Not part of `arbdesk bench`; run it with
//   npx esbuild bench/sliceSteps.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=out/bench/sliceSteps.mjs && node --expose-gc out/bench/sliceSteps.mjs [kalshi] [polymarket] [slice...]
// (inside the repo, so the bundle finds node_modules; STEPS=1 prints every step's time). After the
// whole universe is in, it times retiring 1, then 100, then 1,000 more markets (spread over the
// universe) through the same sliced sync, as discovery closing markets does.
import { parseScenario, Scanner, SYNC_SLICE_MARKETS, syncSteps, type Relations, type ScannerTarget } from '../src/engine/offline';
import { Rng } from './rng';

interface Listing {
  venue: 'kalshi' | 'polymarket';
  id: string;
}

/** A scenario file's worth of markets and relations (books empty: discovery comes before books). */
function scaleScenario(kalshi: number, polymarket: number, seed: number): object {
  const rng = new Rng(seed);
  const markets: object[] = [];
  const equivalent: [string, string][] = [];
  const exclusive: { id: string; members: string[]; exhaustive: boolean }[] = [];
  const implies: { if: string; then: string }[] = [];
  let k = 0;
  let p = 0;
  const list = (venue: 'kalshi' | 'polymarket', group: number, n: number): Listing[] =>
    Array.from({ length: n }, (_, j) => {
      if (venue === 'kalshi') {
        const id = `KXSCALE-${group}-${j}`;
        markets.push({ venue, id, title: `Scale ${group}.${j}`, orderbook_fp: { yes_dollars: [], no_dollars: [] } });
        k++;
        return { venue, id };
      }
      const id = `0xscale${group.toString(16).padStart(6, '0')}${j.toString(16).padStart(2, '0')}`;
      const token = (o: number) => `${o}${String(group).padStart(7, '0')}${String(j).padStart(2, '0')}`;
      markets.push({ venue, id, title: `Scale ${group}.${j}?`, feeRate: '0.02', feeExponent: 1, tokens: { yes: { token_id: token(7), bids: [], asks: [] }, no: { token_id: token(8), bids: [], asks: [] } } });
      p++;
      return { venue, id };
    });
  const ref = (l: Listing) => `${l.venue}:${l.id}`;
  for (let group = 0; k < kalshi || p < polymarket; group++) {
    const r = rng.next();
    const shape = r < 0.3 ? 'exclusive' : r < 0.55 ? 'ladder' : 'binary';
    const n = shape === 'binary' ? 1 : rng.int(3, 8);
    const kShort = Math.max(0, kalshi - k) / kalshi;
    const pShort = Math.max(0, polymarket - p) / polymarket;
    const venues: ('kalshi' | 'polymarket')[] = kShort > 0 && pShort > 0 && rng.chance(0.15) ? ['kalshi', 'polymarket'] : [rng.next() * (kShort + pShort) < kShort ? 'kalshi' : 'polymarket'];
    const listed = venues.map((v) => list(v, group, n));
    for (const [v, members] of listed.entries()) {
      if (shape === 'exclusive') exclusive.push({ id: `set-${group}-${venues[v]}`, members: members.map(ref), exhaustive: rng.chance(0.7) });
      if (shape === 'ladder') for (let j = 1; j < members.length; j++) implies.push({ if: ref(members[j]!), then: ref(members[j - 1]!) });
    }
    if (listed.length === 2) for (let j = 0; j < n; j++) equivalent.push([ref(listed[0]![j]!), ref(listed[1]![j]!)]);
  }
  return { markets, equivalent, exclusive, implies, options: { minProfit: '0.01', maxSize: 100000 } };
}

const refOf = (m: { venue: string; id: string }) => `${m.venue}:${m.id}`;

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs the sliced sync of `scanner` to `target`, timing each step. */
function timedSync(scanner: Scanner, target: ScannerTarget, slice: number): { times: number[]; sorted: number[]; total: number } {
  const steps = syncSteps(scanner, target, slice);
  const times: number[] = [];
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const step = steps.next();
    // The last step runs until the sync returns.
    times.push(performance.now() - t);
    if (step.done) break;
  }
  const total = performance.now() - started;
  if (process.env.STEPS) console.log(times.map((t) => t.toFixed(0)).join(' '));
  return { times, sorted: [...times].sort((a, b) => a - b), total };
}

/** The target without the markets in `gone`, and without the relations naming them. */
function without(target: ScannerTarget, gone: ReadonlySet<string>): ScannerTarget {
  const r = target.relations;
  return {
    markets: target.markets.filter((m) => !gone.has(refOf(m))),
    relations: {
      equivalent: r.equivalent.filter(([a, b]) => !gone.has(a) && !gone.has(b)),
      complementary: (r.complementary ?? []).filter(([a, b]) => !gone.has(a) && !gone.has(b)),
      exclusive: r.exclusive.filter((s) => s.members.every((m) => !gone.has(m))),
      implies: r.implies.filter((x) => !gone.has(x.if) && !gone.has(x.then)),
    },
    problems: [],
  };
}

function run(target: ScannerTarget, slice: number): void {
  (globalThis as { gc?: () => void }).gc?.();
  const scanner = new Scanner({ now: () => 1_000 });
  const { times, sorted, total } = timedSync(scanner, target, slice);
  const slowest = times.indexOf(sorted.at(-1)!);
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `slice ${String(slice).padStart(5)}: ${times.length} steps, slowest ${sorted.at(-1)!.toFixed(1)} ms (step ${slowest}), p90 ${percentile(sorted, 0.9).toFixed(1)} ms, ` +
      `median ${percentile(sorted, 0.5).toFixed(1)} ms, total ${total.toFixed(0)} ms; ${scanner.baskets().length} baskets; heap used ${heap.toFixed(0)} MB`,
  );
  // Markets closing: each retirement from the universe left by the previous one, markets drawn across it.
  const rng = new Rng(7);
  const gone = new Set<string>();
  for (const count of [1, 100, 1_000]) {
    const left = target.markets.filter((m) => !gone.has(refOf(m)));
    for (let n = 0; n < count; ) {
      const ref = refOf(left[Math.floor(rng.next() * left.length)]!);
      if (gone.has(ref)) continue;
      gone.add(ref);
      n++;
    }
    (globalThis as { gc?: () => void }).gc?.();
    const retired = timedSync(scanner, without(target, gone), slice);
    console.log(
      `  retiring ${String(count).padStart(5)} markets: ${retired.times.length} steps, slowest ${retired.sorted.at(-1)!.toFixed(1)} ms, ` +
        `median ${percentile(retired.sorted, 0.5).toFixed(1)} ms, total ${retired.total.toFixed(0)} ms; ${scanner.baskets().length} baskets left`,
    );
  }
}

const [kalshi = 10_000, polymarket = 20_000, ...slices] = process.argv.slice(2).map(Number);
const scenario = parseScenario(scaleScenario(kalshi, polymarket, 19));
const relations: Relations = scenario.relations;
const target: ScannerTarget = { markets: scenario.markets.map((m) => m.spec), relations, problems: [] };
const count = (r: Relations) => `${r.equivalent.length} links, ${r.exclusive.length} exclusive sets, ${r.implies.length} implications`;
console.log(`${target.markets.length} markets (${kalshi} Kalshi + ${polymarket} Polymarket), ${count(relations)}`);
for (const slice of slices.length > 0 ? slices : [SYNC_SLICE_MARKETS]) run(target, slice);
