// Trading preferences: the minimum return per year — the opportunities filter's default and the
// alert threshold — and where the trader trades (which venues restricted by the US border they may use). Validated by the contract on receipt
// (a bad value names the field); persisted.
import { CommandError, type Preferences } from '../../shared/contract';
import type { TraderJurisdiction } from '../../shared/jurisdiction';
import type { ActivityLog } from '../activity/activityLog';
import type { SettingsStore } from '../settings/settingsStore';
import type { Handlers } from './handlers';

export interface PreferenceCommandPorts {
  settings: SettingsStore;
  activity: ActivityLog;
  changed(preferences: Preferences): void;
  /** Persists the jurisdiction and restarts the venues it gates (VenueHost.setTraderJurisdiction). */
  applyJurisdiction(jurisdiction: TraderJurisdiction): Promise<void>;
  /** An execution is running: restarting a venue now could strand a leg. */
  busy(): boolean;
}

const JURISDICTION_TEXT: Record<TraderJurisdiction, string> = {
  non_us: 'outside the US',
  us: 'in the US',
  both: 'both sides of the US border, each restricted venue on your own keys',
};

export function preferencesOf(settings: SettingsStore): Preferences {
  const s = settings.get();
  return { minAnnualisedReturn: s.minAnnualisedReturn, traderJurisdiction: s.traderJurisdiction };
}

export function preferenceCommands(p: PreferenceCommandPorts): Handlers<'setMinAnnualisedReturn' | 'setTraderJurisdiction'> {
  return {
    setTraderJurisdiction: async ({ traderJurisdiction }) => {
      if (p.settings.get().traderJurisdiction === traderJurisdiction) return preferencesOf(p.settings);
      if (p.busy()) throw new CommandError('refused', 'traderJurisdiction: an execution is running; change it once it has finished', 'payload.traderJurisdiction');
      p.activity.append({ kind: 'info', message: `Where you trade set to ${JURISDICTION_TEXT[traderJurisdiction]}: the venues restricted by the US border restart under it` });
      await p.applyJurisdiction(traderJurisdiction);
      const preferences = preferencesOf(p.settings);
      p.changed(preferences);
      return preferences;
    },
    setMinAnnualisedReturn: ({ minAnnualisedReturn }) => {
      p.settings.update({ minAnnualisedReturn });
      const preferences = preferencesOf(p.settings);
      const percent = minAnnualisedReturn === null ? null : `${(Number(minAnnualisedReturn) * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })} %`;
      p.activity.append({ kind: 'info', message: percent === null ? 'Minimum return per year cleared' : `Minimum return per year set to ${percent}: opportunities below it are hidden by default and never alert` });
      p.changed(preferences);
      return preferences;
    },
  };
}
