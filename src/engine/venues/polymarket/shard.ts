// One market-channel connection: at most maxAssetsPerConnection assets (both tokens of a market
// always share a connection). Subscribes on open with custom_feature_enabled, adds and removes
// assets with `operation: subscribe/unsubscribe`, sends the text PING every 10 s and takes any
// frame (PONG included) as proof of life. A drop invalidates every book of the shard until its
// fresh `book` arrives; it reconnects with backoff and jitter and resubscribes. Market data that
// stops while PONGs still flow (a silent freeze) marks the shard's books stale until data resumes.
// A malformed frame is counted and logged, never thrown. Every (re)connect waits its turn at the
// feed's handshake gate (handshakeGate.ts) and holds its slot until it opens or fails.
import type { ClientRequestArgs } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import type { MarketRef } from '../../../shared/ids';
import { polymarketEventType } from './marketData';
import type { Clock } from '../../platform/clock';
import { Backoff } from './backoff';
import type { VenueLog } from './config';
import type { GateTicket, HandshakeGate } from './handshakeGate';

export interface ShardMarket {
  ref: MarketRef;
  conditionId: string;
  tokens: { yes: string; no: string };
}

export interface ShardTiming {
  pingIntervalMs: number;
  pongTimeoutMs: number;
  staleAfterMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** TCP connect, then the upgrade, each within this long. */
  handshakeTimeoutMs: number;
}

export interface ShardHost {
  readonly url: string;
  readonly clock: Clock;
  readonly log: VenueLog;
  readonly timing: ShardTiming;
  readonly gate: HandshakeGate;
  /** A parsed market-data frame (object or array), exactly as the venue sent it. */
  onData(shard: MarketShard, data: unknown, receivedAt: number): void;
  onInvalidated(refs: MarketRef[]): void;
  onHealth(refs: MarketRef[], health: 'stale' | 'live', reason: string): void;
  onStateChange(): void;
  onMalformed(shard: MarketShard, problem: string): void;
}

export type ShardState = 'connecting' | 'open' | 'waiting' | 'closed';

/**
 * Asset ids per subscribe frame. A frame with thousands of ids makes the server close the
 * connection (Polymarket/rs-clob-client-v2 issue #116, fixed by chunking at 100 in PR #117).
 */
export const ASSETS_PER_FRAME = 100;

export class MarketShard {
  readonly markets = new Map<string, ShardMarket>();
  private readonly byAsset = new Map<string, ShardMarket>();
  state: ShardState = 'waiting';
  everConnected = false;
  connects = 0;
  /** Assets with a `book` since this connection opened. */
  private readonly booked = new Set<string>();
  private ws: WebSocket | null = null;
  private readonly backoff: Backoff;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Held from the gate's start of this attempt until it opens or fails. */
  private ticket: GateTicket | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  /** Bumped whenever the deadline is re-armed or dropped, so an expiry already on its way is void. */
  private deadlineGeneration = 0;
  private handshakeExpired = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private lastFrameAt = 0;
  private lastPingAt = 0;
  lastDataAt: number | null = null;
  stale = false;
  private disposed = false;

  constructor(
    readonly id: number,
    private readonly host: ShardHost,
  ) {
    this.backoff = new Backoff(host.timing.reconnectBaseMs, host.timing.reconnectMaxMs);
  }

  get assetCount(): number {
    return this.byAsset.size;
  }

  /** Markets whose both books arrived on the current connection. */
  get bookedMarkets(): number {
    let n = 0;
    for (const m of this.markets.values()) if (this.booked.has(m.tokens.yes) && this.booked.has(m.tokens.no)) n++;
    return n;
  }

  start(): void {
    if (this.ws === null && this.reconnectTimer === undefined && this.ticket === undefined && !this.disposed) this.queueConnect();
  }

  private queueConnect(): void {
    this.reconnectTimer = undefined;
    if (this.disposed) return;
    let started = false;
    const ticket = this.host.gate.enter((t) => {
      started = true;
      this.connect(t);
    });
    if (!started) this.ticket = ticket;
  }

  private releaseGate(): void {
    clearTimeout(this.handshakeTimer);
    this.handshakeTimer = undefined;
    this.deadlineGeneration++;
    const ticket = this.ticket;
    this.ticket = undefined;
    ticket?.release();
  }

