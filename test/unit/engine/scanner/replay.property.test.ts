// The incremental scanner, fed a random stream, must always hold exactly the opportunities an
// independent oracle finds on the same books. The books themselves are tracked here by a small
// model of spec §8, written from the spec, not from the engine.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { parseScenario, scannerFromScenario } from '../../../../src/engine/scanner/scenario';
import { toSpecOpportunity } from '../../../../src/engine/scanner/specFormat';
import { Replay } from '../../../../src/engine/scanner/replay';
import { kalshiAsks, oracleScan, sameAnswer, type OracleMarket, type OracleRelations } from './scanOracle';

type Levels = Map<number, number>; // price ticks → size in hundredths

interface KalshiModel { yes: Levels; no: Levels; live: boolean }
interface TokenModel { bids: Levels; asks: Levels }

const KALSHI = ['K0', 'K1'];
const POLY = [
  { id: '0xp0', yes: 't01', no: 't02' },
  { id: '0xp1', yes: 't11', no: 't12' },
];
const RELATIONS: OracleRelations = {
  equivalent: [
    ['kalshi:K0', 'polymarket:0xp0'],
    ['polymarket:0xp1', 'kalshi:K1'],
  ],
  exclusive: [{ members: ['kalshi:K0', 'polymarket:0xp1'], exhaustive: true }],
  implies: [{ if: 'kalshi:K1', then: 'kalshi:K0' }],
};
const SCENARIO = {
  markets: [
    ...KALSHI.map((id) => ({ venue: 'kalshi', id })),
    ...POLY.map((p) => ({ venue: 'polymarket', id: p.id, feeRate: '0.02', tokens: { yes: { token_id: p.yes }, no: { token_id: p.no } } })),
  ],
  equivalent: RELATIONS.equivalent,
  exclusive: RELATIONS.exclusive,
  implies: RELATIONS.implies,
  options: { minProfit: '0.01', maxSize: 50 },
};

const dollars = (ticks: number) => new Decimal(ticks).div(10_000).toFixed(4);
const count = (hundredths: number) => new Decimal(hundredths).div(100).toFixed(2);

class Model {
  kalshi = new Map<string, KalshiModel>(KALSHI.map((t) => [t, { yes: new Map(), no: new Map(), live: true }]));
  tokens = new Map<string, TokenModel>(POLY.flatMap((p) => [p.yes, p.no]).map((t) => [t, { bids: new Map(), asks: new Map() }]));
  sids = new Map<number, { last: number; markets: Set<string> }>();

  /** Spec §8 for Kalshi: seq per sid, a gap makes the sid's books unknown until their next snapshot. */
  kalshiMessage(sid: number, seq: number, ticker: string, apply: (m: KalshiModel) => void, snapshot: boolean): void {
    let sub = this.sids.get(sid);
    let gap = false;
    if (!sub) this.sids.set(sid, (sub = { last: seq, markets: new Set() }));
    else {
      gap = seq !== sub.last + 1;
      sub.last = seq;
    }
    sub.markets.add(ticker);
    if (gap) for (const t of sub.markets) this.kalshi.get(t)!.live = false;
    const m = this.kalshi.get(ticker)!;
    if (snapshot) {
      apply(m);
      m.live = true;
    } else if (!gap && m.live) apply(m);
  }

  oracleMarkets(): OracleMarket[] {
    const list = (l: Levels): [string, string][] => [...l.entries()].map(([p, q]) => [dollars(p), count(q)]);
    return [
      ...KALSHI.map((t) => {
        const m = this.kalshi.get(t)!;
        return { ref: `kalshi:${t}`, fee: { venue: 'kalshi' as const, multiplier: '0.07' }, asks: kalshiAsks(list(m.yes), list(m.no)), live: { yes: m.live, no: m.live } };
      }),
      ...POLY.map((p) => {
        const asks = (token: string) => list(this.tokens.get(token)!.asks).map(([price, size]) => ({ price, size }));
        return { ref: `polymarket:${p.id}`, fee: { venue: 'polymarket' as const, rate: '0.02', exponent: 1 }, asks: { yes: asks(p.yes), no: asks(p.no) }, live: { yes: true, no: true } };
      }),
    ];
  }
}

