import { useCallback, useEffect, useState } from 'react';
import { AlertsWatcher } from './alerts/AlertsWatcher';
import type { ArbdeskClient } from './bridge/client';
import { StatusBar } from './components/StatusBar';
import { BottomPanel } from './panes/BottomPanel';
import { DetailPane } from './panes/DetailPane';
import { OpportunitiesPane } from './panes/OpportunitiesPane';
import { useAppStore } from './store/appStore';

export function App({ client }: { client: ArbdeskClient }) {
  const loadError = useAppStore((s) => s.loadError);
  const [killError, setKillError] = useState<string | null>(null);

  const engageKillSwitch = useCallback(() => {
    client.call('killSwitch', {}).then(
      () => setKillError(null),
      (e: unknown) => setKillError(`Kill switch failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, [client]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        engageKillSwitch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [engageKillSwitch]);

  return (
    <div className="app">
      <StatusBar client={client} onKillSwitch={engageKillSwitch} />
      {loadError || killError ? <div role="alert" className="banner banner-error">{killError ?? loadError}</div> : null}
      <main className="workspace">
        <OpportunitiesPane />
        <DetailPane client={client} />
      </main>
      <BottomPanel client={client} />
      <AlertsWatcher />
    </div>
  );
}
