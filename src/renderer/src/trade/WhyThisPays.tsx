import type { BasketExplanation, MarketFacts, Opportunity } from '../../../shared/contract';
import { formatCloseTime, formatTime, formatUntil, formatUsd } from '../format';
import { useNow } from '../lib/useNow';
import { CopyId } from '../names/MarketLabel';
import { VenueChip } from '../names/VenueChip';
import { sourcesDiffer } from './equivalence';
import './WhyThisPays.css';

const HOUR = 3_600_000;

function MarketFactsCard({ m, now }: { m: MarketFacts; now: number }) {
  return (
    <article className="facts" aria-label={`Market ${m.name}`}>
      <header className="facts-head">
        <VenueChip venue={m.venue} long />
        <b className="facts-name">{m.name}</b>
      </header>
      <CopyId market={m.market} />
      {m.title && m.title !== m.name ? <div className="facts-title">“{m.title}”</div> : null}
      <dl className="facts-list">
        <dt>Closes</dt>
        <dd>{m.closeTime === null ? <span className="warn">no close time given</span> : <>{formatCloseTime(m.closeTime)} <span className="muted">({formatUntil(m.closeTime, now)})</span></>}</dd>
        <dt>Source</dt>
        <dd>
          {m.sources.length === 0 ? <span className="warn">not named by the venue — read the rules</span> : m.sources.map((s, i) => (
            <span key={i} className="source">{s.name}{s.url ? <span className="muted"> ({s.url})</span> : null}</span>
          ))}
        </dd>
      </dl>
      <div className="facts-rules" aria-label="Rules">{m.rules || <span className="muted">The venue gives no rules text.</span>}</div>
    </article>
  );
}

/**
 * What the basket relies on, what it pays in every outcome (the least of which is its payout),
 * and both venues' rules, sources and close times — so the equivalence can be judged here.
 */
export function WhyThisPays({ opportunity, explanation, size }: { opportunity: Opportunity; explanation: BasketExplanation | null; size: number }) {
  const now = useNow(30_000);
  if (!explanation) return <section className="why" aria-label="Why this pays"><h3 className="detail-sub">Why this pays</h3><p className="muted">Loading…</p></section>;
  const e = explanation;
  const min = e.minPayoutPerBasket;
  const closes = e.markets.map((m) => m.closeTime).filter((t): t is number => t !== null);
  const spread = closes.length > 1 ? Math.max(...closes) - Math.min(...closes) : 0;
  const differ = sourcesDiffer(e.markets);
  const firstClose = closes.length > 0 ? Math.min(...closes) : null;
  return (
    <section className="why" aria-label="Why this pays">
      <h3 className="detail-sub">Why this pays</h3>
      <p className="why-relation">{e.relation.summary}</p>
      <p className="muted why-basis">
        Relies on: {e.relation.basis}
        {e.relation.decidedAt !== null ? ` (${formatTime(e.relation.decidedAt)})` : ''}
        {firstClose !== null ? <> · resolves {formatUntil(firstClose, now)}</> : null}
      </p>
      {!e.relation.current ? <p className="danger" role="alert">The engine no longer holds this relation: do not trade it.</p> : null}
      {differ ? <p className="warn" role="note">The venues name different settlement sources ({differ}): the two markets can resolve differently.</p> : null}
      {spread > HOUR ? <p className="warn" role="note">The close times differ by {formatUntil(spread, 0).replace(/^in /, '')}: check both rules cover the same moment.</p> : null}
      <div className="payoff-scroll">
      <table className="data-table payoff" aria-label="Payoff by outcome">
        <thead>
          <tr>
            <th scope="col">If</th>
            {opportunity.legs.map((l, i) => (
              <th scope="col" key={i} className="payoff-leg" title={`${l.outcome.toUpperCase()} ${l.title}`}>
                <VenueChip venue={l.venue} /> <span className={`leg-outcome outcome-${l.outcome}`}>{l.outcome.toUpperCase()}</span>
                <div className="payoff-term">{l.label?.term ?? l.label?.subject ?? ''}</div>
              </th>
            ))}
            <th scope="col" className="num">Per basket</th>
            <th scope="col" className="num">× {size.toLocaleString('en-US')}</th>
          </tr>
        </thead>
        <tbody>
          {e.payoff.map((row, i) => (
            <tr key={i} className={row.payoutPerBasket === min ? 'payoff-min' : undefined}>
              <td>{row.outcome}</td>
              {row.legsPaying.map((pays, j) => <td key={j} className={pays ? 'pays' : 'muted'}>{pays ? '$1' : '—'}</td>)}
              <td className="num">{formatUsd(row.payoutPerBasket)}</td>
              <td className="num">{formatUsd(String(Number(row.payoutPerBasket) * size))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="muted why-min">The least it pays, {formatUsd(min)} per basket, is the payout: whatever happens, {size.toLocaleString('en-US')} baskets pay at least {formatUsd(String(Number(min) * size))}.</p>
      <div className="facts-grid">
        {e.markets.filter((m, i, all) => all.findIndex((x) => x.market === m.market) === i).map((m) => <MarketFactsCard key={m.market} m={m} now={now} />)}
      </div>
    </section>
  );
}
