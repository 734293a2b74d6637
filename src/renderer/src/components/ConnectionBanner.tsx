import { useState } from 'react';
import { storeSessionToken, tokenFromText } from '../bridge/wsBridge';
import { formatTime } from '../format';
import { useAppStore } from '../store/appStore';

/** A new address pasted here (the engine restarted with a new token) reconnects this tab. */
export function NewAddress() {
  const [text, setText] = useState('');
  const token = tokenFromText(text);
  return (
    <form
      className="new-address"
      onSubmit={(e) => {
        e.preventDefault();
        if (!token) return;
        storeSessionToken(window.sessionStorage, token);
        window.location.reload();
      }}
    >
      <input aria-label="New ArbDesk address" placeholder="http://127.0.0.1:7420/#token=…" value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={!token}>Connect</button>
    </form>
  );
}

/**
 * Where the engine link stands when it is not simply open: lost (everything on screen is as of
 * then), refused for its token (the engine restarted with a new one), or back after a restart.
 */
export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection);
  const loadError = useAppStore((s) => s.loadError);
  const restartedAt = useAppStore((s) => s.engineRestartedAt);
  const hasSnapshot = useAppStore((s) => s.app !== null);
  if (connection === 'unauthorized') {
    return (
      <div role="alert" className="banner banner-error banner-auth">
        <b>The engine restarted: it no longer accepts this window&apos;s session token.</b> Open the address it printed
        (<code>ArbDesk UI: …/#token=…</code>) — paste it into this tab&apos;s address bar, or here:
        <NewAddress />
      </div>
    );
  }
  if (connection !== 'open' && hasSnapshot) {
    return (
      <div role="alert" className="banner banner-error">
        <b>Engine unreachable</b> — reconnecting. Prices, venues and positions on screen are as of the last update; nothing can be sent.
      </div>
    );
  }
  if (loadError) return <div role="alert" className="banner banner-error">{loadError}</div>;
  if (restartedAt !== null) {
    return (
      <div role="status" className="banner banner-info">
        The engine restarted at {formatTime(restartedAt)}; this screen was reloaded from it. Check Positions and Activity.
        <button type="button" onClick={() => useAppStore.getState().setEngineRestarted(null)}>Dismiss</button>
      </div>
    );
  }
  return null;
}
