// Hand-written, allocation-light parsing of venue book levels. Never throws: every function
// returns null on success or a reason naming what was wrong.
import { isTradablePrice, parsePrice, parseQty, parseSignedQty, type Price } from '../../shared/units';
import { scaledOrFail } from './fastNumbers';
import { MAX_LEVEL_QTY } from './priceLevels';

/** Reusable output buffers for one parsed side, so a snapshot costs no per-level objects. */
export class LevelBuffer {
  prices: number[] = [];
  qtys: number[] = [];
  reset(): void {
    this.prices.length = 0;
    this.qtys.length = 0;
  }
}

/** A price string strictly inside (0, 1) on the $0.0001 grid; returns the price or a reason. */
export function readPrice(text: unknown): number | string {
  if (typeof text !== 'string') return 'price is not a decimal string';
  const fast = scaledOrFail(text, 4, false);
  if (fast > 0 && fast < 10_000) return fast;
  const r = parsePrice(text);
  if (!r.ok) return `price "${text}": ${r.reason}`;
  if (!isTradablePrice(r.value as Price)) return `price "${text}" is outside (0, 1)`;
  return r.value;
}

/** A non-negative size string; finer than 0.01 contract is floored (never count what is not there). */
export function readSize(text: unknown): number | string {
  if (typeof text !== 'string') return 'size is not a decimal string';
  const fast = scaledOrFail(text, 2, true);
  if (fast >= 0 && fast <= MAX_LEVEL_QTY) return fast;
  const r = parseQty(text, 'floor');
  if (!r.ok) return `size "${text}": ${r.reason}`;
  if (r.value > MAX_LEVEL_QTY) return `size "${text}" is too large`;
  return r.value;
}

/** A signed size change such as "-54.00". */
export function readSignedSize(text: unknown): number | string {
  if (typeof text !== 'string') return 'delta is not a decimal string';
  const negative = text.charCodeAt(0) === 45;
  const fast = scaledOrFail(text, 2, false, negative || text.charCodeAt(0) === 43 ? 1 : 0);
  if (fast >= 0 && fast <= MAX_LEVEL_QTY) return negative && fast !== 0 ? -fast : fast;
  const r = parseSignedQty(text);
  if (!r.ok) return `delta "${text}": ${r.reason}`;
  if (Math.abs(r.value) > MAX_LEVEL_QTY) return `delta "${text}" is too large`;
  return r.value;
}

/** Levels as `[[price, size], …]` pairs; an absent side (undefined) is empty. */
export function readArrayLevels(levels: unknown, out: LevelBuffer): string | null {
  out.reset();
  if (levels === undefined || levels === null) return null;
  if (!Array.isArray(levels)) return 'levels are not an array';
  for (let i = 0; i < levels.length; i++) {
    const level: unknown = levels[i];
    if (!Array.isArray(level) || level.length < 2) return `level ${i} is not [price, count]`;
    const p = readPrice(level[0]);
    if (typeof p === 'string') return `level ${i}: ${p}`;
    const q = readSize(level[1]);
    if (typeof q === 'string') return `level ${i}: ${q}`;
    out.prices.push(p);
    out.qtys.push(q);
  }
  return null;
}

/** Levels as `[{price, size}, …]` objects; an absent side is empty. */
export function readObjectLevels(levels: unknown, out: LevelBuffer): string | null {
  out.reset();
  if (levels === undefined || levels === null) return null;
  if (!Array.isArray(levels)) return 'levels are not an array';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as { price?: unknown; size?: unknown } | null;
    if (typeof level !== 'object' || level === null) return `level ${i} is not {price, size}`;
    const p = readPrice(level.price);
    if (typeof p === 'string') return `level ${i}: ${p}`;
    const q = readSize(level.size);
    if (typeof q === 'string') return `level ${i}: ${q}`;
    out.prices.push(p);
    out.qtys.push(q);
  }
  return null;
}
