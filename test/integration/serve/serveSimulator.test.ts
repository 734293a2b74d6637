// `arbdesk serve` with no keys: the built CLI starts the simulator as a child process and both
// venues come up connected, in environment "simulator", with live books; opportunities follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppStateSchema, type AppState } from '../../../src/shared/contract';
import { startServe } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { isAlive } from '../../helpers/process';

type Serve = Awaited<ReturnType<typeof startServe>>;

describe('arbdesk serve without keys', () => {
  let serve: Serve;
  const dir = tempDir();
  const started = Date.now();
  const state = async (): Promise<AppState> => {
    const res = await fetch(`${serve.baseUrl}/api/state`, { headers: { Authorization: `Bearer ${serve.token}` } });
    return AppStateSchema.parse(await res.json());
  };

  beforeAll(async () => {
    // No keychain in this environment: no keys, so both venues run against the simulator.
    serve = await startServe(dir.path, [], { ARBDESK_SIM_ARGS: '--speed 10 --markets 20', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
  });
  afterAll(async () => {
    await serve?.stop();
    dir.remove();
  });

  it('shows both venues connected to the simulator with live books within seconds', async () => {
    const s = await until(async () => {
      const st = await state();
      // Links are suggested once both venues' discoveries are in, which may follow the first books.
      const live = st.venues.length === 2 && st.venues.every((v) => v.connection === 'connected' && v.markets > 0 && v.unknownBooks < v.markets);
      return live && st.links.length > 0 ? st : null;
    }, 'both simulated venues connected with books, and links suggested', 30_000, 250);
    expect(Date.now() - started).toBeLessThan(30_000);
    for (const v of s.venues) {
      expect(v).toMatchObject({ environment: 'simulator', selectedEnvironment: 'production', keysSet: false });
      expect(v.detail ?? '').not.toMatch(/PRIVATE KEY/);
    }
    expect(s.catalog.marketsWatched).toBeGreaterThan(0);
    expect(s.links.length).toBeGreaterThan(0);
  });

  it('opportunities appear', async () => {
    const s = await until(async () => {
      const st = await state();
      return st.stats.opportunitiesSeen > 0 ? st : null;
    }, 'an opportunity', 90_000, 500);
    expect(s.stats.opportunitiesSeen).toBeGreaterThan(0);
  });

  it('a paper execution through the HTTP API fills on the simulator\'s books and shows in Positions', async () => {
    const auth = { Authorization: `Bearer ${serve.token}` };
    const result = await until(async () => {
      const list = (await (await fetch(`${serve.baseUrl}/api/opportunities?limit=20`, { headers: auth })).json()) as { id: string; size: number }[];
      for (const o of list) {
        const res = await fetch(`${serve.baseUrl}/api/opportunities/${encodeURIComponent(o.id)}/execute?size=${Math.min(o.size, 5)}`, { method: 'POST', headers: auth });
        // 409: the dislocation closed before the click; the next one will do.
        if (res.status === 200) return (await res.json()) as { executionId: string; status: string; mode: string };
        expect(res.status).toBe(409);
      }
      return null;
    }, 'a paper execution that fills', 60_000, 500);
    expect(result).toMatchObject({ mode: 'paper', status: 'filled' });
    const positions = (await (await fetch(`${serve.baseUrl}/api/positions`, { headers: auth })).json()) as { baskets: { id: string; status: string; unmatched: string }[] };
    expect(positions.baskets.find((b) => b.id === result.executionId)).toMatchObject({ status: 'open', unmatched: '0' });
    expect((await state()).stats.executions).toBe(1);
  });

  it('stops the simulator with itself', async () => {
    const line = /simulator started \(pid (\d+)/.exec(serve.stderr());
    expect(line).not.toBeNull();
    const pid = Number(line![1]);
    expect(isAlive(pid)).toBe(true);
    await serve.stop();
    await until(() => !isAlive(pid), 'the simulator process to exit', 10_000);
  });
});
