// Issue 15, point 6: a `text/plain` POST to the simulator's /faults from a foreign origin (what
// any web page can send without a preflight) changed the simulator's faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminServer } from '../../src/sim/admin/server';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index';
import { rawRequest } from './http';

describe("the simulator's admin API takes serve's origin checks", () => {
  let sim: SimulatorHandle;
  let port: number;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'admin-guard', markets: 4, autoRun: false, dislocationEverySec: 0, log: () => undefined });
    port = Number(new URL(sim.endpoints.admin).port);
  });
  afterAll(async () => {
    await sim?.close();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    rawRequest({ port, path, method: 'POST', body, headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'text/plain;charset=UTF-8', ...headers } });

  it('refuses cross-site writes, whatever the content type, and changes nothing', async () => {
    const before = sim.faults.spec();
    const attacks: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { Origin: `http://127.0.0.1:${port + 1}` },
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of attacks) {
      const r = await post('/faults', '{"spec":"reject=1"}', headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect((await post('/clock', '{"speed":1000}', headers)).status).toBe(403);
      expect((await post('/drop', '{}', headers)).status).toBe(403);
    }
    expect(sim.faults.spec()).toBe(before);
    expect(sim.clock.speed).not.toBe(1000);
  });

  it('refuses a rebound Host name (DNS rebinding), reads included', async () => {
    const r = await rawRequest({ port, path: '/truth/kalshi/orders', headers: { Host: `attacker.example:${port}` } });
    expect(r.status).toBe(403);
    expect((await post('/faults', '{"spec":"reject=1"}', { Host: `attacker.example:${port}` })).status).toBe(403);
  });

  it('still serves tools and its own page: no browser headers, or same-origin', async () => {
    const tool = await post('/faults', '{"spec":"latency=5ms"}', {});
    expect(tool.status).toBe(200);
    expect(sim.faults.spec()).toContain('5ms');
    const page = await post('/faults', '{"spec":"latency=6ms"}', { Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(page.status).toBe(200);
    const other = await rawRequest({ port, path: '/', headers: { Host: `localhost:${port}` } });
    expect(other.status).toBe(200);
    sim.faults.clear();
  });

  it('needs a token to listen beyond loopback, and then checks it', async () => {
    await expect(startAdminServer({ handle: sim, host: '0.0.0.0', port: 0, log: () => undefined })).rejects.toThrow(/needs a token to listen on 0\.0\.0\.0/);
    const admin = await startAdminServer({ handle: sim, host: '0.0.0.0', port: 0, token: 'admin-token-0123456789', log: () => undefined });
    try {
      const url = (headers: Record<string, string>) => rawRequest({ port: admin.port, path: '/faults', headers: { Host: `127.0.0.1:${admin.port}`, ...headers } });
      expect((await url({})).status).toBe(401);
      expect((await url({ Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
      expect((await url({ Authorization: 'Bearer admin-token-0123456789' })).status).toBe(200);
    } finally {
      await admin.close();
    }
  });
});
