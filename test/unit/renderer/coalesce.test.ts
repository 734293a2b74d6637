import { describe, expect, it } from 'vitest';
import type { AppState, ContractEvent, Opportunity } from '../../../src/shared/contract';
import { applyEvent } from '../../../src/renderer/src/store/applyEvent';
import { coalesceOpportunityDeltas } from '../../../src/renderer/src/store/coalesce';

const opp = (id: string, netProfit: string) => ({ id, netProfit }) as unknown as Opportunity;
const delta = (upserts: Opportunity[], removed: string[] = []): ContractEvent => ({ event: 'opportunities', payload: { upserts, removed } });

function fold(events: readonly ContractEvent[]) {
  const state = { opportunities: [opp('x', '1')], activity: [] } as unknown as AppState;
  const end = events.reduce(applyEvent, state);
  return new Map(end.opportunities.map((o) => [o.id, o.netProfit]));
}

describe('coalescing a frame\'s opportunity deltas', () => {
  it('ends in the same opportunities as applying each delta in turn', () => {
    const batch: ContractEvent[] = [
      delta([opp('a', '1'), opp('b', '2')]),
      { event: 'mode', payload: { mode: 'paper' } },
      delta([opp('a', '3')], ['x']),
      delta([], ['b']),
      delta([opp('x', '4')]),
      delta([opp('c', '5')], ['c']),
    ];
    const merged = coalesceOpportunityDeltas(batch);
    expect(merged.filter((e) => e.event === 'opportunities')).toHaveLength(1);
    expect(merged.map((e) => e.event)).toEqual(['opportunities', 'mode']);
    expect(fold(merged)).toEqual(fold(batch));
    // Within one delta the removals come first: c is removed, then opened.
    expect(Object.fromEntries(fold(merged))).toEqual({ a: '3', x: '4', c: '5' });
  });

  it('leaves a batch with at most one delta as it is', () => {
    const batch: ContractEvent[] = [delta([opp('a', '1')]), { event: 'mode', payload: { mode: 'paper' } }];
    expect(coalesceOpportunityDeltas(batch)).toBe(batch);
  });
});
