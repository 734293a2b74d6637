import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ArbdeskClient } from './bridge/client';
import { createWebSocketBridge, takeSessionToken, tokenFromText, storeSessionToken, type AuthProbe } from './bridge/wsBridge';
import { resumePendingKillSwitch } from './risk/killSwitch';
import { startSession } from './store/session';
import { startTheme } from './theme/theme';
import './styles.css';

/** Under `arbdesk serve`: does the engine take this token? (asked when the WebSocket could not open) */
function authProbe(token: string): AuthProbe {
  return async () => {
    try {
      const res = await fetch('/api/state', { method: 'GET', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
      return res.status === 401 ? 'unauthorized' : 'ok';
    } catch {
      return 'unreachable';
    }
  };
}

function bridge() {
  if (window.arbdesk) return window.arbdesk;
  // Under `arbdesk serve` there is no preload: the same bridge is built over the WebSocket.
  const token = takeSessionToken(window.location, window.sessionStorage, window.history);
  if (!token) return null;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = createWebSocketBridge(`${scheme}://${window.location.host}/ws`, token, authProbe(token));
  Object.defineProperty(window, 'arbdesk', { value: ws, writable: false, configurable: false });
  return ws;
}

// A new address pasted into this tab (the engine restarted with a new token) changes only the
// fragment, which does not reload the page: take the token and start again with it.
window.addEventListener('hashchange', () => {
  const token = tokenFromText(window.location.hash);
  if (!token) return;
  storeSessionToken(window.sessionStorage, token);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  window.location.reload();
});

startTheme();
const root = createRoot(document.getElementById('root')!);
const b = bridge();
if (!b) {
  root.render(
    <div className="no-token" role="alert">
      This page needs the session token. Open the address that <code>arbdesk serve</code> printed (it ends in <code>#token=…</code>).
    </div>,
  );
} else {
  const client = new ArbdeskClient(b);
  startSession(client);
  resumePendingKillSwitch(client);
  root.render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
