// Issue 15, point 5: `scan` on ~10,000 levels of nesting died with "Maximum call stack size
// exceeded"; bad values were echoed whole and raw (a 50 MB id gave a 50 MB stderr line, a newline
// or an ANSI escape broke the line and reached the terminal); `replay` of a directory said EISDIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, MAX_ERROR_LINE } from '../../src/cli/errorLine';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

/** C0 controls, DEL, C1 controls, and the bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function expectOneSafeLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  const line = stderr.slice(0, -1);
  expect(line).not.toMatch(UNSAFE);
  expect([...line].length).toBeLessThanOrEqual(MAX_ERROR_LINE);
  expect(line).not.toMatch(/Maximum call stack|RangeError|\n/);
  return line;
}

describe('CLI errors: one safe line whatever the input', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const file = (name: string, text: string) => {
    const p = path.join(dir.path, name);
    writeFileSync(p, text);
    return p;
  };
  const market = (id: unknown) => ({ venue: 'kalshi', id, orderbook_fp: { yes_dollars: [], no_dollars: [] } });

  it.each([10_000, 200_000])('scan exits 2 with a field name on %i levels of nesting', (depth) => {
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const text of [`{"markets":[${nested}]}`, `{"markets":[{"venue":"kalshi","id":"A","orderbook_fp":{"yes_dollars":${nested}}}]}`, `{"markets":[],"options":${nested}}`]) {
      const r = runCli(['scan', file('deep.json', text)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const line = expectOneSafeLine(r.stderr);
      expect(line).toMatch(/^arbdesk scan: .*deep\.json: (markets\[0\]|markets\[0\]\.orderbook_fp\.yes_dollars\[0\]|options): expected .*\[\[\[/);
    }
  });

  it('does not echo a 50 MB value: the line stays short and the command fast', () => {
    const huge = 'A'.repeat(50 * 1024 * 1024);
    const started = Date.now();
    const r = runCli(['scan', file('huge.json', JSON.stringify({ markets: [market(`${huge} x`)] }))]);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(400);
    const line = expectOneSafeLine(r.stderr);
    expect(line).toMatch(/markets\[0\]\.id: "A{20,}\.\.\. is not a valid market id/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('escapes newlines, ANSI escapes and bidirectional overrides in echoed values and file names', () => {
    const evil = 'X\n\u001b[2J\u001b[31mPWNED\r\u202egnp.exe';
    const r = runCli(['scan', file('ansi.json', JSON.stringify({ markets: [market('OK'), market('OK')], equivalent: [[`kalshi:${evil}`, 'kalshi:OK']] }))]);
    expect(r.code).toBe(2);
    const line = expectOneSafeLine(r.stderr);
    expect(line).toContain('listed twice');
    const r2 = runCli(['scan', file('ansi2.json', JSON.stringify({ markets: [market('OK')], equivalent: [[`kalshi:${evil}`, 'kalshi:OK']] }))]);
    const line2 = expectOneSafeLine(r2.stderr);
    expect(line2).toContain('equivalent[0][0]: unknown market "kalshi:X\\n\\u001b[2J');

    const badName = path.join(dir.path, 'no\u001b[31mfile\n.json');
    const missing = runCli(['scan', badName]);
    expect(missing.code).toBe(2);
    expect(expectOneSafeLine(missing.stderr)).toContain('no\\x1b[31mfile\\n.json: cannot read the scenario file: no such file (ENOENT)');
  });

  it('replay names the file it cannot read, and why', () => {
    const scenario = file('ok.json', JSON.stringify({ markets: [market('OK')] }));
    const folder = path.join(dir.path, 'a-folder');
    mkdirSync(folder);
    const asDir = runCli(['replay', scenario, folder]);
    expect(asDir.code).toBe(2);
    expect(expectOneSafeLine(asDir.stderr)).toBe(`arbdesk replay: ${folder}: cannot read the stream file: it is a directory, not a file (EISDIR)`);
    const scenarioDir = runCli(['replay', folder, scenario]);
    expect(scenarioDir.code).toBe(2);
    expect(expectOneSafeLine(scenarioDir.stderr)).toBe(`arbdesk replay: ${folder}: cannot read the scenario file: it is a directory, not a file (EISDIR)`);
    const gone = runCli(['replay', scenario, path.join(dir.path, 'gone.jsonl')]);
    expect(expectOneSafeLine(gone.stderr)).toMatch(/gone\.jsonl: cannot read the stream file: no such file \(ENOENT\)$/);
  });

  it('errorLine: any message becomes one line of at most 300 characters with no control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (message) => {
        const line = errorLine(message);
        expect(line).not.toMatch(UNSAFE);
        expect(line.length).toBeLessThanOrEqual(MAX_ERROR_LINE);
        if ([...message].every((c) => !UNSAFE.test(c)) && message.length <= MAX_ERROR_LINE) expect(line).toBe(message);
      }),
      { numRuns: 2000 },
    );
  });
});
