// Polymarket's market channel (/ws/market): subscribe with {assets_ids, type:"market"}, then
// {assets_ids, operation:"subscribe"|"unsubscribe"}; text PING → PONG. Events: `book` on
// subscribe and after trades, `price_change` (absolute sizes, BUY/SELL, several assets in one
// message), `tick_size_change`, `last_trade_price`, and with custom_feature_enabled
// `best_bid_ask` and `market_resolved`. No sequence numbers. At most 500 assets per connection:
// like the venue, assets past the limit are silently not served. The `variants` fault sends the
// shapes others have seen: a `book` without `event_type`, and a price_change inside a frame with an
// element of a type nobody documented and a change for a token that is not subscribed.
import type { WebSocket } from 'ws';
import type { IDisposable } from '../../shared/lifecycle';
import { PRICE_ONE, type Price } from '../../shared/units';
import { polyAmount, polyPrice } from '../core/format';
import type { FeedRegistry, FeedSocket } from '../core/feedSocket';
import type { PolymarketExchange } from './exchange';
import type { OutcomeToken, PolyMarketState } from './types';
import { bookEvent, tokenBook, tokenIdOf, withHash } from './wire';

export const MAX_ASSETS_PER_CONNECTION = 500;

interface MarketSession {
  readonly id: number;
  socket: FeedSocket;
  assets: Set<string>;
  custom: boolean;
  started: boolean;
  /** Assets subscribed over the connection's life (a resubscription counts again). */
  subscribed: number;
  /** The most asset ids one subscribe frame carried. */
  largestFrame: number;
}

/** One market-channel connection as the simulator sees it. */
export interface MarketSessionView {
  id: number;
  open: boolean;
  assets: number;
  subscribed: number;
  largestFrame: number;
}

interface PendingChange {
  assetId: string;
  outcome: OutcomeToken;
  side: 'BUY' | 'SELL';
  price: Price;
  size: number;
}

export class MarketChannel implements IDisposable {
  private readonly sessions = new Set<MarketSession>();
  private readonly subscriptions: IDisposable[] = [];
  private readonly pending = new Map<string, Map<string, PendingChange>>();
  private flushScheduled = false;
  private readonly lastTop = new Map<string, string>();
  private nextSessionId = 1;

  constructor(
    private readonly exchange: PolymarketExchange,
    private readonly registry: FeedRegistry,
    private readonly now: () => number,
    private readonly vary: () => boolean = () => false,
  ) {
    this.subscriptions.push(
      exchange.onBookChange(({ market, change }) => {
        // A YES-scale level is a YES-token level and the mirrored NO-token level.
        const yes: PendingChange = { assetId: market.listing.yesTokenId, outcome: 'yes', side: change.side === 'bid' ? 'BUY' : 'SELL', price: change.price, size: change.total };
        const no: PendingChange = {
          assetId: market.listing.noTokenId,
          outcome: 'no',
          side: change.side === 'bid' ? 'SELL' : 'BUY',
          price: (PRICE_ONE - change.price) as Price,
          size: change.total,
        };
        let m = this.pending.get(market.listing.conditionId);
        if (!m) this.pending.set(market.listing.conditionId, (m = new Map()));
        for (const c of [yes, no]) m.set(`${c.assetId}|${c.side}|${c.price}`, c);
        this.scheduleFlush();
      }),
      exchange.onTrade(({ trade, market }) => {
        const ts = String(this.now());
        this.flush();
        this.publish(trade.assetId, {
          event_type: 'last_trade_price',
          asset_id: trade.assetId,
          market: trade.market,
          price: polyPrice(trade.price),
          side: trade.side,
          size: polyAmount(trade.size),
          fee_rate_bps: String(trade.feeRateBps),
          timestamp: ts,
        });
        for (const outcome of ['yes', 'no'] as const) this.publish(tokenIdOf(market, outcome), this.book(bookEvent(market, outcome, this.now())));
      }),
      exchange.onTickChange(({ market, old, tick }) => {
        for (const outcome of ['yes', 'no'] as const) {
          const asset = tokenIdOf(market, outcome);
          this.publish(asset, {
            event_type: 'tick_size_change',
            asset_id: asset,
            market: market.listing.conditionId,
            old_tick_size: polyPrice(old),
            new_tick_size: polyPrice(tick),
            timestamp: String(this.now()),
          });
        }
      }),
      exchange.onResolved((market) => {
        const l = market.listing;
        const winning = market.winner === 'yes' ? l.yesTokenId : l.noTokenId;
        const msg = {
          event_type: 'market_resolved',
          id: l.gammaId,
          question: l.question,
          market: l.conditionId,
          slug: l.slug,
          description: l.description,
          assets_ids: [l.yesTokenId, l.noTokenId],
          outcomes: ['Yes', 'No'],
          winning_asset_id: winning,
          winning_outcome: market.winner === 'yes' ? 'Yes' : 'No',
          timestamp: String(this.now()),
        };
        for (const s of this.sessions) if (s.custom && (s.assets.has(l.yesTokenId) || s.assets.has(l.noTokenId))) s.socket.send(msg);
      }),
    );
  }

