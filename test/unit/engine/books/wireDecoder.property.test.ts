// The wire decoder reads Kalshi deltas and Polymarket level changes straight from their bytes and
// declines everything else. Whatever the text — keys in any order, any whitespace, unknown fields
// of every JSON type, escapes, repeated keys, numbers in other notations, broken JSON, tokens and
// markets that are not ours — a replay through it must leave exactly the books, opportunities and
// counts that JSON.parse and the generic path leave.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WireDecoder } from '../../../../src/engine/books/wireDecoder';
import { venueRegistry } from '../../../../src/engine/venues';
import { applyEnvelope, Replay } from '../../../../src/engine/scanner/replay';
import { parseScenario, scannerFromScenario } from '../../../../src/engine/scanner/scenario';
import type { Scanner } from '../../../../src/engine/scanner/scanner';

const SCENARIO = parseScenario({
  markets: [
    { venue: 'kalshi', id: 'K0' },
    { venue: 'kalshi', id: 'K1' },
    { venue: 'polymarket', id: '0xp0', feeRate: '0.02', tokens: { yes: { token_id: '101' }, no: { token_id: '102' } } },
    { venue: 'polymarket', id: '0xp1', feeRate: '0.02', tokens: { yes: { token_id: '111' }, no: { token_id: '112' } } },
  ],
  equivalent: [
    ['kalshi:K0', 'polymarket:0xp0'],
    ['kalshi:K1', 'polymarket:0xp1'],
  ],
  options: { minProfit: '0.01', maxSize: 500 },
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** How a run writes JSON: key order, whitespace, extra fields; most messages share one style. */
interface Style {
  order: number;
  space: string;
  extra: [string, Json] | null;
}

function render(value: Json, style: Style, depth = 0): string {
  const s = style.space;
  if (Array.isArray(value)) return `[${s}${value.map((v) => render(v, style, depth + 1)).join(`${s},${s}`)}${s}]`;
  if (value !== null && typeof value === 'object') {
    let entries = Object.entries(value);
    if (depth === 1 && style.extra) entries = [...entries, style.extra];
    if (style.order % 2 === 1) entries.reverse();
    if (style.order >= 2) entries = [...entries.slice(style.order % entries.length), ...entries.slice(0, style.order % entries.length)];
    return `{${s}${entries.map(([k, v]) => `${JSON.stringify(k)}${s}:${s}${render(v, style, depth + 1)}`).join(`${s},${s}`)}${s}}`;
  }
  return JSON.stringify(value);
}

const price = fc.integer({ min: 1, max: 99 }).map((c) => (c / 100).toFixed(fcPick(c)));
function fcPick(c: number): number {
  return c % 3 === 0 ? 2 : c % 3 === 1 ? 4 : 3;
}
const size = fc.integer({ min: 0, max: 5_000 }).map((n) => (n / 100).toFixed(2));
/** Mostly our own markets and valid values, now and then a foreign or broken one. */
const mostly = <T,>(usual: T[], odd: T[]) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const ticker = mostly(['K0', 'K1'], ['K9', '']);
const token = mostly(['101', '102', '111', '112'], ['999']);
const marketOf = (t: string) => (t.startsWith('10') ? '0xp0' : t.startsWith('11') ? '0xp1' : '0xzz');
const market = mostly(['0xp0', '0xp1'], ['0xzz']);
const extraValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.constant(null)), { maxKeys: 2 }),
);

const kalshiDelta = fc.record({ sid: fc.integer({ min: 1, max: 2 }), seqStep: fc.integer({ min: 0, max: 20 }), ticker, price, delta: fc.integer({ min: -3_000, max: 3_000 }), side: mostly(['yes', 'no'], ['maybe']) });
const kalshiSnapshot = fc.record({ sid: fc.integer({ min: 1, max: 2 }), ticker, yes: fc.array(fc.tuple(price, size), { maxLength: 4 }), no: fc.array(fc.tuple(price, size), { maxLength: 4 }) });
const polyChange = fc.record({
  market: mostly(['own', 'own', 'absent'], ['0xp0', '0xzz']),
  changes: fc.array(fc.record({ asset_id: token, price, size, side: mostly(['BUY', 'SELL'], ['HOLD']) }), { minLength: 1, maxLength: 2 }).filter((c) => c.length === 1 || c[0]!.asset_id !== c[1]!.asset_id),
});
const polyBook = fc.record({ asset: token, market, bids: fc.array(fc.record({ price, size }), { maxLength: 3 }), asks: fc.array(fc.record({ price, size }), { maxLength: 3 }) });

