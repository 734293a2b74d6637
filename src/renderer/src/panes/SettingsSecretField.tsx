import { useId, useRef, useState } from 'react';
import type { SecretName } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';

type Result = { ok: boolean; text: string } | null;

/**
 * One key. The input is uncontrolled: its value is read once when the trader presses Save, the
 * input is emptied at once, and the value is sent with setSecret; it never enters React state or
 * the store. The answer shows only whether the key checked out, never the key.
 */
export function SettingsSecretField({ client, name, label, isSet, multiline = false }: {
  client: ArbdeskClient;
  name: SecretName;
  label: string;
  isSet: boolean;
  multiline?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  const save = async () => {
    const el = input.current;
    if (!el) return;
    const value = el.value;
    el.value = '';
    if (value.trim() === '') {
      setResult({ ok: false, text: 'Enter the key first.' });
      return;
    }
    setBusy(true);
    try {
      const r = await client.call('setSecret', { name, value });
      setResult({ ok: r.validation.ok && r.set, text: r.validation.ok ? `Saved. ${r.validation.message}` : `Not saved: ${r.validation.message}` });
    } catch (e) {
      setResult({ ok: false, text: `Not saved: ${describeError(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      await client.call('clearSecret', { name });
      setResult({ ok: true, text: 'Removed from the keychain.' });
    } catch (e) {
      setResult({ ok: false, text: `Not removed: ${describeError(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const common = {
    id,
    ref: input,
    name,
    autoComplete: 'off',
    spellCheck: false,
    'aria-describedby': `${id}-state`,
  } as const;

  return (
    <div className="secret-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} placeholder="Paste the whole PEM block (BEGIN … END)" />
      ) : (
        <input {...common} type="password" />
      )}
      <div className="secret-actions">
        <span id={`${id}-state`} className={isSet ? 'keys-set' : 'muted'}>{isSet ? 'set' : 'not set'}</span>
        <button type="button" onClick={() => void save()} disabled={busy} aria-label={`Save ${label}`}>Save</button>
        <button type="button" onClick={() => void clear()} disabled={busy || !isSet} aria-label={`Clear ${label}`}>Clear</button>
        {result ? <span role="status" className={result.ok ? 'keys-set' : 'danger'}>{result.text}</span> : null}
      </div>
    </div>
  );
}