  accept(ws: WebSocket): void {
    const session: MarketSession = { id: this.nextSessionId++, socket: this.registry.add(ws), assets: new Set(), custom: false, started: false, subscribed: 0, largestFrame: 0 };
    this.sessions.add(session);
    ws.on('message', (data) => {
      try {
        this.handle(session, data.toString());
      } catch {
        session.socket.sendControl('INVALID OPERATION');
      }
    });
    ws.on('close', () => this.sessions.delete(session));
    ws.on('error', () => ws.terminate());
  }

  private handle(session: MarketSession, text: string): void {
    if (text === 'PING') {
      session.socket.sendControl('PONG');
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      session.socket.sendControl('INVALID OPERATION');
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      session.socket.sendControl('INVALID OPERATION');
      return;
    }
    const m = msg as { assets_ids?: unknown; type?: unknown; operation?: unknown; custom_feature_enabled?: unknown; initial_dump?: unknown };
    const ids = Array.isArray(m.assets_ids) ? m.assets_ids.filter((x): x is string => typeof x === 'string') : undefined;
    if (!ids || ids.length !== (m.assets_ids as unknown[]).length) {
      session.socket.sendControl('INVALID OPERATION');
      return;
    }
    if (typeof m.custom_feature_enabled === 'boolean') session.custom = m.custom_feature_enabled;
    const op = m.operation ?? (typeof m.type === 'string' && m.type.toLowerCase() === 'market' ? 'subscribe' : undefined);
    if (op === 'unsubscribe') {
      for (const id of ids) session.assets.delete(id);
      return;
    }
    if (op !== 'subscribe') {
      session.socket.sendControl('INVALID OPERATION');
      return;
    }
    session.largestFrame = Math.max(session.largestFrame, ids.length);
    const fresh: string[] = [];
    for (const id of ids) {
      if (session.assets.has(id) || !this.exchange.tokens.has(id)) continue;
      if (session.assets.size >= MAX_ASSETS_PER_CONNECTION) break;
      session.assets.add(id);
      fresh.push(id);
    }
    session.subscribed += fresh.length;
    session.started = true;
    if (m.initial_dump === false || fresh.length === 0) return;
    const books = fresh.map((id) => {
      const t = this.exchange.tokens.get(id)!;
      return this.book(bookEvent(t.market, t.outcome, this.now()));
    });
    session.socket.send(books);
  }

  /** Every open connection, oldest first. */
  sessionsView(): MarketSessionView[] {
    return [...this.sessions].map((s) => ({ id: s.id, open: s.socket.isOpen, assets: s.assets.size, subscribed: s.subscribed, largestFrame: s.largestFrame }));
  }