type Message = { kind: 'delta'; m: typeof kalshiDelta extends fc.Arbitrary<infer T> ? T : never } | { kind: 'snapshot'; m: typeof kalshiSnapshot extends fc.Arbitrary<infer T> ? T : never } | { kind: 'change'; m: typeof polyChange extends fc.Arbitrary<infer T> ? T : never } | { kind: 'book'; m: typeof polyBook extends fc.Arbitrary<infer T> ? T : never };

const message: fc.Arbitrary<Message> = fc.oneof(
  { weight: 6, arbitrary: kalshiDelta.map((m) => ({ kind: 'delta' as const, m })) },
  { weight: 1, arbitrary: kalshiSnapshot.map((m) => ({ kind: 'snapshot' as const, m })) },
  { weight: 6, arbitrary: polyChange.map((m) => ({ kind: 'change' as const, m })) },
  { weight: 1, arbitrary: polyBook.map((m) => ({ kind: 'book' as const, m })) },
);

/** Ways to write a valid line differently, or to break it. */
const TWISTS = ['none', 'escape', 'escapedQuote', 'duplicate', 'duplicateOuter', 'sidFloat', 'sidExp', 'sidLeadingZero', 'sidNegative', 'priceOne', 'sizeFine', 'trailing', 'truncate', 'bom', 'unicode', 'nested', 'crlf'] as const;
type Twist = (typeof TWISTS)[number];

