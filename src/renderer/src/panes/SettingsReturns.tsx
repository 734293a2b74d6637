import { useState } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import { isDecimal } from '../lib/decimal';
import { fractionOfPercent, percentOfFraction } from '../trade/capitalLabels';

/**
 * The least return per year on the capital a basket locks until it resolves: the opportunities
 * filter starts from it, and only opportunities at or above it alert. Kept by the engine.
 */
export function SettingsReturns({ client, minAnnualisedReturn }: { client: ArbdeskClient; minAnnualisedReturn: string | null }) {
  const saved = minAnnualisedReturn === null ? '' : percentOfFraction(minAnnualisedReturn);
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const value = text ?? saved;
  const t = value.trim();
  const invalid = t !== '' && (!isDecimal(t) || t.startsWith('-'));

  const save = async () => {
    try {
      const next = await client.call('setMinAnnualisedReturn', { minAnnualisedReturn: t === '' ? null : fractionOfPercent(t) });
      setText(null);
      setStatus({ ok: true, text: next.minAnnualisedReturn === null ? 'No minimum: every opportunity is shown and may alert.' : `Saved: ${percentOfFraction(next.minAnnualisedReturn)} % a year.` });
    } catch (e) {
      setStatus({ ok: false, text: `Not saved: ${describeError(e)}` });
    }
  };

  return (
    <section className="settings-section" aria-labelledby="returns-heading">
      <h3 id="returns-heading">Returns</h3>
      <p className="muted">A thin edge that locks capital for months pays less than cash. Opportunities below this return per year are hidden by default (the table’s “Min per year %” filter starts here) and never alert.</p>
      <form
        className="returns-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void save();
        }}
      >
        <label>
          Minimum return per year
          <span className="limit-input">
            <input aria-label="Minimum return per year (per cent)" className="min-annualised-setting" inputMode="decimal" placeholder="none" value={value} aria-invalid={invalid || undefined} onChange={(e) => setText(e.target.value)} />
            <span className="unit">%</span>
          </span>
        </label>
        <button type="submit" disabled={invalid || text === null || t === saved}>Save</button>
      </form>
      {invalid ? <span className="field-error" role="alert">a percentage such as 10 or 7.5</span> : null}
      {status ? <p className={status.ok ? 'muted' : 'danger'} role="status">{status.text}</p> : null}
    </section>
  );
}
