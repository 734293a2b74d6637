// Issue 15, point 1 (lockout) and point 8 (DNS rebinding): against a real `arbdesk serve`.
// Before: ten requests without a token from any origin made every request from 127.0.0.1 answer
// 429 for a minute, the kill switch with the valid token included; any Host header was served.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveForSuite } from '../helpers/cli';
import { openSocket, rawRequest } from './http';

describe('arbdesk serve: no flood locks the trader out', () => {
  const served = serveForSuite({ beforeAll, afterAll });
  const serve = () => served.current;

  const host = () => `127.0.0.1:${serve().port}`;
  const withToken = () => ({ Host: host(), Authorization: `Bearer ${serve().token}` });
  const request = (path: string, headers: Record<string, string>, method = 'GET', localAddress?: string) =>
    rawRequest({ port: serve().port, path, method, headers: { Host: host(), ...headers }, localAddress });

  it('refuses a foreign page before counting it: a flood of them leaves unauthenticated callers at 401, not 429', async () => {
    const foreign = { Origin: 'http://evil.example' };
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await Promise.all([
        request('/api/kill-switch', { ...foreign, 'Content-Type': 'text/plain' }, 'POST'),
        request('/api/state', { ...foreign, Authorization: 'Bearer wrongwrongwrongwrongwrong' }),
        // A page's <img>/<script> request carries no Origin, but the browser says it is cross-site.
        request('/api/state', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' }),
      ]);
      statuses.push(...r.map((x) => x.status));
    }
    await Promise.all(
      Array.from({ length: 20 }, () =>
        expect(openSocket(`ws://${host()}/ws`, ['arbdesk.v1', 'token.wrongwrongwrongwrong'], { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403'),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([403]));
    // None of it was counted against 127.0.0.1.
    expect((await request('/api/state', {})).status).toBe(401);
  });

  it('engages the kill switch with the token in under 100 ms after the flood', async () => {
    // A new connection, as curl or a script would open: the whole round trip, cancel-all included.
    const started = performance.now();
    const res = await request('/api/kill-switch', withToken(), 'POST');
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ failed: [] });
    expect(JSON.parse(res.body).blockedInMs).toBeLessThan(5);
    expect(elapsed).toBeLessThan(100);
    const state = (await (await fetch(`${serve().baseUrl}/api/state`, { headers: { Authorization: `Bearer ${serve().token}` } })).json()) as { breaker: { killSwitch: boolean } };
    expect(state.breaker.killSwitch).toBe(true);
  });

  it('limits failed attempts per client, and never refuses the valid token for rate reasons', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 15; i++) seen.push((await request('/api/state', { Authorization: `Bearer guess${String(i).padStart(20, '0')}` })).status);
    expect(seen.slice(0, 9)).toEqual(Array(9).fill(401)); // one 401 was spent in the first test
    expect(seen.slice(-3)).toEqual([429, 429, 429]);

    // This client is blocked for unauthenticated requests only.
    const started = performance.now();
    const kill = await request('/api/kill-switch', withToken(), 'POST');
    expect(kill.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(100);
    expect((await request('/api/rearm', withToken(), 'POST')).status).toBe(200);
    const ws = await openSocket(`ws://${host()}/ws`, ['arbdesk.v1', `token.${serve().token}`]);
    expect(ws.protocol).toBe('arbdesk.v1');
    ws.close();

    // Another client (another loopback address) is not affected by this one's failures.
    expect((await request('/api/state', {}, 'GET', '127.0.0.2')).status).toBe(401);
  });

  it('answers only to its own address in the Host header (DNS rebinding)', async () => {
    for (const rebound of ['evil.example', `evil.example:${serve().port}`, `127.0.0.1.nip.io:${serve().port}`, `localhost.:${serve().port}`, `127.0.0.1:${serve().port + 1}`]) {
      const shell = await rawRequest({ port: serve().port, path: '/', headers: { Host: rebound } });
      expect(shell.status, rebound).toBe(403);
      expect(shell.body).not.toContain('<script');
      const api = await rawRequest({ port: serve().port, path: '/api/state', headers: { Host: rebound, Authorization: `Bearer ${serve().token}` } });
      expect(api.status, rebound).toBe(403);
      expect(api.body).not.toContain('breaker');
    }
    await expect(openSocket(`ws://${host()}/ws`, ['arbdesk.v1', `token.${serve().token}`], { Host: `evil.example:${serve().port}` })).rejects.toThrow('HTTP 403');
    for (const own of [host(), `localhost:${serve().port}`]) {
      expect((await rawRequest({ port: serve().port, path: '/', headers: { Host: own } })).status, own).toBe(200);
      expect((await rawRequest({ port: serve().port, path: '/api/state', headers: { Host: own, Authorization: `Bearer ${serve().token}` } })).status, own).toBe(200);
    }
  });
});
