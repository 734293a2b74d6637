// Acme's connector: discovery from the exchange's listing and a market-data feed of its JSON text.
// No trading (the tests run it in paper mode, without keys). Loaded only when the venue starts.
import type { VenueEnvironment } from '../../../src/shared/contract';
import type { MarketRef } from '../../../src/shared/ids';
import { Emitter } from '../../../src/shared/lifecycle';
import type { Price, Qty } from '../../../src/shared/units';
import type {
  Discovery, FeedStatus, MarketFeed, MarketInfo, RawVenueMessage, Venue, VenueConnection, VenueContext,
} from '../../../src/engine';
import { AcmeExchange, type AcmeListedEvent } from './exchange';
import { ACME } from './manifest';

const TICK = 100 as Price;
const ONE_CONTRACT = 100 as Qty;

function marketsOf(event: AcmeListedEvent): MarketInfo[] {
  return event.markets.map((m) => ({
    ref: `${ACME}:${m.slug}` as MarketRef,
    venue: ACME,
    id: m.slug,
    title: m.question,
    rules: m.rules,
    eventId: event.id,
    eventTitle: event.title,
    seriesId: event.id,
    category: event.category,
    status: 'open',
    closeTime: Date.parse(m.closesAt),
    fee: { theta: m.theta },
    tickSize: TICK,
    minOrderSize: ONE_CONTRACT,
    outcomeLabel: m.outcome,
  }));
}

class AcmeFeed implements MarketFeed {
  private readonly messages = new Emitter<RawVenueMessage>();
  private readonly statuses = new Emitter<FeedStatus>();
  private readonly invalidations = new Emitter<readonly MarketRef[]>();
  private readonly sessions = new Emitter<void>();
  readonly onMessage = this.messages.event;
  readonly onStatus = this.statuses.event;
  readonly onBooksInvalidated = this.invalidations.event;
  readonly onSessionStart = this.sessions.event;
  private current: FeedStatus = { connection: 'connecting', messageRate: 0, lastMessageAt: null, lagMs: null, detail: null };
  private readonly receive = (text: string) => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    const at = this.context.clock.monotonic();
    this.current = { ...this.current, lastMessageAt: at };
    this.messages.fire({ venue: ACME, data, receivedAt: at });
  };

  constructor(
    private readonly exchange: AcmeExchange,
    private readonly context: VenueContext,
  ) {}

  setMarkets(markets: readonly MarketInfo[]): void {
    if (this.current.connection !== 'connected') {
      this.sessions.fire();
      this.setStatus('connected');
    }
    this.exchange.subscribe(this.receive, markets.map((m) => m.id));
  }

  status(): FeedStatus {
    return this.current;
  }

  dispose(): void {
    this.exchange.unsubscribe(this.receive);
    this.setStatus('down');
  }

  private setStatus(connection: FeedStatus['connection']): void {
    this.current = { ...this.current, connection };
    this.statuses.fire(this.current);
  }
}

export async function createAcmeVenue(connection: VenueConnection, context: VenueContext): Promise<Venue> {
  const name = connection.endpoints.exchange;
  const exchange = typeof name === 'string' ? AcmeExchange.get(name) : null;
  if (!exchange) throw new Error(`Acme: no exchange "${String(name)}" is open`);
  const environment: VenueEnvironment = connection.environment;
  const feed = new AcmeFeed(exchange, context);
  return {
    environment,
    feed,
    trading: null,
    async discover(): Promise<Discovery> {
      const { events } = JSON.parse(exchange.listing()) as { events: AcmeListedEvent[] };
      return {
        markets: events.flatMap(marketsOf),
        exclusiveSets: events.filter((e) => e.exclusive).map((e) => ({ id: e.id, members: marketsOf(e).map((m) => m.ref), exhaustive: e.exhaustive })),
        implications: [],
      };
    },
    dispose: () => feed.dispose(),
  };
}
