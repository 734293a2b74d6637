// `arbdesk spec` and `arbdesk relate` on real venue payloads (test/unit/engine/specs/corpus.ts):
// one JSON object on stdout; bad input exits 2 with one stderr line naming the field.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';
import { CORPUS } from '../../unit/engine/specs/corpus';

const dir = tempDir('arbdesk-spec-');
afterAll(() => dir.remove());

function file(name: string, content: unknown): string {
  const p = path.join(dir.path, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('arbdesk spec', () => {
  it('prints the spec of a Kalshi market given with its series, as one JSON object', () => {
    const r = runCli(['spec', file('k.json', CORPUS.kalshiBtcDaily!.payload)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const spec = JSON.parse(r.stdout);
    expect(spec).toMatchObject({ venue: 'kalshi', subject: 'Bitcoin price', comparator: '>', threshold: { values: ['115749.99'], unit: 'USD' }, source: { id: 'cfbenchmarks:BRTI' }, timezone: 'America/New_York' });
    for (const field of ['subject', 'measure', 'comparator', 'threshold', 'time', 'timezone', 'window', 'source', 'void_rules', 'close_time', 'resolve_by', 'status', 'dispute', 'evidence']) expect(spec).toHaveProperty(field);
  });

  it('prints the spec of a Polymarket Gamma market, unknown where the rules are silent', () => {
    const r = runCli(['spec', file('p.json', CORPUS.polymarketNewsom!.payload)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ venue: 'polymarket', subject: '2028 Democratic presidential nomination — Gavin Newsom', time: 'unknown', dispute: 'none' });
  });

  it('bad input: exit 2, nothing on stdout, one line naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...(CORPUS.kalshiBtcDaily!.payload.market as object), close_time: 'soon' }, /close_time: not a date/],
      [{ ...(CORPUS.kalshiBtcDaily!.payload.market as object), strike_type: 'sideways' }, /strike_type: "sideways" is not a Kalshi strike type/],
      [{ market: { ...(CORPUS.kalshiBtcDaily!.payload.market as object), floor_strike: 'many' } }, /market\.floor_strike: not a number/],
      [{ market: { ticker: 'KXA' } }, /market\.rules_primary: missing/],
      [{ ...CORPUS.polymarketNewsom!.payload, conditionId: '0x12' }, /conditionId: not a bytes32 hex string/],
      [{ ...CORPUS.polymarketNewsom!.payload, endDate: 42 }, /endDate: not a date/],
      [{ ...CORPUS.polymarketNewsom!.payload, umaResolutionStatuses: '[1]' }, /umaResolutionStatuses: not a list of strings/],
      [{ hello: 'world' }, /not a market object of any venue/],
      [[1, 2], /expected a JSON object/],
      ['{"ticker": ', /not valid JSON/],
    ];
    cases.forEach(([content, message], i) => {
      const r = runCli(['spec', file(`bad${i}.json`, content)]);
      expect(r.code, String(message)).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^arbdesk spec: .*bad\d+\.json: /);
    });
    const missing = runCli(['spec', path.join(dir.path, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the market file/);
  });
});

describe('arbdesk relate', () => {
  it('BRTI at 5 PM EDT vs Binance close at noon ET: different, naming the fields, with both specs', () => {
    const r = runCli(['relate', file('a.json', CORPUS.kalshiBtcSep18!.payload), file('b.json', CORPUS.polymarketBtcSep18!.payload)]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['relation', 'differing', 'unknown', 'specs']);
    expect(out.relation).toBe('different');
    expect(out.differing).toEqual(expect.arrayContaining(['source', 'measure', 'time', 'threshold']));
    expect(out.specs.a.venue).toBe('kalshi');
    expect(out.specs.b.venue).toBe('polymarket');
  });

  it('the same CPI bracket, one side silent on its source: unknown', () => {
    const r = runCli(['relate', file('c1.json', CORPUS.kalshiCpi!.payload), file('c2.json', CORPUS.polymarketCpi!.payload)]);
    expect(JSON.parse(r.stdout)).toMatchObject({ relation: 'unknown', differing: [], unknown: ['source'] });
  });

  it('names the file at fault; usage errors exit 2', () => {
    const good = file('g.json', CORPUS.kalshiCpi!.payload);
    const bad = file('x.json', { ticker: 7 });
    const r = runCli(['relate', good, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.json: ticker: expected a string/);
    expect(runCli(['relate', good]).code).toBe(2);
  });
});
