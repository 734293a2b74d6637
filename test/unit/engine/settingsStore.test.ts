import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { SettingsStore } from '../../../src/engine/settings/settingsStore';
import { tempDir } from '../../helpers/tempDir';

describe('SettingsStore', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('starts in paper mode with the default limits and persists changes across restarts', () => {
    const store = SettingsStore.inDir(dir.path);
    expect(store.get()).toMatchObject({ mode: 'paper', limits: DEFAULT_LIMITS, limitsConfirmedAt: null });
    store.update({ limits: { ...DEFAULT_LIMITS, maxDailyLoss: '250' }, limitsConfirmedAt: 5 });
    const reopened = SettingsStore.inDir(dir.path);
    expect(reopened.get().limits.maxDailyLoss).toBe('250');
    expect(reopened.get().limitsConfirmedAt).toBe(5);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps an invalid file aside, names the field, and never overwrites it', () => {
    const file = path.join(dir.path, 'settings.json');
    const bad = JSON.stringify({ version: 1, mode: 'paper', limits: { ...DEFAULT_LIMITS, maxDailyLoss: '-5' }, limitsConfirmedAt: null });
    writeFileSync(file, bad);
    const store = SettingsStore.inDir(dir.path);
    expect(store.loadProblem).toMatch(/settings\.limits\.maxDailyLoss/);
    expect(store.get().limits).toEqual(DEFAULT_LIMITS);
    const aside = readdirSync(dir.path).find((f) => f.startsWith('settings.json.invalid-'));
    expect(aside && readFileSync(path.join(dir.path, aside), 'utf8')).toBe(bad);
    expect(existsSync(file)).toBe(false);
  });

  it('reports unreadable JSON', () => {
    writeFileSync(path.join(dir.path, 'settings.json'), '{ not json');
    expect(SettingsStore.inDir(dir.path).loadProblem).toMatch(/unreadable JSON/);
  });

  it('refuses an invalid update and keeps the previous settings', () => {
    const store = SettingsStore.inDir(dir.path);
    expect(() => store.update({ mode: 'yolo' as never })).toThrow();
    expect(store.get().mode).toBe('paper');
  });
});
