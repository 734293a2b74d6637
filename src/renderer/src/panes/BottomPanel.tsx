import type { ArbdeskClient } from '../bridge/client';
import { BOTTOM_TABS, useAppStore } from '../store/appStore';
import { ActivityTab } from './ActivityTab';
import { LinksTab } from './LinksTab';
import { PositionsTab } from './PositionsTab';
import { RiskTab } from './RiskTab';
import { SettingsTab } from './SettingsTab';
import { VenuesTab } from './VenuesTab';

export function BottomPanel({ client }: { client: ArbdeskClient }) {
  const tab = useAppStore((s) => s.bottomTab);
  const setTab = useAppStore((s) => s.setBottomTab);
  return (
    <section className="pane pane-bottom">
      <div role="tablist" aria-label="Panels" className="tabs">
        {BOTTOM_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'positions' ? <PositionsTab client={client} /> : null}
        {tab === 'activity' ? <ActivityTab client={client} /> : null}
        {tab === 'risk' ? <RiskTab client={client} /> : null}
        {tab === 'venues' ? <VenuesTab client={client} /> : null}
        {tab === 'links' ? <LinksTab client={client} /> : null}
        {tab === 'settings' ? <SettingsTab client={client} /> : null}
      </div>
    </section>
  );
}
