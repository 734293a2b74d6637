import type { Opportunity } from '../../../shared/contract';
import { useMemo } from 'react';
import { nameParts } from '../names/marketNames';
import { ExecutionProgressView } from './ExecutionProgressView';
import { ExecutionResultView } from './ExecutionResultView';
import { useTradeStore } from './tradeStore';

interface Props {
  opportunity: Opportunity;
  blockedReason: string | null;
  onExecute(): void;
  /** Market → human name, for the result's legs. */
  names: ReadonlyMap<string, string>;
}

/** Execute, why it is disabled when it is, and the progress and result of the last execution. */
export function ExecutePanel({ opportunity, blockedReason, onExecute, names }: Props) {
  const running = useTradeStore((s) => s.running[opportunity.id] ?? false);
  const outcome = useTradeStore((s) => s.outcomes[opportunity.id]);
  const parts = useMemo(() => new Map(opportunity.legs.map((l) => [l.market, { ...nameParts(l), name: names.get(l.market) ?? nameParts(l).name }] as const)), [opportunity, names]);
  return (
    <section className="execute-panel" aria-label="Execute">
      <div className="execute-row">
        <button
          type="button"
          className="primary execute-button"
          disabled={blockedReason !== null}
          aria-describedby={blockedReason ? 'execute-blocked' : undefined}
          onClick={onExecute}
        >
          Execute
        </button>
        {blockedReason ? <span id="execute-blocked" className="execute-blocked">{blockedReason}</span> : <span className="muted"><kbd>E</kbd> to execute</span>}
        {running ? <span className="execute-running" role="status">Executing…</span> : null}
      </div>
      {outcome ? <ExecutionResultView outcome={outcome} names={names} /> : null}
      <ExecutionProgressView opportunityId={opportunity.id} names={parts} />
    </section>
  );
}
