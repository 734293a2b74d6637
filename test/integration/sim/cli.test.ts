// `arbdesk sim` as a user runs it: one JSON line with endpoints and credentials, venues that
// answer on them, the admin endpoint, a clean exit on SIGTERM, and usage errors for bad flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../../helpers/cli';
import { kalshiFetch } from './helpers';

describe('arbdesk sim', () => {
  let sim: RunningCli;
  let endpoints: { kalshi: Record<string, unknown>; polymarket: Record<string, unknown>; admin: string };

  beforeAll(async () => {
    sim = await startCli(['sim', '--seed', 'cli', '--markets', '6', '--faults', 'latency=kalshi:5ms']);
    endpoints = JSON.parse(sim.firstLine) as typeof endpoints;
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('prints exactly one JSON line with the endpoints and test credentials', () => {
    expect(endpoints.kalshi).toMatchObject({
      rest: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/trade-api\/v2$/),
      ws: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/trade-api\/ws\/v2$/),
      keyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      privateKeyPem: expect.stringContaining('-----BEGIN PRIVATE KEY-----'),
    });
    expect(endpoints.polymarket).toMatchObject({
      clob: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      gamma: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      ws: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/market$/),
      privateKey: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      chainId: 137,
    });
    const ports = new Set([endpoints.kalshi.rest, endpoints.polymarket.clob, endpoints.polymarket.gamma].map((u) => new URL(u as string).port));
    expect(ports.size).toBe(3);
  });

  it('serves the venues and the admin endpoint on those addresses', async () => {
    const k = endpoints.kalshi as { rest: string; keyId: string; privateKeyPem: string };
    const balance = await kalshiFetch(k.keyId, k.privateKeyPem, 'GET', `${k.rest}/portfolio/balance`);
    expect(balance).toMatchObject({ status: 200, body: { balance: 1_000_000 } });
    const markets = (await (await fetch(`${endpoints.polymarket.gamma}/markets?limit=3`)).json()) as { clobTokenIds: string }[];
    expect(JSON.parse(markets[0]!.clobTokenIds)).toHaveLength(2);
    const admin = (await (await fetch(`${endpoints.admin}/`)).json()) as Record<string, unknown>;
    expect(admin).toMatchObject({ seed: 'cli', running: true, faults: 'latency=kalshi:5ms' });
  });

  it('the same seed lists the same markets', async () => {
    const other = await startCli(['sim', '--seed', 'cli', '--markets', '6']);
    try {
      const e2 = JSON.parse(other.firstLine) as typeof endpoints;
      const list = async (e: typeof endpoints) => ((await (await fetch(`${e.kalshi.rest}/markets?limit=1000`)).json()) as { markets: { ticker: string; title: string }[] }).markets.map((m) => [m.ticker, m.title]);
      expect(await list(e2)).toEqual(await list(endpoints));
      expect(e2.polymarket.privateKey).toBe(endpoints.polymarket.privateKey);
      expect(e2.kalshi.keyId).toBe(endpoints.kalshi.keyId);
    } finally {
      expect(await other.stop()).toBe(0);
    }
  });

  it('refuses bad flags with a usage error', () => {
    const bad = runCli(['sim', '--faults', 'drop=lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--faults: "drop=lots": the rate must be a decimal/);
    expect(bad.stdout).toBe('');
    expect(runCli(['sim', '--markets', '0']).code).toBe(2);
    expect(runCli(['sim', '--speed', 'fast']).stderr).toMatch(/--speed/);
  });
});
