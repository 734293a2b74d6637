import { useMemo } from 'react';
import type { ExecutionProgress } from '../../../shared/contract';
import { formatTime } from '../format';
import { withNames, type NameParts } from '../names/marketNames';
import { useAppStore } from '../store/appStore';

/** The steps of the latest execution of this opportunity, as the engine reports them. */
export function ExecutionProgressView({ opportunityId, names }: { opportunityId: string; names: ReadonlyMap<string, NameParts> }) {
  const executions = useAppStore((s) => s.executions);
  const steps = useMemo(() => {
    let latest: ExecutionProgress[] | null = null;
    for (const list of Object.values(executions)) {
      if (list[0]?.opportunityId !== opportunityId) continue;
      if (!latest || list[0].at >= latest[0]!.at) latest = list;
    }
    return latest ?? [];
  }, [executions, opportunityId]);
  if (steps.length === 0) return null;
  return (
    <ol className="exec-steps" aria-label="Execution progress">
      {steps.map((p, i) => (
        <li key={i} className={`exec-step exec-${p.status}`} title={p.message}>
          <time>{formatTime(p.at)}</time> <span className="exec-step-name">{p.step}</span>{' '}
          {withNames(p.message, names).map((part, j) => ('text' in part ? part.text : <b key={j} title={part.market}>{part.name}</b>))}
        </li>
      ))}
    </ol>
  );
}
