import { useCallback, useEffect } from 'react';
import { AlertsWatcher } from './alerts/AlertsWatcher';
import type { ArbdeskClient } from './bridge/client';
import { ConnectionBanner } from './components/ConnectionBanner';
import { StatusBar } from './components/StatusBar';
import { BottomPanel } from './panes/BottomPanel';
import { DetailPane } from './panes/DetailPane';
import { OpportunitiesPane } from './panes/OpportunitiesPane';
import { engageKillSwitch } from './risk/killSwitch';
import { KillSwitchAlert } from './risk/KillSwitchAlert';

export function App({ client }: { client: ArbdeskClient }) {
  const killSwitch = useCallback(() => engageKillSwitch(client), [client]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        killSwitch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [killSwitch]);

  return (
    <div className="app">
      <StatusBar client={client} onKillSwitch={killSwitch} />
      <ConnectionBanner />
      <main className="workspace">
        <OpportunitiesPane client={client} />
        <DetailPane client={client} />
      </main>
      <BottomPanel client={client} onKillSwitch={killSwitch} />
      <AlertsWatcher />
      <KillSwitchAlert />
    </div>
  );
}
