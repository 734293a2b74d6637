import type { ArbdeskClient } from '../bridge/client';
import { useAppStore } from '../store/appStore';
import { StatusBarStats } from './StatusBarStats';
import './StatusBar.css';

const BREAKER_LABEL = { closed: 'CLOSED', open: 'OPEN', half_open: 'HALF-OPEN' } as const;

export function StatusBar({ client, onKillSwitch }: { client: ArbdeskClient; onKillSwitch: () => void }) {
  const app = useAppStore((s) => s.app);
  const connection = useAppStore((s) => s.connection);
  const mode = app?.mode ?? 'paper';
  const breaker = app?.breaker;
  return (
    <header className="status-bar" aria-label="Status">
      <span className={`mode-badge mode-${mode}`} aria-label={`Mode: ${mode}`} title={mode === 'live' ? 'LIVE: orders go to the venues with real money' : 'Paper: orders are simulated'}>{mode.toUpperCase()}</span>
      <span className="status-item" aria-label={`Engine: ${connection}`}>
        <span className={`dot dot-${connection === 'open' ? 'ok' : connection === 'connecting' ? 'warn' : 'bad'}`} />
        Engine {connection === 'open' ? `(${client.transport === 'electron' ? 'IPC' : 'WebSocket'})` : connection}
      </span>
      <span className="status-item venues">
        {app && app.venues.length === 0 ? <span className="muted">No venues</span> : null}
        {app?.venues.map((v) => (
          <span key={v.venue} className="venue-pill" aria-label={`${v.name}: ${v.connection}`}>
            <span className={`dot dot-${v.connection === 'connected' ? 'ok' : v.connection === 'down' ? 'bad' : 'warn'}`} />
            {v.name}
          </span>
        ))}
      </span>
      <span className={`status-item breaker breaker-${breaker?.state ?? 'closed'}`} aria-label="Breaker state">
        Breaker: {breaker ? BREAKER_LABEL[breaker.state] : '—'}
        {breaker?.killSwitch ? ' · KILL SWITCH' : ''}
      </span>
      {app ? <StatusBarStats stats={app.stats} /> : null}
      <button type="button" className="kill-switch" onClick={onKillSwitch} title="Kill switch (Ctrl+Shift+K)" aria-keyshortcuts="Control+Shift+K">
        Kill switch
      </button>
    </header>
  );
}
