// The Polymarket US connector: discovery over the public gateway and trading over the signed API,
// both through the official SDK's client (polymarket-us, loaded here and only here); the markets
// and private sockets signed by auth.ts (socket.ts says why not the SDK's). The markets socket is
// authenticated too (docs websocket/markets.md), so without keys there is no market data: the
// venue then reports its feed down with the reason. Production and the simulator run the same
// code; only the endpoints differ. Built by the contribution (index.ts).
import { PolymarketUS } from 'polymarket-us';
import type { MarketRef } from '../../../shared/ids';
import { Disposable, Emitter } from '../../../shared/lifecycle';
import { endpoint, type VenueConnection } from '../connection';
import type { VenueContext } from '../contribution';
import type { Discovery, FeedStatus, MarketFeed, MarketInfo, Venue } from '../venue';
import { readSecretKey } from './auth';
import { DISCOVERY_PAGE_RETRIES, discoverPmUs } from './discovery';
import { RequestGate, throughGate } from './requestGate';
import { PmUsFeed } from './feed';
import { SignedSocket } from './socket';
import { PmUsTrading, type PmUsRest } from './trading';

/** A feed that never connects: market data needs the keys on this venue. */
class NoKeysFeed extends Disposable implements MarketFeed {
  private readonly never = this.register(new Emitter<never>());
  readonly onMessage = this.never.event as unknown as MarketFeed['onMessage'];
  readonly onStatus = this.never.event as unknown as MarketFeed['onStatus'];
  readonly onBooksInvalidated = this.never.event as unknown as MarketFeed['onBooksInvalidated'];
  setMarkets(): void {}
  status(): FeedStatus {
    return { connection: 'disabled', messageRate: 0, lastMessageAt: null, lagMs: null, detail: 'Polymarket US market data needs its API keys (the markets socket is authenticated)' };
  }
}

export interface PmUsVenueOptions {
  /** Markets per discovery page (default MARKETS_PAGE); tests page small lists finely. */
  discoveryPageSize?: number;
}

export class PmUsVenue extends Disposable implements Venue {
  readonly feed: MarketFeed;
  readonly trading: PmUsTrading | null;
  private readonly markets = new Map<string, MarketInfo>();
  private readonly sdk: PolymarketUS;
  /** The public gateway's limit is per IP, apart from the key's: its own gate paces discovery. */
  private readonly publicGate: RequestGate;

  constructor(
    readonly environment: VenueConnection['environment'],
    connection: VenueConnection,
    private readonly context: VenueContext,
    private readonly options: PmUsVenueOptions = {},
  ) {
    super();
    const log = (m: string) => context.log(`Polymarket US: ${m}`);
    const keyId = connection.credentials?.keyId?.reveal().trim();
    const secret = connection.credentials?.secretKey?.reveal().trim();
    const key = secret ? readSecretKey(secret) : null;
    if (key && !key.ok) throw new Error(`polymarket-us.secretKey: the secret ${key.reason}`);
    const publicGate = new RequestGate({ now: () => context.clock.monotonic() });
    this.publicGate = publicGate;
    this.register({ dispose: () => publicGate.dispose() });
    this.sdk = new PolymarketUS({
      gatewayBaseUrl: endpoint(connection, 'gateway'),
      apiBaseUrl: endpoint(connection, 'api'),
      ...(keyId && secret ? { keyId, secretKey: secret } : {}),
    });
    if (keyId && key?.ok) {
      const socket = (path: '/v1/ws/markets' | '/v1/ws/private') => new SignedSocket({ base: endpoint(connection, 'ws'), path, keyId, key: key.key, clock: context.clock, log });
      this.feed = this.register(new PmUsFeed({ socket: socket('/v1/ws/markets'), clock: context.clock, log }));
      const gate = new RequestGate({ now: () => context.clock.monotonic() });
      this.register({ dispose: () => gate.dispose() });
      this.trading = this.register(new PmUsTrading({ rest: this.sdk as unknown as PmUsRest, market: (ref) => this.markets.get(ref), privateSocket: socket('/v1/ws/private'), gate, clock: context.clock, log }));
    } else {
      this.feed = this.register(new NoKeysFeed());
      this.trading = null;
    }
  }

  async discover(): Promise<Discovery> {
    const d = await discoverPmUs(
      (offset, limit) => throughGate(this.publicGate, 'read', () => this.sdk.markets.list({ limit, offset, active: true, closed: false }), DISCOVERY_PAGE_RETRIES),
      (m) => this.context.log(m),
      this.options.discoveryPageSize,
    );
    for (const m of d.markets) this.markets.set(m.ref, m);
    return d;
  }

  market(ref: MarketRef): MarketInfo | undefined {
    return this.markets.get(ref);
  }
}

export function createPmUsVenue(connection: VenueConnection, context: VenueContext, options: PmUsVenueOptions = {}): PmUsVenue {
  return new PmUsVenue(connection.environment, connection, context, options);
}

