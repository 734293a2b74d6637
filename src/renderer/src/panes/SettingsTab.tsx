import { DEFAULT_TRADER_JURISDICTION } from '../../../shared/jurisdiction';
import type { ArbdeskClient } from '../bridge/client';
import { useAppStore } from '../store/appStore';
import { SettingsAlerts } from './SettingsAlerts';
import { SettingsAppearance } from './SettingsAppearance';
import { SettingsJurisdiction } from './SettingsJurisdiction';
import { SettingsKeys } from './SettingsKeys';
import { SettingsMode } from './SettingsMode';
import { SettingsReturns } from './SettingsReturns';
import { SettingsPaperCash } from './SettingsPaperCash';
import { SettingsWatchlist } from './SettingsWatchlist';
import './SettingsTab.css';

export function SettingsTab({ client }: { client: ArbdeskClient }) {
  const secrets = useAppStore((s) => s.app?.secrets);
  const mode = useAppStore((s) => s.app?.mode);
  const catalog = useAppStore((s) => s.app?.catalog);
  const limitsSavedAt = useAppStore((s) => s.app?.limitsConfirmedAt ?? null);
  const minAnnualisedReturn = useAppStore((s) => s.app?.preferences?.minAnnualisedReturn ?? null);
  const venues = useAppStore((s) => s.app?.venues);
  const manifests = useAppStore((s) => s.app?.venueManifests);
  const jurisdiction = useAppStore((s) => s.app?.preferences?.traderJurisdiction ?? DEFAULT_TRADER_JURISDICTION);
  if (!secrets || !mode || !catalog) return null;
  return (
    <div className="tab-body settings">
      <SettingsMode client={client} mode={mode} secrets={secrets} limitsSavedAt={limitsSavedAt} />
      {venues && manifests ? <SettingsJurisdiction client={client} jurisdiction={jurisdiction} manifests={manifests} venues={venues} /> : null}
      <SettingsKeys client={client} secrets={secrets} />
      {venues ? <SettingsPaperCash client={client} venues={venues} /> : null}
      <SettingsAppearance />
      <SettingsReturns client={client} minAnnualisedReturn={minAnnualisedReturn} />
      <SettingsAlerts />
      <SettingsWatchlist client={client} catalog={catalog} />
    </div>
  );
}
