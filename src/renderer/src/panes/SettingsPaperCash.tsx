import { useState } from 'react';
import type { VenueStatus } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import { balanceLabel } from '../desk/balances';

/**
 * Paper trading's starting cash per venue. The paper balance is this plus what paper fills and
 * settlements moved (the paper ledger); sizing never spends more than it.
 */
export function SettingsPaperCash({ client, venues }: { client: ArbdeskClient; venues: readonly VenueStatus[] }) {
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const entries = Object.entries(draft).filter(([, v]) => v.trim() !== '');
  const save = async () => {
    try {
      const { balances } = await client.call('setPaperBalances', { balances: Object.fromEntries(entries.map(([k, v]) => [k, v.trim()])) });
      setDraft({});
      setStatus({ ok: true, text: `Paper starting cash saved: ${Object.entries(balances).map(([v, d]) => `${v} $${d}`).join(', ')}.` });
    } catch (e) {
      setStatus({ ok: false, text: `Paper cash not saved: ${describeError(e)}` });
    }
  };
  return (
    <section className="settings-section paper-cash" aria-labelledby="paper-cash-heading">
      <h3 id="paper-cash-heading">Paper cash</h3>
      <p className="muted">Starting cash per venue for paper trading ($10,000 unless set). Paper fills spend it and settlements pay it back; executions are sized within it.</p>
      <div className="paper-cash-venues">
        {venues.map((v) => (
          <label key={v.venue} className="paper-cash-venue">
            {v.name} starting cash $
            <input
              type="text"
              inputMode="decimal"
              aria-label={`${v.name} paper starting cash`}
              placeholder="10000"
              value={draft[v.venue] ?? ''}
              onChange={(e) => setDraft({ ...draft, [v.venue]: e.target.value })}
            />
            {v.balance?.source === 'paper' ? <span className="muted"> now {balanceLabel(v.name, v.balance).text}</span> : null}
          </label>
        ))}
      </div>
      <button type="button" disabled={entries.length === 0} onClick={() => void save()}>Save paper cash</button>
      {status ? <p role="status" className={status.ok ? 'muted' : 'warn'}>{status.text}</p> : null}
    </section>
  );
}
