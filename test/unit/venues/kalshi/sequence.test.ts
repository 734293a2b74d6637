import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SubscriptionSequences } from '../../../../src/engine/venues/kalshi/sequence';

const SNAP = 'orderbook_snapshot' as const;
const DELTA = 'orderbook_delta' as const;

describe('Kalshi subscription sequences', () => {
  it('accepts a contiguous stream and reports nothing', () => {
    const s = new SubscriptionSequences();
    s.register(1, ['A', 'B']);
    expect(s.onMessage(1, 1, SNAP, 'A')).toEqual({ kind: 'first' });
    expect(s.onMessage(1, 2, SNAP, 'B')).toEqual({ kind: 'ok' });
    for (let seq = 3; seq < 50; seq++) expect(s.onMessage(1, seq, DELTA, seq % 2 ? 'A' : 'B')).toEqual({ kind: 'ok' });
    expect(s.isResyncing(1)).toBe(false);
  });

  // kalshi.asyncapi.yaml okResponsePayload: `ok` carries sid and seq; whether it takes a slot is undocumented.
  it('an ok reply carrying the next seq never reads as a gap, whichever way the venue numbers', () => {
    for (const tookSlot of [true, false]) {
      const s = new SubscriptionSequences();
      s.register(456, ['A']);
      s.onMessage(456, 221, SNAP, 'A');
      expect(s.onReply(456, 222)).toBe(true);
      s.addTickers(456, ['B']);
      expect(s.onMessage(456, tookSlot ? 223 : 222, SNAP, 'B')).toEqual({ kind: 'ok' });
      expect(s.onMessage(456, tookSlot ? 224 : 223, DELTA, 'A')).toEqual({ kind: 'ok' });
    }
    const s = new SubscriptionSequences();
    s.register(1, ['A']);
    s.onMessage(1, 5, SNAP, 'A');
    expect(s.onReply(1, 5)).toBe(false); // the current seq: nothing taken
    expect(s.onReply(2, 6)).toBe(false); // not ours
    expect(s.onMessage(1, 6, DELTA, 'A')).toEqual({ kind: 'ok' });
    s.onReply(1, 7);
    expect(s.onMessage(1, 9, DELTA, 'A')).toMatchObject({ kind: 'gap', expected: 8, got: 9 });
  });

  it('on a gap invalidates every market of that subscription only, and owes each a snapshot', () => {
    const s = new SubscriptionSequences();
    s.register(1, ['A', 'B', 'C']);
    s.register(2, ['D']);
    s.onMessage(1, 1, SNAP, 'A');
    s.onMessage(2, 1, SNAP, 'D');
    const gap = s.onMessage(1, 3, DELTA, 'B');
    expect(gap).toEqual({ kind: 'gap', expected: 2, got: 3, invalidated: ['A', 'B', 'C'] });
    expect(s.pending(1).sort()).toEqual(['A', 'B', 'C']);
    expect(s.isResyncing(2)).toBe(false);
    // Deltas keep the count going; only snapshots pay off what is owed.
    expect(s.onMessage(1, 4, DELTA, 'A')).toEqual({ kind: 'ok' });
    expect(s.onMessage(1, 5, SNAP, 'A')).toEqual({ kind: 'ok' });
    expect(s.onMessage(1, 6, SNAP, 'C')).toEqual({ kind: 'ok' });
    expect(s.pending(1)).toEqual(['B']);
    expect(s.onMessage(1, 7, SNAP, 'B')).toEqual({ kind: 'resynced' });
    expect(s.isResyncing(1)).toBe(false);
  });

  it('a second gap during a resync owes every market a snapshot again', () => {
    const s = new SubscriptionSequences();
    s.register(7, ['A', 'B']);
    s.onMessage(7, 10, SNAP, 'A');
    s.onMessage(7, 12, DELTA, 'A'); // gap
    s.onMessage(7, 13, SNAP, 'A');
    expect(s.pending(7)).toEqual(['B']);
    const again = s.onMessage(7, 20, DELTA, 'B');
    expect(again.kind).toBe('gap');
    expect(s.pending(7).sort()).toEqual(['A', 'B']);
  });

  it('a snapshot that reveals the gap heals its own market', () => {
    const s = new SubscriptionSequences();
    s.register(1, ['A', 'B']);
    s.onMessage(1, 1, SNAP, 'A');
    const gap = s.onMessage(1, 5, SNAP, 'B');
    expect(gap).toMatchObject({ kind: 'gap', invalidated: ['A', 'B'] });
    expect(s.pending(1)).toEqual(['A']);
    // With one market the subscription is whole again at once.
    s.register(2, ['Z']);
    s.onMessage(2, 1, SNAP, 'Z');
    s.onMessage(2, 3, SNAP, 'Z');
    expect(s.isResyncing(2)).toBe(false);
  });

  it('removing the markets still owed a snapshot ends the resync; unknown sids are ignored', () => {
    const s = new SubscriptionSequences();
    s.register(1, ['A', 'B']);
    s.onMessage(1, 1, SNAP, 'A');
    s.onMessage(1, 3, DELTA, 'A');
    s.onMessage(1, 4, SNAP, 'A');
    s.removeTickers(1, ['B']);
    expect(s.isResyncing(1)).toBe(false);
    expect(s.tickers(1)).toEqual(['A']);
    expect(s.onMessage(99, 5, DELTA, 'X')).toEqual({ kind: 'ok' });
  });

  it('counts snapshot requests per gap and forgets them once whole', () => {
    const s = new SubscriptionSequences();
    s.register(1, ['A']);
    s.onMessage(1, 1, SNAP, 'A');
    s.register(1, ['A', 'B']);
    s.onMessage(1, 1, SNAP, 'A');
    s.onMessage(1, 3, DELTA, 'A');
    expect(s.noteRequest(1)).toBe(1);
    expect(s.noteRequest(1)).toBe(2);
    s.onMessage(1, 4, SNAP, 'B');
    expect(s.isResyncing(1)).toBe(true);
    s.onMessage(1, 5, SNAP, 'A');
    expect(s.isResyncing(1)).toBe(false);
    expect(s.noteRequest(1)).toBe(1);
  });

  it('property: a subscription is resyncing exactly when a gap happened after the last snapshot of some market', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ skip: fc.boolean(), snapshot: fc.boolean(), market: fc.constantFrom('A', 'B', 'C') }), { minLength: 1, maxLength: 60 }),
        (steps) => {
          const s = new SubscriptionSequences();
          s.register(1, ['A', 'B', 'C']);
          let seq = 0;
          let first = true;
          const owed = new Set<string>();
          for (const step of steps) {
            seq += step.skip && !first ? 2 : 1;
            const v = s.onMessage(1, seq, step.snapshot ? SNAP : DELTA, step.market);
            if (step.skip && !first) {
              expect(v.kind).toBe('gap');
              for (const m of ['A', 'B', 'C']) owed.add(m);
            }
            first = false;
            if (step.snapshot) owed.delete(step.market);
            expect(new Set(s.pending(1))).toEqual(owed);
            expect(s.isResyncing(1)).toBe(owed.size > 0);
          }
        },
      ),
    );
  });
});
