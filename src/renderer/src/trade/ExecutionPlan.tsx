import type { Analysis, Opportunity } from '../../../shared/contract';
import { formatUsd, signOf } from '../format';
import { legLabel } from './labels';

interface Props {
  opportunity: Opportunity;
  analysis: Analysis | null;
  error: string | null;
  size: number;
  onSize(size: number): void;
}

const price = (p: string | null) => (p === null ? '—' : formatUsd(p, { decimals: 4 }));

/** The plan at the chosen size, as the engine analyses it on the current books. */
export function ExecutionPlan({ opportunity, analysis, error, size, onSize }: Props) {
  const a = analysis && analysis.opportunityId === opportunity.id ? analysis : null;
  const totals = a ?? opportunity;
  return (
    <section className="plan" aria-label="Execution plan">
      <div className="plan-head">
        <h3>Execution plan</h3>
        <label>
          Size
          <input
            type="number"
            min={1}
            step={1}
            value={size}
            aria-label="Size in contracts"
            onChange={(e) => {
              const n = Math.floor(Number(e.target.value));
              if (Number.isSafeInteger(n) && n >= 1) onSize(n);
            }}
          />
          contracts
        </label>
        {a && a.size !== a.targetSize ? <span className="warn">only {a.size} fill profitably now</span> : null}
      </div>
      <table className="data-table plan-table" aria-label="Plan legs">
        <thead>
          <tr>
            <th scope="col">Leg</th>
            <th scope="col" className="num">Size</th>
            <th scope="col" className="num">Top</th>
            <th scope="col" className="num">Avg</th>
            <th scope="col" className="num">Worst</th>
            <th scope="col" className="num">Impact</th>
          </tr>
        </thead>
        <tbody>
          {opportunity.legs.map((leg, i) => {
            const al = a?.legs[i];
            return (
              <tr key={i}>
                <td title={leg.title}>{legLabel(leg)}</td>
                <td className="num">{al ? al.size : leg.size}</td>
                <td className="num">{price(al ? al.topPrice : null)}</td>
                <td className="num">{price(al ? al.avgPrice : leg.avgPrice)}</td>
                <td className="num">{price(al ? al.worstPrice : leg.worstPrice)}</td>
                <td className="num">{price(al ? al.priceImpact : null)}</td>
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
          </>
        ) : null}
      </dl>
      {a ? (
        <p className="plan-confidence muted">
          Confidence {a.confidence.score}/100 · liquidity risk {a.confidence.liquidityRisk}, execution {a.confidence.executionRisk}, timing {a.confidence.timingRisk}
          {a.dataQuality.filter((q) => !q.ok).map((q, i) => <span key={i} className="warn"> · {q.detail}</span>)}
        </p>
      ) : error ? <p className="warn">Analysis unavailable: {error}</p> : <p className="muted">Analysing at {size}…</p>}
    </section>
  );
}
