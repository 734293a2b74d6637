import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';
import { jsonDifference } from './decimalJson';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'spec');
const dir = tempDir('arbdesk-replay-');
afterAll(() => dir.remove());

function file(name: string, content: string | unknown): string {
  const f = path.join(dir.path, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

interface OutLine {
  line?: number;
  opportunity: { strategy: string; size: number; netProfit: string; legs: { outcome: string }[] };
  summary?: unknown;
}

function replay(scenario: unknown, lines: (string | object)[], eol = '\n') {
  const r = runCli(['replay', file('s.json', scenario), file('stream.jsonl', lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join(eol) + eol)]);
  const out = r.stdout.trim() === '' ? [] : r.stdout.trim().split('\n').map((l) => JSON.parse(l) as OutLine);
  return { ...r, out };
}

/** The fixture's scenario: KXRAIN-NYC on Kalshi ~ 0xrain on Polymarket, books empty. */
const scenario = () => JSON.parse(readFileSync(path.join(FIXTURES, 'example-replay.scenario.json'), 'utf8'));
const k = (data: object) => ({ venue: 'kalshi', data });
const p = (data: object) => ({ venue: 'polymarket', data });
const snapshot = (seq: number, yes: [string, string][], no: [string, string][], sid = 3) =>
  k({ type: 'orderbook_snapshot', sid, seq, msg: { market_ticker: 'KXRAIN-NYC', yes_dollars_fp: yes, no_dollars_fp: no } });
const delta = (seq: number, price: string, d: string, side: 'yes' | 'no', sid = 3) =>
  k({ type: 'orderbook_delta', sid, seq, msg: { market_ticker: 'KXRAIN-NYC', price_dollars: price, delta_fp: d, side } });
const noAsk = (price: string, size: string) => p({ event_type: 'price_change', market: '0xrain', price_changes: [{ asset_id: '902', price, size, side: 'SELL' }] });

describe('arbdesk replay', () => {
  it('gives the fixture’s answer (example-replay)', () => {
    const r = runCli(['replay', path.join(FIXTURES, 'example-replay.scenario.json'), path.join(FIXTURES, 'example-replay.stream.jsonl')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const expected = readFileSync(path.join(FIXTURES, 'example-replay.expected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonDifference(got, expected)).toBeNull();
  });

  it('counts unparseable and inapplicable lines as skipped and goes on; ignores empty lines entirely', () => {
    const r = replay(scenario(), [
      snapshot(1, [], [['0.6000', '50.00']]), // YES ask 0.40 × 50
      'this is not json',
      '',
      { venue: 'betfair', data: {} },
      k({ type: 'orderbook_delta', sid: 3, seq: 2, msg: { market_ticker: 'KXSNOW', price_dollars: '0.5', delta_fp: '1.00', side: 'yes' } }),
      p({ event_type: 'book', asset_id: '999', bids: [], asks: [] }),
      p({ event_type: 'book', asset_id: '902', bids: [], asks: [{ price: '0.5x', size: '10' }] }),
      '   ',
      p({ event_type: 'book', asset_id: '902', bids: [], asks: [{ price: '0.55', size: '10' }] }), // line 7: opens
    ]);
    expect(r.code).toBe(0);
    expect(r.out.map((o) => o.line ?? 'summary')).toEqual([7, 'summary']);
    expect(r.out[0]!.opportunity).toMatchObject({ strategy: 'cross_venue', size: 10 });
    expect(r.out[1]).toEqual({ summary: { lines: 7, skipped: 5, opened: 1 } });
  });

  it('after a sequence gap the subscription’s books are unknown (gap delta and later deltas ignored, not skipped) until the next snapshot', () => {
    const r = replay(scenario(), [
      p({ event_type: 'book', asset_id: '902', bids: [], asks: [{ price: '0.55', size: '10' }] }),
      snapshot(1, [], [['0.5000', '10.00']]), // YES ask 0.50: 0.50 + 0.55 > 1
      delta(3, '0.6000', '10.00', 'no'), // gap (expected 2): ignored, book unknown
      delta(4, '0.6000', '10.00', 'no'), // in sequence but the book is unknown: ignored
      snapshot(5, [], [['0.6000', '10.00']]), // line 5: YES ask 0.40 → opens
      delta(6, '0.6000', '-10.00', 'no'), // closes
      delta(8, '0.6000', '10.00', 'no'), // gap: ignored
      snapshot(9, [], [['0.6000', '10.00']], 4), // line 8: a fresh snapshot of the market (on a new sid) revives it
    ]);
    expect(r.out.map((o) => o.line ?? 'summary')).toEqual([5, 8, 'summary']);
    expect(r.out[2]).toEqual({ summary: { lines: 8, skipped: 0, opened: 2 } });
  });

  it('reports a basket that was already an opportunity after loading only when it opens again', () => {
    const s = scenario();
    s.markets[0].orderbook_fp.no_dollars = [['0.6000', '10.00']];
    s.markets[1].tokens.no.asks = [{ price: '0.50', size: '10' }];
    const r = replay(s, [noAsk('0.51', '3'), noAsk('0.50', '0'), noAsk('0.51', '0'), noAsk('0.52', '4')]);
    expect(r.out.map((o) => o.line ?? 'summary')).toEqual([4, 'summary']);
    expect(r.out[0]!.opportunity).toMatchObject({ size: 4, netProfit: expect.stringMatching(/^0\.2/) });
  });

  it('applies Polymarket messages that arrive as arrays, and accepts \\r\\n line ends', () => {
    const r = replay(
      scenario(),
      [
        snapshot(1, [['0.3000', '5.00']], [['0.6000', '5.00']]),
        p([
          { event_type: 'book', asset_id: '901', market: '0xrain', bids: [], asks: [{ price: '0.25', size: '5' }] },
          { event_type: 'book', asset_id: '902', market: '0xrain', bids: [], asks: [{ price: '0.50', size: '5' }] },
        ]),
      ],
      '\r\n',
    );
    expect(r.out.map((o) => o.line ?? 'summary')).toEqual([2, 2, 2, 'summary']);
    // All open on line 2, best first: YES P 0.25 + NO P 0.50 nets 1.25 (no fee); YES K 0.40 +
    // NO P 0.50 nets 0.50 − 0.09 fee; NO K 0.70 + YES P 0.25 nets 0.25 − 0.08.
    expect(r.out.slice(0, 3).map((o) => [o.opportunity.strategy, o.opportunity.legs.map((l) => l.outcome).join('+'), o.opportunity.netProfit])).toEqual([
      ['single_market', 'yes+no', '1.25'],
      ['cross_venue', 'yes+no', '0.41'],
      ['cross_venue', 'no+yes', '0.17'],
    ]);
    expect(r.out[3]).toEqual({ summary: { lines: 2, skipped: 0, opened: 3 } });
  });

  it('exits 2 with nothing on stdout on a bad scenario or an unreadable stream', () => {
    const bad = runCli(['replay', file('bad.json', { markets: [{ venue: 'kalshi', id: 'A', orderbook_fp: { yes_dollars: [['2', '1']] } }] }), file('ok.jsonl', '')]);
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/bad\.json: markets\[0\]\.orderbook_fp\.yes_dollars\[0\]\[0\]: price "2" is outside \(0, 1\)/)]);
    const missing = runCli(['replay', file('good.json', scenario()), path.join(dir.path, 'missing.jsonl')]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/missing\.jsonl: cannot read the stream file/);
    expect(runCli(['replay', file('good2.json', scenario())]).code).toBe(2);
  });

  it('prints only the summary for an empty stream', () => {
    const r = replay(scenario(), []);
    expect(r.out).toEqual([{ summary: { lines: 0, skipped: 0, opened: 0 } }]);
  });
});
