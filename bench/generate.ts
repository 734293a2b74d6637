// Generates a replay scenario and stream (spec §8) over N cross-venue pairs: Kalshi markets with
// YES/NO bid ladders and Polymarket markets with two token books, quoted in bands around a fair
// value per pair. Mostly orderbook_delta and price_change messages, periodic snapshots, and now
// and then an aggressive quote through fair value that opens a real arbitrage until it is pulled.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Rng } from './rng';

type Ladder = Map<number, number>; // price in cents → contracts

interface Pair {
  fair: number; // cents, YES
  sid: number;
  kYes: Ladder; // Kalshi YES bids
  kNo: Ladder; // Kalshi NO bids
  pYesBids: Ladder;
  pYesAsks: Ladder;
  pNoBids: Ladder;
  pNoAsks: Ladder;
}

export interface GeneratedStream {
  scenario: object;
  lines: number;
  counts: Record<string, number>;
}

const SIDS = 10;
const BAND = 25;

export const kalshiTicker = (i: number) => `KXBENCH-${String(i).padStart(5, '0')}`;
export const conditionId = (i: number) => `0xbench${i.toString(16).padStart(8, '0')}`;
export const tokenId = (i: number, outcome: 'yes' | 'no') => `${outcome === 'yes' ? 7 : 8}${String(i).padStart(9, '0')}`;

const clamp = (cents: number) => Math.min(99, Math.max(1, cents));
const dollars = (cents: number) => (cents / 100).toFixed(4);
const contracts = (n: number) => n.toFixed(2);

function fill(rng: Rng, from: number, to: number): Ladder {
  const ladder: Ladder = new Map();
  for (let c = Math.max(1, from); c <= Math.min(99, to); c++) if (rng.chance(0.7)) ladder.set(c, rng.int(10, 1000));
  return ladder;
}

export function benchScenario(pairs: number): object {
  const markets: object[] = [];
  const equivalent: string[][] = [];
  for (let i = 0; i < pairs; i++) {
    markets.push({ venue: 'kalshi', id: kalshiTicker(i), title: `Bench market ${i}`, orderbook_fp: { yes_dollars: [], no_dollars: [] } });
    markets.push({
      venue: 'polymarket',
      id: conditionId(i),
      title: `Bench market ${i}?`,
      feeRate: '0.02',
      feeExponent: 1,
      tokens: { yes: { token_id: tokenId(i, 'yes'), bids: [], asks: [] }, no: { token_id: tokenId(i, 'no'), bids: [], asks: [] } },
    });
    equivalent.push([`kalshi:${kalshiTicker(i)}`, `polymarket:${conditionId(i)}`]);
  }
  return { markets, equivalent, options: { minProfit: '0.01', maxSize: 100000 } };
}

