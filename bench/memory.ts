// Resident memory of the engine holding N markets with L levels on every side of every book,
// measured in a fresh process after a full GC (so nothing else of the bench is counted).
import { spawnSync } from 'node:child_process';
import { Scanner, parseScenario } from '../src/engine/offline';
import type { MarketRef } from '../src/shared/ids';
import { conditionId, kalshiTicker, tokenId } from './generate';
import type { BenchSection } from './types';

interface MemoryReport {
  rss: number;
  heapUsed: number;
  baselineRss: number;
  markets: number;
  levels: number;
}

/** Runs inside `arbdesk bench --child memory`: builds the books, collects garbage, reports. */
export function memoryChild(markets: number, levels: number): MemoryReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  const pairs = Math.floor(markets / 2);
  const scanner = new Scanner();
  // The fee models as a scenario file gives them (each venue's scenario adapter reads its own).
  const fees = parseScenario({ markets: [
    { venue: 'kalshi', id: 'FEE', feeMultiplier: '0.07' },
    { venue: 'polymarket', id: 'FEE', feeRate: '0.02', feeExponent: 1, tokens: { yes: { token_id: 'y' }, no: { token_id: 'n' } } },
  ] }).markets.map((m) => m.spec.fee);
  const [kalshiFee, polyFee] = [fees[0]!, fees[1]!];
  const specs = [];
  for (let i = 0; i < pairs; i++) {
    specs.push({ venue: 'kalshi' as const, id: kalshiTicker(i), title: `Bench market ${i}`, fee: kalshiFee });
    specs.push({ venue: 'polymarket' as const, id: conditionId(i), title: `Bench market ${i}?`, fee: polyFee, tokens: { yes: tokenId(i, 'yes'), no: tokenId(i, 'no') } });
  }
  scanner.addMarkets(specs);
  scanner.addRelations({ equivalent: Array.from({ length: pairs }, (_, i) => [`kalshi:${kalshiTicker(i)}`, `polymarket:${conditionId(i)}`] as [MarketRef, MarketRef]) });
  // `levels` distinct prices a side, on the $0.0001 grid so 50+ levels fit under 0.5.
  const ladder = (from: number, step: number) => Array.from({ length: levels }, (_, j) => (from + j * step) / 10_000);
  for (let i = 0; i < pairs; i++) {
    const bids = ladder(1_000, 50).map((p) => [p.toFixed(4), `${100 + i % 50}.00`]);
    scanner.apply('kalshi', { type: 'orderbook_snapshot', sid: 1, seq: i + 1, msg: { market_ticker: kalshiTicker(i), yes_dollars_fp: bids, no_dollars_fp: bids } });
    for (const outcome of ['yes', 'no'] as const) {
      scanner.apply('polymarket', {
        event_type: 'book',
        asset_id: tokenId(i, outcome),
        bids: ladder(1_000, 50).map((p) => ({ price: p.toFixed(4), size: '250' })),
        asks: ladder(7_000, 50).map((p) => ({ price: p.toFixed(4), size: '250' })),
      });
    }
  }
  gc?.();
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  if (scanner.books.size !== pairs * 2) throw new Error('books missing');
  return { rss, heapUsed, baselineRss, markets: pairs * 2, levels };
}

const MB = 1024 * 1024;

export const memorySection: BenchSection = {
  name: 'memory',
  title: 'resident memory with N markets × L levels a side',
  async run(ctx) {
    const { memoryMarkets, memoryLevels } = ctx.options;
    const r = spawnSync(process.execPath, ['--expose-gc', ctx.cli, 'bench', '--child', 'memory', '--markets', String(memoryMarkets), '--levels', String(memoryLevels)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory child failed (${r.status}): ${r.stderr}`);
    const report = JSON.parse(r.stdout) as MemoryReport;
    ctx.log(`  ${report.markets.toLocaleString('en-US')} markets, ${report.levels} levels on every side (Kalshi YES/NO bids; Polymarket bids and asks of both tokens)`);
    const rss = report.rss / MB;
    return [
      { name: 'resident (RSS)', value: rss, unit: 'MB', target: { text: '< 200 MB', met: rss < 200 } },
      { name: 'JS heap used', value: report.heapUsed / MB, unit: 'MB' },
      { name: 'process before the books', value: report.baselineRss / MB, unit: 'MB' },
    ];
  },
};
