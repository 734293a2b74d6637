// One signed Polymarket US WebSocket (`/v1/ws/markets` or `/v1/ws/private`) that reconnects. The
// handshake carries the same three headers as REST, signed over `timestamp + "GET" + path` (docs
// websocket/overview.md; SDK 0.1.1 dist/index.js:343-355), signed afresh on every attempt so the
// 30 s window never lapses. Reconnects with 0.5–30 s equal-jitter backoff, as the official SDKs'
// later versions do; a 401 or 403 at the upgrade is fatal (both official SDKs: next-venues.md §1.6),
// since retrying a refused key only spends the rate limit. SDK 0.1.1's own socket never reconnects,
// so this one is ours.
import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import { Disposable, Emitter } from '../../../shared/lifecycle';
import type { Clock } from '../../platform/clock';
import { authHeaders } from './auth';

export interface SignedSocketOptions {
  /** `wss://api.polymarket.us` (or the simulator's ws://host:port). */
  base: string;
  path: '/v1/ws/markets' | '/v1/ws/private';
  keyId: string;
  key: KeyObject;
  clock: Clock;
  log: (message: string) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'closed';

export class SignedSocket extends Disposable {
  private readonly opened = this.register(new Emitter<void>());
  private readonly messages = this.register(new Emitter<string>());
  private readonly states = this.register(new Emitter<{ state: SocketState; detail: string | null }>());
  readonly onOpen = this.opened.event;
  readonly onText = this.messages.event;
  readonly onState = this.states.event;
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(private readonly options: SignedSocketOptions) {
    super();
  }

  start(): void {
    if (this.socket || this.stopped) return;
    this.connect();
  }

  /** Sends a JSON request; false when the socket is not open (the next open resubscribes). */
  send(request: object): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(request));
    return true;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Drops the connection (a test's fault, or a doubt about what it delivered); it reconnects. */
  drop(reason: string): void {
    this.options.log(`${this.options.path}: dropping the connection: ${reason}`);
    this.socket?.terminate();
  }

  override dispose(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    const s = this.socket;
    this.socket = null;
    s?.removeAllListeners();
    s?.on('error', () => undefined);
    s?.close(1000, 'OK');
    this.states.fire({ state: 'closed', detail: null });
    super.dispose();
  }

  private connect(): void {
    const { base, path, keyId, key, clock } = this.options;
    this.states.fire({ state: this.attempt === 0 ? 'connecting' : 'reconnecting', detail: null });
    const socket = new WebSocket(`${base}${path}`, { headers: { ...authHeaders(keyId, key, 'GET', path, clock.now()) } });
    this.socket = socket;
    let refused: string | null = null;
    socket.on('open', () => {
      this.attempt = 0;
      this.states.fire({ state: 'open', detail: null });
      this.opened.fire();
    });
    socket.on('message', (data) => this.messages.fire(data.toString()));
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      if (status === 401 || status === 403) refused = `the venue refused the key (HTTP ${status})`;
      socket.terminate();
    });
    socket.on('error', (e) => this.options.log(`${path}: ${e.message}`));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (refused !== null) {
        this.states.fire({ state: 'refused', detail: refused });
        return;
      }
      const cap = Math.min(this.options.maxBackoffMs ?? 30_000, (this.options.minBackoffMs ?? 500) * 2 ** Math.min(this.attempt, 16));
      this.attempt++;
      const wait = Math.round(cap / 2 + Math.random() * (cap / 2));
      this.states.fire({ state: 'reconnecting', detail: `reconnecting in ${wait} ms` });
      this.timer = setTimeout(() => this.connect(), wait);
    });
  }
}
