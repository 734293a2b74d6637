import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractEvent, Opportunity } from '../../../../src/shared/contract';
import { Engine } from '../../../../src/engine/engine';
import { createDispatcher } from '../../../../src/host/dispatch';
import type { Discovery } from '../../../../src/engine/venues/venue';
import type { KalshiDecoder } from '../../../../src/engine/venues/kalshi/marketData';
import { fakeConnectors, fakeResolver, kalshiMarket, kalshiWs, polymarketMarket, polymarketWs, type FakeVenue } from '../../../helpers/fakeVenue';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';
import { until } from '../../../helpers/until';

const CLOSE = Date.UTC(2031, 4, 31, 23, 59);
const K = kalshiMarket('KXSHUT-31MAY', {
  title: 'Will the US government shut down before Jun 1, 2031?',
  eventTitle: 'Government shutdown',
  closeTime: CLOSE,
  category: 'Politics',
  seriesId: 'KXSHUT',
});
const P = polymarketMarket('0xshut', '111', '222', {
  title: 'US government shutdown by May 31, 2031?',
  eventTitle: 'US government shutdown by May 31, 2031?',
  closeTime: CLOSE + 3_600_000,
  category: 'Politics',
  seriesId: 'us-government-shutdown',
});
const OTHER = kalshiMarket('KXBTC-31MAY-T100', { category: 'Crypto', seriesId: 'KXBTC', title: 'Bitcoin above $100,000 on May 31?', closeTime: CLOSE });

const discoveries = (): { kalshi: Discovery; polymarket: Discovery } => ({
  kalshi: { markets: [K, OTHER], exclusiveSets: [], implications: [] },
  polymarket: { markets: [P], exclusiveSets: [], implications: [] },
});

/** Books with a cross-venue edge: YES on Kalshi at 0.45 + NO on Polymarket at 0.40. */
function sendBooks(k: FakeVenue, p: FakeVenue, seq = 1): void {
  k.feed.send(kalshiWs.snapshot(1, seq, K.id, [['0.4000', '100.00']], [['0.5500', '100.00']]));
  k.feed.send(kalshiWs.snapshot(1, seq + 1, OTHER.id, [['0.3000', '10.00']], [['0.6000', '10.00']]));
  p.feed.send(polymarketWs.book(P.id, '111', [['0.58', '50']], [['0.62', '50']]));
  p.feed.send(polymarketWs.book(P.id, '222', [['0.36', '50']], [['0.40', '50']]));
}

