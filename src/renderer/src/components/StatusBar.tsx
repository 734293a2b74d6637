import { ActionButton } from '../actions/ActionButton';
import type { ArbdeskClient } from '../bridge/client';
import { breakerHeadline } from '../desk/breaker';
import { connectionTone } from '../desk/venues';
import { VenueChip } from '../names/VenueChip';
import { useAppStore } from '../store/appStore';
import { DemoSpeedButton } from './DemoSpeedButton';
import { killSwitchAction } from '../../../shared/actions';
import { StatusBarStats } from './StatusBarStats';
import { balanceLabel } from '../desk/balances';
import './StatusBar.css';

const ENGINE_WORD = { open: 'connected', connecting: 'connecting…', closed: 'unreachable', unauthorized: 'refused this window' } as const;

export function StatusBar({ client }: { client: ArbdeskClient }) {
  const app = useAppStore((s) => s.app);
  const connection = useAppStore((s) => s.connection);
  const linked = connection === 'open';
  const mode = app?.mode ?? 'paper';
  const breaker = app?.breaker;
  const head = breaker ? breakerHeadline(breaker) : null;
  return (
    <header className="status-bar" aria-label="Status">
      <span className={`mode-badge mode-${mode}`} aria-label={`Mode: ${mode}`} title={mode === 'live' ? 'LIVE: orders go to the venues with real money' : 'Paper: orders are simulated'}>{mode.toUpperCase()}</span>
      <span className="status-item" aria-label={`Engine: ${connection}`} title={`Engine ${ENGINE_WORD[connection]}${linked ? ` over ${client.transport === 'electron' ? 'IPC' : 'WebSocket'}` : ''}`}>
        <span className={`dot dot-${linked ? 'ok' : connection === 'connecting' ? 'warn' : 'bad'}`} />
        Engine{linked ? '' : ` ${ENGINE_WORD[connection]}`}
      </span>
      <span className="status-item venues">
        {app && app.venues.length === 0 ? <span className="muted">No venues</span> : null}
        {app?.venues.map((v) => {
          // Without the engine nothing is known of the venues: grey, never the last green.
          const tone = linked ? connectionTone(v.connection) : 'unknown';
          const state = linked ? v.connection : 'unknown (engine unreachable)';
          const cash = v.balance ? balanceLabel(v.name, v.balance) : null;
          return (
            <span key={v.venue} className="venue-pill" aria-label={`${v.name}: ${state}${v.environment === 'simulator' ? ', simulator' : ''}`} title={`${v.name}: ${state}${v.detail ? ` — ${v.detail}` : ''}`}>
              <span className={`dot dot-${tone}`} />
              <VenueChip venue={v.venue} long />
              {cash ? (
                <span className={`venue-cash${cash.stale || !linked ? ' stale' : ''}`} aria-label={`${v.name} cash: ${cash.text}${cash.stale ? ' (stale)' : ''}`} title={cash.title}>
                  {cash.text}{cash.stale ? ' ?' : ''}
                </span>
              ) : null}
            </span>
          );
        })}
        <DemoSpeedButton client={client} compact />
      </span>
      <span className={`status-item breaker breaker-${linked ? (head?.tone ?? 'none') : 'none'}`} aria-label="Breaker state" title={head ? `${head.word}: ${head.why}${linked ? '' : ' (as of the last update: the engine is unreachable)'}` : undefined}>
        {head ? <><b>{head.word}</b>{head.word !== 'ARMED' ? <span className="breaker-why"> · {breaker?.killSwitch ? 'KILL SWITCH' : head.why}</span> : null}</> : '—'}
      </span>
      {app ? <StatusBarStats stats={app.stats} totals={app.positions.totals} /> : null}
      <ActionButton action={killSwitchAction} className="kill-switch" />
    </header>
  );
}
