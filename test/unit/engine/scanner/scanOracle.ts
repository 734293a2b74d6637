// An independent oracle for `scan`: baskets straight from the table of spec §4, ask ladders from
// spec §3, brute-force sizing from spec §5–6 (decimal.js, every size tried).
import Decimal from 'decimal.js';
import { oracleBestSize, oracleFill, type OracleFee, type OracleLeg, type OracleLevel } from '../sizing/oracle';

export interface OracleMarket {
  ref: string;
  fee: OracleFee;
  asks: { yes: OracleLevel[]; no: OracleLevel[] };
  live: { yes: boolean; no: boolean };
}

export interface OracleRelations {
  equivalent: [string, string][];
  exclusive: { members: string[]; exhaustive: boolean }[];
  implies: { if: string; then: string }[];
}

export interface OracleOpportunity {
  strategy: string;
  legs: { market: string; outcome: 'yes' | 'no'; size: number; cost: Decimal; fee: Decimal; avgPrice: Decimal; worstPrice: Decimal }[];
  size: number;
  payout: Decimal;
  cost: Decimal;
  fees: Decimal;
  netProfit: Decimal;
}

/** Kalshi publishes bids: the YES asks are the NO bids at 1 − q, the NO asks the YES bids at 1 − q. */
export function kalshiAsks(yesBids: [string, string][], noBids: [string, string][]): { yes: OracleLevel[]; no: OracleLevel[] } {
  const flip = (levels: [string, string][]) => levels.map(([p, size]) => ({ price: new Decimal(1).minus(p).toFixed(), size }));
  return { yes: flip(noBids), no: flip(yesBids) };
}

export function oracleScan(markets: OracleMarket[], relations: OracleRelations, minProfit: Decimal, maxSize: number): OracleOpportunity[] {
  const byRef = new Map(markets.map((m) => [m.ref, m]));
  const baskets: { strategy: string; legs: { market: string; outcome: 'yes' | 'no' }[]; payout: number }[] = [];
  for (const m of markets) baskets.push({ strategy: 'single_market', legs: [{ market: m.ref, outcome: 'yes' }, { market: m.ref, outcome: 'no' }], payout: 1 });
  for (const [a, b] of relations.equivalent) {
    baskets.push({ strategy: 'cross_venue', legs: [{ market: a, outcome: 'yes' }, { market: b, outcome: 'no' }], payout: 1 });
    baskets.push({ strategy: 'cross_venue', legs: [{ market: a, outcome: 'no' }, { market: b, outcome: 'yes' }], payout: 1 });
  }
  for (const set of relations.exclusive) {
    if (set.exhaustive) baskets.push({ strategy: 'multi_outcome', legs: set.members.map((market) => ({ market, outcome: 'yes' })), payout: 1 });
    if (set.members.length >= 2) baskets.push({ strategy: 'multi_outcome', legs: set.members.map((market) => ({ market, outcome: 'no' })), payout: set.members.length - 1 });
  }
  for (const r of relations.implies) baskets.push({ strategy: 'conditional', legs: [{ market: r.if, outcome: 'no' }, { market: r.then, outcome: 'yes' }], payout: 1 });

  const out: OracleOpportunity[] = [];
  for (const basket of baskets) {
    const ms = basket.legs.map((l) => byRef.get(l.market)!);
    if (basket.legs.some((l, i) => !ms[i]!.live[l.outcome])) continue;
    const legs: OracleLeg[] = basket.legs.map((l, i) => ({ asks: ms[i]!.asks[l.outcome], fee: ms[i]!.fee }));
    const best = oracleBestSize(legs, basket.payout, maxSize);
    if (best === null || best.netProfit.lt(minProfit)) continue;
    const fills = legs.map((leg) => oracleFill(leg, best.size)!);
    out.push({
      strategy: basket.strategy,
      legs: basket.legs.map((l, i) => ({
        market: l.market,
        outcome: l.outcome,
        size: best.size,
        cost: fills[i]!.cost,
        fee: fills[i]!.fee,
        avgPrice: new Decimal(fills[i]!.cost.toFixed()).div(best.size),
        worstPrice: fills[i]!.worst,
      })),
      size: best.size,
      payout: new Decimal(basket.payout).times(best.size),
      cost: fills.reduce((t, f) => t.plus(f.cost), new Decimal(0)),
      fees: fills.reduce((t, f) => t.plus(f.fee), new Decimal(0)),
      netProfit: best.netProfit,
    });
  }
  // Stable: equal net profits keep the table's order.
  return out.map((o, i) => ({ o, i })).sort((x, y) => y.o.netProfit.comparedTo(x.o.netProfit) || x.i - y.i).map(({ o }) => o);
}

/** The engine's §7 JSON compared with the oracle's, numbers as exact decimals. */
export function sameAnswer(got: unknown[], expected: OracleOpportunity[]): string | null {
  if (got.length !== expected.length) return `expected ${expected.length} opportunities, got ${got.length}: ${JSON.stringify(got)}`;
  for (let i = 0; i < got.length; i++) {
    const g = got[i] as Record<string, unknown> & { legs: Record<string, unknown>[] };
    const e = expected[i]!;
    const where = `opportunity ${i} (${e.strategy} ${e.legs.map((l) => `${l.outcome}@${l.market}`).join(' + ')})`;
    if (g.strategy !== e.strategy) return `${where}: strategy ${String(g.strategy)}`;
    if (g.size !== e.size) return `${where}: size ${String(g.size)} ≠ ${e.size}`;
    for (const k of ['payout', 'cost', 'fees', 'netProfit'] as const) {
      if (!new Decimal(g[k] as string).eq(e[k])) return `${where}: ${k} ${String(g[k])} ≠ ${e[k].toFixed()}`;
    }
    if (g.legs.length !== e.legs.length) return `${where}: legs`;
    for (let j = 0; j < e.legs.length; j++) {
      const gl = g.legs[j]!;
      const el = e.legs[j]!;
      if (gl.market !== el.market || gl.outcome !== el.outcome || gl.size !== el.size) return `${where}: leg ${j} is ${JSON.stringify(gl)}`;
      for (const k of ['cost', 'fee', 'avgPrice', 'worstPrice'] as const) {
        if (!new Decimal(gl[k] as string).eq(el[k])) return `${where}: leg ${j} ${k} ${String(gl[k])} ≠ ${el[k].toFixed()}`;
      }
    }
  }
  return null;
}
