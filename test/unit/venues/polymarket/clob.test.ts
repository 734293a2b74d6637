// The CLOB transport at the edge (a scripted fetch): L1 create, then derive when creation is
// refused, a refusal of both named, a failure retried on the next call, and L1/L2 timestamps
// that follow the venue's clock when the local one is off.
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { ClobHttp, PolymarketAuthError } from '../../../../src/engine/venues/polymarket/clob';

const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const NOW = 1_800_000_000_000;
const clock = { now: () => NOW, monotonic: () => 0 };

type Handler = (method: string, path: string, headers: Record<string, string>) => { status: number; body: unknown };

function clob(handler: Handler) {
  const calls: { method: string; path: string; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const method = init?.method ?? 'GET';
    calls.push({ method, path: url.pathname, headers });
    const r = handler(method, url.pathname, headers);
    return new Response(JSON.stringify(r.body), { status: r.status });
  }) as typeof fetch;
  const http = new ClobHttp({ base: 'http://venue', fetch: fetchImpl, timeoutMs: 1_000, chainId: 137, account: privateKeyToAccount(DEV_KEY), clock, log: () => {} });
  return { http, calls };
}

const CREDS = { apiKey: '00000000-0000-4000-8000-000000000001', secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', passphrase: 'pp' };

describe('CLOB credentials and clock', () => {
  it('creates, or derives when the key already exists, with L1 headers in the venue’s time', async () => {
    const { http, calls } = clob((method, path) => {
      if (path === '/time') return { status: 200, body: NOW / 1000 + 120 };
      if (path === '/auth/api-key') return { status: 400, body: { error: 'Could not create api key' } };
      if (path === '/auth/derive-api-key') return { status: 200, body: CREDS };
      if (path === '/data/orders') return { status: 200, body: { data: [], next_cursor: 'LTE=' } };
      return { status: 404, body: { error: `${method} ${path}` } };
    });
    expect(await http.credentials()).toEqual({ key: CREDS.apiKey, secret: CREDS.secret, passphrase: CREDS.passphrase });
    const create = calls.find((c) => c.path === '/auth/api-key')!;
    expect(create.headers).toMatchObject({ POLY_ADDRESS: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', POLY_NONCE: '0', POLY_TIMESTAMP: String(NOW / 1000 + 120) });
    expect(create.headers.POLY_SIGNATURE).toMatch(/^0x[0-9a-f]{130}$/);
    await http.privateCall('GET', '/data/orders', { query: { market: 'm' } });
    const l2 = calls.at(-1)!;
    expect(l2.headers).toMatchObject({ POLY_API_KEY: CREDS.apiKey, POLY_PASSPHRASE: 'pp', POLY_TIMESTAMP: String(NOW / 1000 + 120) });
    // The credentials are read once.
    await http.credentials();
    expect(calls.filter((c) => c.path.startsWith('/auth/')).length).toBe(2);
  });

  it('names a refusal of both, and tries again on the next call', async () => {
    let refuse = true;
    const { http } = clob((_m, path) => {
      if (path === '/time') return { status: 200, body: NOW / 1000 };
      if (refuse) return { status: 401, body: { error: 'Invalid L1 Request headers' } };
      return { status: 200, body: CREDS };
    });
    await expect(http.credentials()).rejects.toThrow(PolymarketAuthError);
    await expect(http.credentials()).rejects.toThrow(/refused to create or derive API credentials.*Invalid L1 Request headers/);
    refuse = false;
    expect((await http.credentials()).key).toBe(CREDS.apiKey);
  });

  it('keeps the local clock when it agrees with the venue’s within two seconds', async () => {
    const { http } = clob((_m, path) => (path === '/time' ? { status: 200, body: NOW / 1000 + 1 } : { status: 200, body: CREDS }));
    await http.syncClock();
    expect(http.venueSeconds()).toBe(NOW / 1000);
  });
});
