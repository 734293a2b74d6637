import { useState, type FormEvent } from 'react';
import type { SecretsStatus } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { Dialog } from '../components/Dialog';
import { describeError } from '../desk/errors';
import { LIVE_PHRASE, liveKeysPresent } from '../desk/liveMode';

/** Live trading needs keys, saved limits, and the phrase typed; the engine checks all three again and its refusal is shown here. */
export function SettingsLiveDialog({ client, secrets, limitsSavedAt, onClose }: { client: ArbdeskClient; secrets: SecretsStatus; limitsSavedAt: number | null; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = liveKeysPresent(secrets);
  const limits = limitsSavedAt !== null;
  const typedOk = typed === LIVE_PHRASE;
  // Every check must pass before Go live can be pressed: the list and the button never disagree.
  const ready = keys && limits && typedOk;

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
        <ul className="live-checklist" aria-label="Before going live">
          <li className={keys ? 'keys-set' : 'danger'}>{keys ? '✓' : '✗'} Venue keys in the keychain{keys ? '' : ' — add them in API keys'}</li>
          <li className={limits ? 'keys-set' : 'danger'}>{limits ? '✓' : '✗'} Risk limits reviewed and saved{limits ? '' : ' — save them in the Risk tab'}</li>
          <li className={typedOk ? 'keys-set' : 'muted'}>{typedOk ? '✓' : '•'} {LIVE_PHRASE} typed below</li>
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
          <button type="submit" className="danger-button" disabled={busy || !ready} title={ready ? undefined : 'Every check above must pass first'}>Go live</button>
        </div>
      </form>
    </Dialog>
  );
}
