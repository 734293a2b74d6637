import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppStateSchema } from '../../../src/shared/contract';
import { startServe } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';

type Serve = Awaited<ReturnType<typeof startServe>>;

function openSocket(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextResponse(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      if (msg.type === 'response') {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('arbdesk serve', () => {
  let serve: Serve;
  const dir = tempDir();
  beforeAll(async () => {
    serve = await startServe(dir.path);
  });
  afterAll(async () => {
    await serve?.stop();
    dir.remove();
  });

  const api = (path: string, init: RequestInit = {}, token: string | null = serve.token) =>
    fetch(`${serve.baseUrl}${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });

  it('prints exactly the UI line and binds loopback', () => {
    expect(serve.firstLine).toMatch(/^ArbDesk UI: http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses the API without the token, or with a wrong one', async () => {
    const none = await api('/api/state', {}, null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await api('/api/state', {}, 'x'.repeat(32))).status).toBe(401);
    expect((await api('/api/kill-switch', { method: 'POST' }, null)).status).toBe(401);
  });

  it('answers the state snapshot with the token', async () => {
    const res = await api('/api/state');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const state = AppStateSchema.parse(await res.json());
    expect(state.engine.host).toBe('serve');
    expect(state.mode).toBe('paper');
  });

  it('refuses cross-origin API calls even with the token', async () => {
    const res = await api('/api/state', { headers: { Origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('kill switch and re-arm work over HTTP', async () => {
    const kill = await api('/api/kill-switch', { method: 'POST' });
    expect(kill.status).toBe(200);
    expect(await kill.json()).toMatchObject({ cancelled: [], failed: [] });
    let state = AppStateSchema.parse(await (await api('/api/state')).json());
    expect(state.breaker).toMatchObject({ state: 'open', killSwitch: true });
    expect((await api('/api/kill-switch')).status).toBe(405);
    const rearm = await api('/api/rearm', { method: 'POST' });
    expect(await rearm.json()).toMatchObject({ state: 'closed', killSwitch: false });
    state = AppStateSchema.parse(await (await api('/api/state')).json());
    expect(state.breaker.state).toBe('closed');
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    const url = `ws://127.0.0.1:${serve.port}/ws`;
    await expect(openSocket(url, ['arbdesk.v1'])).rejects.toThrow('HTTP 401');
    await expect(openSocket(url, ['arbdesk.v1', 'token.wrongwrongwrongwrong'])).rejects.toThrow('HTTP 401');
    await expect(openSocket(url, ['arbdesk.v1', `token.${serve.token}`], { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers malformed WebSocket messages with a clear error and changes nothing', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${serve.port}/ws`, ['arbdesk.v1', `token.${serve.token}`]);
    expect(ws.protocol).toBe('arbdesk.v1');
    const before = AppStateSchema.parse(await (await api('/api/state')).json());

    ws.send('{not json');
    expect(await nextResponse(ws)).toMatchObject({ ok: false, id: null, error: { code: 'invalid_request', message: 'Message is not valid JSON' } });

    ws.send(JSON.stringify({ type: 'request', id: 5, command: 'setLimits', payload: { limits: { ...before.limits, maxDailyLoss: '-1' } } }));
    expect(await nextResponse(ws)).toMatchObject({ id: 5, ok: false, error: { code: 'invalid_payload', field: 'payload.limits.maxDailyLoss' } });

    ws.send(JSON.stringify({ type: 'request', id: 6, command: 'dropTables', payload: {} }));
    expect(await nextResponse(ws)).toMatchObject({ id: 6, ok: false, error: { code: 'unknown_command', field: 'command' } });

    ws.send(JSON.stringify({ type: 'request', id: 7, command: 'getState', payload: {} }));
    const ok = await nextResponse(ws);
    expect(ok).toMatchObject({ id: 7, ok: true });
    const after = AppStateSchema.parse(ok.result);
    expect(after.limits).toEqual(before.limits);
    expect(after.mode).toBe(before.mode);
    ws.close();
  });

  it('pushes events to WebSocket clients', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${serve.port}/ws`, ['arbdesk.v1', `token.${serve.token}`]);
    const breaker = new Promise<Record<string, unknown>>((resolve) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as Record<string, unknown>;
        if (m.type === 'event' && m.event === 'breaker') resolve(m);
      });
    });
    await api('/api/kill-switch', { method: 'POST' });
    expect(await breaker).toMatchObject({ payload: { state: 'open', killSwitch: true } });
    await api('/api/rearm', { method: 'POST' });
    ws.close();
  });

  it('does not serve files outside the UI', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const res = await fetch(`${serve.baseUrl}${path}`);
      expect(res.status).toBe(404);
    }
  });
});
