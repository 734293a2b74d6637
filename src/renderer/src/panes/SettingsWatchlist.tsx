import { useMemo, useState } from 'react';
import type { Catalog, Watchlist } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import { sameWatchlist, toggle } from '../desk/watchlist';

const SERIES_SHOWN = 200;

export function SettingsWatchlist({ client, catalog }: { client: ArbdeskClient; catalog: Catalog }) {
  const [draft, setDraft] = useState<Watchlist | null>(null);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const list = draft ?? catalog.watchlist;
  const dirty = draft !== null && !sameWatchlist(draft, catalog.watchlist);

  const series = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const matches = q ? catalog.series.filter((s) => `${s.id} ${s.title} ${s.category}`.toLowerCase().includes(q)) : catalog.series;
    return { shown: matches.slice(0, SERIES_SHOWN), total: matches.length };
  }, [catalog.series, filter]);

  const apply = async (watchlist: Watchlist) => {
    try {
      const next = await client.call('setWatchlist', { watchlist });
      setDraft(null);
      setStatus({ ok: true, text: `Watching ${next.marketsWatched} of ${next.marketsListed} markets.` });
    } catch (e) {
      setStatus({ ok: false, text: `Watchlist not saved: ${describeError(e)}` });
    }
  };

  const everything = list.categories.length === 0 && list.series.length === 0;
  return (
    <section className="settings-section watchlist" aria-labelledby="watchlist-heading">
      <h3 id="watchlist-heading">Watchlist</h3>
      <p className="muted">
        {catalog.marketsWatched} of {catalog.marketsListed} listed markets watched. {everything ? 'Nothing selected: every market is watched.' : ''}
      </p>
      <fieldset className="watch-categories">
        <legend>Categories</legend>
        {catalog.categories.map((c) => (
          <label key={c.name} className="check">
            <input
              type="checkbox"
              checked={list.categories.includes(c.name)}
              onChange={() => setDraft({ ...list, categories: toggle(list.categories, c.name) })}
            />{' '}
            {c.name} <span className="muted">({c.markets})</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="watch-series">
        <legend>Series</legend>
        <input type="search" aria-label="Filter series" placeholder="Filter series" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <div className="series-list">
          {series.shown.map((s) => (
            <label key={s.id} className="check" title={s.id}>
              <input
                type="checkbox"
                checked={list.series.includes(s.id)}
                onChange={() => setDraft({ ...list, series: toggle(list.series, s.id) })}
              />{' '}
              {s.title} <span className="muted">{s.venue} · {s.category} · {s.markets}</span>
            </label>
          ))}
        </div>
        {series.total > series.shown.length ? <p className="muted">{series.total - series.shown.length} more; filter to find them.</p> : null}
      </fieldset>
      <div className="limits-actions">
        <button type="button" className="primary" disabled={!dirty} onClick={() => void apply(list)}>Apply watchlist</button>
        <button type="button" disabled={everything} onClick={() => void apply({ categories: [], series: [] })}>Watch everything</button>
        <button type="button" disabled={draft === null} onClick={() => setDraft(null)}>Reset</button>
        {status ? <span role="status" className={status.ok ? 'muted' : 'danger'}>{status.text}</span> : null}
      </div>
    </section>
  );
}
