import { useMemo, useState } from 'react';
import type { MarketLink } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { describeError } from '../desk/errors';
import { linkMatches, type LinkStatus } from '../desk/links';
import { venueName } from '../names/venues';
import { useAppStore } from '../store/appStore';
import { LinksRow } from './LinksRow';
import './LinksTab.css';

const PAGE = 50;

/** The column of a link's first or second side: its venue's name while every link shown pairs the same venues. */
function sideHeading(links: readonly MarketLink[], i: 0 | 1): string {
  const venues = new Set(links.map((l) => l.sides[i].venue));
  return venues.size === 1 ? venueName([...venues][0]!) : i === 0 ? 'Market' : 'Linked market';
}
const STATUSES: { status: LinkStatus; label: string; empty: string }[] = [
  { status: 'suggested', label: 'Suggested', empty: 'No suggestions waiting.' },
  { status: 'confirmed', label: 'Confirmed', empty: 'None confirmed: cross-venue baskets need a confirmed link.' },
  { status: 'suspended', label: 'Suspended', empty: 'None suspended: a confirmed link whose market changes its rules, close time, status or dispute state is suspended here until you confirm it again.' },
  { status: 'rejected', label: 'Rejected', empty: 'None rejected.' },
];

export function LinksTab({ client }: { client: ArbdeskClient }) {
  const links = useAppStore((s) => s.app?.links);
  const [status, setStatus] = useState<LinkStatus>('suggested');
  const [query, setQuery] = useState('');
  const [simOnly, setSimOnly] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<MarketLink[] | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const all = useMemo(() => links ?? [], [links]);
  const counts = useMemo(() => Object.fromEntries(STATUSES.map((s) => [s.status, all.filter((l) => l.status === s.status).length])) as Record<LinkStatus, number>, [all]);
  // A bulk confirm takes only links whose specs do not differ in a known field: an override is given one by one.
  const simTrue = useMemo(() => all.filter((l) => l.status === 'suggested' && l.simulatorTruth === 'equivalent' && l.conflicts.length === 0), [all]);
  const items = useMemo(
    () => all.filter((l) => l.status === status && (!simOnly || l.simulatorTruth === 'equivalent') && linkMatches(l, query)).sort((a, b) => b.score - a.score),
    [all, status, simOnly, query],
  );

  if (all.length === 0) {
    return <EmptyState title="No suggested market links yet">Cross-venue pairs that look equivalent appear here with their score, both rules and sources; none is traded until you confirm it.</EmptyState>;
  }
  const decide = async (link: MarketLink, decision: 'confirmLink' | 'rejectLink', reason?: string) => {
    try {
      if (decision === 'confirmLink') await client.call('confirmLink', { linkId: link.id, ...(reason ? { override: { reason } } : {}) });
      else await client.call('rejectLink', { linkId: link.id });
      setError(null);
    } catch (e) {
      setError(`${decision === 'confirmLink' ? 'Confirm' : 'Reject'} failed: ${describeError(e)}`);
    }
  };
  const confirmAll = async (list: MarketLink[]) => {
    setConfirming(null);
    let done = 0;
    for (const link of list) {
      setProgress(`Confirming ${done + 1} of ${list.length}…`);
      try {
        await client.call('confirmLink', { linkId: link.id });
        done++;
      } catch (e) {
        setError(`Confirmed ${done} of ${list.length}; then: ${describeError(e)}`);
        break;
      }
    }
    setProgress(done === list.length ? `Confirmed ${done} link${done === 1 ? '' : 's'}.` : null);
    setSimOnly(false);
  };

  return (
    <div className="tab-body links-tab">
      <div className="links-toolbar">
        <div role="tablist" aria-label="Link status" className="links-status">
          {STATUSES.map((s) => (
            <button key={s.status} type="button" role="tab" aria-selected={status === s.status} onClick={() => { setStatus(s.status); setShown(PAGE); }}>
              {s.label} <span className="muted">({counts[s.status]})</span>
            </button>
          ))}
        </div>
        <input type="search" aria-label="Search links" placeholder="Search names, tickers, rules, sources" value={query} onChange={(e) => { setQuery(e.target.value); setShown(PAGE); }} />
        <span className="muted links-count" role="status">{items.length} shown</span>
      </div>
      {simTrue.length > 0 && status === 'suggested' ? (
        <div className="links-sim" role="note">
          <span>
            <b>Simulator:</b> the simulated world holds {simTrue.length} of these suggestions to be the same proposition on both venues. Review them, then confirm — nothing is confirmed for you.
          </span>
          {simOnly ? (
            <>
              <button type="button" className="primary" onClick={() => setConfirming(simTrue)}>Confirm these {simTrue.length}…</button>
              <button type="button" onClick={() => setSimOnly(false)}>Show all</button>
            </>
          ) : (
            <button type="button" onClick={() => { setSimOnly(true); setShown(PAGE); }}>Review the {simTrue.length}</button>
          )}
        </div>
      ) : null}
      <p className="muted links-hint">A confirmed link lets the scanner build cross-venue baskets that assume both markets settle as its relation says (the same way, or opposite ways): read both specs, rules and sources first. Specs that differ in a known field need an override with your reason.</p>
      {error ? <div role="alert" className="danger">{error}</div> : null}
      {progress ? <div role="status" className="muted">{progress}</div> : null}
      {items.length === 0 ? (
        <p className="muted">{query || simOnly ? 'Nothing matches.' : STATUSES.find((s) => s.status === status)!.empty}</p>
      ) : (
        <table className="data-table links-table" aria-label={`${STATUSES.find((s) => s.status === status)!.label} links`}>
          <thead>
            <tr>
              <th scope="col" className="num">Score</th>
              <th scope="col">{sideHeading(items, 0)}</th>
              <th scope="col">{sideHeading(items, 1)}</th>
              <th scope="col">Checks</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          {items.slice(0, shown).map((l) => (
            <LinksRow key={l.id} link={l} onConfirm={(reason) => void decide(l, 'confirmLink', reason)} onReject={() => void decide(l, 'rejectLink')} />
          ))}
        </table>
      )}
      {items.length > shown ? <button type="button" className="links-more" onClick={() => setShown((n) => n + PAGE)}>Show {Math.min(PAGE, items.length - shown)} more of {items.length - shown}</button> : null}
      {confirming ? (
        <Dialog title={`Confirm ${confirming.length} links?`} onClose={() => setConfirming(null)}>
          <p>Each becomes an equivalence the scanner trades cross-venue baskets on. You reviewed:</p>
          <ul className="links-confirm-list">
            {confirming.map((l) => <li key={l.id}>{l.sides[0].name ?? l.sides[0].title} ⇔ {l.sides[1].name ?? l.sides[1].title}</li>)}
          </ul>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(null)} data-autofocus>Cancel</button>
            <button type="button" className="primary" onClick={() => void confirmAll(confirming)}>Confirm {confirming.length}</button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
