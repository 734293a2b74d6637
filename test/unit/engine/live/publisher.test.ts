import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { OpportunityPublisher, type OpportunitiesEvent } from '../../../../src/engine/live/opportunityPublisher';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { kalshiWs } from '../../../helpers/fakeVenue';

// One Kalshi market whose crossed book (YES bid + NO bid > $1) is a single-market opportunity.
const fee = KalshiFeeModel.parse('0.07') as KalshiFeeModel;

describe('the opportunity publisher', () => {
  let scanner: Scanner;
  let publisher: OpportunityPublisher;
  let pushes: OpportunitiesEvent[];
  let seq: number;
  const send = (data: unknown) => publisher.add(scanner.apply('kalshi', data, Date.now()).delta);
  const crossed = (yesBid = '0.6000', size = '100.00') => send(kalshiWs.snapshot(1, seq++, 'A', [[yesBid, size]], [['0.5000', '100.00']]));
  const fair = () => send(kalshiWs.snapshot(1, seq++, 'A', [['0.4000', '100.00']], [['0.5000', '100.00']]));

  beforeEach(() => {
    vi.useFakeTimers();
    scanner = new Scanner({ now: () => Date.now() });
    scanner.addMarkets([{ venue: 'kalshi', id: 'A', title: 'A', fee }]);
    publisher = new OpportunityPublisher({ scanner, now: () => Date.now(), intervalMs: 100, staleHoldMs: 30_000 });
    pushes = [];
    publisher.onDidPublish((e) => pushes.push(e));
    seq = 1;
  });
  afterEach(() => {
    publisher.dispose();
    vi.useRealTimers();
  });

  it('pushes at most once per interval, merging changes into the latest figures', () => {
    crossed('0.6000', '100.00');
    vi.advanceTimersByTime(0);
    expect(pushes).toHaveLength(1);
    for (let i = 0; i < 20; i++) crossed('0.6000', `${90 - i}.00`);
    vi.advanceTimersByTime(50);
    expect(pushes).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.upserts).toHaveLength(1);
    expect(pushes[1]!.upserts[0]!.size).toBe(71);
    expect(publisher.opportunitiesSeen).toBe(1);
  });

  it('never loses a close of something shown, and never shows what opened and closed in between', () => {
    crossed();
    vi.advanceTimersByTime(0);
    const id = pushes[0]!.upserts[0]!.id;
    fair();
    vi.advanceTimersByTime(100);
    expect(pushes.at(-1)).toEqual({ upserts: [], removed: [id] });

    crossed();
    fair();
    vi.advanceTimersByTime(200);
    expect(pushes).toHaveLength(2);
    expect(publisher.opportunitiesSeen).toBe(2);
  });

  it('a snapshot counts as shown: a close right after it is still sent', () => {
    crossed();
    expect(publisher.snapshot().map((o) => o.id)).toHaveLength(1);
    fair();
    vi.advanceTimersByTime(200);
    const removed = pushes.flatMap((p) => p.removed);
    expect(removed).toHaveLength(1);
  });

  it('holds an opportunity that closed because its book went stale, greyed, until it is live and re-evaluated', () => {
    crossed();
    vi.advanceTimersByTime(0);
    const id = pushes[0]!.upserts[0]!.id;
    publisher.add(scanner.setHealth('kalshi:A', 'stale', Date.now()));
    vi.advanceTimersByTime(100);
    expect(pushes.at(-1)!.removed).toEqual([]);
    expect(pushes.at(-1)!.upserts).toEqual([expect.objectContaining({ id, stale: true })]);
    expect(publisher.snapshot()).toEqual([expect.objectContaining({ id, stale: true })]);
    // Live again and still an opportunity: sent fresh, not counted twice.
    publisher.add(scanner.setHealth('kalshi:A', 'live', Date.now()));
    vi.advanceTimersByTime(100);
    expect(pushes.at(-1)!.upserts).toEqual([expect.objectContaining({ id, stale: false })]);
    expect(publisher.opportunitiesSeen).toBe(1);

    // Stale again, and when the book comes back the edge is gone: removed.
    publisher.add(scanner.setHealth('kalshi:A', 'unknown', Date.now()));
    vi.advanceTimersByTime(100);
    expect(pushes.at(-1)!.upserts).toEqual([expect.objectContaining({ id, stale: true })]);
    fair();
    vi.advanceTimersByTime(600);
    expect(pushes.at(-1)!.removed).toEqual([id]);
  });

  it('releases a held opportunity after the hold time even if nothing else happens', () => {
    crossed();
    vi.advanceTimersByTime(0);
    const id = pushes[0]!.upserts[0]!.id;
    publisher.add(scanner.setHealth('kalshi:A', 'stale', Date.now()));
    vi.advanceTimersByTime(29_000);
    expect(pushes.flatMap((p) => p.removed)).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(pushes.flatMap((p) => p.removed)).toEqual([id]);
    expect(publisher.snapshot()).toEqual([]);
  });
});
