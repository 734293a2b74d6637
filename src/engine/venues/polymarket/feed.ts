// The Polymarket market feed (MarketFeed): the tradable markets spread over as many market-channel
// connections as the 500-asset limit needs, raw messages out exactly as received, one aggregate
// FeedStatus, invalidations on drops, stale/live on silence, and typed tick-size and resolution
// events (which also update the registry that trading signs orders from).
import { createHash } from 'node:crypto';
import type { MarketRef } from '../../../shared/ids';
import { polymarketEventType } from './marketData';
import { Disposable, Emitter, toDisposable } from '../../../shared/lifecycle';
import type { Clock } from '../../platform/clock';
import type { BookHealthChange, FeedConnection, FeedStatus, MarketFeed, MarketInfo, RawVenueMessage, VenueMarketEvent } from '../venue';
import type { FeedOptions, VenueLog } from './config';
import { parseTick } from './gammaParse';
import type { MarketRegistry } from './registry';
import { HandshakeGate } from './handshakeGate';
import { MarketShard, type ShardHost, type ShardMarket, type ShardTiming } from './shard';

/**
 * Assets per market-channel connection. Not in Polymarket's published docs; the venue stops
 * serving a connection's assets beyond 500 (nautilus_trader PR #2915, "undocumented WS API
 * limitation of a maximum of 500 tokens per connection", since then sharded the same way).
 */
export const MAX_ASSETS_PER_CONNECTION = 500;
const RATE_WINDOW_S = 5;
const MALFORMED_LOG_LIMIT = 20;

export interface PolymarketFeedOptions extends FeedOptions {
  url: string;
  clock: Clock;
  log: VenueLog;
  registry: MarketRegistry;
}

export class PolymarketFeed extends Disposable implements MarketFeed, ShardHost {
  private readonly onMessageEmitter = this.register(new Emitter<RawVenueMessage>());
  readonly onMessage = this.onMessageEmitter.event;
  private readonly onStatusEmitter = this.register(new Emitter<FeedStatus>());
  readonly onStatus = this.onStatusEmitter.event;
  private readonly onInvalidatedEmitter = this.register(new Emitter<readonly MarketRef[]>());
  readonly onBooksInvalidated = this.onInvalidatedEmitter.event;
  private readonly onHealthEmitter = this.register(new Emitter<BookHealthChange>());
  readonly onBookHealth = this.onHealthEmitter.event;
  private readonly onMarketEventEmitter = this.register(new Emitter<VenueMarketEvent>());
  readonly onMarketEvent = this.onMarketEventEmitter.event;

  readonly url: string;
  readonly clock: Clock;
  readonly log: VenueLog;
  readonly timing: ShardTiming;
  /** Connections open (and reopen) a few at a time: a whole universe (~80 connections) is not one burst. */
  readonly gate = new HandshakeGate();
  private readonly registry: MarketRegistry;
  private readonly marketsPerShard: number;
  private readonly verifyHash: boolean;
  private readonly shards: MarketShard[] = [];
  private readonly shardOf = new Map<string, MarketShard>();
  private nextShardId = 1;
  private disposed = false;

  private readonly buckets = new Array<number>(RATE_WINDOW_S).fill(0);
  private bucketSecond = 0;
  private lastMessageAt: number | null = null;
  private lagMs: number | null = null;
  private lastStatusKey = '';
  private malformed = 0;
  private hashMismatches = 0;

  constructor(options: PolymarketFeedOptions) {
    super();
    this.url = options.url;
    this.clock = options.clock;
    this.log = options.log;
    this.registry = options.registry;
    const maxAssets = options.maxAssetsPerConnection ?? MAX_ASSETS_PER_CONNECTION;
    if (!Number.isInteger(maxAssets) || maxAssets < 2) throw new Error(`maxAssetsPerConnection must be a whole number ≥ 2, not ${maxAssets}`);
    this.marketsPerShard = Math.floor(maxAssets / 2);
    this.verifyHash = options.verifyBookHash === true;
    const ping = options.pingIntervalMs ?? 10_000;
    this.timing = {
      pingIntervalMs: ping,
      pongTimeoutMs: options.pongTimeoutMs ?? Math.max(ping * 2.5, 1_000),
      staleAfterMs: options.staleAfterMs ?? 30_000,
      reconnectBaseMs: options.reconnectBaseMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
    };
    this.register(toDisposable(() => this.closeAll()));
  }

