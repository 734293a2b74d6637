import { describe, expect, it } from 'vitest';
import { PRICE_ONE, type Price } from '../../../src/shared/units';
import { kalshiOrderFee, polymarketOrderFee } from '../../../src/sim/matching/fees';
import { tokenBook } from '../../../src/sim/polymarket/wire';
import { makeVenues } from './fixtures';

type Venues = ReturnType<typeof makeVenues>;

function snapshot(v: Venues) {
  return {
    kalshi: [...v.kalshi.markets.values()].map((m) => [m.listing.ticker, m.book.levels('bid'), m.book.levels('ask')]),
    poly: [...v.poly.markets.values()].map((m) => [m.listing.conditionId, m.book.levels('bid'), m.book.levels('ask'), m.tick]),
  };
}

describe('the market world', () => {
  it('same seed, same world: identical books tick after tick', () => {
    const a = makeVenues('det', { dislocationEverySec: 5 });
    const b = makeVenues('det', { dislocationEverySec: 5 });
    const c = makeVenues('other', { dislocationEverySec: 5 });
    try {
      for (let i = 0; i < 200; i++) {
        a.step();
        b.step();
        c.step();
      }
      expect(snapshot(a)).toEqual(snapshot(b));
      expect(a.world.dislocations().map((d) => [d.id, d.kind, d.markets])).toEqual(b.world.dislocations().map((d) => [d.id, d.kind, d.markets]));
      expect(snapshot(c)).not.toEqual(snapshot(a));
    } finally {
      a.dispose();
      b.dispose();
      c.dispose();
    }
  });

  it('moves: best prices change over time and books are never crossed', () => {
    const v = makeVenues('moves');
    try {
      const tops = () => [...v.kalshi.markets.values()].map((m) => `${m.book.best('bid')?.price}/${m.book.best('ask')?.price}`);
      const before = tops();
      for (let i = 0; i < 240; i++) {
        v.step();
        for (const m of [...v.kalshi.markets.values(), ...v.poly.markets.values()]) {
          const bid = m.book.best('bid');
          const ask = m.book.best('ask');
          if (bid && ask) expect(bid.price).toBeLessThan(ask.price);
        }
      }
      const after = tops();
      expect(after.filter((t, i) => t !== before[i]).length).toBeGreaterThan(before.length / 3);
    } finally {
      v.dispose();
    }
  });

  it('opens dislocations whose baskets pay more than they cost after both venues’ fees', () => {
    const v = makeVenues('dislocate', { markets: 30, dislocationEverySec: 3 });
    try {
      const checked = new Set<string>();
      for (let i = 0; i < 2400 && checked.size < 12; i++) {
        v.step();
        for (const d of v.world.dislocations()) {
          // Every step of every open dislocation, not just its first.
          if (d.endedAt !== null) continue;
          // One basket unit (1 contract or share per leg) bought at the best asks.
          let cost = 0;
          let fees = 0;
          for (const leg of d.basket) {
            const [venue, id] = leg.market.split(/:(.+)/) as ['kalshi' | 'polymarket', string];
            if (venue === 'kalshi') {
              const m = v.kalshi.markets.get(id)!;
              const ask = leg.outcome === 'yes' ? m.book.best('ask')!.price : ((PRICE_ONE - m.book.best('bid')!.price) as Price);
              cost += ask;
              fees += kalshiOrderFee(v.kalshi.feeMultipliers(m.listing).taker, [{ qty: 100, price: ask }]) / 100;
            } else {
              const m = v.poly.markets.get(id)!;
              const ask = tokenBook(m, leg.outcome).asks[0]!.price;
              cost += ask;
              fees += polymarketOrderFee(m.listing.feeRate, m.listing.feeExponent, [{ size: 1_000_000, price: ask }]) / 100;
            }
          }
          // cost in $0.0001, fees converted to $0.0001 (micros / 100).
          expect(d.payout * 10_000 - cost - fees, `${d.kind} ${JSON.stringify(d.basket)}`).toBeGreaterThan(0);
          checked.add(d.id);
        }
      }
      expect(checked.size).toBeGreaterThanOrEqual(6);
      const kinds = new Set(v.world.dislocations().map((d) => d.kind));
      expect(kinds.size).toBeGreaterThanOrEqual(2);
      for (const d of v.world.dislocations()) {
        const life = d.endsWorldMs - d.startedWorldMs;
        expect(life).toBeGreaterThanOrEqual(4000);
        expect(life).toBeLessThanOrEqual(10000);
      }
    } finally {
      v.dispose();
    }
  });

  it('narrows a Polymarket tick near the edges and widens it back, re-quoting on the new grid', () => {
    const v = makeVenues('ticks', { markets: 60 });
    try {
      const changes: string[] = [];
      v.poly.onTickChange(({ market, tick }) => changes.push(`${market.listing.conditionId}:${tick}`));
      for (let i = 0; i < 4000 && changes.length === 0; i++) v.step();
      expect(changes.length).toBeGreaterThan(0);
      const [cid, tick] = changes[0]!.split(':');
      const m = v.poly.markets.get(cid!)!;
      expect(m.tick).toBe(Number(tick));
      const p = v.world.fair(m.listing.propositionId);
      if (tick === '10') expect(p > 0.96 || p < 0.04).toBe(true);
      else expect(p >= 0.05 && p <= 0.95).toBe(true);
      for (const side of ['bid', 'ask'] as const) for (const l of m.book.levels(side)) expect(l.price % Number(tick)).toBe(0);
    } finally {
      v.dispose();
    }
  });
});
