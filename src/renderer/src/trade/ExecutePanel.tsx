import type { Opportunity } from '../../../shared/contract';
import { useMemo } from 'react';
import { keysText } from '../../../shared/keys';
import { ActionButton } from '../actions/ActionButton';
import { chordOf, MAC } from '../actions/actionContext';
import { executeAction } from '../actions/windowActions';
import { nameParts } from '../names/marketNames';
import { ExecutionProgressView } from './ExecutionProgressView';
import { ExecutionResultView } from './ExecutionResultView';
import { useTradeStore } from './tradeStore';

interface Props {
  opportunity: Opportunity;
  /** The Execute action's reason it cannot run now. */
  blockedReason: string | null;
  /** Market → human name, for the result's legs. */
  names: ReadonlyMap<string, string>;
}

/** Execute, why it is disabled when it is, and the progress and result of the last execution. */
export function ExecutePanel({ opportunity, blockedReason, names }: Props) {
  const running = useTradeStore((s) => s.running[opportunity.id] ?? false);
  const outcome = useTradeStore((s) => s.outcomes[opportunity.id]);
  const parts = useMemo(() => new Map(opportunity.legs.map((l) => [l.market, { ...nameParts(l), name: names.get(l.market) ?? nameParts(l).name }] as const)), [opportunity, names]);
  return (
    <section className="execute-panel" aria-label="Execute">
      <div className="execute-row">
        <ActionButton action={executeAction} className="primary execute-button" aria-describedby={blockedReason ? 'execute-blocked' : undefined} />
        {blockedReason ? <span id="execute-blocked" className="execute-blocked">{blockedReason}</span> : <span className="muted"><kbd>{keysText(chordOf(executeAction)!, MAC)}</kbd> to execute</span>}
        {running ? <span className="execute-running" role="status">Executing…</span> : null}
      </div>
      {outcome ? <ExecutionResultView outcome={outcome} names={names} /> : null}
      <ExecutionProgressView opportunityId={opportunity.id} names={parts} />
    </section>
  );
}