  /** Streams the open markets among these (others are registered, not streamed); diffs against the current set. */
  setMarkets(markets: readonly MarketInfo[]): void {
    if (this.disposed) return;
    const wanted = new Map<string, ShardMarket>();
    for (const info of markets) {
      if (info.venue !== 'polymarket') continue;
      const entry = this.registry.upsert(info);
      if (!entry || info.status !== 'open') continue;
      wanted.set(entry.conditionId, { ref: entry.ref, conditionId: entry.conditionId, tokens: entry.tokens });
    }
    // Removals first, so their room can take additions.
    const removals = new Map<MarketShard, string[]>();
    for (const [id, shard] of this.shardOf) {
      if (wanted.has(id)) continue;
      this.shardOf.delete(id);
      const list = removals.get(shard);
      if (list) list.push(id);
      else removals.set(shard, [id]);
    }
    for (const [shard, ids] of removals) shard.remove(ids);
    const additions = [...wanted.values()].filter((m) => !this.shardOf.has(m.conditionId));
    let i = 0;
    for (const shard of this.shards) {
      if (i >= additions.length) break;
      const room = this.marketsPerShard - shard.markets.size;
      if (room <= 0) continue;
      const batch = additions.slice(i, i + room);
      i += batch.length;
      shard.add(batch);
      for (const m of batch) this.shardOf.set(m.conditionId, shard);
    }
    while (i < additions.length) {
      const batch = additions.slice(i, i + this.marketsPerShard);
      i += batch.length;
      const shard = new MarketShard(this.nextShardId++, this);
      shard.add(batch);
      for (const m of batch) this.shardOf.set(m.conditionId, shard);
      this.shards.push(shard);
      shard.start();
    }
    for (let k = this.shards.length - 1; k >= 0; k--) {
      const shard = this.shards[k]!;
      if (shard.markets.size === 0) {
        shard.dispose();
        this.shards.splice(k, 1);
      }
    }
    this.onStateChange();
  }

  /** Reconnects the connections carrying these markets: every book arrives afresh. */
  resync(markets: readonly MarketRef[], reason: string): void {
    const shards = new Set<MarketShard>();
    for (const m of markets) {
      const shard = m.startsWith('polymarket:') ? this.shardOf.get(m.slice('polymarket:'.length)) : undefined;
      if (shard) shards.add(shard);
    }
    for (const shard of shards) {
      this.log('warn', `Polymarket market channel ${shard.id}: resyncing (${reason})`);
      shard.reconnectNow();
    }
  }

  /** The connections and how many markets each carries (for diagnostics and tests). */
  connections(): { id: number; state: string; markets: number; assets: number; connects: number; booked: number; stale: boolean }[] {
    return this.shards.map((s) => ({ id: s.id, state: s.state, markets: s.markets.size, assets: s.assetCount, connects: s.connects, booked: s.bookedMarkets, stale: s.stale }));
  }

  get counters(): { malformed: number; hashMismatches: number } {
    return { malformed: this.malformed, hashMismatches: this.hashMismatches };
  }

  status(): FeedStatus {
    const now = this.clock.monotonic();
    this.rollBuckets(now);
    const total = this.buckets.reduce((a, b) => a + b, 0);
    let connection: FeedConnection;
    const open = this.shards.filter((s) => s.state === 'open').length;
    const stale = this.shards.filter((s) => s.stale).length;
    if (this.disposed) connection = 'down';
    else if (this.shards.length === 0) connection = 'disabled';
    else if (open === this.shards.length) connection = 'connected';
    else connection = this.shards.some((s) => s.everConnected) ? 'reconnecting' : 'connecting';
    const parts: string[] = [];
    if (this.shards.length > 0) parts.push(`${open}/${this.shards.length} connections up`);
    if (this.shards.length === 0 && !this.disposed) parts.push('no tradable markets to stream');
    if (stale > 0) parts.push(`${stale} silent (books stale)`);
    if (this.malformed > 0) parts.push(`${this.malformed} malformed frames`);
    if (this.hashMismatches > 0) parts.push(`${this.hashMismatches} book hashes not reproduced (informational: the venue does not document its algorithm)`);
    return {
      connection,
      messageRate: total / RATE_WINDOW_S,
      lastMessageAt: this.lastMessageAt,
      lagMs: this.lagMs,
      detail: parts.length > 0 ? parts.join('; ') : null,
    };
  }

  // ------------------------------------------------------------------ ShardHost

  onData(_shard: MarketShard, data: unknown, receivedAt: number): void {
    this.countMessage(receivedAt);
    if (Array.isArray(data)) for (const e of data) this.inspect(e);
    else this.inspect(data);
    this.onMessageEmitter.fire({ venue: 'polymarket', data, receivedAt });
  }

  onInvalidated(refs: MarketRef[]): void {
    this.onInvalidatedEmitter.fire(refs);
  }

