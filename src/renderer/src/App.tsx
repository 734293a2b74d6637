import { useCallback, useEffect } from 'react';
import { AlertsWatcher } from './alerts/AlertsWatcher';
import type { ArbdeskClient } from './bridge/client';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
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
        <ErrorBoundary name="Opportunities"><OpportunitiesPane client={client} /></ErrorBoundary>
        <ErrorBoundary name="Detail"><DetailPane client={client} /></ErrorBoundary>
      </main>
      <ErrorBoundary name="bottom"><BottomPanel client={client} onKillSwitch={killSwitch} /></ErrorBoundary>
      <AlertsWatcher />
      <KillSwitchAlert />
    </div>
  );
}
