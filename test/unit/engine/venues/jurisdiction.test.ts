import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../../src/engine/settings/settingsStore';
import { venueRegistry } from '../../../../src/engine/venues';
import { jurisdictionProblem } from '../../../../src/engine/venues/jurisdiction';
import { VenueHost, type VenueHostOptions } from '../../../../src/engine/live/venueHost';
import { tempDir } from '../../../helpers/tempDir';

const international = venueRegistry.get('polymarket').manifest;
const us = venueRegistry.get('polymarket-us').manifest;
const kalshi = venueRegistry.get('kalshi').manifest;

describe('which Polymarket the trader may use', () => {
  it('marks international Polymarket as not for US persons and Polymarket US as for US residents only', () => {
    expect([international.jurisdiction, us.jurisdiction, kalshi.jurisdiction]).toEqual(['non_us', 'us', undefined]);
  });

  it('allows international Polymarket by default, Polymarket US when the trader says "us", and Kalshi always', () => {
    expect(jurisdictionProblem(international, 'non_us', false)).toBeNull();
    expect(jurisdictionProblem(us, 'non_us', true)).toMatch(/^Polymarket US is off: it serves US residents only, and Settings → Where you trade says outside the US/);
    expect(jurisdictionProblem(us, 'us', false)).toBeNull();
    expect(jurisdictionProblem(international, 'us', true)).toMatch(/^Polymarket is off: it does not serve US persons, and Settings → Where you trade says in the US/);
    for (const t of ['non_us', 'us', 'both'] as const) expect(jurisdictionProblem(kalshi, t, false)).toBeNull();
  });

  it('with "both", runs each restricted venue only on the trader\'s own keys, so a mixed basket pairs two accounts the trader holds', () => {
    expect(jurisdictionProblem(us, 'both', true)).toBeNull();
    expect(jurisdictionProblem(international, 'both', true)).toBeNull();
    expect(jurisdictionProblem(us, 'both', false)).toMatch(/^Polymarket US is off until its keys are set: with Settings → Where you trade on "Both"/);
  });

  it('keeps the setting in the settings file, international by default, and names the field when it is wrong', () => {
    const dir = tempDir();
    try {
      const store = SettingsStore.inDir(dir.path);
      expect(store.get().traderJurisdiction).toBe('non_us');
      store.update({ traderJurisdiction: 'us' });
      expect(SettingsStore.inDir(dir.path).get().traderJurisdiction).toBe('us');
      expect(() => store.update({ traderJurisdiction: 'usa' as never })).toThrow(/traderJurisdiction/);
      const file = path.join(dir.path, 'settings.json');
      writeFileSync(file, JSON.stringify({ version: 1, mode: 'paper', limits: store.get().limits, limitsConfirmedAt: null, traderJurisdiction: 'mars' }));
      const broken = SettingsStore.inDir(dir.path);
      expect(broken.loadProblem).toMatch(/^settings\.traderJurisdiction/);
      expect(broken.get().traderJurisdiction).toBe('non_us');
    } finally {
      dir.remove();
    }
  });

  it('runs only the venues the setting allows: the default start neither starts Polymarket US nor lists it as failed', () => {
    const dir = tempDir();
    try {
      const settings = SettingsStore.inDir(dir.path);
      const resolver = { resolve: () => Promise.reject(new Error('not started in this test')) };
      // Only what `available` reads; the rest of the host is not exercised here.
      const host = new VenueHost({ registry: venueRegistry, resolver, settings, log: () => undefined } as unknown as VenueHostOptions);
      expect(host.available).toEqual(['kalshi', 'polymarket']);
      settings.update({ traderJurisdiction: 'us' });
      expect(host.available).toEqual(['kalshi', 'polymarket-us']);
      settings.update({ traderJurisdiction: 'both' });
      expect(host.available).toEqual(['kalshi', 'polymarket', 'polymarket-us']);
      host.dispose();
    } finally {
      dir.remove();
    }
  });
});
