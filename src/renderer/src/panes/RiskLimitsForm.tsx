import { useState, type FormEvent } from 'react';
import type { Limits } from '../../../shared/contract';
import { ClientError, type ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import {
  draftOf, LIMIT_FIELDS, limitKeyOfField, parseDraft, sameDraft, stripFieldPrefix, type LimitErrors, type LimitKey, type LimitsDraft,
} from '../desk/limitsForm';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/**
 * The editable limits. Typing keeps a draft (pushed limits do not overwrite what is being typed);
 * every field is checked as typed against the contract's schema, and the engine's answer to
 * setLimits is shown next to the field it names. Nothing is sent while a field is invalid.
 */
export function RiskLimitsForm({ client, limits }: { client: ArbdeskClient; limits: Limits }) {
  const [draft, setDraft] = useState<LimitsDraft | null>(null);
  const [errors, setErrors] = useState<LimitErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const saved = draftOf(limits);
  const values = draft ?? saved;
  const dirty = draft !== null && !sameDraft(draft, saved);

  const change = (key: LimitKey, value: string) => {
    const next = { ...values, [key]: value };
    setDraft(next);
    setStatus({ kind: 'idle' });
    const parsed = parseDraft(next);
    setErrors(parsed.ok ? {} : pick(parsed.errors, errors, key));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDraft(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus({ kind: 'error', message: 'Fix the highlighted limits; nothing was saved.' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      await client.call('setLimits', { limits: parsed.limits });
      setDraft(null);
      setErrors({});
      setStatus({ kind: 'saved' });
    } catch (err) {
      const field = err instanceof ClientError ? err.error.field : null;
      const key = limitKeyOfField(field);
      if (key) {
        setErrors({ [key]: stripFieldPrefix(describeError(err), field) });
        setStatus({ kind: 'error', message: 'The engine refused the limits; nothing was saved.' });
      } else {
        setStatus({ kind: 'error', message: `Limits not saved: ${describeError(err)}` });
      }
    }
  };

  const reset = () => {
    setDraft(null);
    setErrors({});
    setStatus({ kind: 'idle' });
  };

  return (
    <form className="limits-form" aria-labelledby="limits-heading" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="limits-heading">Limits</h3>
      <div className="limits-grid">
        {LIMIT_FIELDS.map((f) => {
          const id = `limit-${f.key}`;
          const error = errors[f.key];
          return (
            <div key={f.key} className={`limit-field${error ? ' invalid' : ''}`}>
              <label htmlFor={id} title={f.hint}>{f.label}</label>
              <span className="limit-input">
                {f.kind === 'dollars' ? <span className="unit">$</span> : null}
                <input
                  id={id}
                  name={f.key}
                  value={values[f.key]}
                  inputMode={f.kind === 'text' ? 'text' : f.kind === 'dollars' ? 'decimal' : 'numeric'}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => change(f.key, e.target.value)}
                />
                {f.kind === 'count' ? <span className="unit">{f.unit}</span> : null}
              </span>
              {error ? <span id={`${id}-error`} className="field-error" role="alert">{error}</span> : null}
            </div>
          );
        })}
      </div>
      <div className="limits-actions">
        <button type="submit" className="primary" disabled={!dirty || status.kind === 'saving'}>Save limits</button>
        <button type="button" onClick={reset} disabled={draft === null}>Reset</button>
        <span role="status" className={status.kind === 'error' ? 'danger' : 'muted'}>
          {status.kind === 'saving' ? 'Saving…' : status.kind === 'saved' ? 'Limits saved.' : status.kind === 'error' ? status.message : dirty ? 'Unsaved changes.' : ''}
        </span>
      </div>
    </form>
  );
}

/** Shows errors only for fields the trader has touched (this one, and those already flagged). */
function pick(all: LimitErrors, shown: LimitErrors, touched: LimitKey): LimitErrors {
  const out: LimitErrors = {};
  for (const key of Object.keys(all) as LimitKey[]) {
    if (key === touched || shown[key] !== undefined) out[key] = all[key];
  }
  return out;
}