export async function generateStream(path: string, pairCount: number, lineCount: number, seed: number): Promise<GeneratedStream> {
  const rng = new Rng(seed);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const seqs = new Array<number>(SIDS).fill(0);
  const counts: Record<string, number> = { kalshi_snapshot: 0, kalshi_delta: 0, polymarket_book: 0, price_change: 0, aggressive: 0 };
  const pairs: Pair[] = [];
  for (let i = 0; i < pairCount; i++) {
    const f = rng.int(20, 80);
    pairs.push({
      fair: f,
      sid: i % SIDS,
      kYes: fill(rng, f - BAND, f - 1),
      kNo: fill(rng, 100 - f - BAND, 100 - f - 1),
      pYesBids: fill(rng, f - BAND, f - 1),
      pYesAsks: fill(rng, f + 1, f + BAND),
      pNoBids: fill(rng, 100 - f - BAND, 100 - f - 1),
      pNoAsks: fill(rng, 100 - f + 1, 100 - f + BAND),
    });
  }
  /** Aggressive quotes to pull later: [line due, pair, ladder key, price]. */
  const pulls: { due: number; pair: number; kalshi: boolean; side: 'yes' | 'no'; price: number }[] = [];

  let written = 0;
  let buffer: string[] = [];
  const emit = async (line: string) => {
    buffer.push(line);
    written++;
    if (buffer.length >= 4096) {
      if (!out.write(`${buffer.join('\n')}\n`)) await once(out, 'drain');
      buffer = [];
    }
  };
  const levels = (l: Ladder) => [...l.entries()].map(([c, q]) => [dollars(c), contracts(q)]);
  const priceLevels = (l: Ladder) => [...l.entries()].map(([c, q]) => ({ price: (c / 100).toFixed(2), size: String(q) }));
  const kalshiSnapshot = (i: number) => {
    const p = pairs[i]!;
    counts.kalshi_snapshot!++;
    return JSON.stringify({
      venue: 'kalshi',
      data: { type: 'orderbook_snapshot', sid: p.sid + 1, seq: ++seqs[p.sid]!, msg: { market_ticker: kalshiTicker(i), yes_dollars_fp: levels(p.kYes), no_dollars_fp: levels(p.kNo) } },
    });
  };
  const polyBook = (i: number, outcome: 'yes' | 'no') => {
    const p = pairs[i]!;
    counts.polymarket_book!++;
    return {
      event_type: 'book',
      asset_id: tokenId(i, outcome),
      market: conditionId(i),
      bids: priceLevels(outcome === 'yes' ? p.pYesBids : p.pNoBids),
      asks: priceLevels(outcome === 'yes' ? p.pYesAsks : p.pNoAsks),
      timestamp: '1757908892351',
      hash: '0x',
    };
  };
  const kalshiDelta = (i: number, side: 'yes' | 'no', cents: number, delta: number) => {
    const p = pairs[i]!;
    const ladder = side === 'yes' ? p.kYes : p.kNo;
    const next = (ladder.get(cents) ?? 0) + delta;
    if (next > 0) ladder.set(cents, next);
    else ladder.delete(cents);
    counts.kalshi_delta!++;
    return JSON.stringify({
      venue: 'kalshi',
      data: {
        type: 'orderbook_delta',
        sid: p.sid + 1,
        seq: ++seqs[p.sid]!,
        msg: { market_ticker: kalshiTicker(i), price_dollars: dollars(cents), delta_fp: delta < 0 ? `-${contracts(-delta)}` : contracts(delta), side, ts_ms: 1757908892351 },
      },
    });
  };
  const priceChange = (i: number, outcome: 'yes' | 'no', side: 'BUY' | 'SELL', cents: number, size: number) => {
    const p = pairs[i]!;
    const ladder = outcome === 'yes' ? (side === 'BUY' ? p.pYesBids : p.pYesAsks) : side === 'BUY' ? p.pNoBids : p.pNoAsks;
    if (size > 0) ladder.set(cents, size);
    else ladder.delete(cents);
    counts.price_change!++;
    return JSON.stringify({
      venue: 'polymarket',
      data: {
        event_type: 'price_change',
        market: conditionId(i),
        price_changes: [{ asset_id: tokenId(i, outcome), price: (cents / 100).toFixed(2), size: String(size), side, hash: '0', best_bid: '0', best_ask: '1' }],
        timestamp: '1757908892351',
      },
    });
  };

  // Initial state: a snapshot of every book.
  for (let i = 0; i < pairCount && written < lineCount; i++) {
    await emit(kalshiSnapshot(i));
    if (written < lineCount) await emit(JSON.stringify({ venue: 'polymarket', data: [polyBook(i, 'yes'), polyBook(i, 'no')] }));
  }

  while (written < lineCount) {
    const due = pulls.length > 0 && pulls[0]!.due <= written ? pulls.shift()! : null;
    if (due) {
      const p = pairs[due.pair]!;
      if (due.kalshi) {
        const ladder = due.side === 'yes' ? p.kYes : p.kNo;
        const q = ladder.get(due.price);
        if (q) await emit(kalshiDelta(due.pair, due.side, due.price, -q));
      } else {
        await emit(priceChange(due.pair, due.side, 'SELL', due.price, 0));
      }
      continue;
    }
    const i = rng.int(0, pairCount - 1);
    const p = pairs[i]!;
    const roll = rng.next();
    if (roll < 0.004) {
      await emit(kalshiSnapshot(i));
    } else if (roll < 0.008) {
      await emit(JSON.stringify({ venue: 'polymarket', data: polyBook(i, rng.chance(0.5) ? 'yes' : 'no') }));
    } else if (roll < 0.011) {
      // An aggressive quote 3–6 cents through fair value: a real arbitrage until it is pulled.
      counts.aggressive!++;
      const through = rng.int(3, 6);
      if (rng.chance(0.5)) {
        const side = rng.chance(0.5) ? 'yes' : 'no';
        const price = side === 'yes' ? p.fair + through : 100 - p.fair + through;
        await emit(kalshiDelta(i, side, price, rng.int(5, 200)));
        pulls.push({ due: written + rng.int(5, 60), pair: i, kalshi: true, side, price });
      } else {
        const outcome = rng.chance(0.5) ? 'yes' : 'no';
        const price = outcome === 'yes' ? p.fair - through : 100 - p.fair - through;
        await emit(priceChange(i, outcome, 'SELL', price, rng.int(5, 200)));
        pulls.push({ due: written + rng.int(5, 60), pair: i, kalshi: false, side: outcome, price });
      }
    } else if (roll < 0.5) {
      const side = rng.chance(0.5) ? 'yes' : 'no';
      const top = side === 'yes' ? p.fair - 1 : 100 - p.fair - 1;
      const cents = clamp(top - Math.min(BAND - 1, Math.floor(Math.abs(rng.next() - rng.next()) * BAND)));
      const ladder = side === 'yes' ? p.kYes : p.kNo;
      const have = ladder.get(cents) ?? 0;
      const delta = have > 0 && rng.chance(0.45) ? -rng.int(1, have) : rng.int(1, 300);
      await emit(kalshiDelta(i, side, cents, delta));
    } else {
      const outcome = rng.chance(0.5) ? 'yes' : 'no';
      const ask = rng.chance(0.6);
      const yesFair = outcome === 'yes' ? p.fair : 100 - p.fair;
      const offset = 1 + Math.min(BAND - 1, Math.floor(Math.abs(rng.next() - rng.next()) * BAND));
      const cents = clamp(ask ? yesFair + offset : yesFair - offset);
      const size = rng.chance(0.3) ? 0 : rng.int(1, 1000);
      await emit(priceChange(i, outcome, ask ? 'SELL' : 'BUY', cents, size));
    }
  }
  if (buffer.length > 0) out.write(`${buffer.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return { scenario: benchScenario(pairCount), lines: written, counts };
}