  /** Cuts one connection (no close frame), as a network path dying under it. */
  drop(id: number): boolean {
    const s = [...this.sessions].find((x) => x.id === id);
    if (!s) return false;
    s.socket.terminate();
    return true;
  }

  /** A `book` as sent: as a variant, without its `event_type` (nautilus_trader test_data/ws_book_snapshot.json). */
  private book(event: Record<string, unknown>): Record<string, unknown> {
    if (!this.vary()) return event;
    const { event_type: _type, ...rest } = event;
    return rest;
  }

  private publish(assetId: string, msg: object): void {
    for (const s of this.sessions) if (s.assets.has(assetId)) s.socket.send(msg);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** One price_change message per market for everything that changed in this turn. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.size === 0) return;
    if (this.sessions.size === 0) {
      this.pending.clear();
      this.lastTop.clear();
      return;
    }
    const ts = String(this.now());
    for (const [conditionId, changes] of this.pending) {
      const market = this.exchange.markets.get(conditionId)!;
      const tops = new Map<string, ReturnType<MarketChannel['topOf']>>();
      for (const outcome of ['yes', 'no'] as const) tops.set(tokenIdOf(market, outcome), this.topOf(market, outcome, ts));
      const entries = [...changes.values()].map((c) => {
        const top = tops.get(c.assetId)!;
        return { asset_id: c.assetId, price: polyPrice(c.price), size: polyAmount(c.size), side: c.side, hash: top.hash, best_bid: top.best_bid, best_ask: top.best_ask };
      });
      for (const s of this.sessions) {
        const mine = entries.filter((e) => s.assets.has(e.asset_id));
        if (mine.length === 0) continue;
        if (!this.vary()) {
          s.socket.send({ market: conditionId, price_changes: mine, timestamp: ts, event_type: 'price_change' });
          continue;
        }
        // A frame whose other elements are not for us: an undocumented event, a change for a token not subscribed.
        const foreign = { asset_id: '1', price: '0.5', size: '10', side: 'BUY', hash: '0x0', best_bid: '0.5', best_ask: '1' };
        s.socket.send([{ event_type: 'unannounced_event', market: conditionId, timestamp: ts }, { market: conditionId, price_changes: [foreign, ...mine], timestamp: ts, event_type: 'price_change' }]);
      }
      for (const outcome of ['yes', 'no'] as const) {
        const asset = tokenIdOf(market, outcome);
        const top = tops.get(asset)!;
        const key = `${top.best_bid}|${top.best_ask}`;
        if (this.lastTop.get(asset) === key) continue;
        this.lastTop.set(asset, key);
        const spread = top.bid !== undefined && top.ask !== undefined ? polyPrice((top.ask - top.bid) as Price) : '1';
        const msg = { event_type: 'best_bid_ask', market: conditionId, asset_id: asset, best_bid: top.best_bid, best_ask: top.best_ask, spread, timestamp: ts };
        for (const s of this.sessions) if (s.custom && s.assets.has(asset)) s.socket.send(msg);
      }
    }
    this.pending.clear();
  }

  private topOf(market: PolyMarketState, outcome: OutcomeToken, ts: string) {
    const b = tokenBook(market, outcome);
    const summary = withHash({
      market: market.listing.conditionId,
      asset_id: tokenIdOf(market, outcome),
      timestamp: ts,
      hash: '',
      bids: [...b.bids].reverse().map((l) => ({ price: polyPrice(l.price), size: polyAmount(l.total) })),
      asks: b.asks.map((l) => ({ price: polyPrice(l.price), size: polyAmount(l.total) })),
    });
    const bid = b.bids[0]?.price;
    const ask = b.asks[0]?.price;
    return { bid, ask, best_bid: bid !== undefined ? polyPrice(bid) : '0', best_ask: ask !== undefined ? polyPrice(ask) : '1', hash: summary.hash };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.sessions.clear();
  }
}

