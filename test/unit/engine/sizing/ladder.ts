import type { AskLadder } from '../../../../src/engine/books/ladders';
import { parsePrice, parseQty } from '../../../../src/shared/units';
import type { OracleLevel } from './oracle';

/** A plain ask ladder for tests, built from decimal strings (sizes finer than 0.01 floored). */
export function ladderOf(levels: OracleLevel[]): AskLadder {
  const parsed = levels
    .map((l) => {
      const p = parsePrice(l.price);
      const q = parseQty(l.size, 'floor');
      if (!p.ok || !q.ok) throw new Error(`bad level ${JSON.stringify(l)}`);
      return { p: p.value as number, q: q.value as number };
    })
    .filter((l) => l.q > 0)
    .sort((x, y) => x.p - y.p);
  const merged: { p: number; q: number }[] = [];
  for (const l of parsed) {
    const last = merged[merged.length - 1];
    if (last && last.p === l.p) last.q += l.q;
    else merged.push({ ...l });
  }
  return {
    levelCount: merged.length,
    priceAt: (i) => merged[i]!.p,
    qtyAt: (i) => merged[i]!.q,
    totalQty: merged.reduce((t, l) => t + l.q, 0),
  };
}
