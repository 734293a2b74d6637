import { formatUsd, signOf } from '../format';
import { legLabel } from './labels';
import type { ExecutionOutcome } from './tradeStore';

/** The result of the last execution of this opportunity, in place under its plan. */
export function ExecutionResultView({ outcome }: { outcome: ExecutionOutcome }) {
  if (!outcome.ok) {
    return (
      <div className="exec-result exec-result-refused" role="status" aria-label="Execution result">
        <b>Refused</b> — {outcome.error}
      </div>
    );
  }
  const r = outcome.result;
  return (
    <div className={`exec-result exec-result-${r.status}`} role="status" aria-label="Execution result">
      <div>
        <b className="exec-status">{r.status.toUpperCase()}</b> · {r.mode.toUpperCase()} · {r.size} contracts
        {r.netProfit !== null ? <> · net <span className={`pnl-${signOf(r.netProfit)}`}>{formatUsd(r.netProfit, { sign: true })}</span></> : null}
        {r.reason ? <> · {r.reason}</> : null}
      </div>
      <ul className="exec-legs">
        {r.legs.map((l, i) => (
          <li key={i}>
            {legLabel(l)}: {l.status}, {l.filled}/{l.requested} at {l.avgPrice === null ? '—' : formatUsd(l.avgPrice, { decimals: 4 })}, fees {formatUsd(l.fees)}
          </li>
        ))}
      </ul>
    </div>
  );
}
