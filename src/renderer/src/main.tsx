import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ArbdeskClient } from './bridge/client';
import { createWebSocketBridge, takeSessionToken } from './bridge/wsBridge';
import { startSession } from './store/session';
import './styles.css';

function bridge() {
  if (window.arbdesk) return window.arbdesk;
  // Under `arbdesk serve` there is no preload: the same bridge is built over the WebSocket.
  const token = takeSessionToken(window.location, window.sessionStorage, window.history);
  if (!token) return null;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = createWebSocketBridge(`${scheme}://${window.location.host}/ws`, token);
  Object.defineProperty(window, 'arbdesk', { value: ws, writable: false, configurable: false });
  return ws;
}

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
  root.render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
