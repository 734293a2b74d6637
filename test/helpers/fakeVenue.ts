// A scripted venue for engine unit tests: the edge of the machine (the real venue) replaced by a
// test that decides what discovery returns and which raw venue messages arrive. Integration tests
// run the real connectors against the simulator instead.
import type { MarketLink, VenueEnvironment } from '../../src/shared/contract';
import type { MarketRef, VenueId } from '../../src/shared/ids';
import { Emitter } from '../../src/shared/lifecycle';
import type { Qty } from '../../src/shared/units';
import type { ResolvedVenue, VenueConnection, VenueConnectionResolver } from '../../src/engine/venues/connection';
import type { ConnectorOverride } from '../../src/engine/live/venueHost';
import type {
  CancelAllResult, Discovery, FeedStatus, MarketFeed, MarketInfo, RawVenueMessage, TradingApi, Venue, VenueFill, VenueMarketEvent,
} from '../../src/engine/venues/venue';

export class FakeFeed implements MarketFeed {
  readonly messages = new Emitter<RawVenueMessage>();
  readonly statuses = new Emitter<FeedStatus>();
  readonly invalidations = new Emitter<readonly MarketRef[]>();
  readonly onMessage = this.messages.event;
  readonly onStatus = this.statuses.event;
  readonly onBooksInvalidated = this.invalidations.event;
  /** Optional feed events (venue.ts): a new connection; a resolution. */
  readonly sessions = new Emitter<void>();
  readonly onSessionStart = this.sessions.event;
  readonly marketEvents = new Emitter<VenueMarketEvent>();
  readonly onMarketEvent = this.marketEvents.event;
  current: FeedStatus = { connection: 'connecting', messageRate: 0, lastMessageAt: null, lagMs: null, detail: null };
  /** Every setMarkets call, as market refs. */
  readonly subscriptions: MarketRef[][] = [];
  disposed = false;

  constructor(readonly venue: VenueId) {}

  setMarkets(markets: readonly MarketInfo[]): void {
    this.subscriptions.push(markets.map((m) => m.ref));
  }

  /** Every resync the engine asked for, with why. */
  readonly resyncs: { markets: MarketRef[]; reason: string }[] = [];
  resync(markets: readonly MarketRef[], reason: string): void {
    this.resyncs.push({ markets: [...markets], reason });
  }

  get subscribed(): MarketRef[] {
    return this.subscriptions.at(-1) ?? [];
  }

  status(): FeedStatus {
    return this.current;
  }

  setStatus(connection: FeedStatus['connection'], detail: string | null = null): void {
    this.current = { ...this.current, connection, detail };
    this.statuses.fire(this.current);
  }

  send(data: unknown): void {
    this.messages.fire({ venue: this.venue, data, receivedAt: performance.now() });
  }

  dispose(): void {
    this.disposed = true;
  }
}

export class FakeTrading implements TradingApi {
  readonly fillEmitter = new Emitter<VenueFill>();
  readonly onFill = this.fillEmitter.event;
  cancelAllCalls = 0;
  placeOrder = (): never => {
    throw new Error('not used');
  };
  cancelOrder = async () => undefined;
  cancelAll = async (): Promise<CancelAllResult> => {
    this.cancelAllCalls++;
    return { cancelled: ['o-1'], failed: [] };
  };
  openOrders = async () => [];
  findOrder = async () => null;
  fills = async () => [];
  positions = async () => [];
  balance = async () => ({ available: '100' });
}

export class FakeVenue implements Venue {
  readonly feed: FakeFeed;
  readonly trading: FakeTrading | null;
  discoveries = 0;
  disposed = false;
  /** Set by a test: the venue's own read of markets' terms (the link watch's poll). */
  watchMarkets?: Venue['watchMarkets'];

  constructor(
    readonly id: VenueId,
    public discovery: Discovery,
    readonly environment: VenueEnvironment = 'simulator',
    withTrading = true,
  ) {
    this.feed = new FakeFeed(id);
    this.trading = withTrading ? new FakeTrading() : null;
  }

  async discover(): Promise<Discovery> {
    this.discoveries++;
    return this.discovery;
  }

  dispose(): void {
    this.disposed = true;
    this.feed.dispose();
  }
}

