// `arbdesk record` (built CLI, no keys: the simulator): the stream and scenario it writes replay to
// the very books the recording engine held after its last line, and `arbdesk replay` reads them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { booksDigest } from '../../../src/engine/live/bookDigest';
import { Replay } from '../../../src/engine/scanner/replay';
import { parseScenario, scannerFromScenario } from '../../../src/engine/scanner/scenario';
import { buildUniverse } from '../../../src/sim/world/catalog';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';

// Seed rec-4 at 16 markets lists a standard series and the half-fee index series (KXINX).
const SEED = 'rec-4';
const MARKETS = 16;
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', ARBDESK_SIM_ARGS: `--speed 5 --markets ${MARKETS} --seed ${SEED}` };

describe('arbdesk record', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('records the simulated feeds; the recording replays to the same books', () => {
    const out = path.join(dir.path, 'feed.jsonl');
    const scenario = path.join(dir.path, 'scenario.json');
    const r = runCli(['record', '--out', out, '--scenario', scenario, '--messages', '4000', '--data-dir', path.join(dir.path, 'data')], { env: NO_KEYCHAIN, timeoutMs: 90_000 });
    expect(r.stderr).not.toMatch(/PRIVATE KEY/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { recorded: { lines: number; markets: number; books: string } };
    expect(summary.recorded.lines).toBeGreaterThanOrEqual(4000);
    expect(summary.recorded.markets).toBeGreaterThan(10);

    const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(summary.recorded.lines);
    for (const line of lines.slice(0, 50)) expect(Object.keys(JSON.parse(line) as object).sort()).toEqual(['data', 'venue']);
    const parsed = parseScenario(JSON.parse(readFileSync(scenario, 'utf8')));
    expect(parsed.markets).toHaveLength(summary.recorded.markets);
    // Suggested links are not equivalences: nothing was confirmed in this data directory.
    expect(parsed.relations.equivalent).toEqual([]);
    expect(parsed.relations.exclusive.length).toBeGreaterThan(0);

    const replay = new Replay(scannerFromScenario(parsed));
    for (const line of lines) replay.feed(line);
    expect(booksDigest(replay.scanner.books, parsed.markets.map((m) => `${m.spec.venue}:${m.spec.id}`))).toBe(summary.recorded.books);

    // Kalshi markets are priced at 0.07 × the multiplier their series publishes (1 standard, 0.5
    // half-fee): the scenario's feeMultiplier is that coefficient (formats.md §2, §5).
    const world = buildUniverse(SEED, MARKETS);
    const published = new Map(world.kalshi.markets.map((l) => [l.ticker, world.kalshi.series.find((x) => x.ticker === l.seriesTicker)!.feeMultiplier / 10_000]));
    const kalshi = (JSON.parse(readFileSync(scenario, 'utf8')) as { markets: { venue: string; id: string; feeMultiplier?: string }[] }).markets.filter((m) => m.venue === 'kalshi');
    expect(kalshi.length).toBeGreaterThan(5);
    for (const m of kalshi) expect(m.feeMultiplier, m.id).toBe(new Decimal('0.07').times(published.get(m.id)!).toFixed());
    expect(new Set(kalshi.map((m) => m.feeMultiplier))).toEqual(new Set(['0.07', '0.035']));

    const cli = runCli(['replay', scenario, out]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout.trim().split('\n').pop()!)).toMatchObject({ summary: { lines: summary.recorded.lines } });
  });

  it('refuses bad arguments', () => {
    expect(runCli(['record']).stderr).toMatch(/--out FILE\.jsonl is required/);
    const same = runCli(['record', '--out', 'a.jsonl', '--scenario', 'a.jsonl']);
    expect([same.code, same.stderr.trim()]).toEqual([2, 'arbdesk record: --scenario and --out must be different files']);
    expect(runCli(['record', '--out', 'x', '--messages', '0']).code).toBe(2);
  });
});
