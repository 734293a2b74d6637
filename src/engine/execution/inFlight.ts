import type { MarketRef } from '../../shared/ids';
import { toDisposable, type IDisposable } from '../../shared/lifecycle';

/**
 * Markets with an execution in flight. An execution claims every market its legs touch at once,
 * before revalidating, and holds them until its unwind is over; a second execution touching any
 * of them is refused with the execution that holds it. No id ceiling, nothing dropped silently.
 */
export class InFlightMarkets {
  private readonly owners = new Map<MarketRef, string>();

  /** Claims all `markets` for `executionId`, or none: returns the conflict when one is taken. */
  claim(executionId: string, markets: readonly MarketRef[]): { ok: true; release: IDisposable } | { ok: false; market: MarketRef; owner: string } {
    for (const m of markets) {
      const owner = this.owners.get(m);
      if (owner !== undefined && owner !== executionId) return { ok: false, market: m, owner };
    }
    const claimed = [...new Set(markets)].filter((m) => !this.owners.has(m));
    for (const m of claimed) this.owners.set(m, executionId);
    return {
      ok: true,
      release: toDisposable(() => {
        for (const m of claimed) if (this.owners.get(m) === executionId) this.owners.delete(m);
      }),
    };
  }

  ownerOf(market: MarketRef): string | undefined {
    return this.owners.get(market);
  }

  get size(): number {
    return this.owners.size;
  }
}
