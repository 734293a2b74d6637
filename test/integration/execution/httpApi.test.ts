import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakerStateSchema, LimitsSchema, MetricsSchema, PositionsViewSchema } from '../../../src/shared/contract';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { startServe } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';

type Serve = Awaited<ReturnType<typeof startServe>>;

// The script HTTP API of a real `arbdesk serve` process: routes, validation of every parameter
// (400 naming it), JSON errors with the right status, Bearer token.
describe('arbdesk serve: the script HTTP API', () => {
  let serve: Serve;
  const dir = tempDir();
  beforeAll(async () => {
    serve = await startServe(dir.path);
  });
  afterAll(async () => {
    await serve?.stop();
    dir.remove();
  });

  const api = async (path: string, init: RequestInit = {}, token: string | null = serve.token) => {
    const res = await fetch(`${serve.baseUrl}${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; field: string | null } } };
  };

  it('needs the Bearer token on every route', async () => {
    for (const [path, method] of [['/api/opportunities', 'GET'], ['/api/positions', 'GET'], ['/api/breaker', 'GET'], ['/api/metrics', 'GET'], ['/api/breaker/limits', 'PUT'], ['/api/opportunities/x/execute', 'POST']] as const) {
      const r = await api(path, { method }, null);
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'unauthorized' });
    }
  });

  it('GET /api/opportunities validates strategy, min_profit and limit, naming the parameter', async () => {
    expect(await api('/api/opportunities')).toEqual({ status: 200, body: [] });
    expect(await api('/api/opportunities?strategy=cross_venue&min_profit=0.05&limit=5')).toEqual({ status: 200, body: [] });
    const bad: [string, string][] = [
      ['strategy=arbitrage', 'strategy'],
      ['min_profit=lots', 'min_profit'],
      ['min_profit=1e3', 'min_profit'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of bad) {
      const r = await api(`/api/opportunities?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error, query).toMatchObject({ field });
      expect(r.body.error!.message.startsWith(`${field}:`), r.body.error!.message).toBe(true);
    }
  });

  it('analyze and execute: a missing or bad size is a 400, an unknown opportunity a 404', async () => {
    expect(await api('/api/opportunities/opp-1/analyze', { method: 'POST' })).toMatchObject({ status: 400, body: { error: { field: 'target_size' } } });
    expect(await api('/api/opportunities/opp-1/analyze?target_size=0', { method: 'POST' })).toMatchObject({ status: 400, body: { error: { field: 'target_size' } } });
    expect(await api('/api/opportunities/opp-1/analyze?target_size=5', { method: 'POST' })).toMatchObject({ status: 404, body: { error: { code: 'not_found', field: 'id' } } });
    expect(await api('/api/opportunities/opp-1/execute?size=2.5', { method: 'POST' })).toMatchObject({ status: 400, body: { error: { field: 'size' } } });
    expect(await api('/api/opportunities/opp-1/execute?size=5', { method: 'POST' })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await api('/api/opportunities/opp-1/execute', { method: 'POST' })).toMatchObject({ status: 404 });
    expect(await api('/api/opportunities/opp-1/execute')).toMatchObject({ status: 405, body: { error: { message: expect.stringMatching(/use POST/) } } });
    expect(await api('/api/opportunities/%E0%A4%A/execute', { method: 'POST' })).toMatchObject({ status: 400 });
    expect(await api('/api/baskets/nope/unwind', { method: 'POST' })).toMatchObject({ status: 404, body: { error: { field: 'id' } } });
  });

  it('positions, breaker and metrics answer in the contract shapes', async () => {
    const positions = await api('/api/positions');
    expect(positions.status).toBe(200);
    expect(PositionsViewSchema.parse(positions.body)).toMatchObject({ mode: 'paper', baskets: [] });
    const breaker = await api('/api/breaker');
    expect(BreakerStateSchema.parse(breaker.body.breaker)).toMatchObject({ state: 'closed' });
    expect(LimitsSchema.parse(breaker.body.limits)).toEqual(DEFAULT_LIMITS);
    const metrics = await api('/api/metrics');
    expect(MetricsSchema.parse(metrics.body)).toMatchObject({ mode: 'paper', executions: { total: 0 }, breaker: { trips: 0 } });
    expect(await api('/api/metrics?x=1')).toMatchObject({ status: 400, body: { error: { field: 'x' } } });
  });

  it('PUT /api/breaker/limits takes a Limits body and names the bad field', async () => {
    const limits = { ...DEFAULT_LIMITS, maxDailyLoss: '250' };
    const ok = await api('/api/breaker/limits', { method: 'PUT', body: JSON.stringify(limits), headers: { 'Content-Type': 'application/json' } });
    expect(ok).toEqual({ status: 200, body: limits });
    expect((await api('/api/breaker')).body.limits).toMatchObject({ maxDailyLoss: '250' });
    const bad = await api('/api/breaker/limits', { method: 'PUT', body: JSON.stringify({ ...limits, maxLossPerTrade: '-5' }) });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload', field: 'body.maxLossPerTrade' } } });
    expect(bad.body.error!.message).toMatch(/^body\.maxLossPerTrade: /);
    expect(await api('/api/breaker/limits', { method: 'PUT', body: JSON.stringify({ ...limits, extra: 1 }) })).toMatchObject({ status: 400, body: { error: { field: 'body' } } });
    expect(await api('/api/breaker/limits', { method: 'PUT' })).toMatchObject({ status: 400, body: { error: { field: 'body' } } });
    expect(await api('/api/breaker/limits', { method: 'PUT', body: '{not json' })).toMatchObject({ status: 400, body: { error: { field: 'body' } } });
    expect(await api('/api/breaker/limits', { method: 'PUT', body: '[]' })).toMatchObject({ status: 400, body: { error: { field: 'body' } } });
  });
});
