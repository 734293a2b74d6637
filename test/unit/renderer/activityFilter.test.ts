import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../src/shared/contract';
import { filterActivity, NO_FILTER } from '../../../src/renderer/src/desk/activityFilter';

const entry = (id: number, over: Partial<ActivityEntry>): ActivityEntry => ({
  id, at: 1_700_000_000_000 + id, kind: 'info', level: 'info', venue: null, message: `entry ${id}`, ref: null, ...over,
});

const log: ActivityEntry[] = [
  entry(6, { kind: 'fill', venue: 'kalshi', message: 'Filled 5 YES KXFED' }),
  entry(5, { kind: 'reject', level: 'error', venue: 'polymarket', message: 'Order rejected: insufficient balance' }),
  entry(4, { kind: 'trip', level: 'warn', message: 'Breaker tripped: max daily loss' }),
  entry(3, { kind: 'fill', venue: 'polymarket', message: 'Filled 5 NO 0xabc', ref: 'exec-42' }),
  entry(2, { kind: 'reconnect', level: 'warn', venue: 'kalshi', message: 'Reconnected after 2.1 s' }),
  entry(1, { kind: 'info', message: 'Engine started' }),
];

describe('the Activity filter', () => {
  it('keeps everything, newest first, with no filter', () => {
    expect(filterActivity(log, NO_FILTER)).toEqual({ shown: log, matched: 6 });
  });

  it('combines kind, level, venue and text (case-insensitive, including the ref)', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => filterActivity(log, { ...NO_FILTER, ...f }).shown.map((e) => e.id);
    expect(ids({ kind: 'fill' })).toEqual([6, 3]);
    expect(ids({ kind: 'fill', venue: 'polymarket' })).toEqual([3]);
    expect(ids({ level: 'warn' })).toEqual([4, 2]);
    expect(ids({ venue: 'kalshi', level: 'warn' })).toEqual([2]);
    expect(ids({ text: 'FILLED' })).toEqual([6, 3]);
    expect(ids({ text: 'exec-42' })).toEqual([3]);
    expect(ids({ text: '   ' })).toEqual([6, 5, 4, 3, 2, 1]);
    expect(ids({ kind: 'trip', venue: 'kalshi' })).toEqual([]);
  });

  it('draws at most the cap but counts every match', () => {
    const many = Array.from({ length: 5000 }, (_, i) => entry(5000 - i, { kind: i % 2 ? 'fill' : 'order' }));
    const r = filterActivity(many, { ...NO_FILTER, kind: 'fill' }, 300);
    expect(r.matched).toBe(2500);
    expect(r.shown).toHaveLength(300);
    expect(r.shown.every((e) => e.kind === 'fill')).toBe(true);
    expect(r.shown[0]!.id).toBe(4999);
  });
});
