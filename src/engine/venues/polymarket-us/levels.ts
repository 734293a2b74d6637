// Polymarket US book levels: `[{px: {value: "0.555", currency: "USD"}, qty: "0.50"}, …]`, YES prices
// (docs websocket/markets.md and markets/get-market-book.md `BookEntry {px: Amount, qty: string}`;
// SDK 0.1.1 dist/index.d.ts `OrderBookLevel`). Live values carry 4 decimals ("0.7610",
// "39587.0000": next-venues.md §1.5 [OBS]); finer than 0.01 contract is floored. Never throws.
import { readPrice, readSize, type LevelBuffer } from '../../books/parseLevels';

export function readPmUsLevels(levels: unknown, out: LevelBuffer): string | null {
  out.reset();
  if (levels === undefined || levels === null) return null;
  if (!Array.isArray(levels)) return 'levels are not an array';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as { px?: { value?: unknown } | null; qty?: unknown } | null;
    if (typeof level !== 'object' || level === null) return `level ${i} is not {px, qty}`;
    if (typeof level.px !== 'object' || level.px === null) return `level ${i}: px is not an amount`;
    if (level.px && 'currency' in level.px && (level.px as { currency?: unknown }).currency !== 'USD') return `level ${i}: px.currency is not USD`;
    const p = readPrice(level.px.value);
    if (typeof p === 'string') return `level ${i}: px.value ${p}`;
    const q = readSize(level.qty);
    if (typeof q === 'string') return `level ${i}: qty ${q}`;
    out.prices.push(p);
    out.qtys.push(q);
  }
  return null;
}
