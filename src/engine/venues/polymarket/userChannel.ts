// The user channel: our orders and trades pushed by the venue. Authenticates in its first message
// with the API credentials (all markets), keeps alive with the text PING every 10 s, reconnects
// with backoff and jitter, and tells its owner each time it opens so trades missed while it was
// not connected (before the first open too) can be read over REST. A refusal (close 1008, or 4401/4403) stops it: wrong credentials are
// not retried in a loop. Trades are kept by id for a while, so a fresh order's fills can be read
// without a REST round trip when the channel already delivered them.
import WebSocket from 'ws';
import type { ApiKeyCreds } from '@polymarket/clob-client-v2';
import { Disposable, Emitter, toDisposable } from '../../../shared/lifecycle';
import type { Clock } from '../../platform/clock';
import { Backoff } from './backoff';
import type { VenueLog } from './config';

export type UserChannelState = 'idle' | 'connecting' | 'open' | 'waiting' | 'refused' | 'closed';

export interface UserChannelOptions {
  url: string;
  credentials(): Promise<ApiKeyCreds>;
  clock: Clock;
  log: VenueLog;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

const RECENT_TRADES = 5_000;
const REFUSAL_CODES = new Set([1008, 4401, 4403]);

export class UserChannel extends Disposable {
  private readonly onTradeEmitter = this.register(new Emitter<unknown>());
  /** A `trade` event, as received. */
  readonly onTrade = this.onTradeEmitter.event;
  private readonly onOrderEmitter = this.register(new Emitter<unknown>());
  /** An `order` event, as received. */
  readonly onOrder = this.onOrderEmitter.event;
  private readonly onStateEmitter = this.register(new Emitter<UserChannelState>());
  readonly onState = this.onStateEmitter.event;
  private readonly onOpenedEmitter = this.register(new Emitter<void>());
  /** Open (again): events from before this moment may have been missed. */
  readonly onOpened = this.onOpenedEmitter.event;

  private ws: WebSocket | null = null;
  private stateValue: UserChannelState = 'idle';
  private readonly backoff: Backoff;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private lastFrameAt = 0;
  private lastPingAt = 0;
  private disposed = false;
  private readonly recent = new Map<string, unknown>();
  refusal: string | null = null;

  constructor(private readonly options: UserChannelOptions) {
    super();
    this.backoff = new Backoff(options.reconnectBaseMs ?? 500, options.reconnectMaxMs ?? 30_000);
    this.register(toDisposable(() => this.close()));
  }

  get state(): UserChannelState {
    return this.stateValue;
  }

  /** The latest event seen for this trade id, if still remembered. */
  recentTrade(id: string): unknown {
    return this.recent.get(id);
  }

  start(): void {
    if (this.stateValue === 'idle') void this.connect();
  }

  private setState(s: UserChannelState): void {
    if (this.stateValue === s) return;
    this.stateValue = s;
    this.onStateEmitter.fire(s);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.disposed) return;
    this.setState('connecting');
    let creds: ApiKeyCreds;
    try {
      creds = await this.options.credentials();
    } catch (e) {
      this.options.log('warn', `Polymarket user channel: no API credentials: ${e instanceof Error ? e.message : String(e)}`);
      if (e instanceof Error && e.name === 'PolymarketAuthError') return this.refuse(e.message);
      return this.scheduleReconnect();
    }
    if (this.disposed) return;
    const ws = new WebSocket(this.options.url, { handshakeTimeout: 15_000 });
    this.ws = ws;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      const now = this.options.clock.monotonic();
      this.lastFrameAt = now;
      this.lastPingAt = now;
      ws.send(JSON.stringify({ auth: { apiKey: creds.key, secret: creds.secret, passphrase: creds.passphrase }, markets: [], type: 'user' }));
      const ping = this.options.pingIntervalMs ?? 10_000;
      const pongTimeout = this.options.pongTimeoutMs ?? ping * 2.5;
      this.tickTimer = setInterval(() => this.tick(ping, pongTimeout), Math.max(20, Math.min(1000, ping / 2, pongTimeout / 4)));
      this.setState('open');
      this.onOpenedEmitter.fire();
      this.backoff.reset();
    });
    ws.on('message', (data) => {
      if (this.ws !== ws) return;
      try {
        this.onFrame(data.toString());
      } catch (e) {
        this.options.log('warn', `Polymarket user channel: a handler failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.tickTimer);
      if (this.disposed) return;
      if (REFUSAL_CODES.has(code)) return this.refuse(`the venue closed the user channel (${code} ${reason.toString()}): API credentials refused`);
      this.options.log('warn', `Polymarket user channel closed (${code}); reconnecting`);
      this.scheduleReconnect();
    });
    ws.on('error', (e) => {
      this.options.log('warn', `Polymarket user channel: ${e.message}`);
      if (ws.readyState === WebSocket.OPEN) ws.terminate();
    });
  }

  private tick(pingMs: number, pongTimeoutMs: number): void {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WebSocket.OPEN) return;
    const now = this.options.clock.monotonic();
    if (now - this.lastFrameAt > pongTimeoutMs) {
      this.options.log('warn', 'Polymarket user channel: no PONG; reconnecting');
      ws.terminate();
      return;
    }
    if (now - this.lastPingAt >= pingMs) {
      this.lastPingAt = now;
      ws.send('PING');
    }
  }

  private onFrame(text: string): void {
    this.lastFrameAt = this.options.clock.monotonic();
    if (text === 'PONG') return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      if (text !== 'INVALID OPERATION') this.options.log('warn', `Polymarket user channel: ignored a malformed frame: ${text.slice(0, 120)}`);
      return;
    }
    for (const e of Array.isArray(data) ? data : [data]) {
      if (typeof e !== 'object' || e === null) continue;
      const ev = e as { event_type?: unknown; id?: unknown };
      if (ev.event_type === 'trade') {
        if (typeof ev.id === 'string') this.remember(ev.id, e);
        this.onTradeEmitter.fire(e);
      } else if (ev.event_type === 'order') {
        this.onOrderEmitter.fire(e);
      }
    }
  }

  private remember(id: string, event: unknown): void {
    this.recent.delete(id);
    this.recent.set(id, event);
    if (this.recent.size > RECENT_TRADES) this.recent.delete(this.recent.keys().next().value!);
  }

  private refuse(reason: string): void {
    this.refusal = reason;
    this.options.log('error', `Polymarket user channel stopped: ${reason}`);
    this.setState('refused');
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    this.setState('waiting');
    this.reconnectTimer = setTimeout(() => void this.connect(), this.backoff.next());
  }

  /** For tests and recovery: cut the connection now (it reconnects). */
  reconnectNow(): void {
    this.ws?.terminate();
  }

  private close(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.tickTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners('message');
      ws.on('error', () => {});
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, 'done');
    }
    this.stateValue = 'closed';
  }
}
