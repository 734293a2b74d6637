// Order-book levels → cumulative depth on an evenly spaced price grid, for a price-axis chart.
// lightweight-charts spaces points by index, not by value, so the grid must be even for the axis
// to read true; prices between grid points (an average fill) are placed on the nearest one.
// Prices and sizes become numbers here only as chart coordinates; nothing here is shown as money.
import type { BookView } from '../../../shared/contract';
import type { Outcome } from '../../../shared/ids';

/** Grid step: $0.001, the finest tick either venue quotes. */
export const GRID = 1000;

export interface DepthPoint {
  /** Price in dollars (the horizontal axis). */
  time: number;
  /** Contracts available at this price or better; absent where that side has no depth. */
  value?: number;
}

type Level = readonly [string, string];

/** Price → whole grid steps. */
export function gridIndex(price: number): number {
  return Math.round(price * GRID);
}

export interface DepthGrid {
  bids: DepthPoint[];
  asks: DepthPoint[];
  /** The grid's first and last step. */
  from: number;
  to: number;
}

/**
 * Both sides on one even grid from just below the lowest price shown to just above the highest
 * (levels and the planned prices): bids are the depth at that price or better (higher), asks at
 * that price or better (lower).
 */
export function depthGrid(bids: readonly Level[], asks: readonly Level[], marks: readonly number[] = []): DepthGrid {
  const bidLevels = bids.map(([p, s]) => [gridIndex(Number(p)), Number(s)] as const).filter(([p, s]) => Number.isFinite(p) && Number.isFinite(s));
  const askLevels = asks.map(([p, s]) => [gridIndex(Number(p)), Number(s)] as const).filter(([p, s]) => Number.isFinite(p) && Number.isFinite(s));
  const prices = [...bidLevels.map(([p]) => p), ...askLevels.map(([p]) => p), ...marks.filter(Number.isFinite).map(gridIndex)];
  if (prices.length === 0) return { bids: [], asks: [], from: 0, to: 0 };
  const pad = 5;
  const from = Math.max(0, Math.min(...prices) - pad);
  const to = Math.min(GRID, Math.max(...prices) + pad);
  const bestBid = bidLevels.length > 0 ? Math.max(...bidLevels.map(([p]) => p)) : -1;
  const bestAsk = askLevels.length > 0 ? Math.min(...askLevels.map(([p]) => p)) : GRID + 1;
  const outBids: DepthPoint[] = [];
  const outAsks: DepthPoint[] = [];
  for (let i = from; i <= to; i++) {
    const time = i / GRID;
    if (i <= bestBid) {
      let depth = 0;
      for (const [p, s] of bidLevels) if (p >= i) depth += s;
      outBids.push({ time, value: depth });
    } else {
      outBids.push({ time });
    }
    if (i >= bestAsk) {
      let depth = 0;
      for (const [p, s] of askLevels) if (p <= i) depth += s;
      outAsks.push({ time, value: depth });
    } else {
      outAsks.push({ time });
    }
  }
  return { bids: outBids, asks: outAsks, from, to };
}

/** The grid point nearest a price, clamped to the grid (a marker must sit on a point of the series). */
export function snapToGrid(price: number, grid: Pick<DepthGrid, 'from' | 'to'>): number {
  return Math.min(grid.to, Math.max(grid.from, gridIndex(price))) / GRID;
}

export function outcomeBook(book: BookView, outcome: Outcome) {
  return outcome === 'yes' ? book.yes : book.no;
}
