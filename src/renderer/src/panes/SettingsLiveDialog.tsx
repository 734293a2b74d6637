import { useState, type FormEvent } from 'react';
import type { SecretsStatus } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { Dialog } from '../components/Dialog';
import { describeError } from '../desk/errors';
import { LIVE_PHRASE, liveKeysPresent } from '../desk/liveMode';

/** Live trading needs keys, saved limits, and the phrase typed; the engine checks all three again and its refusal is shown here. */
export function SettingsLiveDialog({ client, secrets, onClose }: { client: ArbdeskClient; secrets: SecretsStatus; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = liveKeysPresent(secrets);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await client.call('setMode', { mode: 'live', confirmation: typed });
      onClose();
    } catch (err) {
      setRefusal(describeError(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Switch to live trading?" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>Orders will be sent to the venues with real money, within the risk limits.</p>
        <ul className="live-checklist">
          <li className={keys ? 'keys-set' : 'danger'}>{keys ? '✓' : '✗'} Venue keys in the keychain</li>
          <li className="muted">• Risk limits reviewed and saved (Risk tab)</li>
        </ul>
        <label htmlFor="live-confirmation">Type {LIVE_PHRASE} to confirm</label>
        <input
          id="live-confirmation"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          onChange={(e) => {
            setTyped(e.target.value);
            setRefusal(null);
          }}
        />
        {refusal ? <p role="alert" className="danger">Refused: {refusal}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="danger-button" disabled={busy || typed !== LIVE_PHRASE}>Go live</button>
        </div>
      </form>
    </Dialog>
  );
}
