// Trading preferences: the minimum return per year — the opportunities filter's default and the
// alert threshold. Validated by the contract on receipt (a bad value names the field); persisted.
import type { Preferences } from '../../shared/contract';
import type { ActivityLog } from '../activity/activityLog';
import type { SettingsStore } from '../settings/settingsStore';
import type { Handlers } from './handlers';

export interface PreferenceCommandPorts {
  settings: SettingsStore;
  activity: ActivityLog;
  changed(preferences: Preferences): void;
}

export function preferencesOf(settings: SettingsStore): Preferences {
  return { minAnnualisedReturn: settings.get().minAnnualisedReturn };
}

export function preferenceCommands(p: PreferenceCommandPorts): Handlers<'setMinAnnualisedReturn'> {
  return {
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
