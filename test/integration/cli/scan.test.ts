import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';
import { jsonDifference } from './decimalJson';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'spec');
const dir = tempDir('arbdesk-scan-');
afterAll(() => dir.remove());

function scenarioFile(name: string, content: unknown): string {
  const file = path.join(dir.path, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The spec §2 scenario, to break one field at a time. */
type Level = { price: string; size: string };
const example = () => JSON.parse(readFileSync(path.join(FIXTURES, 'example-cross-venue.json'), 'utf8')) as {
  markets: {
    venue: string;
    orderbook_fp: { yes_dollars: string[][]; no_dollars: string[][] };
    tokens: Record<'yes' | 'no', { bids: Level[]; asks: Level[] }>;
  }[];
  equivalent: string[][];
};

describe('arbdesk scan', () => {
  it('gives the spec’s worked example exactly (fixture example-cross-venue)', () => {
    const r = runCli(['scan', path.join(FIXTURES, 'example-cross-venue.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'example-cross-venue.expected.json'), 'utf8'));
    expect(jsonDifference(JSON.parse(r.stdout), expected)).toBeNull();
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('sorts by net profit, legs in the table’s order, with minProfit and maxSize applied', () => {
    const file = scenarioFile('several.json', {
      markets: [
        { venue: 'kalshi', id: 'A', orderbook_fp: { yes_dollars: [], no_dollars: [['0.70', '10']] } },
        { venue: 'kalshi', id: 'B', orderbook_fp: { yes_dollars: [], no_dollars: [['0.60', '10']] } },
        { venue: 'kalshi', id: 'C', orderbook_fp: { yes_dollars: [['0.80', '10']], no_dollars: [] } },
      ],
      exclusive: [{ id: 'abc', members: ['kalshi:A', 'kalshi:B', 'kalshi:C'], exhaustive: true }],
      implies: [{ if: 'kalshi:C', then: 'kalshi:A' }],
      options: { minProfit: '0.10', maxSize: 4 },
    });
    const r = runCli(['scan', file]);
    expect(r.code).toBe(0);
    const { opportunities } = JSON.parse(r.stdout) as { opportunities: { strategy: string; size: number; netProfit: string; legs: { market: string; outcome: string }[] }[] };
    // YES A 0.30 + YES B 0.40 + (no C YES offer) → no multi_outcome; C ⇒ A: NO C at 0.20 + YES A at 0.30 = 0.50.
    expect(opportunities).toHaveLength(1);
    expect(opportunities[0]).toMatchObject({ strategy: 'conditional', size: 4 });
    expect(opportunities[0]!.legs.map((l) => `${l.outcome} ${l.market}`)).toEqual(['no kalshi:C', 'yes kalshi:A']);
    // 4 × (1 − 0.50) − fees ceil(0.07·4·0.16) = 0.05, ceil(0.07·4·0.21) = 0.06.
    expect(opportunities[0]!.netProfit).toMatch(/^1\.89/);
  });

  const bad: [string, unknown, RegExp][] = [
    ['unreadable JSON', '{"markets": [', /bad\.json: not valid JSON/],
    ['an unknown venue', (() => { const s = example(); s.markets[1]!.venue = 'betfair'; return s; })(), /markets\[1\]\.venue: unknown venue "betfair"/],
    ['a reference to an unlisted market', (() => { const s = example(); s.equivalent[0]![1] = 'polymarket:0xnope'; return s; })(), /equivalent\[0\]\[1\]: unknown market "polymarket:0xnope"/],
    ['a negative price', (() => { const s = example(); s.markets[0]!.orderbook_fp.no_dollars[0]![0] = '-0.55'; return s; })(), /markets\[0\]\.orderbook_fp\.no_dollars\[0\]\[0\]: price "-0\.55" is negative/],
    ['a non-numeric price', (() => { const s = example(); s.markets[1]!.tokens.no.asks[0]!.price = 'fifty'; return s; })(), /markets\[1\]\.tokens\.no\.asks\[0\]\.price: price "fifty" is not a decimal number/],
    ['a negative size', (() => { const s = example(); s.markets[1]!.tokens.yes.bids[0]!.size = '-40'; return s; })(), /markets\[1\]\.tokens\.yes\.bids\[0\]\.size: size "-40" is negative/],
    ['a non-numeric size', (() => { const s = example(); s.markets[0]!.orderbook_fp.yes_dollars[0]![1] = 'many'; return s; })(), /markets\[0\]\.orderbook_fp\.yes_dollars\[0\]\[1\]: size "many" is not a decimal number/],
    ['a price outside (0, 1)', (() => { const s = example(); s.markets[0]!.orderbook_fp.yes_dollars[0]![0] = '1.0000'; return s; })(), /markets\[0\]\.orderbook_fp\.yes_dollars\[0\]\[0\]: price "1\.0000" is outside \(0, 1\)/],
    ['a price of zero', (() => { const s = example(); s.markets[1]!.tokens.yes.asks[0]!.price = '0'; return s; })(), /markets\[1\]\.tokens\.yes\.asks\[0\]\.price: price "0" is outside \(0, 1\)/],
  ];
  for (const [name, content, message] of bad) {
    it(`exits 2 on ${name}: one stderr line naming the field, nothing on stdout`, () => {
      const r = runCli(['scan', scenarioFile('bad.json', content)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  }

  it('exits 2 when the file cannot be read, and on wrong usage', () => {
    const missing = runCli(['scan', path.join(dir.path, 'nope.json')]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the scenario file: no such file \(ENOENT\)/);
    const usage = runCli(['scan']);
    expect([usage.code, usage.stdout]).toEqual([2, '']);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(runCli(['scan', 'a.json', 'b.json']).code).toBe(2);
  });
});
