import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands, type AppState } from '../../../src/shared/contract';
import { Engine } from '../../../src/engine/engine';
import { createDispatcher } from '../../../src/host/dispatch';
import { MemorySecretStore } from '../../helpers/memorySecretStore';
import { tempDir } from '../../helpers/tempDir';

// Results are checked against the contract under test (every test that goes through the
// dispatcher proves the engine's results conform), and sent as built by the hosts otherwise.
describe('dispatcher results', () => {
  const dir = tempDir();
  let engine: Engine;
  let state: AppState;
  beforeAll(async () => {
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore() });
    state = (await engine.handle('getState', {})) as AppState;
  });
  afterAll(() => engine.dispose());
  const getState = { type: 'request', id: 7, command: 'getState', payload: {} } as const;

  it('checks results under test: the engine snapshot is answered exactly as the contract parses it', async () => {
    const r = await createDispatcher(engine, () => undefined)(getState);
    expect(r.ok).toBe(true);
    const result = (r as { result: unknown }).result;
    expect(commands.getState.response.parse(result)).toEqual(result);
  });

  it('refuses, when checking, a result outside the contract or one the contract would strip a field from', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(engine, (m) => logged.push(m), { checkResults: true });
    const handle = vi.spyOn(engine, 'handle');
    handle.mockResolvedValueOnce({ ...state, mode: 'sideways' } as never);
    expect(await dispatch(getState)).toMatchObject({ ok: false, id: 7, error: { code: 'internal', message: 'getState produced an invalid result' } });
    handle.mockResolvedValueOnce({ ...state, internalQueue: [1, 2, 3] } as never);
    expect(await dispatch(getState)).toMatchObject({ ok: false, error: { code: 'internal' } });
    handle.mockRestore();
    expect(logged).toHaveLength(2);
    expect(logged[1]).toContain('drop or fill');
  });

  it('sends the result as built when not checking (the hosts outside tests), and still refuses malformed requests', async () => {
    const dispatch = createDispatcher(engine, () => undefined, { checkResults: false });
    const handle = vi.spyOn(engine, 'handle');
    const built = { ...state };
    handle.mockResolvedValueOnce(built as never);
    const r = await dispatch(getState);
    handle.mockRestore();
    expect(r).toEqual({ type: 'response', id: 7, ok: true, result: built });
    expect((r as { result: unknown }).result).toBe(built);
    expect(await dispatch({ type: 'request', id: 8, command: 'getState', payload: { linksInPages: 'yes' } })).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.linksInPages' } });
    expect(await dispatch({ type: 'request', id: 9, command: 'getLinks', payload: { after: null, limit: 1e9 } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
