import { formatUsd, signOf } from '../format';
import { nameParts } from '../names/marketNames';
import { useAppStore } from '../store/appStore';
import { fillSummary } from './fillSummary';
import type { ExecutionOutcome } from './tradeStore';

const STATUS = { filled: 'FILLED', completed: 'COMPLETED', flattened: 'FLATTENED', refused: 'REFUSED', failed: 'FAILED' } as const;

/** The result of the last execution of this opportunity, in place under its plan. */
export function ExecutionResultView({ outcome, names }: { outcome: ExecutionOutcome; names: ReadonlyMap<string, string> }) {
  const mode = useAppStore((s) => s.app?.mode ?? 'paper');
  if (!outcome.ok) {
    return (
      <div className="exec-result exec-result-refused" role="status" aria-label="Execution result">
        <b className="exec-status">REFUSED</b> · {mode.toUpperCase()} · nothing sent — {outcome.error}
      </div>
    );
  }
  const r = outcome.result;
  return (
    <div className={`exec-result exec-result-${r.status}`} role="status" aria-label="Execution result">
      <div>
        <b className="exec-status">{STATUS[r.status]}</b> · {r.mode.toUpperCase()} · <span className="exec-fill">{fillSummary(r, outcome.requested, outcome.lossLimit)}</span>
        {r.netProfit !== null ? <> · net <span className={`pnl-${signOf(r.netProfit)}`}>{formatUsd(r.netProfit, { sign: true })}</span></> : null}
        {r.reason ? <div className="exec-reason">{r.reason}</div> : null}
      </div>
      <ul className="exec-legs">
        {r.legs.map((l, i) => (
          <li key={i}>
            {l.outcome.toUpperCase()} {names.get(l.market) ?? nameParts({ market: l.market, title: '' }).name}: {l.status}, {l.filled} of {l.requested.toLocaleString('en-US')} at{' '}
            {l.avgPrice === null ? '—' : formatUsd(l.avgPrice, { decimals: 4 })}, fees {formatUsd(l.fees)}
          </li>
        ))}
      </ul>
    </div>
  );
}
