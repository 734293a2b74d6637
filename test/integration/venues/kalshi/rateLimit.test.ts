// Kalshi's token buckets against a simulator with a tight limit: a client that thinks it has more
// room meets 429s, backs off and still gets every answer; a client sized to the account's tier
// paces itself and never meets one.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { venueFor } from './helpers';

let sim: SimulatorHandle;

beforeAll(async () => {
  // 30 tokens a second at 10 a request: 3 requests a second per key.
  sim = await startSimulator({ seed: 'kalshi-rate', markets: 8, autoRun: false, dislocationEverySec: 0, kalshiRateLimit: { readPerSecond: 30, writePerSecond: 30, burstSeconds: 1 } });
});
afterAll(async () => {
  await sim?.close();
});

describe('Kalshi rate limits', () => {
  it('backs off on 429 and retries until every call is answered', async () => {
    const venue = venueFor(sim, { readAccountLimits: false, rest: { backoffBaseMs: 100, max429Retries: 20 } });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => venue.trading!.balance()));
      expect(answers.every((a) => a.available === '10000.0000')).toBe(true);
      expect(venue.rest.stats.rateLimited).toBeGreaterThan(0);
      expect(venue.limiter.stats.throttled).toBe(venue.rest.stats.rateLimited);
    } finally {
      venue.dispose();
    }
  });

  it('gives up with a typed error after a bounded number of 429s', async () => {
    const venue = venueFor(sim, { readAccountLimits: false, rest: { backoffBaseMs: 5, backoffMaxMs: 10, max429Retries: 1 } });
    try {
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => venue.trading!.balance()));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'KalshiRateLimitedError', attempts: 2 });
    } finally {
      venue.dispose();
    }
  });

  it('paces itself to the tier it was given and meets no 429', async () => {
    const account = sim.createKalshiAccount();
    const { rest, ws } = sim.endpoints.kalshi;
    const venue = venueFor(sim, {
      endpoints: { rest, ws },
      credentials: { keyId: account.keyId, privateKeyPem: account.privateKeyPem },
      readAccountLimits: false,
      rateLimits: { read: { refillRate: 27, capacity: 27 }, write: { refillRate: 27, capacity: 27 } },
    });
    try {
      const started = performance.now();
      const answers = await Promise.all(Array.from({ length: 8 }, () => venue.trading!.balance()));
      const seconds = (performance.now() - started) / 1000;
      expect(answers).toHaveLength(8);
      expect(venue.rest.stats.rateLimited).toBe(0);
      // Two at once from the full bucket, then one per 10/27 s.
      expect(seconds).toBeGreaterThan(1.9);
      expect(venue.limiter.stats.waited).toBeGreaterThan(0);
    } finally {
      venue.dispose();
    }
  });

  it('sizes its buckets to the tier GET /account/limits reports (signed request)', async () => {
    const seen: { path: string; signed: boolean }[] = [];
    // The venue's edge, reduced to the one endpoint the simulator does not serve.
    const server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', signed: typeof req.headers['kalshi-access-signature'] === 'string' });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ usage_tier: 'advanced', read: { refill_rate: 300, bucket_capacity: 300 }, write: { refill_rate: 300, bucket_capacity: 600 }, grants: [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trade-api/v2`;
    const venue = new KalshiVenue({
      environment: 'production',
      endpoints: { rest: base, ws: 'ws://127.0.0.1:1/trade-api/ws/v2' },
      credentials: { keyId: sim.endpoints.kalshi.keyId, privateKeyPem: sim.endpoints.kalshi.privateKeyPem },
    });
    try {
      expect(venue.limiter.limits().write).toEqual({ refillRate: 100, capacity: 100 });
      await venue.trading!.loadAccountLimits();
      await venue.trading!.loadAccountLimits();
      expect(venue.limiter.limits()).toEqual({ read: { refillRate: 300, capacity: 300 }, write: { refillRate: 300, capacity: 600 } });
      expect(seen).toEqual([{ path: '/trade-api/v2/account/limits', signed: true }]);
    } finally {
      venue.dispose();
      await new Promise((r) => server.close(r));
    }
  });
});
