// Order-book levels → cumulative depth points for a price-axis chart. Prices and sizes become
// numbers here only as chart coordinates; nothing computed from them is shown as money.
import type { BookView } from '../../../shared/contract';
import type { Outcome } from '../../../shared/ids';

export interface DepthPoint {
  /** Price in dollars (the horizontal axis). */
  time: number;
  /** Contracts available at this price or better. */
  value: number;
}

type Level = readonly [string, string];

/** Bids (best = highest first) as ascending-price points; each point is the depth at that price or better. */
export function bidDepth(bids: readonly Level[]): DepthPoint[] {
  const points: DepthPoint[] = [];
  let total = 0;
  for (const [price, size] of bids) {
    total += Number(size);
    points.push({ time: Number(price), value: total });
  }
  return ascendingUnique(points.reverse());
}

/** Asks (best = lowest first) as ascending-price points of cumulative depth. */
export function askDepth(asks: readonly Level[]): DepthPoint[] {
  const points: DepthPoint[] = [];
  let total = 0;
  for (const [price, size] of asks) {
    total += Number(size);
    points.push({ time: Number(price), value: total });
  }
  return ascendingUnique(points);
}

function ascendingUnique(points: DepthPoint[]): DepthPoint[] {
  const out: DepthPoint[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.time) || !Number.isFinite(p.value)) continue;
    const last = out[out.length - 1];
    if (last && p.time <= last.time) {
      if (p.time === last.time) last.value = p.value;
      continue;
    }
    out.push({ ...p });
  }
  return out;
}

/**
 * Adds a point at `price` on a stepped ascending series (same depth as the step it falls on) so a
 * marker can sit there, without changing the drawn shape.
 */
export function withPointAt(points: readonly DepthPoint[], price: number): DepthPoint[] {
  if (!Number.isFinite(price) || points.some((p) => p.time === price)) return [...points];
  const out = [...points];
  let i = out.findIndex((p) => p.time > price);
  if (i < 0) i = out.length;
  const value = i === 0 ? 0 : out[i - 1]!.value;
  out.splice(i, 0, { time: price, value });
  return out;
}

export function outcomeBook(book: BookView, outcome: Outcome) {
  return outcome === 'yes' ? book.yes : book.no;
}
