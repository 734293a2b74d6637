// Polymarket's user channel (/ws/user): authenticate in the first message with the API
// credentials, optionally filter by condition ids, then receive `order` events (PLACEMENT,
// UPDATE, CANCELLATION) and `trade` events as each trade moves MATCHED → MINED → CONFIRMED.
import type { WebSocket } from 'ws';
import type { IDisposable } from '../../shared/lifecycle';
import { polyAmount, polyPrice } from '../core/format';
import type { FeedRegistry, FeedSocket } from '../core/feedSocket';
import type { PolymarketExchange } from './exchange';
import type { PolyAccount, PolyTrade } from './types';
import { tradeJson } from './wire';

interface UserSession {
  socket: FeedSocket;
  account: PolyAccount | null;
  apiKey: string | null;
  /** null: every market. */
  markets: Set<string> | null;
}

export class UserChannel implements IDisposable {
  private readonly sessions = new Set<UserSession>();
  private readonly subscriptions: IDisposable[] = [];

  constructor(
    private readonly exchange: PolymarketExchange,
    private readonly registry: FeedRegistry,
    private readonly now: () => number,
    private readonly vary: () => boolean = () => false,
  ) {
    this.subscriptions.push(
      // As a variant, a killed FOK is announced the way others recorded it
      // (nautilus_trader test_data/ws_user_order_fok_killed.json): CANCELLATION, size_matched "".
      exchange.onKilled(({ account, req, market, price, size }) => {
        if (!this.vary()) return;
        this.deliver(account, market.listing.conditionId, {
          id: req.id,
          owner: req.apiKey,
          market: market.listing.conditionId,
          asset_id: req.tokenId,
          side: req.side,
          order_owner: req.apiKey,
          original_size: polyAmount(size),
          size_matched: '',
          price: polyPrice(price),
          associate_trades: [],
          outcome: '',
          type: 'CANCELLATION',
          created_at: '',
          expiration: '0',
          order_type: 'FOK',
          status: "CANCELED_order couldn't be fully filled. FOK orders are fully filled or killed.",
          maker_address: account.address,
          timestamp: String(this.now()),
          event_type: 'order',
        });
      }),
      exchange.onOrder(({ account, order, type }) => {
        const msg = {
          event_type: 'order',
          type,
          id: order.id,
          owner: order.owner,
          order_owner: order.owner,
          market: order.market,
          asset_id: order.assetId,
          side: order.side,
          price: polyPrice(order.price),
          original_size: polyAmount(order.originalSize),
          size_matched: polyAmount(order.sizeMatched),
          outcome: order.outcome === 'yes' ? 'Yes' : 'No',
          associate_trades: [...order.associateTrades],
          order_type: order.orderType,
          status: order.status,
          timestamp: String(this.now()),
        };
        this.deliver(account, order.market, msg);
      }),
      exchange.onTradeStatus(({ trade, accounts }) => {
        for (const account of accounts) this.deliver(account, trade.market, this.tradeEvent(trade, account));
      }),
    );
  }

  accept(ws: WebSocket): void {
    const session: UserSession = { socket: this.registry.add(ws), account: null, apiKey: null, markets: null };
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

  private handle(session: UserSession, text: string): void {
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
    const m = msg as { auth?: { apiKey?: unknown; secret?: unknown; passphrase?: unknown }; markets?: unknown; operation?: unknown; type?: unknown };
    const markets = m.markets === undefined ? [] : Array.isArray(m.markets) && m.markets.every((x) => typeof x === 'string') ? (m.markets as string[]) : undefined;
    if (markets === undefined) {
      session.socket.sendControl('INVALID OPERATION');
      return;
    }
    if (session.account === null) {
      const creds = typeof m.auth?.apiKey === 'string' ? this.exchange.apiKeys.get(m.auth.apiKey) : undefined;
      if (!creds || creds.secret !== m.auth?.secret || creds.passphrase !== m.auth?.passphrase) {
        session.socket.ws.close(1008, 'unauthorized');
        return;
      }
      session.account = this.exchange.account(creds.address);
      session.apiKey = creds.apiKey;
      session.markets = markets.length > 0 ? new Set(markets) : null;
      return;
    }
    if (m.operation === 'subscribe') {
      if (session.markets !== null) for (const id of markets) session.markets.add(id);
    } else if (m.operation === 'unsubscribe') {
      if (session.markets === null) session.markets = new Set(this.exchange.markets.keys());
      for (const id of markets) session.markets.delete(id);
    } else {
      session.socket.sendControl('INVALID OPERATION');
    }
  }

  private tradeEvent(trade: PolyTrade, account: PolyAccount): Record<string, unknown> {
    const base = tradeJson(trade, account.address);
    return {
      event_type: 'trade',
      type: 'TRADE',
      ...base,
      trade_owner: base.trader_side === 'TAKER' ? trade.takerOwner : trade.maker.owner,
      matchtime: base.match_time,
      timestamp: String(this.now()),
    };
  }

  private deliver(account: PolyAccount, market: string, msg: object): void {
    for (const s of this.sessions) {
      if (s.account !== account) continue;
      if (s.markets !== null && !s.markets.has(market)) continue;
      s.socket.send(msg);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.sessions.clear();
  }
}
