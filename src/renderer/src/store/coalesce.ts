import type { ContractEvent, Opportunity } from '../../../shared/contract';

/**
 * Folds every `opportunities` delta of a batch into one (at the place of the first), so a frame
 * with many small deltas rebuilds the opportunity list once. The last word on an id wins: an
 * upsert after a removal re-opens it, a removal after an upsert removes it. Other events keep
 * their order; none of them reads the opportunity list.
 */
export function coalesceOpportunityDeltas(events: readonly ContractEvent[]): ContractEvent[] {
  let count = 0;
  for (const e of events) if (e.event === 'opportunities') count++;
  if (count < 2) return events as ContractEvent[];
  const latest = new Map<string, Opportunity | null>();
  const out: ContractEvent[] = [];
  let placeholder = -1;
  for (const e of events) {
    if (e.event !== 'opportunities') {
      out.push(e);
      continue;
    }
    for (const id of e.payload.removed) latest.set(id, null);
    for (const o of e.payload.upserts) latest.set(o.id, o);
    if (placeholder < 0) {
      placeholder = out.length;
      out.push(e);
    }
  }
  const upserts: Opportunity[] = [];
  const removed: string[] = [];
  for (const [id, o] of latest) {
    if (o) upserts.push(o);
    else removed.push(id);
  }
  out[placeholder] = { event: 'opportunities', payload: { upserts, removed } };
  return out;
}
