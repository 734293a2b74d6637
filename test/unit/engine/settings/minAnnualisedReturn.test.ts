// The minimum return per year: a setting the engine validates (a bad value is refused naming the
// field, and nothing is written), persists, pushes to the UI, and keeps across a restart; a
// settings file with a bad value is set aside and reported with the field.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../../src/shared/contract';
import { Engine } from '../../../../src/engine/engine';
import { SettingsStore } from '../../../../src/engine/settings/settingsStore';
import { createDispatcher } from '../../../../src/host/dispatch';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';

describe('the minimum return per year', () => {
  const dir = tempDir();
  let engine: Engine | undefined;
  afterEach(() => engine?.dispose());
  const open = async () => {
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore() });
    return { engine, dispatch: createDispatcher(engine, () => undefined) };
  };

  it('is validated naming the field, persisted, pushed and kept across a restart', async () => {
    const { engine: e, dispatch } = await open();
    const events: ContractEvent[] = [];
    e.onEvent((ev) => events.push(ev));
    expect(e.snapshot().preferences).toMatchObject({ minAnnualisedReturn: null });
    for (const bad of ['-0.1', '10%', 'lots', '101', 0.1]) {
      const r = await dispatch({ type: 'request', id: 1, command: 'setMinAnnualisedReturn', payload: { minAnnualisedReturn: bad } });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.minAnnualisedReturn' } });
    }
    expect(e.services.settings.get().minAnnualisedReturn).toBeNull();

    const ok = await dispatch({ type: 'request', id: 2, command: 'setMinAnnualisedReturn', payload: { minAnnualisedReturn: '0.125' } });
    expect(ok).toMatchObject({ ok: true, result: { minAnnualisedReturn: '0.125' } });
    expect(events).toContainEqual({ event: 'preferences', payload: { minAnnualisedReturn: '0.125', traderJurisdiction: 'non_us' } });
    expect(e.snapshot().activity[0]!.message).toMatch(/Minimum return per year set to 12.5 %/);
    e.dispose();

    const again = await open();
    expect(again.engine.snapshot().preferences).toMatchObject({ minAnnualisedReturn: '0.125' });
    await again.dispatch({ type: 'request', id: 3, command: 'setMinAnnualisedReturn', payload: { minAnnualisedReturn: null } });
    expect(again.engine.snapshot().preferences).toMatchObject({ minAnnualisedReturn: null });
  });

  it('a settings file with a bad value is set aside, reported with the field, and defaults are used', () => {
    const file = path.join(dir.path, 'settings-bad.json');
    const good = new SettingsStore(file);
    good.update({ minAnnualisedReturn: '0.2' });
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...json, minAnnualisedReturn: '20%' }));
    const store = new SettingsStore(file);
    expect(store.loadProblem).toMatch(/minAnnualisedReturn/);
    expect(store.get().minAnnualisedReturn).toBeNull();
  });
});