/**
 * Connectors building fake venues in place of the venues' own (EngineOptions.connect): a venue
 * without a scripted discovery fails to start. `created` lists them in creation order.
 */
export function fakeConnectors(discoveries: Partial<Record<VenueId, Discovery>>): { connect: ConnectorOverride; created: FakeVenue[]; latest(id: VenueId): FakeVenue } {
  const created: FakeVenue[] = [];
  const connect: ConnectorOverride = (connection: VenueConnection) => {
    const discovery = discoveries[connection.venue];
    if (!discovery) throw new Error(`no scripted ${connection.venue} venue`);
    const v = new FakeVenue(connection.venue, discovery, connection.environment);
    created.push(v);
    return v;
  };
  return { connect, created, latest: (id) => [...created].reverse().find((v) => v.id === id)! };
}

export const fakeResolver: VenueConnectionResolver = {
  async resolve(venue, selected): Promise<ResolvedVenue> {
    const connection: VenueConnection = { venue, environment: selected, endpoints: {}, credentials: null };
    return { connection, selected, keysSet: false, note: null };
  },
};

export function kalshiMarket(ticker: string, extra: Partial<MarketInfo> = {}): MarketInfo {
  return {
    ref: `kalshi:${ticker}`,
    venue: 'kalshi',
    id: ticker,
    title: `Market ${ticker}`,
    rules: `If ${ticker} happens, then the market resolves to Yes.`,
    eventId: ticker.split('-')[0]!,
    eventTitle: `Event ${ticker.split('-')[0]}`,
    seriesId: ticker.split('-')[0]!,
    category: 'Economics',
    status: 'open',
    closeTime: Date.UTC(2031, 2, 1),
    // A standard series as Kalshi publishes it: relative multiplier 1 (taker coefficient 0.07).
    fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '1' },
    tickSize: 100 as never,
    minOrderSize: 100 as Qty,
    ...extra,
  };
}

export function polymarketMarket(conditionId: string, yes: string, no: string, extra: Partial<MarketInfo> = {}): MarketInfo {
  return {
    ref: `polymarket:${conditionId}`,
    venue: 'polymarket',
    id: conditionId,
    title: `Question ${conditionId}`,
    rules: 'This market will resolve to "Yes" if it happens.',
    eventId: 'ev',
    eventTitle: 'Event',
    seriesId: 'event-slug',
    category: 'Economics',
    status: 'open',
    closeTime: Date.UTC(2031, 2, 1),
    fee: { venue: 'polymarket', rate: '0', exponent: 1, takerOnly: true },
    tickSize: 100 as never,
    minOrderSize: 500 as Qty,
    tokens: { yes, no },
    negRisk: false,
    ...extra,
  };
}

/** Kalshi WS messages, fixed-point as Kalshi sends them. */
export const kalshiWs = {
  snapshot: (sid: number, seq: number, ticker: string, yes: [string, string][], no: [string, string][]) => ({
    type: 'orderbook_snapshot',
    sid,
    seq,
    msg: { market_ticker: ticker, yes_dollars_fp: yes, no_dollars_fp: no },
  }),
  delta: (sid: number, seq: number, ticker: string, side: 'yes' | 'no', price: string, delta: string) => ({
    type: 'orderbook_delta',
    sid,
    seq,
    msg: { market_ticker: ticker, price_dollars: price, delta_fp: delta, side },
  }),
};

export const polymarketWs = {
  book: (market: string, asset: string, bids: [string, string][], asks: [string, string][]) => ({
    event_type: 'book',
    market,
    asset_id: asset,
    bids: bids.map(([price, size]) => ({ price, size })),
    asks: asks.map(([price, size]) => ({ price, size })),
  }),
  change: (market: string, asset: string, side: 'BUY' | 'SELL', price: string, size: string) => ({
    event_type: 'price_change',
    market,
    price_changes: [{ asset_id: asset, price, size, side }],
  }),
};

/** The spec fields of a MarketLink a test does not care about: nothing compared, nothing overridden. */
export const NO_SPECS = {
  relation: 'unknown',
  comparison: { relation: 'unknown', differing: [], unknown: [] },
  conflicts: [],
  override: null,
  suspension: null,
} as const satisfies Pick<MarketLink, 'relation' | 'comparison' | 'conflicts' | 'override' | 'suspension'>;
