// Polymarket US's two WebSockets on the simulator (docs websocket/*.md; next-venues.md §1.6-1.7).
// Both are authenticated at the upgrade with the REST headers signed over `timestamp + "GET" +
// path` (401 otherwise). Markets: `subscribe {requestId, subscriptionType, marketSlugs}`, at most
// 100 slugs a subscription; every change of a subscribed market sends its whole ladder
// (`marketData`, top 10 levels) with the subscription's requestId, no sequence numbers;
// `{"heartbeat": {}}` every 5 s; errors as `{requestId, error}`. Private: order executions
// (`orderSubscriptionUpdate.execution`), an order snapshot, balances.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { IDisposable } from '../../shared/lifecycle';
import { authenticate } from './auth';
import type { PmUsExchange, SimAccount } from './exchange';
import { balancesJson, executionJson, marketDataJson, orderJson } from './wire';

export const MAX_SLUGS_PER_SUBSCRIPTION = 100;
/** Observed near 130 (next-venues.md §1.6, undocumented); the simulator refuses beyond it. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 130;
const HEARTBEAT_MS = 5_000;

interface Session {
  ws: WebSocket;
  account: SimAccount;
  kind: 'markets' | 'private';
  subs: Map<string, { type: string; slugs: Set<string> }>;
}

export class PmUsWsServer implements IDisposable {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  private readonly sessions = new Set<Session>();
  private readonly subscriptions: IDisposable[];
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly x: PmUsExchange, private readonly now: () => number) {
    this.subscriptions = [x.onBook((slug) => this.bookChanged(slug)), x.onExecution(({ account, execution }) => this.executed(account, executionJson(execution)))];
    this.heartbeat = setInterval(() => {
      for (const s of this.sessions) this.send(s, { heartbeat: {} });
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get connections(): number {
    return this.sessions.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
    const kind = path === '/v1/ws/markets' ? 'markets' : path === '/v1/ws/private' ? 'private' : null;
    if (kind === null) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const auth = authenticate(this.x, req.headers, 'GET', path, this.now());
    if (!auth.ok) {
      const body = JSON.stringify({ code: 16, message: auth.message });
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session: Session = { ws, account: auth.account, kind, subs: new Map() };
      this.sessions.add(session);
      ws.on('message', (data) => this.onMessage(session, data.toString()));
      ws.on('close', () => this.sessions.delete(session));
      ws.on('error', () => ws.terminate());
    });
  }

  /** Cuts every connection now (no close frame). */
  dropAll(): void {
    for (const s of this.sessions) s.ws.terminate();
  }

  dispose(): void {
    clearInterval(this.heartbeat);
    for (const d of this.subscriptions) d.dispose();
    this.dropAll();
    this.wss.close();
  }

  private onMessage(s: Session, text: string): void {
    let m: { subscribe?: { requestId?: unknown; subscriptionType?: unknown; marketSlugs?: unknown }; unsubscribe?: { requestId?: unknown } };
    try {
      m = JSON.parse(text) as typeof m;
    } catch {
      this.send(s, { error: 'message is not JSON' });
      return;
    }
    if (m.unsubscribe) {
      if (typeof m.unsubscribe.requestId === 'string') s.subs.delete(m.unsubscribe.requestId);
      return;
    }
    const sub = m.subscribe;
    if (!sub || typeof sub.requestId !== 'string' || typeof sub.subscriptionType !== 'string') {
      this.send(s, { requestId: sub?.requestId ?? null, error: 'expected {"subscribe": {requestId, subscriptionType, marketSlugs}}' });
      return;
    }
    const requestId = sub.requestId;
    const slugs = Array.isArray(sub.marketSlugs) ? sub.marketSlugs.filter((x): x is string => typeof x === 'string') : [];
    const error = (e: string) => this.send(s, { requestId, error: e });
    if (s.subs.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) return error('max subscriptions per connection reached');
    if (s.kind === 'markets') {
      if (sub.subscriptionType !== 'SUBSCRIPTION_TYPE_MARKET_DATA') return error(`subscription type ${sub.subscriptionType} is not simulated`);
      if (slugs.length === 0 || slugs.length > MAX_SLUGS_PER_SUBSCRIPTION) return error(`marketSlugs must name 1 to ${MAX_SLUGS_PER_SUBSCRIPTION} markets`);
      const unknown = slugs.find((slug) => !this.x.listings.has(slug));
      if (unknown) return error(`market ${unknown} not found`);
      s.subs.set(requestId, { type: sub.subscriptionType, slugs: new Set(slugs) });
      for (const slug of slugs) this.send(s, { requestId, subscriptionType: sub.subscriptionType, marketData: marketDataJson(this.x, slug, this.now()) });
      return;
    }
    switch (sub.subscriptionType) {
      case 'SUBSCRIPTION_TYPE_ORDER':
      case 'SUBSCRIPTION_TYPE_POSITION':
        s.subs.set(requestId, { type: sub.subscriptionType, slugs: new Set(slugs) });
        return;
      case 'SUBSCRIPTION_TYPE_ORDER_SNAPSHOT':
        this.send(s, { requestId, subscriptionType: sub.subscriptionType, orderSubscriptionSnapshot: { orders: this.x.openOrders(s.account, slugs).map(orderJson), eof: true } });
        return;
      case 'SUBSCRIPTION_TYPE_ACCOUNT_BALANCE':
        s.subs.set(requestId, { type: sub.subscriptionType, slugs: new Set() });
        this.send(s, { requestId, subscriptionType: sub.subscriptionType, accountBalancesSnapshot: balancesJson(s.account) });
        return;
      default:
        error(`subscription type ${sub.subscriptionType} is not simulated`);
    }
  }

  private bookChanged(slug: string): void {
    let body: Record<string, unknown> | null = null;
    for (const s of this.sessions) {
      if (s.kind !== 'markets') continue;
      for (const [requestId, sub] of s.subs) {
        if (!sub.slugs.has(slug)) continue;
        body ??= marketDataJson(this.x, slug, this.now());
        this.send(s, { requestId, subscriptionType: sub.type, marketData: body });
      }
    }
  }

  private executed(account: string, execution: Record<string, unknown>): void {
    const slug = (execution.order as { marketSlug: string }).marketSlug;
    for (const s of this.sessions) {
      if (s.kind !== 'private' || s.account.keyId !== account) continue;
      for (const [requestId, sub] of s.subs) {
        if (sub.type !== 'SUBSCRIPTION_TYPE_ORDER' || (sub.slugs.size > 0 && !sub.slugs.has(slug))) continue;
        this.send(s, { requestId, subscriptionType: sub.type, orderSubscriptionUpdate: { execution } });
      }
    }
  }

  private send(s: Session, message: object): void {
    if (s.ws.readyState === WebSocket.OPEN) s.ws.send(JSON.stringify(message));
  }
}
