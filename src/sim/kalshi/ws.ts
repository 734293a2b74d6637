// Kalshi's WebSocket (/trade-api/ws/v2): a signed upgrade, then subscribe / update_subscription /
// unsubscribe / list_subscriptions commands. orderbook_delta subscriptions get an
// orderbook_snapshot per market and then signed deltas, with `seq` counting every message of the
// subscription (a gap fault spends a seq without sending). Private channels: fill, user_orders.
// Public extras: ticker, trade, market_lifecycle_v2. Server pings every 10 s.
// The `variants` fault sends the shapes others have seen: `ok` replies that spend a seq, a refused
// `use_yes_price` (code 11), errors without a command id, fills without book_side (and fee_cost).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { type IDisposable } from '../../shared/lifecycle';
import { PRICE_ONE, type Price, type Qty } from '../../shared/units';
import { kalshiCount, kalshiDollars, isoTime } from '../core/format';
import { FeedRegistry, type FeedSocket } from '../core/feedSocket';
import { HttpError } from '../core/http';
import type { FaultController } from '../faults/controller';
import type { LevelChange } from '../matching/book';
import { verifyKalshiRequest, type KalshiAuthWindow } from './auth';
import type { KalshiExchange } from './exchange';
import type { BookTag, KalshiAccount } from './types';
import { fillEventJson, orderbookLevels, orderJson } from './wire';

export const KALSHI_WS_PATH = '/trade-api/ws/v2';

const CHANNELS = new Set(['orderbook_delta', 'ticker', 'trade', 'fill', 'user_orders', 'market_lifecycle_v2']);
const MARKET_REQUIRED = new Set(['orderbook_delta']);

interface Subscription {
  readonly sid: number;
  readonly channel: string;
  /** null: every market. */
  tickers: Set<string> | null;
  seq: number;
  readonly useYesPrice: boolean;
}

class WsCommandError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const marketIds = new Map<string, string>();

/** A market's id (a UUID derived from its ticker), computed once per ticker: it is on every delta. */
export function marketIdOf(ticker: string): string {
  let id = marketIds.get(ticker);
  if (id === undefined) {
    const h = createHash('sha256').update(`market|${ticker}`).digest('hex');
    id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    marketIds.set(ticker, id);
  }
  return id;
}

let nextSessionId = 1;

interface BookSubscriber {
  readonly session: Session;
  readonly sub: Subscription;
}

/**
 * Who listens to what across every connection: each market's orderbook_delta subscriptions (so a
 * book change reaches its subscribers without a scan of every subscription), kept in the order a
 * scan would meet them — oldest connection first, then by sid — so the sequence gap fault draws
 * in the same order; and how many subscriptions each channel has.
 */
class SubscriptionIndex {
  private readonly books = new Map<string, BookSubscriber[]>();
  private readonly channels = new Map<string, number>();

  added(session: Session, sub: Subscription): void {
    this.channels.set(sub.channel, (this.channels.get(sub.channel) ?? 0) + 1);
    if (sub.channel === 'orderbook_delta' && sub.tickers) for (const t of sub.tickers) this.addMarket(session, sub, t);
  }

  removed(sub: Subscription): void {
    this.channels.set(sub.channel, this.channels.get(sub.channel)! - 1);
    if (sub.channel === 'orderbook_delta' && sub.tickers) for (const t of sub.tickers) this.removeMarket(sub, t);
  }

  addMarket(session: Session, sub: Subscription, ticker: string): void {
    if (sub.channel !== 'orderbook_delta') return;
    let list = this.books.get(ticker);
    if (!list) this.books.set(ticker, (list = []));
    let at = list.length;
    while (at > 0 && (list[at - 1]!.session.id > session.id || (list[at - 1]!.session === session && list[at - 1]!.sub.sid > sub.sid))) at--;
    list.splice(at, 0, { session, sub });
  }

  removeMarket(sub: Subscription, ticker: string): void {
    if (sub.channel !== 'orderbook_delta') return;
    const list = this.books.get(ticker);
    const at = list?.findIndex((e) => e.sub === sub) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (list!.length === 0) this.books.delete(ticker);
  }