  add(markets: readonly ShardMarket[]): void {
    const assets: string[] = [];
    for (const m of markets) {
      if (this.markets.has(m.conditionId)) continue;
      this.markets.set(m.conditionId, m);
      this.byAsset.set(m.tokens.yes, m);
      this.byAsset.set(m.tokens.no, m);
      assets.push(m.tokens.yes, m.tokens.no);
    }
    if (assets.length > 0 && this.state === 'open') this.subscribe(assets, false);
  }

  /** Subscribes in frames of at most ASSETS_PER_FRAME ids; the first frame of a connection names the channel. */
  private subscribe(assets: readonly string[], first: boolean): void {
    for (let i = 0; i < assets.length; i += ASSETS_PER_FRAME) {
      const assets_ids = assets.slice(i, i + ASSETS_PER_FRAME);
      this.send(first && i === 0 ? { assets_ids, type: 'market', custom_feature_enabled: true } : { assets_ids, operation: 'subscribe', custom_feature_enabled: true });
    }
  }

  remove(conditionIds: readonly string[]): void {
    const assets: string[] = [];
    for (const id of conditionIds) {
      const m = this.markets.get(id);
      if (!m) continue;
      this.markets.delete(id);
      for (const t of [m.tokens.yes, m.tokens.no]) {
        this.byAsset.delete(t);
        this.booked.delete(t);
        assets.push(t);
      }
    }
    for (let i = 0; i < assets.length && this.state === 'open'; i += ASSETS_PER_FRAME) this.send({ assets_ids: assets.slice(i, i + ASSETS_PER_FRAME), operation: 'unsubscribe' });
  }

