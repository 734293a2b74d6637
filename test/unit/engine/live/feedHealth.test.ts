import { describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { DEFAULT_STALE_AFTER_MS, FeedHealth } from '../../../../src/engine/live/feedHealth';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { kalshiWs, polymarketWs } from '../../../helpers/fakeVenue';

function setup() {
  const scanner = new Scanner();
  scanner.addMarkets([
    { venue: 'kalshi', id: 'A', title: 'A', fee: KalshiFeeModel.parse('0.07') as KalshiFeeModel },
    { venue: 'polymarket', id: '0xp', title: 'P', fee: PolymarketFeeModel.parse('0', 1) as PolymarketFeeModel, tokens: { yes: '1', no: '2' } },
  ]);
  scanner.apply('kalshi', kalshiWs.snapshot(1, 1, 'A', [['0.4000', '10.00']], [['0.5000', '10.00']]));
  scanner.apply('polymarket', polymarketWs.book('0xp', '1', [['0.4', '10']], [['0.5', '10']]));
  let mono = 0;
  const changes: MarketRef[][] = [];
  const health = (venue: 'kalshi' | 'polymarket', refs: MarketRef[]) =>
    new FeedHealth({ venue, scanner, markets: () => refs, staleAfterMs: 1000, monotonic: () => mono, now: () => 1, onChange: (_d, r) => changes.push([...r]) });
  return { scanner, health, changes, tick: (ms: number) => (mono += ms), at: () => mono };
}

describe('book health from the feed', () => {
  it('defaults to five seconds of silence', () => {
    expect(DEFAULT_STALE_AFTER_MS).toBe(5000);
  });

  it('marks a venue’s live books stale after silence and live again when data flows', () => {
    const t = setup();
    const h = t.health('kalshi', ['kalshi:A']);
    h.onStatus({ connection: 'connected', messageRate: 0, lastMessageAt: null, lagMs: null, detail: null });
    h.onMessage(t.at());
    expect(h.isStale).toBe(false);
    t.tick(900);
    h.tick();
    expect(t.scanner.books.get('kalshi:A')!.yes.health).toBe('live');
    t.tick(200);
    h.tick();
    expect(h.staleReason).toMatch(/^no data for 1\.1 s$/);
    expect([t.scanner.books.get('kalshi:A')!.yes.health, t.scanner.books.get('kalshi:A')!.no.health]).toEqual(['stale', 'stale']);
    expect(h.counts()).toEqual({ stale: 1, unknown: 0 });
    h.onMessage(t.at());
    expect(t.scanner.books.get('kalshi:A')!.yes.health).toBe('live');
    expect(t.changes).toEqual([['kalshi:A'], ['kalshi:A']]);
  });

  it('a feed that is not connected keeps books stale even while messages trickle in', () => {
    const t = setup();
    const h = t.health('kalshi', ['kalshi:A']);
    h.onStatus({ connection: 'reconnecting', messageRate: 0, lastMessageAt: null, lagMs: null, detail: 'socket closed' });
    h.onMessage(t.at());
    expect(h.staleReason).toBe('feed reconnecting: socket closed');
    expect(t.scanner.books.get('kalshi:A')!.yes.health).toBe('stale');
  });

  it('an invalidated book is unknown, and freshness does not make it live: only its snapshot does', () => {
    const t = setup();
    const h = t.health('polymarket', ['polymarket:0xp']);
    h.onStatus({ connection: 'connected', messageRate: 0, lastMessageAt: null, lagMs: null, detail: null });
    h.onMessage(t.at());
    h.invalidate(['polymarket:0xp']);
    const book = t.scanner.books.get('polymarket:0xp')!;
    expect([book.yes.health, book.no.health]).toEqual(['unknown', 'unknown']);
    t.tick(2000);
    h.tick();
    h.onMessage(t.at());
    expect(book.yes.health).toBe('unknown');
    t.scanner.apply('polymarket', polymarketWs.book('0xp', '1', [['0.4', '10']], [['0.5', '10']]));
    expect([book.yes.health, book.no.health]).toEqual(['live', 'unknown']);
    expect(h.counts()).toEqual({ stale: 0, unknown: 1 });
  });

  it('one silent connection of a venue makes its own markets stale; venue-wide freshness does not undo that', () => {
    const t = setup();
    const h = t.health('polymarket', ['polymarket:0xp']);
    h.onStatus({ connection: 'connected', messageRate: 0, lastMessageAt: null, lagMs: null, detail: null });
    h.onMessage(t.at());
    h.connectionHealth(['polymarket:0xp'], 'stale', 'connection 2 silent for 30 s');
    const book = t.scanner.books.get('polymarket:0xp')!;
    expect(book.yes.health).toBe('stale');
    t.tick(2000);
    h.tick();
    h.onMessage(t.at());
    expect(book.yes.health).toBe('stale');
    h.connectionHealth(['polymarket:0xp'], 'live', '');
    expect(book.yes.health).toBe('live');
  });
});
