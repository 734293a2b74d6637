import { ActionsProvider, useWindowContext } from './actions/actionContext';
import { CommandPalette } from './actions/CommandPalette';
import { useKeyBindings } from './actions/useKeyBindings';
import { WINDOW_ACTIONS } from './actions/windowActions';
import { AlertsWatcher } from './alerts/AlertsWatcher';
import type { ArbdeskClient } from './bridge/client';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StatusBar } from './components/StatusBar';
import { BottomPanel } from './panes/BottomPanel';
import { DetailPane } from './panes/DetailPane';
import { OpportunitiesPane } from './panes/OpportunitiesPane';
import { KillSwitchAlert } from './risk/KillSwitchAlert';
import { RearmPrompt } from './risk/RearmPrompt';

export function App({ client }: { client: ArbdeskClient }) {
  return (
    <ActionsProvider client={client}>
      <Desk client={client} />
    </ActionsProvider>
  );
}

function Desk({ client }: { client: ArbdeskClient }) {
  useKeyBindings(WINDOW_ACTIONS, useWindowContext());
  return (
    <div className="app">
      <StatusBar client={client} />
      <ConnectionBanner />
      <main className="workspace">
        <ErrorBoundary name="Opportunities"><OpportunitiesPane client={client} /></ErrorBoundary>
        <ErrorBoundary name="Detail"><DetailPane client={client} /></ErrorBoundary>
      </main>
      <ErrorBoundary name="bottom"><BottomPanel client={client} /></ErrorBoundary>
      <AlertsWatcher />
      <KillSwitchAlert />
      <RearmPrompt client={client} />
      <CommandPalette />
    </div>
  );
}