  onHealth(refs: MarketRef[], health: 'stale' | 'live', reason: string): void {
    this.onHealthEmitter.fire({ markets: refs, health, reason });
  }

  onStateChange(): void {
    const s = this.status();
    const key = `${s.connection}|${s.detail}`;
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.onStatusEmitter.fire(s);
  }

  onMalformed(shard: MarketShard, problem: string): void {
    this.malformed++;
    if (this.malformed <= MALFORMED_LOG_LIMIT) this.log('warn', `Polymarket market channel ${shard.id}: ignored a malformed frame: ${problem}`);
    this.onStateChange();
  }

  // ------------------------------------------------------------------ internals

  private inspect(event: unknown): void {
    if (typeof event !== 'object' || event === null) return;
    const e = event as Record<string, unknown>;
    const ts = typeof e.timestamp === 'string' || typeof e.timestamp === 'number' ? Number(e.timestamp) : NaN;
    if (Number.isFinite(ts) && ts > 1e12) this.lagMs = this.clock.now() - ts;
    switch (polymarketEventType(e)) {
      case 'tick_size_change':
        this.tickSizeChange(e, ts);
        break;
      case 'market_resolved':
        this.resolved(e, ts);
        break;
      case 'book':
        if (this.verifyHash) this.checkHash(e);
        break;
    }
  }

  private tickSizeChange(e: Record<string, unknown>, ts: number): void {
    const found = typeof e.asset_id === 'string' ? this.registry.byToken(e.asset_id) : undefined;
    if (!found) return;
    const tick = parseTick(e.new_tick_size, 'tick_size_change.new_tick_size');
    if (!tick.ok) {
      this.log('warn', `Polymarket ${found.market.ref}: ${tick.reason}`);
      return;
    }
    // Both tokens announce the change; report it once.
    if (found.market.tick === tick.value) return;
    found.market.tick = tick.value;
    this.onMarketEventEmitter.fire({ kind: 'tick_size', market: found.market.ref, tickSize: tick.value, at: Number.isFinite(ts) ? ts : this.clock.now() });
  }

  private resolved(e: Record<string, unknown>, ts: number): void {
    const conditionId = typeof e.market === 'string' ? e.market : null;
    const market = conditionId ? this.registry.get(conditionId) : undefined;
    if (!market) return;
    let result: 'yes' | 'no' | null = null;
    if (typeof e.winning_asset_id === 'string') {
      if (e.winning_asset_id === market.tokens.yes) result = 'yes';
      else if (e.winning_asset_id === market.tokens.no) result = 'no';
    }
    if (result === null && typeof e.winning_outcome === 'string') {
      const w = e.winning_outcome.trim().toLowerCase();
      if (w === 'yes' || w === 'no') result = w;
    }
    if (market.status === 'settled' && market.result === result) return;
    market.status = 'settled';
    market.result = result;
    this.onMarketEventEmitter.fire({ kind: 'resolved', market: market.ref, result, at: Number.isFinite(ts) ? ts : this.clock.now() });
  }

  /**
   * Opt-in diagnostic: the official client's `generateOrderBookSummaryHash` (SHA-1 of the summary's
   * JSON with `hash: ""`) applied to the pushed event. The venue documents no algorithm for the
   * market channel's `hash`, so a mismatch is only counted and logged: books are never judged by it.
   */
  private checkHash(e: Record<string, unknown>): void {
    if (typeof e.hash !== 'string' || e.hash === '') return;
    const copy = { ...e, hash: '' };
    const digest = createHash('sha1').update(JSON.stringify(copy)).digest('hex');
    if (digest === e.hash) return;
    this.hashMismatches++;
    if (this.hashMismatches <= MALFORMED_LOG_LIMIT) this.log('info', `Polymarket book for ${String(e.asset_id)}: hash ${e.hash} not reproduced by the client algorithm (${digest}); the venue's algorithm is undocumented, the book is used as sent`);
  }

  private countMessage(now: number): void {
    this.rollBuckets(now);
    this.buckets[this.bucketSecond % RATE_WINDOW_S]!++;
    this.lastMessageAt = now;
  }

  private rollBuckets(now: number): void {
    const second = Math.floor(now / 1000);
    if (second === this.bucketSecond) return;
    const gap = Math.min(RATE_WINDOW_S, second - this.bucketSecond);
    for (let k = 1; k <= gap; k++) this.buckets[(this.bucketSecond + k) % RATE_WINDOW_S] = 0;
    this.bucketSecond = second;
  }

  private closeAll(): void {
    this.disposed = true;
    this.gate.dispose();
    for (const s of this.shards) s.dispose();
    this.shards.length = 0;
    this.shardOf.clear();
  }
}