  bookSubscribers(ticker: string): readonly BookSubscriber[] | undefined {
    return this.books.get(ticker);
  }

  has(channel: string): boolean {
    return (this.channels.get(channel) ?? 0) > 0;
  }
}

class Session {
  private nextSid = 1;
  readonly subs = new Map<number, Subscription>();
  readonly id = nextSessionId++;
  /** Subscribe commands received (for tests of per-connection recovery). */
  subscribes = 0;

  constructor(
    readonly socket: FeedSocket,
    readonly account: KalshiAccount,
    private readonly exchange: KalshiExchange,
    private readonly index: SubscriptionIndex,
    private readonly gap: () => boolean,
    private readonly vary: (share?: number) => boolean = () => false,
  ) {}

  /** The connection closed: its subscriptions leave the index. */
  closed(): void {
    for (const sub of this.subs.values()) this.index.removed(sub);
    this.subs.clear();
  }

  handle(raw: RawData): void {
    let msg: unknown;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      this.error(undefined, 1, 'Unable to process message');
      return;
    }
    const id = typeof msg === 'object' && msg !== null && Number.isSafeInteger((msg as { id?: unknown }).id) ? ((msg as { id: number }).id) : undefined;
    try {
      if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) throw new WsCommandError(1, 'Unable to process message');
      const m = msg as { cmd?: unknown; params?: unknown };
      const params = m.params;
      switch (m.cmd) {
        case 'subscribe':
          this.subscribe(id, params);
          break;
        case 'unsubscribe':
          this.unsubscribe(id, params);
          break;
        case 'update_subscription':
          this.update(id, params);
          break;
        case 'list_subscriptions':
          this.reply({ id, type: 'ok', msg: [...this.subs.values()].map((s) => ({ channel: s.channel, sid: s.sid })) });
          break;
        default:
          throw new WsCommandError(5, 'Unknown command');
      }
    } catch (e) {
      if (e instanceof WsCommandError) this.error(id, e.code, e.message);
      else this.error(id, 1, 'Unable to process message');
    }
  }

  private paramsOf(params: unknown): Record<string, unknown> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new WsCommandError(2, 'Params required');
    return params as Record<string, unknown>;
  }

  private tickersOf(p: Record<string, unknown>): string[] | undefined {
    const list: unknown[] = [];
    if (p.market_ticker !== undefined) list.push(p.market_ticker);
    if (p.market_tickers !== undefined) {
      if (!Array.isArray(p.market_tickers)) throw new WsCommandError(11, 'Invalid parameter: market_tickers must be an array');
      list.push(...(p.market_tickers as unknown[]));
    }
    if (list.length === 0) return undefined;
    for (const t of list) {
      if (typeof t !== 'string') throw new WsCommandError(11, 'Invalid parameter: market tickers must be strings');
      if (!this.exchange.markets.has(t)) throw new WsCommandError(16, `Market not found: ${t}`);
    }
    return list as string[];
  }

  private subscribe(id: number | undefined, raw: unknown): void {
    this.subscribes++;
    const p = this.paramsOf(raw);
    if (!Array.isArray(p.channels) || p.channels.length === 0) throw new WsCommandError(3, 'Channels required');
    const channels = p.channels as unknown[];
    for (const c of channels) if (typeof c !== 'string' || !CHANNELS.has(c)) throw new WsCommandError(8, `Unknown channel name: ${String(c)}`);
    const tickers = this.tickersOf(p);
    for (const c of channels as string[]) if (MARKET_REQUIRED.has(c) && !tickers) throw new WsCommandError(14, 'Market Ticker required');
    if (p.use_yes_price !== undefined && typeof p.use_yes_price !== 'boolean') throw new WsCommandError(11, 'Invalid parameter: use_yes_price');
    // The published subscribe schema has no use_yes_price: a venue may refuse it.
    if (p.use_yes_price !== undefined && this.vary()) throw new WsCommandError(11, 'Invalid parameter: use_yes_price');
    const snapshot = p.send_initial_snapshot === undefined ? true : p.send_initial_snapshot === true;
    for (const channel of channels as string[]) {
      const sub: Subscription = { sid: this.nextSid++, channel, tickers: tickers ? new Set(tickers) : null, seq: 0, useYesPrice: p.use_yes_price === true };
      this.subs.set(sub.sid, sub);
      this.index.added(this, sub);
      this.reply({ id, type: 'subscribed', msg: { channel, sid: sub.sid } });
      if (channel === 'orderbook_delta' && snapshot) for (const t of sub.tickers!) this.snapshot(sub, t);
    }
  }

  private unsubscribe(id: number | undefined, raw: unknown): void {
    const p = this.paramsOf(raw);
    if (!Array.isArray(p.sids) || p.sids.length === 0) throw new WsCommandError(4, 'Subscription IDs required');
    for (const sid of p.sids as unknown[]) if (typeof sid !== 'number' || !this.subs.has(sid)) throw new WsCommandError(7, `Unknown subscription ID: ${String(sid)}`);
    for (const sid of p.sids as number[]) {
      const sub = this.subs.get(sid)!;
      this.subs.delete(sid);
      this.index.removed(sub);
      this.reply({ id, sid, seq: sub.seq, type: 'unsubscribed' });
    }
  }

  private update(id: number | undefined, raw: unknown): void {
    const p = this.paramsOf(raw);
    const sids = p.sids !== undefined ? p.sids : p.sid !== undefined ? [p.sid] : [];
    if (!Array.isArray(sids) || sids.length !== 1 || (p.sid !== undefined && p.sids !== undefined)) throw new WsCommandError(12, 'Exactly one subscription ID is required');
    const sub = typeof sids[0] === 'number' ? this.subs.get(sids[0]) : undefined;
    if (!sub) throw new WsCommandError(7, `Unknown subscription ID: ${String(sids[0])}`);
    if (p.action === undefined) throw new WsCommandError(15, 'Action required');
    if (p.action !== 'add_markets' && p.action !== 'delete_markets' && p.action !== 'get_snapshot') throw new WsCommandError(13, 'Unsupported action');
    const tickers = this.tickersOf(p);
    if (!tickers) throw new WsCommandError(14, 'Market Ticker required');
    if (sub.tickers === null) throw new WsCommandError(10, 'Channel error: this subscription covers every market');
    if (p.action === 'add_markets') {
      const fresh = tickers.filter((t) => !sub.tickers!.has(t));
      for (const t of fresh) {
        if (sub.tickers.has(t)) continue;
        sub.tickers.add(t);
        this.index.addMarket(this, sub, t);
      }
      if (sub.channel === 'orderbook_delta') for (const t of fresh) this.snapshot(sub, t);
    } else if (p.action === 'delete_markets') {
      for (const t of tickers) if (sub.tickers.delete(t)) this.index.removeMarket(sub, t);
    } else {
      if (sub.channel !== 'orderbook_delta') throw new WsCommandError(13, 'Unsupported action for this channel');
      for (const t of tickers) {
        if (!sub.tickers.has(t)) throw new WsCommandError(11, `Invalid parameter: ${t} is not in this subscription`);
      }
      for (const t of tickers) this.snapshot(sub, t);
    }
    // Whether an `ok` spends a seq is undocumented: as a variant, it does.
    this.reply({ id, sid: sub.sid, seq: this.vary() ? ++sub.seq : sub.seq, type: 'ok', msg: { market_tickers: [...sub.tickers] } });
    // As a rarer variant, an error without a command id about one of the subscription's markets.
    if (sub.channel === 'orderbook_delta' && sub.tickers.size > 0 && this.vary(0.2)) {
      const named = [...sub.tickers][0]!;
      this.reply({ type: 'error', msg: { code: 17, msg: 'Internal error', market_ticker: named } });
    }
  }

  private snapshot(sub: Subscription, ticker: string): void {
    const book = this.exchange.markets.get(ticker)!.book;
    const levels = orderbookLevels(book);
    const no = sub.useYesPrice
      ? book
          .levels('ask')
          .map((l) => [kalshiDollars(l.price), kalshiCount(l.total as Qty)])
      : levels.no;
    const msg: Record<string, unknown> = { market_ticker: ticker, market_id: marketIdOf(ticker) };
    if (levels.yes.length > 0) msg.yes_dollars_fp = levels.yes;
    if (no.length > 0) msg.no_dollars_fp = no;
    this.socket.send({ type: 'orderbook_snapshot', sid: sub.sid, seq: ++sub.seq, msg });
  }

  /** One orderbook_delta subscription of this session covers the changed market. */
  onBookChange(sub: Subscription, ticker: string, change: LevelChange<BookTag>, ts: number): void {
    const seq = ++sub.seq;
    if (this.gap()) return;
    const yesSide = change.side === 'bid';
    const price = yesSide || sub.useYesPrice ? change.price : ((PRICE_ONE - change.price) as Price);
    const msg: Record<string, unknown> = {
      market_ticker: ticker,
      market_id: marketIdOf(ticker),
      price_dollars: kalshiDollars(price),
      delta_fp: kalshiCount(change.delta as Qty),
      side: yesSide ? 'yes' : 'no',
      ts: isoTime(ts),
      ts_ms: ts,
    };
    const own = change.order.owner === this.account.userId ? change.order.tag : change.actor.owner === this.account.userId ? change.actor.tag : undefined;
    if (own?.clientOrderId) {
      msg.client_order_id = own.clientOrderId;
      msg.subaccount = 0;
    }
    this.socket.send({ type: 'orderbook_delta', sid: sub.sid, seq, msg });
  }

  /** Sends a channel message to every matching subscription of this session. */
  publish(channel: string, ticker: string | null, type: string, msg: unknown): void {
    for (const sub of this.subs.values()) {
      if (sub.channel !== channel) continue;
      if (ticker !== null && sub.tickers !== null && !sub.tickers.has(ticker)) continue;
      this.socket.send({ type, sid: sub.sid, msg });
    }
  }

  private reply(body: Record<string, unknown>): void {
    if (body.id === undefined) delete body.id;
    this.socket.sendControl(body);
  }

  private error(id: number | undefined, code: number, message: string): void {
    this.reply({ id, type: 'error', msg: { code, msg: message } });
  }
}

