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
import { PacedWork } from '../core/pacedWork';
import type { PolymarketExchange } from './exchange';
import type { OutcomeToken, PolyMarketState } from './types';
import { bookEvent, tokenBook, tokenIdOf, withHash } from './wire';

export const MAX_ASSETS_PER_CONNECTION = 500;
/** Command work (mostly initial books) one turn of the event loop may do before it lets I/O in. */
const COMMAND_BUDGET_MS = 50;

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

interface PriceChangeEntry {
  asset_id: string;
  price: string;
  size: string;
  side: 'BUY' | 'SELL';
  hash: string;
  best_bid: string;
  best_ask: string;
}

/** A token's best prices as the feed states them; `bid`/`ask` undefined on an empty side. */
interface TokenTop {
  bid: Price | undefined;
  ask: Price | undefined;
  best_bid: string;
  best_ask: string;
}

export class MarketChannel implements IDisposable {
  private readonly sessions = new Set<MarketSession>();
  /** Each asset's connections, oldest first (the order a scan of `sessions` meets them). */
  private readonly listeners = new Map<string, MarketSession[]>();
  private readonly subscriptions: IDisposable[] = [];
  private readonly pending = new Map<string, Map<string, PendingChange>>();
  private flushScheduled = false;
  private readonly lastTop = new Map<string, string>();
  private nextSessionId = 1;
  /** Subscribe frames send up to 100 books each: paced, so handshakes are not left waiting behind them. */
  private readonly commands = new PacedWork(COMMAND_BUDGET_MS);

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
        for (const s of this.listenersOf(l.yesTokenId, l.noTokenId)) if (s.custom) s.socket.send(msg);
      }),
    );
  }

  accept(ws: WebSocket): void {
    const session: MarketSession = { id: this.nextSessionId++, socket: this.registry.add(ws), assets: new Set(), custom: false, started: false, subscribed: 0, largestFrame: 0 };
    this.sessions.add(session);
    ws.on('message', (data) => {
      const text = data.toString();
      this.commands.run(() => {
        if (!this.sessions.has(session)) return;
        try {
          this.handle(session, text);
        } catch {
          session.socket.sendControl('INVALID OPERATION');
        }
      });
    });
    ws.on('close', () => {
      this.sessions.delete(session);
      for (const id of session.assets) this.unlisten(session, id);
    });
    ws.on('error', () => ws.terminate());
  }

  private listen(session: MarketSession, assetId: string): void {
    let list = this.listeners.get(assetId);
    if (!list) this.listeners.set(assetId, (list = []));
    let at = list.length;
    while (at > 0 && list[at - 1]!.id > session.id) at--;
    list.splice(at, 0, session);
  }

  private unlisten(session: MarketSession, assetId: string): void {
    const list = this.listeners.get(assetId);
    const at = list?.indexOf(session) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (list!.length === 0) this.listeners.delete(assetId);
  }

  /** The connections subscribed to either token of a market, oldest first, each once. */
  private listenersOf(yes: string, no: string): readonly MarketSession[] {
    const a = this.listeners.get(yes) ?? [];
    const b = this.listeners.get(no) ?? [];
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    const merged: MarketSession[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      if (y === undefined || (x !== undefined && x.id < y.id)) merged.push(a[i++]!);
      else if (x === undefined || y.id < x.id) merged.push(b[j++]!);
      else {
        merged.push(a[i++]!);
        j++;
      }
    }
    return merged;
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
      for (const id of ids) if (session.assets.delete(id)) this.unlisten(session, id);
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
      this.listen(session, id);
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
    const list = this.listeners.get(assetId);
    if (list) for (const s of list) s.socket.send(msg);
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
      const yesId = tokenIdOf(market, 'yes');
      const noId = tokenIdOf(market, 'no');
      const tops = { [yesId]: this.topOf(market, 'yes'), [noId]: this.topOf(market, 'no') } as Record<string, TokenTop>;
      const listeners = this.listenersOf(yesId, noId);
      if (listeners.length > 0) {
        // The book hash is a digest of the whole token book: made only for a frame that carries it.
        const hashes = new Map<string, string>();
        const hashOf = (assetId: string) => {
          let h = hashes.get(assetId);
          if (h === undefined) hashes.set(assetId, (h = this.hashOf(market, assetId === yesId ? 'yes' : 'no', ts)));
          return h;
        };
        const list = [...changes.values()];
        const entries: (PriceChangeEntry | undefined)[] = new Array(list.length);
        const entryAt = (i: number): PriceChangeEntry => {
          let e = entries[i];
          if (e === undefined) {
            const c = list[i]!;
            const top = tops[c.assetId]!;
            e = entries[i] = { asset_id: c.assetId, price: polyPrice(c.price), size: polyAmount(c.size), side: c.side, hash: hashOf(c.assetId), best_bid: top.best_bid, best_ask: top.best_ask };
          }
          return e;
        };
        for (const s of listeners) {
          const mine: PriceChangeEntry[] = [];
          for (let i = 0; i < list.length; i++) if (s.assets.has(list[i]!.assetId)) mine.push(entryAt(i));
          if (mine.length === 0) continue;
          if (!this.vary()) {
            s.socket.send({ market: conditionId, price_changes: mine, timestamp: ts, event_type: 'price_change' });
            continue;
          }
          // A frame whose other elements are not for us: an undocumented event, a change for a token not subscribed.
          const foreign = { asset_id: '1', price: '0.5', size: '10', side: 'BUY', hash: '0x0', best_bid: '0.5', best_ask: '1' };
          s.socket.send([{ event_type: 'unannounced_event', market: conditionId, timestamp: ts }, { market: conditionId, price_changes: [foreign, ...mine], timestamp: ts, event_type: 'price_change' }]);
        }
      }
      for (const asset of [yesId, noId]) {
        const top = tops[asset]!;
        const key = `${top.best_bid}|${top.best_ask}`;
        if (this.lastTop.get(asset) === key) continue;
        this.lastTop.set(asset, key);
        const custom = this.listeners.get(asset)?.filter((s) => s.custom);
        if (!custom || custom.length === 0) continue;
        const spread = top.bid !== undefined && top.ask !== undefined ? polyPrice((top.ask - top.bid) as Price) : '1';
        const msg = { event_type: 'best_bid_ask', market: conditionId, asset_id: asset, best_bid: top.best_bid, best_ask: top.best_ask, spread, timestamp: ts };
        for (const s of custom) s.socket.send(msg);
      }
    }
    this.pending.clear();
  }

  private topOf(market: PolyMarketState, outcome: OutcomeToken): TokenTop {
    // A NO token's bids are the YES asks mirrored, and its asks the YES bids.
    const yesBid = market.book.best('bid')?.price;
    const yesAsk = market.book.best('ask')?.price;
    const bid = outcome === 'yes' ? yesBid : yesAsk !== undefined ? ((PRICE_ONE - yesAsk) as Price) : undefined;
    const ask = outcome === 'yes' ? yesAsk : yesBid !== undefined ? ((PRICE_ONE - yesBid) as Price) : undefined;
    return { bid, ask, best_bid: bid !== undefined ? polyPrice(bid) : '0', best_ask: ask !== undefined ? polyPrice(ask) : '1' };
  }

  private hashOf(market: PolyMarketState, outcome: OutcomeToken, ts: string): string {
    const b = tokenBook(market, outcome);
    return withHash({
      market: market.listing.conditionId,
      asset_id: tokenIdOf(market, outcome),
      timestamp: ts,
      hash: '',
      bids: [...b.bids].reverse().map((l) => ({ price: polyPrice(l.price), size: polyAmount(l.total) })),
      asks: b.asks.map((l) => ({ price: polyPrice(l.price), size: polyAmount(l.total) })),
    }).hash;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.commands.dispose();
    this.sessions.clear();
  }
}