  private connect(ticket: GateTicket): void {
    this.ticket = ticket;
    if (this.disposed) {
      this.releaseGate();
      return;
    }
    this.state = 'connecting';
    this.connects++;
    this.handshakeExpired = false;
    this.host.onStateChange();
    let ws: WebSocket | undefined;
    const secure = /^wss:/i.test(this.host.url);
    this.armDeadline(() => ws, 'TCP connect');
    try {
      ws = new WebSocket(this.host.url, {
        createConnection: (options: ClientRequestArgs) => {
          const socket = connectSocket(options, secure);
          socket.once('connect', () => this.armDeadline(() => ws, 'the upgrade after TCP connect'));
          return socket;
        },
      });
    } catch (e) {
      this.host.log('error', `Polymarket market channel ${this.id}: cannot open ${this.host.url}: ${e instanceof Error ? e.message : String(e)}`);
      this.releaseGate();
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      try {
        this.onFrame(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
      } catch (e) {
        this.host.onMalformed(this, `handler failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    ws.on('close', (code, reason) => this.onClose(ws, `closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`));
    ws.on('error', (e) => {
      if (!(this.ws === ws && this.handshakeExpired)) this.host.log('warn', `Polymarket market channel ${this.id}: ${e.message}`);
      // 'close' follows an 'error' during the handshake; on an open socket terminate makes sure of it.
      if (ws.readyState === WebSocket.OPEN) ws.terminate();
    });
  }

  /**
   * The handshake's deadline, restarted at TCP connect (time spent queued at the gate or
   * connecting does not count against the upgrade). When it fires, the answer may already be in
   * the socket, unread because the loop was busy: the expiry waits for the loop's poll phase
   * (setImmediate runs after it), so an upgrade that did arrive opens the connection instead.
   */
  private armDeadline(current: () => WebSocket | undefined, what: string): void {
    clearTimeout(this.handshakeTimer);
    const generation = ++this.deadlineGeneration;
    const ms = this.host.timing.handshakeTimeoutMs;
    this.handshakeTimer = setTimeout(() => {
      this.handshakeTimer = undefined;
      setImmediate(() => {
        const ws = current();
        if (generation !== this.deadlineGeneration || ws === undefined || this.ws !== ws || ws.readyState !== WebSocket.CONNECTING) return;
        this.handshakeExpired = true;
        this.host.log('warn', `Polymarket market channel ${this.id}: handshake timed out (${what} took over ${ms} ms)`);
        ws.terminate();
      });
    }, ms);
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws || this.disposed) return;
    this.releaseGate();
    const now = this.host.clock.monotonic();
    this.state = 'open';
    this.everConnected = true;
    this.lastFrameAt = now;
    this.lastPingAt = now;
    this.lastDataAt = now;
    this.stale = false;
    this.booked.clear();
    this.subscribe([...this.byAsset.keys()], true);
    const t = this.host.timing;
    const every = Math.max(20, Math.min(1000, t.pingIntervalMs / 2, t.staleAfterMs / 4, t.pongTimeoutMs / 4));
    this.tickTimer = setInterval(() => this.tick(), every);
    this.host.onStateChange();
  }

  private tick(): void {
    if (this.state !== 'open' || this.ws === null) return;
    const now = this.host.clock.monotonic();
    const t = this.host.timing;
    if (now - this.lastFrameAt > t.pongTimeoutMs) {
      this.host.log('warn', `Polymarket market channel ${this.id}: nothing received for ${Math.round(now - this.lastFrameAt)} ms (no PONG); reconnecting`);
      this.ws.terminate();
      return;
    }
    if (now - this.lastPingAt >= t.pingIntervalMs) {
      this.lastPingAt = now;
      this.sendText('PING');
    }
    if (!this.stale && this.lastDataAt !== null && now - this.lastDataAt > t.staleAfterMs && this.markets.size > 0) {
      this.stale = true;
      this.host.onHealth(this.refs(), 'stale', `no market data for ${Math.round(now - this.lastDataAt)} ms on a live connection`);
      this.host.onStateChange();
    }
  }

  private onFrame(text: string): void {
    const now = this.host.clock.monotonic();
    this.lastFrameAt = now;
    if (text === 'PONG' || text === 'PING') {
      if (text === 'PING') this.sendText('PONG');
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.host.onMalformed(this, text.length > 120 ? `${text.slice(0, 120)}…` : text);
      return;
    }
    if (typeof data !== 'object' || data === null) {
      this.host.onMalformed(this, `not an event: ${text.slice(0, 120)}`);
      return;
    }
    this.lastDataAt = now;
    this.noteBooks(data);
    if (this.stale) {
      this.stale = false;
      const live = [...this.markets.values()].filter((m) => this.booked.has(m.tokens.yes) && this.booked.has(m.tokens.no)).map((m) => m.ref);
      if (live.length > 0) this.host.onHealth(live, 'live', 'market data resumed');
      this.host.onStateChange();
    }
    this.host.onData(this, data, now);
  }

  private noteBooks(data: object): void {
    const note = (e: unknown) => {
      if (typeof e !== 'object' || e === null) return;
      const ev = e as { asset_id?: unknown };
      if (polymarketEventType(e) === 'book' && typeof ev.asset_id === 'string' && this.byAsset.has(ev.asset_id)) {
        if (this.booked.size === 0) this.backoff.reset();
        this.booked.add(ev.asset_id);
      }
    };
    if (Array.isArray(data)) for (const e of data) note(e);
    else note(data);
  }

  private onClose(ws: WebSocket, why: string): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.releaseGate();
    clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    const wasOpen = this.state === 'open';
    this.booked.clear();
    this.stale = false;
    if (this.disposed) {
      this.state = 'closed';
      return;
    }
    if (this.markets.size > 0) this.host.onInvalidated(this.refs());
    if (wasOpen) this.host.log('warn', `Polymarket market channel ${this.id} ${why}; its ${this.markets.size} markets are unknown until resynced`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.state = 'waiting';
    this.host.onStateChange();
    const delay = this.backoff.next();
    this.reconnectTimer = setTimeout(() => this.queueConnect(), delay);
  }

  private refs(): MarketRef[] {
    return [...this.markets.values()].map((m) => m.ref);
  }

  private send(message: object): void {
    this.sendText(JSON.stringify(message));
  }

  private sendText(text: string): void {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WebSocket.OPEN) return;
    ws.send(text, (e) => {
      if (e) this.host.log('warn', `Polymarket market channel ${this.id}: send failed: ${e.message}`);
    });
  }

  /** Cuts the connection now (it reconnects); for a caller that knows the stream is broken. */
  reconnectNow(): void {
    this.ws?.terminate();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.tickTimer);
    this.releaseGate();
    this.state = 'closed';
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners('message');
      ws.on('error', () => {});
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, 'done');
    }
  }
}

/** What ws itself does for ws: and wss: URLs; here so the shard sees the moment TCP connects. */
function connectSocket(options: ClientRequestArgs, secure: boolean): net.Socket {
  if (secure) {
    const o = options as ClientRequestArgs & tls.ConnectionOptions;
    const host = o.host ?? '';
    return tls.connect({ ...o, path: undefined, servername: o.servername || o.servername === '' ? o.servername : net.isIP(host) ? '' : host } as tls.ConnectionOptions);
  }
  return net.connect({ ...options, path: options.socketPath } as net.NetConnectOpts);
}