function twist(line: string, how: Twist): string {
  switch (how) {
    case 'escape':
      return line.replace('"K0"', '"\\u004B0"').replace('"101"', '"1\\u00301"');
    case 'escapedQuote':
      // Read without regard for escapes, the rest would line up with the template's fixed text.
      return line.replace(/"hash"(\s*):(\s*)"0"/, '"hash"$1:$2"0\\"').replace(/"ts_ms"(\s*):(\s*)(\d+)/, '"ts_ms"$1:$2"\\"');
    case 'duplicateOuter':
      return line.replace(/"market"(\s*):/, '"market"$1:"0xp1","market"$1:').replace(/"sid"(\s*):/, '"sid"$1:2,"sid"$1:');
    case 'duplicate':
      return line.replace('"side":', '"side":"yes","side":').replace('"side" : ', '"side" : "no" , "side" : ');
    case 'sidFloat':
      return line.replace(/"sid"(\s*):(\s*)(\d+)/, '"sid"$1:$2$3.0');
    case 'sidExp':
      return line.replace(/"seq"(\s*):(\s*)(\d+)/, '"seq"$1:$2$3e0');
    case 'sidLeadingZero':
      return line.replace(/"sid"(\s*):(\s*)(\d+)/, '"sid"$1:$20$3');
    case 'sidNegative':
      return line.replace(/"sid"(\s*):(\s*)(\d+)/, '"sid"$1:$2-$3');
    case 'priceOne':
      return line.replace(/("price(?:_dollars)?"\s*:\s*")0\.\d+/, '$11.00');
    case 'sizeFine':
      // Finer than 0.01: Polymarket sizes are floored, a Kalshi delta that fine is refused.
      return line.replace(/("(?:size|delta_fp)"\s*:\s*"-?\d+\.\d\d)/, '$1709');
    case 'trailing':
      return `${line} x`;
    case 'truncate':
      return line.slice(0, Math.max(1, line.length - 3));
    case 'bom':
      return `\ufeff${line}`;
    case 'unicode':
      return line.replace('"K1"', '"K1é"').replace('"0xp1"', '"0xp1✓"');
    case 'nested':
      return line.replace('{"', '{"deep":[[[{"a":[1,{"b":"c"}]}]]],"');
    case 'crlf':
      return `${line}\r`;
    default:
      return line;
  }
}

function lineOf(msg: Message, seqs: Map<number, number>, style: Style): string {
  if (msg.kind === 'delta' || msg.kind === 'snapshot') {
    const sid = msg.m.sid;
    const step = msg.kind === 'delta' ? (msg.m.seqStep < 18 ? 1 : msg.m.seqStep - 16) : 1;
    const seq = (seqs.get(sid) ?? 0) + step;
    seqs.set(sid, seq);
    const data: Json =
      msg.kind === 'delta'
        ? { type: 'orderbook_delta', sid, seq, msg: { market_ticker: msg.m.ticker, price_dollars: msg.m.price, delta_fp: msg.m.delta < 0 ? `-${(-msg.m.delta / 100).toFixed(2)}` : (msg.m.delta / 100).toFixed(2), side: msg.m.side, ts_ms: 1_700_000_000_000 } }
        : { type: 'orderbook_snapshot', sid, seq, msg: { market_ticker: msg.m.ticker, yes_dollars_fp: msg.m.yes, no_dollars_fp: msg.m.no } };
    return render({ venue: 'kalshi', data }, style);
  }
  if (msg.kind === 'change') {
    const data: { [k: string]: Json } = { event_type: 'price_change', price_changes: msg.m.changes.map((c) => ({ ...c, hash: '0', best_bid: '0.4', best_ask: '0.6' })), timestamp: '1757908892351' };
    if (msg.m.market !== 'absent') data.market = msg.m.market === 'own' ? marketOf(msg.m.changes[0]!.asset_id) : msg.m.market;
    return render({ venue: 'polymarket', data }, style);
  }
  return render({ venue: 'polymarket', data: { event_type: 'book', asset_id: msg.m.asset, market: msg.m.market, bids: msg.m.bids, asks: msg.m.asks, timestamp: '1', hash: '0x' } }, style);
}

/** Everything a trader relies on: every ask ladder and its health, and the open opportunities. */
function state(scanner: Scanner) {
  const books = scanner.books.markets().map((b) =>
    (['yes', 'no'] as const).map((o) => {
      const side = b.outcome(o);
      return { health: side.health, asks: Array.from({ length: side.asks.levelCount }, (_, i) => [side.asks.priceAt(i), side.asks.qtyAt(i)]) };
    }),
  );
  return { books, opportunities: scanner.opportunities().map((o) => [o.basket.id, o.size, o.netProfit]) };
}

describe('wire decoder', () => {
  it('leaves the same books, opportunities and counts as JSON.parse + the generic path, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.record({ order: fc.nat(7), space: fc.constantFrom('', ' ', '\t'), extra: fc.option(fc.tuple(fc.constantFrom('ts', 'x', 'n'), extraValue), { nil: null }) }),
        fc.array(fc.tuple(message, fc.oneof({ weight: 4, arbitrary: fc.constant<Twist>('none') }, { weight: 1, arbitrary: fc.constantFrom(...TWISTS) }), fc.nat(7)), { minLength: 20, maxLength: 120 }),
        (style, messages) => {
          const fast = new Replay(scannerFromScenario(SCENARIO), () => 1_000);
          const generic = scannerFromScenario(SCENARIO);
          let skipped = 0;
          let opened = 0;
          const seqs = new Map<number, number>();
          for (const [msg, how, order] of messages) {
            // Now and then a message in another key order: a template miss, then a new template.
            const line = twist(lineOf(msg, seqs, order === 0 ? { ...style, order: (style.order + 3) % 8 } : style), how);
            const got = fast.feed(line)!;
            let want: ReturnType<typeof applyEnvelope>;
            try {
              want = applyEnvelope(generic, JSON.parse(line), 1_000);
            } catch {
              want = null;
            }
            if (want === null || want.book.status === 'rejected') skipped++;
            opened += want?.delta.opened.length ?? 0;
            expect(got.map((o) => o.basket.id).sort()).toEqual((want?.delta.opened ?? []).map((o) => o.basket.id).sort());
          }
          expect(fast.summary()).toEqual({ lines: messages.length, skipped, opened });
          expect(state(fast.scanner)).toEqual(state(generic));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes a line by its template only when every byte outside the holes is the same: one changed byte anywhere reads as a fresh decoder reads it', () => {
    const readers = () => venueRegistry.all().flatMap((v) => (v.marketData.wire ? [v.marketData.wire()] : []));
    const seen = (m: ReturnType<WireDecoder['decodeLine']>) => (m === null ? null : Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'bytes')));
    const lines = [
      '{"venue":"kalshi","data":{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"K0","price_dollars":"0.4500","delta_fp":"-54.00","side":"yes","ts_ms":1669149841000}}}',
      '{"venue":"polymarket","data":{"event_type":"price_change","market":"0xp0","price_changes":[{"asset_id":"101","price":"0.33","size":"801","side":"BUY","hash":"0","best_bid":"0","best_ask":"1"}],"timestamp":"1757908892351"}}',
    ];
    const templated = new WireDecoder(readers());
    for (const line of lines) {
      // Lines inside larger buffers, as a replay's chunk holds them.
      const within = (bytes: Uint8Array) => {
        const view = new Uint8Array(bytes.length + 3).subarray(3);
        view.set(bytes);
        return view;
      };
      const original = within(new TextEncoder().encode(line));
      for (let at = 0; at < original.length; at++) {
        const changed = within(original);
        changed[at] = changed[at] === 0x78 ? 0x79 : 0x78;
        expect(seen(templated.decodeLine(original, 0, original.length)), line).not.toBeNull();
        const want = seen(new WireDecoder(readers()).decodeLine(changed, 0, changed.length));
        expect(seen(templated.decodeLine(changed, 0, changed.length)), new TextDecoder().decode(changed)).toEqual(want);
      }
    }
  });

  it('reads a Kalshi delta and a Polymarket change from their bytes, and declines every other message', () => {
    const d = new WireDecoder(venueRegistry.all().flatMap((v) => (v.marketData.wire ? [v.marketData.wire()] : [])));
    const bytes = (s: string) => new TextEncoder().encode(s);
    const delta = bytes('{"venue":"kalshi","data":{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"FED-23DEC-T3.00","market_id":"x","price_dollars":"0.960","delta_fp":"-54.00","side":"yes","ts_ms":1669149841000}}}');
    expect(d.decodeLine(delta, 0, delta.length)).toMatchObject({ kind: 'kalshi_delta', sid: 2, seq: 3, price: 9_600, quantity: -5_400, side: 'yes' });
    // The same shape again goes through the template: same result.
    expect(d.decodeLine(delta, 0, delta.length)).toMatchObject({ kind: 'kalshi_delta', sid: 2, seq: 3, price: 9_600, quantity: -5_400, side: 'yes' });
    // polymarket.asyncapi.json priceChange example shape (values shortened).
    const change = bytes('{"market":"0x5f65","price_changes":[{"asset_id":"7132","price":"0.5","size":"200","side":"BUY","hash":"56621a","best_bid":"0.5","best_ask":"1"}],"timestamp":"1757908892351","event_type":"price_change"}');
    expect(d.decodeMessage('polymarket', change, 0, change.length)).toMatchObject({ kind: 'polymarket_change', price: 5_000, quantity: 20_000, isAsk: false });
    for (const other of [
      '{"type":"orderbook_snapshot","sid":2,"seq":2,"msg":{"market_ticker":"T","yes_dollars_fp":[["0.08","300.00"]]}}',
      '{"id":5,"type":"ok","sid":2,"seq":4}',
      '{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"T","price_dollars":"0.96","delta_fp":"-54.00","side":"yes","side":"no"}}',
      '{"type":"orderbook_delta","sid":2.0,"seq":3,"msg":{"market_ticker":"T","price_dollars":"0.96","delta_fp":"-54.00","side":"yes"}}',
    ]) {
      const b = bytes(other);
      expect(d.decodeMessage('kalshi', b, 0, b.length), other).toBeNull();
    }
    for (const other of [
      '[{"event_type":"book","asset_id":"1","market":"m","bids":[],"asks":[]}]',
      '{"event_type":"price_change","market":"m","price_changes":[{"asset_id":"1","price":"0.5","size":"1","side":"BUY"},{"asset_id":"2","price":"0.5","size":"1","side":"BUY"}]}',
      '{"event_type":"price_change","asset_id":"1","market":"m","changes":[{"price":"0.5","size":"1","side":"BUY"}]}',
    ]) {
      const b = bytes(other);
      expect(d.decodeMessage('polymarket', b, 0, b.length), other).toBeNull();
    }
  });
});
