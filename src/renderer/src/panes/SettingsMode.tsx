import { useState } from 'react';
import type { Mode, SecretsStatus } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import { liveKeysPresent } from '../desk/liveMode';
import { SettingsLiveDialog } from './SettingsLiveDialog';

export function SettingsMode({ client, mode, secrets, limitsSavedAt }: { client: ArbdeskClient; mode: Mode; secrets: SecretsStatus; limitsSavedAt: number | null }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toPaper = async () => {
    try {
      await client.call('setMode', { mode: 'paper' });
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section className="settings-section" aria-labelledby="mode-heading">
      <h3 id="mode-heading">Trading mode</h3>
      <p>
        Now: <span className={`mode-badge mode-${mode}`}>{mode.toUpperCase()}</span>{' '}
        {mode === 'paper'
          ? 'Orders are simulated against the live books; nothing is sent to a venue.'
          : 'Orders are sent to the venues with real money.'}
      </p>
      {mode === 'paper' ? (
        <button type="button" className="go-live" onClick={() => setAsking(true)}>Switch to live…</button>
      ) : (
        <button type="button" onClick={() => void toPaper()}>Switch to paper</button>
      )}
      {!liveKeysPresent(secrets) && mode === 'paper' ? <p className="muted">Live trading needs a venue&apos;s keys in the keychain first.</p> : null}
      {error ? <p role="alert" className="danger">{error}</p> : null}
      {asking ? <SettingsLiveDialog client={client} secrets={secrets} limitsSavedAt={limitsSavedAt} onClose={() => setAsking(false)} /> : null}
    </section>
  );
}