describe('the live engine with scripted venues', () => {
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  let events: ContractEvent[];
  let fakes: ReturnType<typeof fakeConnectors>;
  const call = (command: string, payload: unknown = {}) => createDispatcher(engine, () => undefined)({ type: 'request', id: 1, command, payload });

  async function start(opts: { staleAfterMs?: number } = {}): Promise<void> {
    fakes = fakeConnectors(discoveries());
    engine = await Engine.create({
      host: 'serve',
      dataDir: dir.path,
      secrets: new MemorySecretStore(),
      venues: fakeResolver,
      connect: fakes.connect,
      live: { publishIntervalMs: 20, bookIntervalMs: 20, statusIntervalMs: 50, staleAfterMs: opts.staleAfterMs ?? 60_000 },
      log: () => undefined,
    });
    events = [];
    engine.onEvent((e) => events.push(e));
    await until(() => engine.services.scanner.has(K.ref) && engine.services.scanner.has(P.ref), 'discovered markets in the scanner');
  }

  const opportunitiesIn = (): Map<string, Opportunity> => {
    const list = new Map<string, Opportunity>();
    for (const e of events) {
      if (e.event !== 'opportunities') continue;
      for (const id of e.payload.removed) list.delete(id);
      for (const o of e.payload.upserts) list.set(o.id, o);
    }
    return list;
  };

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    engine?.dispose();
    dir.remove();
  });

  it('discovers, subscribes the watched markets, and reports both venues', async () => {
    await start();
    const k = fakes.latest('kalshi');
    const p = fakes.latest('polymarket');
    expect(k.feed.subscribed.sort()).toEqual([K.ref, OTHER.ref].sort());
    expect(p.feed.subscribed).toEqual([P.ref]);
    k.feed.setStatus('connected');
    p.feed.setStatus('connected');
    sendBooks(k, p);
    const state = await call('getState');
    expect(state.ok).toBe(true);
    const s = (state as { result: { venues: { venue: string; connection: string; markets: number; environment: string; unknownBooks: number }[]; catalog: { categories: { name: string }[] } } }).result;
    // Every registered venue is reported; Polymarket US is off outside the US (settings.traderJurisdiction).
    expect(s.venues.map((v) => [v.venue, v.connection, v.markets, v.environment, v.unknownBooks])).toEqual([
      ['kalshi', 'connected', 2, 'production', 0],
      ['polymarket', 'connected', 1, 'production', 0],
      ['polymarket-us', 'disabled', 0, 'production', 0],
    ]);
    expect(s.catalog.categories.map((c) => c.name)).toEqual(['Crypto', 'Politics']);
  });

  it('suggests the cross-venue link, trades nothing on it before the trader confirms, then opens the opportunity', async () => {
    await start();
    const k = fakes.latest('kalshi');
    const p = fakes.latest('polymarket');
    k.feed.setStatus('connected');
    p.feed.setStatus('connected');
    sendBooks(k, p);
    const links = await until(() => (engine.services.links.list().length > 0 ? engine.services.links.list() : null), 'the suggestion');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ status: 'suggested', sides: [{ market: K.ref, title: K.title, rules: K.rules }, { market: P.ref, title: P.title }] });
    expect(links[0]!.score).toBeGreaterThan(0.5);
    expect(engine.services.scanner.baskets().some((b) => b.strategy === 'cross_venue')).toBe(false);
    expect(engine.services.scanner.opportunities()).toEqual([]);

    const confirmed = await call('confirmLink', { linkId: links[0]!.id });
    expect(confirmed).toMatchObject({ ok: true, result: { status: 'confirmed' } });
    const opened = await until(() => [...opportunitiesIn().values()].find((o) => o.strategy === 'cross_venue'), 'a cross-venue opportunity event');
    expect(opened.legs.map((l) => [l.market, l.outcome])).toEqual([[K.ref, 'yes'], [P.ref, 'no']]);
    expect(opened.stale).toBe(false);
    await until(() => events.some((e) => e.event === 'stats' && e.payload.opportunitiesSeen >= 1), 'stats counting it');

    const rejected = await call('rejectLink', { linkId: links[0]!.id });
    expect(rejected).toMatchObject({ ok: true, result: { status: 'rejected' } });
    expect(engine.services.scanner.baskets().some((b) => b.strategy === 'cross_venue')).toBe(false);
    await until(() => !opportunitiesIn().has(opened.id), 'the removal of the unlinked opportunity');
  });

  /** Both venues connected with books that hold a cross-venue edge. */
  async function connected(): Promise<{ k: FakeVenue; p: FakeVenue }> {
    await start();
    const k = fakes.latest('kalshi');
    const p = fakes.latest('polymarket');
    k.feed.setStatus('connected');
    p.feed.setStatus('connected');
    sendBooks(k, p);
    return { k, p };
  }

  it('a confirmed link whose rules text changes is suspended: its opportunity greyed and refused, an activity entry, until re-confirmed', async () => {
    const { p } = await connected();
    const id = (await until(() => engine.services.links.list()[0], 'the suggestion')).id;
    await call('confirmLink', { linkId: id });
    const opened = await until(() => [...opportunitiesIn().values()].find((o) => o.strategy === 'cross_venue'), 'the opportunity');
    expect(opened.suspended ?? null).toBeNull();

    // Polymarket edits the rules after the trader confirmed the link.
    p.discovery = { markets: [{ ...P, rules: `${P.rules} If the outcome is unclear, resolution may be delayed by up to 7 days.` }], exclusiveSets: [], implications: [] };
    await engine.services.sync.refreshDiscovery('polymarket');
    const greyed = await until(() => opportunitiesIn().get(opened.id)?.suspended ?? null, 'the opportunity marked suspended');
    expect(greyed).toMatch(/the link it relies on is suspended \(Polymarket rules text changed\)/);
    expect(engine.services.links.list().find((l) => l.id === id)).toMatchObject({ status: 'suspended', suspension: { changes: ['Polymarket rules text changed'] } });
    const activity = await call('getActivity', {});
    expect(JSON.stringify(activity)).toMatch(/Link suspended: .*Polymarket rules text changed/);
    const refused = await call('execute', { opportunityId: opened.id, size: 1 });
    expect(refused).toMatchObject({ ok: true, result: { status: 'refused', reason: expect.stringMatching(/link it relies on is suspended/) } });

    // The trader reads the new text and confirms again against it.
    expect(await call('confirmLink', { linkId: id })).toMatchObject({ ok: true, result: { status: 'confirmed', suspension: null } });
    await until(() => (opportunitiesIn().get(opened.id) && !opportunitiesIn().get(opened.id)!.suspended ? true : null), 'the opportunity tradeable again');
  });

  it('between discoveries, a venue’s own read of a linked market’s terms suspends the link; a venue that cannot answer does not stop the others', async () => {
    const { k, p } = await connected();
    const id = (await until(() => engine.services.links.list()[0], 'the suggestion')).id;
    await call('confirmLink', { linkId: id });
    // Kalshi cannot answer; Polymarket says the market closed long before its close time.
    k.watchMarkets = async () => {
      throw new Error('HTTP 503');
    };
    p.watchMarkets = async (refs) => refs.map((ref) => ({ ref, rules: P.rules, closeTime: P.closeTime, status: 'closed' as const, dispute: null }));
    await engine.services.linkWatch.poll();
    expect(engine.services.links.list().find((l) => l.id === id)).toMatchObject({ status: 'suspended', suspension: { changes: ['Polymarket status open → closed'] } });
    expect(engine.services.links.book.watchedMarkets()).toEqual([]);
  });

  it('holds an opportunity greyed while a leg is stale, and re-evaluates it when data flows again', async () => {
    await start({ staleAfterMs: 150 });
    const k = fakes.latest('kalshi');
    const p = fakes.latest('polymarket');
    k.feed.setStatus('connected');
    p.feed.setStatus('connected');
    sendBooks(k, p);
    await call('confirmLink', { linkId: (await until(() => engine.services.links.list()[0], 'the suggestion')).id });
    const opened = await until(() => [...opportunitiesIn().values()].find((o) => o.strategy === 'cross_venue'), 'the opportunity');
    // Kalshi goes quiet; Polymarket keeps talking.
    const chatter = setInterval(() => p.feed.send(polymarketWs.change(P.id, '111', 'BUY', '0.57', '5')), 30);
    try {
      const greyed = await until(() => (opportunitiesIn().get(opened.id)?.stale ? opportunitiesIn().get(opened.id) : null), 'the opportunity greyed');
      expect(greyed.legs.find((l) => l.venue === 'kalshi')!.health).toBe('stale');
      expect(engine.services.scanner.opportunity(opened.id)).toBeUndefined();
      const status = engine.services.venueStatuses().find((v) => v.venue === 'kalshi')!;
      expect(status.staleBooks).toBe(2);
      expect(status.detail).toMatch(/no data for/);
      // Data again: the book is live and the basket is re-evaluated (still profitable: back, not stale).
      let seq = 3;
      const kalshiChatter = setInterval(() => k.feed.send(kalshiWs.delta(1, seq++, OTHER.id, 'yes', '0.3000', '1.00')), 30);
      try {
        await until(() => opportunitiesIn().get(opened.id)?.stale === false, 'the opportunity live again');
      } finally {
        clearInterval(kalshiChatter);
      }
    } finally {
      clearInterval(chatter);
    }
  });

  it('an invalidated book is unknown until its snapshot; a reconnect marks the venue stale', async () => {
    await start();
    const k = fakes.latest('kalshi');
    const p = fakes.latest('polymarket');
    k.feed.setStatus('connected');
    p.feed.setStatus('connected');
    sendBooks(k, p);
    await call('confirmLink', { linkId: (await until(() => engine.services.links.list()[0], 'the suggestion')).id });
    const opened = await until(() => [...opportunitiesIn().values()].find((o) => o.strategy === 'cross_venue'), 'the opportunity');

    p.feed.invalidations.fire([P.ref]);
    expect(engine.services.scanner.books.get(P.ref)!.no.health).toBe('unknown');
    await until(() => opportunitiesIn().get(opened.id)?.stale, 'greyed after invalidation');
    // A delta on an unknown book is ignored; the snapshot restores it.
    p.feed.send(polymarketWs.change(P.id, '222', 'SELL', '0.40', '0'));
    expect(engine.services.scanner.books.get(P.ref)!.no.asks.levelCount).toBe(1);
    p.feed.send(polymarketWs.book(P.id, '222', [['0.36', '50']], [['0.40', '50']]));
    p.feed.send(polymarketWs.book(P.id, '111', [['0.58', '50']], [['0.62', '50']]));
    await until(() => opportunitiesIn().get(opened.id)?.stale === false, 'live again after the snapshot');

    k.feed.setStatus('reconnecting', 'socket closed');
    expect(engine.services.scanner.books.get(K.ref)!.yes.health).toBe('stale');
    await until(() => opportunitiesIn().get(opened.id)?.stale, 'greyed while Kalshi reconnects');
    expect(engine.services.activity.query({ kinds: ['reconnect'] })[0]?.message).toMatch(/Kalshi feed reconnecting: socket closed/);
    k.feed.setStatus('connected');
    sendBooks(k, p, 1);
    await until(() => opportunitiesIn().get(opened.id)?.stale === false, 'live after the reconnect snapshots');
  });

  it('watchMarket answers the book and pushes its changes, coalesced', async () => {
    await start();
    const k = fakes.latest('kalshi');
    k.feed.setStatus('connected');
    k.feed.send(kalshiWs.snapshot(1, 1, K.id, [['0.4000', '100.00']], [['0.5500', '100.00']]));
    const r = await call('watchMarket', { market: K.ref });
    expect(r).toMatchObject({ ok: true, result: { market: K.ref, health: 'live', yes: { bids: [['0.40', '100']], asks: [['0.45', '100']] } } });
    for (let i = 0; i < 5; i++) k.feed.send(kalshiWs.delta(1, 2 + i, K.id, 'yes', '0.4000', '1.00'));
    await until(() => events.some((e) => e.event === 'book'), 'a book event');
    await new Promise((res) => setTimeout(res, 60));
    const books = events.filter((e) => e.event === 'book');
    // Five changes inside one interval: one push, with the last state.
    expect(books).toHaveLength(1);
    expect(books[0]!.payload).toMatchObject({ market: K.ref, yes: { bids: [['0.40', '105']] } });
    expect(await call('watchMarket', { market: 'kalshi:NOPE' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'payload.market' } });
    await call('unwatchMarket', { market: K.ref });
    const before = events.filter((e) => e.event === 'book').length;
    k.feed.send(kalshiWs.delta(1, 7, K.id, 'yes', '0.4000', '1.00'));
    await new Promise((res) => setTimeout(res, 60));
    expect(events.filter((e) => e.event === 'book').length).toBe(before);
  });

  it('records Polymarket resolutions as settlements in the ledger', async () => {
    await start();
    const p = fakes.latest('polymarket');
    p.feed.setStatus('connected');
    p.feed.send({ event_type: 'market_resolved', market: P.id, winning_asset_id: '222', winning_outcome: 'No', timestamp: '1900000000000' });
    expect(engine.services.ledger.settlement(P.ref)).toMatchObject({ market: P.ref, settledAt: 1_900_000_000_000 });
    expect(engine.services.ledger.settlement(P.ref)!.yesValue.toString()).toBe('0');
    // Recorded again in the other mode's ledger.
    await call('setMode', { mode: 'paper' });
    expect(engine.services.settlements.resolved.get(P.ref)?.result).toBe('no');
  });

  it('forgets Kalshi sequence state when the feed starts a new connection, and records resolutions the feed reports', async () => {
    await start();
    const k = fakes.latest('kalshi');
    k.feed.setStatus('connected');
    k.feed.send(kalshiWs.snapshot(3, 40, K.id, [['0.4000', '10.00']], [['0.5000', '10.00']]));
    const sequences = (engine.services.scanner.decoder('kalshi') as KalshiDecoder).sequenceState;
    expect(sequences.has(3)).toBe(true);
    k.feed.sessions.fire();
    expect(sequences.size).toBe(0);
    k.feed.marketEvents.fire({ kind: 'resolved', market: K.ref, result: 'yes', at: 1_900_000_000_000 });
    expect(engine.services.ledger.settlement(K.ref)).toMatchObject({ yesValue: '1', settledAt: 1_900_000_000_000 });
  });

  it('a crossed single-market book in live data raises a data alarm instead of an opportunity (point 8)', async () => {
    await start();
    const p = fakes.latest('polymarket');
    for (const f of [fakes.latest('kalshi'), p]) f.feed.setStatus('connected');
    sendBooks(fakes.latest('kalshi'), p);
    // YES at 0.40 and NO at 0.40 on the same Polymarket market: $0.80 for a sure $1 — the venue
    // would have matched these (mint matching), so the book is stale or corrupt.
    p.feed.send(polymarketWs.book(P.id, '111', [['0.38', '50']], [['0.40', '50']]));
    await until(() => p.feed.resyncs.length > 0, 'a resync of the crossed book');
    expect(p.feed.resyncs[0]).toEqual({ markets: [P.ref], reason: expect.stringMatching(/crossed/) });
    expect(engine.services.scanner.books.get(P.ref)!.yes.health).toBe('unknown');
    expect(engine.services.activity.query({ kinds: ['venue'] }).some((a) => a.level === 'warn' && /Data alarm: .* crossed/.test(a.message))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect([...opportunitiesIn().values()].filter((o) => o.strategy === 'single_market')).toEqual([]);
    // A fresh, sane snapshot makes it live again.
    p.feed.send(polymarketWs.book(P.id, '111', [['0.58', '50']], [['0.62', '50']]));
    p.feed.send(polymarketWs.book(P.id, '222', [['0.36', '50']], [['0.40', '50']]));
    expect(engine.services.scanner.books.get(P.ref)!.yes.health).toBe('live');
  });

  it('a tick-size change from the feed updates the universe the plans read (point 4)', async () => {
    await start();
    const p = fakes.latest('polymarket');
    expect(engine.services.universe.market(P.ref)!.tickSize).toBe(100);
    p.feed.marketEvents.fire({ kind: 'tick_size', market: P.ref, tickSize: 10 as never, at: Date.now() });
    expect(engine.services.universe.market(P.ref)!.tickSize).toBe(10);
    expect(engine.services.universe.markets('polymarket').find((m) => m.ref === P.ref)!.tickSize).toBe(10);
  });

  it('registers each venue’s cancel-all with the kill switch once connected, and drops it when the venue stops', async () => {
    await start();
    const k = fakes.latest('kalshi');
    expect(engine.services.killSwitch.venues()).toEqual([]);
    k.feed.setStatus('connected');
    fakes.latest('polymarket').feed.setStatus('connected');
    expect(engine.services.killSwitch.venues().sort()).toEqual(['kalshi', 'polymarket']);
    const result = await call('killSwitch');
    expect(result).toMatchObject({ ok: true, result: { cancelled: [{ venue: 'kalshi', orderId: 'o-1' }, { venue: 'polymarket', orderId: 'o-1' }] } });
    expect(k.trading!.cancelAllCalls).toBe(1);
    await call('rearm');
    const switched = await call('setVenueEnvironment', { venue: 'kalshi', environment: 'demo' });
    expect(switched).toMatchObject({ ok: true, result: { venue: 'kalshi', environment: 'demo', selectedEnvironment: 'demo' } });
    expect(k.disposed).toBe(true);
    expect(engine.services.killSwitch.venues()).toEqual(['polymarket']);
    expect(engine.services.settings.get().venueEnvironments).toEqual({ kalshi: 'demo' });
    expect(fakes.latest('kalshi').environment).toBe('demo');
    expect(await call('setVenueEnvironment', { venue: 'polymarket', environment: 'demo' })).toMatchObject({ ok: false, error: { code: 'refused', field: 'payload.environment' } });
  });

  it('the watchlist narrows what is streamed and scanned, and is persisted', async () => {
    await start();
    const r = await call('setWatchlist', { watchlist: { categories: ['crypto'], series: ['polymarket:us-government-shutdown'] } });
    expect(r.ok).toBe(true);
    const catalog = (r as { result: { marketsWatched: number; categories: { name: string; watched: boolean }[] } }).result;
    expect(catalog.marketsWatched).toBe(2);
    expect(catalog.categories).toEqual([
      expect.objectContaining({ name: 'Crypto', watched: true, markets: 1 }),
      expect.objectContaining({ name: 'Politics', watched: false, markets: 2 }),
    ]);
    expect(fakes.latest('kalshi').feed.subscribed).toEqual([OTHER.ref]);
    expect(fakes.latest('polymarket').feed.subscribed).toEqual([P.ref]);
    expect(engine.services.scanner.has(K.ref)).toBe(false);
    expect(engine.services.settings.get().watchlist.categories).toEqual(['crypto']);
    expect(await call('setWatchlist', { watchlist: { categories: [], series: ['nope'] } })).toMatchObject({ ok: false, error: { field: 'payload.watchlist.series.0' } });
  });

  it('after a restart: confirmed links persist, and the cached market list brings books up before discovery answers', async () => {
    await start();
    const id = (await until(() => engine.services.links.list()[0], 'the suggestion')).id;
    await call('confirmLink', { linkId: id });
    engine.dispose();

    fakes = fakeConnectors(discoveries());
    // Discovery never answers this time: only the cache can list the markets.
    const hang = (v: FakeVenue) => {
      v.discover = () => new Promise(() => undefined);
      return v;
    };
    const connect: typeof fakes.connect = async (c, ctx) => hang((await fakes.connect(c, ctx)) as FakeVenue);
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore(), venues: fakeResolver, connect, log: () => undefined });
    await until(() => engine.services.scanner.has(K.ref) && engine.services.scanner.has(P.ref), 'markets from the cache');
    expect(engine.services.links.list().find((l) => l.id === id)?.status).toBe('confirmed');
    expect(engine.services.scanner.baskets().some((b) => b.strategy === 'cross_venue')).toBe(true);
    expect(engine.services.activity.query({ kinds: ['venue'] }).some((a) => /from the discovery cache/.test(a.message))).toBe(true);
  });

  it('stopping the engine redraws no basket (every venue stopping retired its markets one by one, redrawing the rest each time)', async () => {
    await start();
    const scanner = engine.services.scanner;
    const calls: string[] = [];
    for (const name of ['retire', 'extend', 'removeRelations'] as const) {
      const original = scanner[name].bind(scanner) as (...a: unknown[]) => unknown;
      (scanner as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
        calls.push(name);
        return original(...a);
      };
    }
    engine.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([]);
  });

  it('drops markets a refresh no longer lists open, and unsubscribes them', async () => {
    await start();
    const k = fakes.latest('kalshi');
    k.discovery = { markets: [{ ...K, status: 'settled', result: 'yes' }, OTHER], exclusiveSets: [], implications: [] };
    await engine.services.sync.refreshDiscovery('kalshi');
    expect(k.feed.subscribed).toEqual([OTHER.ref]);
    expect(engine.services.scanner.has(K.ref)).toBe(false);
    expect(engine.services.ledger.settlement(K.ref)!.yesValue.toString()).toBe('1');
  });
});
