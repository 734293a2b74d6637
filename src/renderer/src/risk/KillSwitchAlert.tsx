import { useEffect, useRef } from 'react';
import { NewAddress } from '../components/ConnectionBanner';
import { formatAge, formatTime } from '../format';
import { useAppStore } from '../store/appStore';
import { useNow } from '../lib/useNow';
import { retryKillSwitchNow, stopKillSwitchRetries, useKillSwitch } from './killSwitch';
import './KillSwitchAlert.css';

/** Blocking and red while the kill switch has not reached the engine; it says so plainly and keeps trying. */
export function KillSwitchAlert() {
  const pending = useKillSwitch((s) => s.pending);
  const delivered = useKillSwitch((s) => s.delivered);
  const now = useNow(1000);
  const refused = useAppStore((s) => s.connection === 'unauthorized');
  const retry = useRef<HTMLButtonElement>(null);
  const open = pending !== null;
  useEffect(() => {
    if (open) retry.current?.focus();
  }, [open]);
  if (!pending) {
    return delivered && delivered.attempts > 1 && now - delivered.at < 15_000 ? (
      <div className="kill-delivered" role="status">Kill switch delivered at {formatTime(delivered.at)} after {delivered.attempts} attempts: the order path is blocked.</div>
    ) : null;
  }
  return (
    <div className="kill-alert-backdrop">
      <div className="kill-alert" role="alertdialog" aria-modal="true" aria-labelledby="kill-alert-title" aria-describedby="kill-alert-body">
        <h2 id="kill-alert-title">KILL SWITCH NOT DELIVERED — {pending.unreachable ? 'engine unreachable' : 'the engine did not confirm it'}</h2>
        <div id="kill-alert-body">
          <p>
            Orders may still be sent. Retrying every second, and at once when the engine is back: attempt {pending.attempts}, for {formatAge(now - pending.since)}.
          </p>
          <p className="kill-alert-error">Last answer: {pending.lastError}</p>
          {refused ? (
            <div className="kill-alert-auth">
              <p><b>The engine is back with a new session token.</b> Paste the address it printed to reconnect and deliver the kill switch:</p>
              <NewAddress />
            </div>
          ) : null}
          <p>If the engine does not come back, stop its process (Ctrl+C in the terminal running <code>arbdesk serve</code>, or quit the app): a stopped engine sends nothing.</p>
        </div>
        <div className="kill-alert-actions">
          <button type="button" ref={retry} className="kill-alert-retry" onClick={retryKillSwitchNow}>Retry now</button>
          <button type="button" onClick={stopKillSwitchRetries}>Stop retrying</button>
        </div>
      </div>
    </div>
  );
}
