// Random scenario files (spec §2) for property tests: a few markets on both venues with small
// books priced near each other, fee parameters, and random relations between them.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import type { OracleFee } from '../sizing/oracle';
import { kalshiAsks, type OracleMarket, type OracleRelations } from './scanOracle';

const price = (ticks: number) => new Decimal(ticks).div(10_000).toFixed(4);

const levelArb = (center: number) =>
  fc.tuple(fc.integer({ min: -1500, max: 1500 }), fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.integer({ min: 1, max: 4000 }).map((n) => new Decimal(n).div(100).toFixed(2))))
    .map(([off, size]) => [price(Math.min(9_999, Math.max(1, Math.round((center + off) / 100) * 100))), size] as [string, string]);

const sideArb = (center: number) => fc.array(levelArb(center), { maxLength: 3 });

export interface GeneratedScenario {
  json: Record<string, unknown>;
  markets: OracleMarket[];
  relations: OracleRelations;
  minProfit: Decimal;
  maxSize: number;
}

export const scenarioArb: fc.Arbitrary<GeneratedScenario> = fc
  .record({
    specs: fc.array(
      fc.record({
        kalshi: fc.boolean(),
        yesCenter: fc.integer({ min: 2_000, max: 8_000 }),
        fee: fc.oneof(fc.constantFrom('0.07', '0.035', '0.0175'), fc.constantFrom('0', '0.02', '0.07', '0.25')),
        exponent: fc.constantFrom(1, 2),
        sides: fc.tuple(fc.integer(), fc.integer()),
      }),
      { minLength: 2, maxLength: 5 },
    ),
    books: fc.array(fc.tuple(sideArb(4_000), sideArb(5_000), sideArb(5_000), sideArb(4_000)), { minLength: 5, maxLength: 5 }),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    sets: fc.array(fc.record({ members: fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 4 }), exhaustive: fc.boolean() }), { maxLength: 2 }),
    rules: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
    minProfitCents: fc.integer({ min: 0, max: 5 }),
    maxSize: fc.integer({ min: 1, max: 80 }),
  })
  .map(({ specs, books, pairs, sets, rules, minProfitCents, maxSize }) => {
    const n = specs.length;
    const jsonMarkets: Record<string, unknown>[] = [];
    const markets: OracleMarket[] = [];
    specs.forEach((spec, i) => {
      const [yesBids, noBids, yesAsks, noAsks] = books[i]!;
      if (spec.kalshi) {
        const fee: OracleFee = { venue: 'kalshi', multiplier: ['0.07', '0.035', '0.0175'].includes(spec.fee) ? spec.fee : '0.07' };
        jsonMarkets.push({ venue: 'kalshi', id: `K${i}`, title: `Kalshi ${i}`, feeMultiplier: fee.multiplier, orderbook_fp: { yes_dollars: yesBids, no_dollars: noBids } });
        markets.push({ ref: `kalshi:K${i}`, fee, asks: kalshiAsks(yesBids, noBids), live: { yes: true, no: true } });
      } else {
        const rate = ['0', '0.02', '0.07', '0.25'].includes(spec.fee) ? spec.fee : '0.02';
        const fee: OracleFee = { venue: 'polymarket', rate, exponent: spec.exponent };
        const lv = (l: [string, string][]) => l.map(([p, size]) => ({ price: p, size }));
        jsonMarkets.push({
          venue: 'polymarket',
          id: `0x${i}`,
          feeRate: rate,
          feeExponent: spec.exponent,
          tokens: { yes: { token_id: `${i}1`, bids: lv(yesBids), asks: lv(yesAsks) }, no: { token_id: `${i}2`, bids: lv(noBids), asks: lv(noAsks) } },
        });
        markets.push({ ref: `polymarket:0x${i}`, fee, asks: { yes: lv(yesAsks), no: lv(noAsks) }, live: { yes: true, no: true } });
      }
    });
    const ref = (k: number) => markets[k % n]!.ref;
    const seenPairs = new Set<string>();
    const equivalent: [string, string][] = [];
    for (const [x, y] of pairs) {
      const a = ref(x);
      const b = ref(y);
      if (a === b || seenPairs.has([a, b].sort().join())) continue;
      seenPairs.add([a, b].sort().join());
      equivalent.push([a, b]);
    }
    const exclusive = sets
      .map((s) => ({ members: [...new Set(s.members.map(ref))], exhaustive: s.exhaustive }))
      .filter((s, i, all) => all.findIndex((t) => t.members.slice().sort().join() === s.members.slice().sort().join()) === i);
    const seenRules = new Set<string>();
    const implies: { if: string; then: string }[] = [];
    for (const [x, y] of rules) {
      const a = ref(x);
      const b = ref(y);
      if (a === b || seenRules.has(`${a}>${b}`)) continue;
      seenRules.add(`${a}>${b}`);
      implies.push({ if: a, then: b });
    }
    const minProfit = new Decimal(minProfitCents).div(100);
    return {
      json: {
        markets: jsonMarkets,
        equivalent,
        exclusive: exclusive.map((s, i) => ({ id: `set${i}`, ...s })),
        implies,
        options: { minProfit: minProfit.toFixed(2), maxSize },
      },
      markets,
      relations: { equivalent, exclusive, implies },
      minProfit,
      maxSize,
    };
  });
