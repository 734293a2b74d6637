import type { Analysis, Opportunity } from '../../../shared/contract';
import { formatTime, formatUsd, signOf } from '../format';
import { nameParts, sharedSubject } from '../names/marketNames';
import { VenueChip } from '../names/VenueChip';
import { SizeInput } from './SizeInput';
import { capitalSummary, percentLabel } from './capitalLabels';
import { venueManifests } from '../names/venues';
import './ExecutionPlan.css';

/** A plan that no longer moves with the books: as sent, or as last executable before the opportunity closed. */
export interface FrozenPlan {
  kind: 'sent' | 'closed';
  at: number;
}

interface Props {
  opportunity: Opportunity;
  analysis: Analysis | null;
  error: string | null;
  size: number;
  frozen: FrozenPlan | null;
  onSize(size: number): void;
  onReplan(): void;
}

/** The size that nets most on the books now, no larger than the per-trade loss limit allows. */
function bestSize(opportunity: Opportunity, a: Analysis | null): number {
  const limits = [a?.worstCase.maxSize, a?.balance?.maxSize].filter((x): x is number => typeof x === 'number');
  return limits.length === 0 ? opportunity.size : Math.max(1, Math.min(opportunity.size, ...limits));
}

/** "Kalshi $980.00 of $1,204.10 needed — pays for 813" when a venue's cash limits the size; each venue's cash otherwise. */
function CashLine({ check, name }: { check: NonNullable<Analysis['balance']>; name: (venue: string) => string }) {
  const short = check.byVenue.find((v) => v.venue === check.limitedBy);
  const text = check.byVenue
    .map((v) => `${name(v.venue)} ${v.spendable === null ? 'unknown' : formatUsd(v.spendable)}`)
    .join(' · ');
  return (
    <>
      <dt className="plan-cash-label" title="Cash each venue's account can spend now (the smaller of balance and allowance) against what this size needs there, fees included">Cash</dt>
      <dd className={`plan-cash${short ? ' warn' : ''}`}>
        {short && short.spendable !== null
          ? `${name(short.venue)} ${formatUsd(short.spendable)} of ${formatUsd(short.needed)} needed — pays for ${(check.maxSize ?? 0).toLocaleString('en-US')}`
          : text}
      </dd>
    </>
  );
}

const price = (p: string | null) => (p === null ? '—' : formatUsd(p, { decimals: 4 }));

/** The plan at the chosen size, as the engine analyses it on the current books (or frozen, saying so). */
export function ExecutionPlan({ opportunity, analysis, error, size, frozen, onSize, onReplan }: Props) {
  const a = analysis && analysis.opportunityId === opportunity.id ? analysis : null;
  const totals = a ?? opportunity;
  // The detail's heading names a subject the legs share; each line then shows only its term.
  const shared = sharedSubject(opportunity.legs.map(nameParts)) !== null;
  return (
    <section className={`plan${frozen ? ' plan-frozen' : ''}`} aria-label="Execution plan">
      <div className="plan-head">
        <h3>{frozen?.kind === 'sent' ? 'Plan as sent' : frozen?.kind === 'closed' ? 'Last executable plan' : 'Execution plan'}</h3>
        {frozen ? (
          <span className="plan-frozen-note" role="note">
            {frozen.kind === 'sent' ? `frozen at ${formatTime(frozen.at)}, when you sent it` : `closed; frozen at ${formatTime(frozen.at)}`}
            {frozen.kind === 'sent' ? <button type="button" onClick={onReplan}>Plan again</button> : null}
          </span>
        ) : (
          <SizeInput size={size} max={bestSize(opportunity, a)} limited={bestSize(opportunity, a) < opportunity.size} onSize={onSize} />
        )}
        {!frozen && a && a.size !== a.targetSize ? <span className="warn">only {a.size.toLocaleString('en-US')} fill profitably now</span> : null}
      </div>
      <table className="data-table plan-table" aria-label="Plan legs">
        <thead>
          <tr>
            <th scope="col">Leg</th>
            <th scope="col" className="num">Size</th>
            <th scope="col" className="num">Top</th>
            <th scope="col" className="num">Avg</th>
            <th scope="col" className="num">Worst</th>
            <th scope="col" className="num col-impact" title="Worst price minus top of book: how far the order walks the book">Impact</th>
          </tr>
        </thead>
        <tbody>
          {opportunity.legs.map((leg, i) => {
            const al = a?.legs[i];
            const p = nameParts(leg);
            return (
              <tr key={i}>
                <td className="plan-leg" title={`${p.name} — ${leg.market}`}>
                  <div className="leg-line">
                    <VenueChip venue={leg.venue} />
                    <span className={`leg-outcome outcome-${leg.outcome}`}>{leg.outcome.toUpperCase()}</span>
                    {shared ? null : <span className="leg-subject">{p.subject}</span>}
                    {p.term !== null ? <b className="leg-term">{p.term}</b> : null}
                  </div>
                </td>
                <td className="num">{(al ? al.size : leg.size).toLocaleString('en-US')}</td>
                <td className="num">{price(al ? al.topPrice : null)}</td>
                <td className="num">{price(al ? al.avgPrice : leg.avgPrice)}</td>
                <td className="num">{price(al ? al.worstPrice : leg.worstPrice)}</td>
                <td className="num col-impact">{price(al ? al.priceImpact : null)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="plan-totals">
        <dt>Payout</dt><dd>{formatUsd(totals.payout)}</dd>
        <dt>Cost</dt><dd>{formatUsd(totals.cost)}</dd>
        <dt>Fees</dt><dd>{formatUsd(totals.fees)}</dd>
        <dt>Net</dt><dd className={`pnl-${signOf(totals.netProfit)}`}>{formatUsd(totals.netProfit, { sign: true })}</dd>
        {a ? (
          <>
            <dt title="One leg fills alone and is sold straight back into the current bids">Worst case</dt>
            <dd className={a.worstCase.withinLimit === false ? 'pnl--1 warn' : 'pnl--1'}>
              {formatUsd(`-${a.worstCase.loss}`, { sign: true })}
              {a.worstCase.limit !== null ? ` of ${formatUsd(a.worstCase.limit)} limit` : ''}
            </dd>
            {a.ifVenuesDisagree ? (
              <>
                <dt title={`If the venues resolve the linked markets differently: ${a.ifVenuesDisagree.outcome}`}>If venues disagree</dt>
                <dd className="pnl--1 plan-disagree">{formatUsd(`-${a.ifVenuesDisagree.loss}`, { sign: true })}</dd>
              </>
            ) : null}
            {a.balance ? <CashLine check={a.balance} name={(v) => venueManifests().find((m) => m.venue === v)?.name ?? v} /> : null}
            {a.capital ? (
              <>
                <dt title={capitalSummary({ ...a.capital, capital: a.capital.byVenue }, a.at)}>Per year</dt>
                <dd className="plan-annualised">{a.capital.annualisedReturn ? percentLabel(a.capital.annualisedReturn) : '—'}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {a ? (
        <p className="plan-confidence muted">
          Confidence {a.confidence.score}/100 · liquidity risk {a.confidence.liquidityRisk}, execution {a.confidence.executionRisk}, timing {a.confidence.timingRisk}
          {a.dataQuality.filter((q) => !q.ok).map((q, i) => <span key={i} className="warn"> · {q.detail}</span>)}
        </p>
      ) : frozen ? null : error ? <p className="warn">Analysis unavailable: {error}</p> : <p className="muted">Analysing at {size.toLocaleString('en-US')}…</p>}
    </section>
  );
}