const priceArb = fc.integer({ min: 30, max: 70 }).map((c) => c * 100);
const sizeArb = fc.integer({ min: 1, max: 3_000 });
const levelsArb = fc.array(fc.tuple(priceArb, sizeArb), { maxLength: 4 });

type Step =
  | { kind: 'kalshi_snapshot'; market: number; yes: [number, number][]; no: [number, number][]; skip: boolean }
  | { kind: 'kalshi_delta'; market: number; side: 'yes' | 'no'; price: number; delta: number; skip: boolean }
  | { kind: 'poly_book'; market: number; outcome: 'yes' | 'no'; bids: [number, number][]; asks: [number, number][] }
  | { kind: 'poly_change'; market: number; changes: { outcome: 'yes' | 'no'; side: 'BUY' | 'SELL'; price: number; size: number }[] }
  | { kind: 'garbage'; text: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('kalshi_snapshot' as const), market: fc.nat({ max: 1 }), yes: levelsArb, no: levelsArb, skip: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('kalshi_delta' as const),
      market: fc.nat({ max: 1 }),
      side: fc.constantFrom('yes' as const, 'no' as const),
      price: priceArb,
      delta: fc.integer({ min: -3_000, max: 3_000 }).filter((d) => d !== 0),
      skip: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('poly_book' as const), market: fc.nat({ max: 1 }), outcome: fc.constantFrom('yes' as const, 'no' as const), bids: levelsArb, asks: levelsArb }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('poly_change' as const),
      market: fc.nat({ max: 1 }),
      changes: fc.array(fc.record({ outcome: fc.constantFrom('yes' as const, 'no' as const), side: fc.constantFrom('BUY' as const, 'SELL' as const), price: priceArb, size: fc.integer({ min: 0, max: 3_000 }) }), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('not json', '{"venue":"nasdaq","data":{}}', '{"venue":"kalshi","data":{"type":"orderbook_delta","sid":9,"seq":1,"msg":{"market_ticker":"NOPE","price_dollars":"0.5","delta_fp":"1","side":"yes"}}}').map((text) => ({ kind: 'garbage' as const, text })) },
);

/** Renders a step as a stream line and applies it to the model. */
function render(step: Step, model: Model, seqs: Map<number, number>): string {
  const nextSeq = (sid: number, skip: boolean) => {
    const s = (seqs.get(sid) ?? 0) + (skip ? 2 : 1);
    seqs.set(sid, s);
    return s;
  };
  switch (step.kind) {
    case 'kalshi_snapshot': {
      const ticker = KALSHI[step.market]!;
      const sid = step.market + 1;
      const seq = nextSeq(sid, step.skip);
      model.kalshiMessage(sid, seq, ticker, (m) => {
        m.yes = new Map();
        m.no = new Map();
        for (const [p, q] of step.yes) m.yes.set(p, (m.yes.get(p) ?? 0) + q);
        for (const [p, q] of step.no) m.no.set(p, (m.no.get(p) ?? 0) + q);
      }, true);
      const lv = (l: [number, number][]) => l.map(([p, q]) => [dollars(p), count(q)]);
      return JSON.stringify({ venue: 'kalshi', data: { type: 'orderbook_snapshot', sid, seq, msg: { market_ticker: ticker, yes_dollars_fp: lv(step.yes), no_dollars_fp: lv(step.no) } } });
    }
    case 'kalshi_delta': {
      const ticker = KALSHI[step.market]!;
      const sid = step.market + 1;
      const seq = nextSeq(sid, step.skip);
      model.kalshiMessage(sid, seq, ticker, (m) => {
        const side = m[step.side];
        const next = (side.get(step.price) ?? 0) + step.delta;
        if (next > 0) side.set(step.price, next);
        else side.delete(step.price);
      }, false);
      const d = step.delta < 0 ? `-${count(-step.delta)}` : count(step.delta);
      return JSON.stringify({ venue: 'kalshi', data: { type: 'orderbook_delta', sid, seq, msg: { market_ticker: ticker, price_dollars: dollars(step.price), delta_fp: d, side: step.side } } });
    }
    case 'poly_book': {
      const p = POLY[step.market]!;
      const token = step.outcome === 'yes' ? p.yes : p.no;
      const t = model.tokens.get(token)!;
      t.bids = new Map();
      t.asks = new Map();
      for (const [pr, q] of step.bids) t.bids.set(pr, (t.bids.get(pr) ?? 0) + q);
      for (const [pr, q] of step.asks) t.asks.set(pr, (t.asks.get(pr) ?? 0) + q);
      const lv = (l: [number, number][]) => l.map(([pr, q]) => ({ price: dollars(pr), size: count(q) }));
      return JSON.stringify({ venue: 'polymarket', data: { event_type: 'book', asset_id: token, market: p.id, bids: lv(step.bids), asks: lv(step.asks) } });
    }
    case 'poly_change': {
      const p = POLY[step.market]!;
      const changes = step.changes.map((c) => {
        const token = c.outcome === 'yes' ? p.yes : p.no;
        const side = c.side === 'BUY' ? model.tokens.get(token)!.bids : model.tokens.get(token)!.asks;
        if (c.size > 0) side.set(c.price, c.size);
        else side.delete(c.price);
        return { asset_id: token, price: dollars(c.price), size: count(c.size), side: c.side };
      });
      return JSON.stringify({ venue: 'polymarket', data: { event_type: 'price_change', market: p.id, price_changes: changes } });
    }
    case 'garbage':
      return step.text;
  }
}