export interface KalshiWsOptions {
  exchange: KalshiExchange;
  faults: FaultController;
  authWindow: KalshiAuthWindow;
  now(): number;
}

export class KalshiWsServer implements IDisposable {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  private readonly registry: FeedRegistry;
  private readonly sessions = new Set<Session>();
  private readonly index = new SubscriptionIndex();
  private readonly subscriptions: IDisposable[] = [];
  private readonly lastTop = new Map<string, string>();
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly options: KalshiWsOptions) {
    const { exchange, faults } = options;
    this.registry = new FeedRegistry('kalshi', faults);
    this.subscriptions.push(
      exchange.onBookChange(({ ticker, change }) => {
        const ts = options.now();
        const listeners = this.index.bookSubscribers(ticker);
        if (listeners) for (const { session, sub } of listeners) session.onBookChange(sub, ticker, change, ts);
        this.maybeTicker(ticker, ts);
      }),
      exchange.onTrade((t) => {
        const msg = {
          trade_id: t.tradeId,
          market_ticker: t.ticker,
          yes_price_dollars: kalshiDollars(t.yesPrice),
          no_price_dollars: kalshiDollars((PRICE_ONE - t.yesPrice) as Price),
          count_fp: kalshiCount(t.count),
          taker_side: t.takerSide === 'bid' ? 'yes' : 'no',
          taker_outcome_side: t.takerSide === 'bid' ? 'yes' : 'no',
          taker_book_side: t.takerSide,
          is_block_trade: false,
          ts: Math.floor(t.ts / 1000),
          ts_ms: t.ts,
        };
        for (const s of this.sessions) s.publish('trade', t.ticker, 'trade', msg);
      }),
      exchange.onFill(({ account, fill }) => {
        // Variants: the AsyncAPI shape (no book_side / outcome_side), sometimes without fee_cost as its example.
        const shape = faults.shouldVary('kalshi') ? (faults.shouldVary('kalshi', 0.5) ? 'legacy-no-fee' : 'legacy') : 'v2';
        for (const s of this.sessions) if (s.account === account) s.publish('fill', fill.ticker, 'fill', fillEventJson(fill, shape));
      }),
      exchange.onOrder(({ account, order }) => {
        for (const s of this.sessions) if (s.account === account) s.publish('user_orders', order.ticker, 'user_order', orderJson(order));
      }),
      exchange.onLifecycle(({ ticker, event, result }) => {
        const ts = options.now();
        const msg = { market_ticker: ticker, event_type: event, result, ...(event === 'determined' ? { determination_ts: Math.floor(ts / 1000) } : { settled_ts: Math.floor(ts / 1000) }) };
        for (const s of this.sessions) s.publish('market_lifecycle_v2', ticker, 'market_lifecycle_v2', msg);
      }),
    );
    this.pinger = setInterval(() => {
      for (const s of this.sessions) if (s.socket.isOpen) s.socket.ws.ping('heartbeat');
    }, 10_000);
    this.pinger.unref();
  }

  sessionsView(): { id: number; subscribes: number; open: boolean }[] {
    return [...this.sessions].map((s) => ({ id: s.id, subscribes: s.subscribes, open: s.socket.isOpen }));
  }

  get connections(): number {
    return this.registry.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    if (url.pathname !== KALSHI_WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    let account: KalshiAccount;
    try {
      const h = (n: string) => {
        const v = req.headers[n];
        return Array.isArray(v) ? v[0] : v;
      };
      account = verifyKalshiRequest(
        this.options.exchange,
        { key: h('kalshi-access-key'), timestamp: h('kalshi-access-timestamp'), signature: h('kalshi-access-signature') },
        'GET',
        KALSHI_WS_PATH,
        this.options.now(),
        this.options.authWindow,
      );
    } catch (e) {
      const message = e instanceof HttpError ? e.message : 'authentication failed';
      const body = JSON.stringify({ error: { code: 'authentication_error', message } });
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, account));
  }

  private accept(ws: WebSocket, account: KalshiAccount): void {
    const feed = this.registry.add(ws);
    const faults = this.options.faults;
    const session = new Session(feed, account, this.options.exchange, this.index, () => faults.shouldGap(), (share) => faults.shouldVary('kalshi', share));
    this.sessions.add(session);
    ws.on('message', (data) => {
      try {
        session.handle(data);
      } catch {
        // A session never takes the server down; the command already got its error reply.
      }
    });
    ws.on('close', () => {
      this.sessions.delete(session);
      session.closed();
    });
    ws.on('error', () => ws.terminate());
  }

  private maybeTicker(ticker: string, ts: number): void {
    const market = this.options.exchange.markets.get(ticker)!;
    const bid = market.book.best('bid');
    const ask = market.book.best('ask');
    const key = `${bid?.price}:${bid?.total}:${ask?.price}:${ask?.total}`;
    if (this.lastTop.get(ticker) === key) return;
    this.lastTop.set(ticker, key);
    if (!this.index.has('ticker')) return;
    const msg = {
      market_ticker: ticker,
      market_id: marketIdOf(ticker),
      price_dollars: market.lastPrice !== null ? kalshiDollars(market.lastPrice) : '0.0000',
      yes_bid_dollars: bid ? kalshiDollars(bid.price) : '0.0000',
      yes_ask_dollars: ask ? kalshiDollars(ask.price) : '1.0000',
      yes_bid_size_fp: kalshiCount((bid?.total ?? 0) as Qty),
      yes_ask_size_fp: kalshiCount((ask?.total ?? 0) as Qty),
      volume_fp: kalshiCount(market.volume),
      open_interest_fp: kalshiCount(market.openInterest),
      dollar_volume: 0,
      dollar_open_interest: 0,
      ts: Math.floor(ts / 1000),
      ts_ms: ts,
      time: isoTime(ts),
    };
    for (const s of this.sessions) s.publish('ticker', ticker, 'ticker', msg);
  }

  dispose(): void {
    clearInterval(this.pinger);
    for (const s of this.subscriptions) s.dispose();
    this.registry.dispose();
    this.wss.close();
  }
}