describe('replay against an independent model of the books and the oracle', () => {
  it('holds exactly the oracle’s opportunities after every line, and reports each opening once', () => {
    let openings = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const scanner = scannerFromScenario(parseScenario(SCENARIO));
        const replay = new Replay(scanner);
        const model = new Model();
        const seqs = new Map<number, number>();
        let previous = new Set<string>();
        let runOpenings = 0;
        let lineNo = 0;
        steps.forEach((step) => {
          const line = render(step, model, seqs);
          const result = replay.feed(line)!;
          expect(replay.lines).toBe(++lineNo);
          const expected = oracleScan(model.oracleMarkets(), RELATIONS, new Decimal('0.01'), 50);
          expect(sameAnswer(scanner.opportunities().map(toSpecOpportunity), expected)).toBeNull();
          const key = (o: { strategy: string; legs: { market: string; outcome: string }[] }) => `${o.strategy}:${o.legs.map((l) => `${l.outcome}@${l.market}`).join('+')}`;
          const now = new Set(expected.map(key));
          const opened = [...now].filter((k) => !previous.has(k));
          expect(result.map((o) => key(toSpecOpportunity(o))).sort()).toEqual(opened.sort());
          openings += opened.length;
          runOpenings += opened.length;
          previous = now;
        });
        expect(replay.summary()).toEqual({ lines: steps.length, skipped: steps.filter((s) => s.kind === 'garbage').length, opened: runOpenings });
      }),
      { numRuns: 150 },
    );
    expect(openings).toBeGreaterThan(50);
  });
});

describe('deferred sizing (the live feed: messages of a loop turn applied, then sized once)', () => {
  it('after every flush holds exactly the oracle’s opportunities, and its deltas add up to them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stepArb, fc.boolean()), { minLength: 1, maxLength: 40 }), (steps) => {
        const scanner = scannerFromScenario(parseScenario(SCENARIO));
        const model = new Model();
        const seqs = new Map<number, number>();
        const shown = new Set(scanner.opportunities().map((o) => o.basket.id));
        const check = () => {
          const delta = scanner.flush();
          expect(scanner.deferred).toBe(0);
          for (const b of delta.closed) shown.delete(b.id);
          for (const o of [...delta.opened, ...delta.updated]) shown.add(o.basket.id);
          const expected = oracleScan(model.oracleMarkets(), RELATIONS, new Decimal('0.01'), 50);
          expect(sameAnswer(scanner.opportunities().map(toSpecOpportunity), expected)).toBeNull();
          expect([...shown].sort()).toEqual(scanner.opportunities().map((o) => o.basket.id).sort());
        };
        for (const [step, flushAfter] of steps) {
          const line = render(step, model, seqs);
          let envelope: { venue: 'kalshi' | 'polymarket'; data: unknown } | null = null;
          try {
            envelope = JSON.parse(line) as { venue: 'kalshi' | 'polymarket'; data: unknown };
          } catch {
            // A garbage line never reaches the books.
          }
          if (envelope && typeof envelope === 'object' && scanner.knowsVenue(envelope.venue)) scanner.applyDeferred(envelope.venue, envelope.data);
          if (flushAfter) check();
        }
        check();
      }),
      { numRuns: 150 },
    );
  });
});
