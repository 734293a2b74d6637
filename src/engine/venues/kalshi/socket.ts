// One Kalshi WebSocket session after another: the signed upgrade, JSON frames in and out,
// commands matched to their replies by id, liveness (the venue pings every 10 s; ws answers the
// pings, we count them), and reconnects with exponential backoff and jitter. What the session is
// used for (order books, fills) is the owner's business: it hears onOpen and onClose and
// resubscribes.
import WebSocket, { type RawData } from 'ws';
import { Emitter, type IDisposable } from '../../../shared/lifecycle';
import type { Clock } from '../../platform/clock';
import type { KalshiSigner } from './auth';
import { Backoff, type BackoffOptions } from './backoff';
import type { VenueLog } from './types';

export type SocketState = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed';

export interface SocketTuning {
  reconnect?: BackoffOptions;
  /** Consecutive failed connects after which the feed reports `down` (default 3). */
  downAfterFailures?: number;
  /** A session that lived this long resets the backoff (default 5 000 ms). */
  stableAfterMs?: number;
  /** No frame at all (data, ping or pong) for this long: the connection is dead (default 30 000 ms). */
  silenceTimeoutMs?: number;
  /** Silence after which we ping the venue ourselves (default 15 000 ms). */
  pingAfterMs?: number;
  /** Upgrade timeout (default 10 000 ms). */
  handshakeTimeoutMs?: number;
  /** How long a command may wait for its reply (default 10 000 ms). */
  commandTimeoutMs?: number;
}

export interface CommandReply {
  id?: number;
  type: string;
  sid?: number;
  seq?: number;
  msg?: unknown;
}

export interface ServerError {
  code: number | null;
  message: string;
  /** The market the error names (`market_ticker` in `msg`), if any. */
  marketTicker: string | null;
  /** The subscription it names (`sid`), if any. */
  sid: number | null;
}

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  /** Runs inside the frame handler, before any later frame: for state the next frames depend on. */
  onReply: ((reply: CommandReply) => void) | undefined;
  resolve(reply: CommandReply): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const REPLY_TYPES = new Set(['subscribed', 'ok', 'unsubscribed', 'error', 'list_subscriptions']);

export interface SocketOptions {
  url: string;
  signer: KalshiSigner;
  clock: Clock;
  log: VenueLog;
  /** Name for logs ("market feed", "fills"). */
  name: string;
  tuning?: SocketTuning;
  random?: () => number;
}

export class KalshiSocket implements IDisposable {
  private ws: WebSocket | null = null;
  private stateValue: SocketState = 'idle';
  private readonly backoff: Backoff;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  /** Why we ended the current session ourselves (restart), for the close handler. */
  private restartReason: string | null = null;
  private pingSentAt: number | null = null;
  private readonly t: Required<Omit<SocketTuning, 'reconnect'>>;
  /** Sessions opened so far (1 for the first). */
  sessions = 0;
  /** Why the last connect failed or the last session ended. */
  lastProblem: string | null = null;
  /** True after the venue refused the signed upgrade (401/403) until a session opens. */
  authRefused = false;
  readonly stats = { frames: 0, malformed: 0, pings: 0, reconnects: 0 };

  private readonly openEmitter = new Emitter<number>();
  /** A session opened (its number): subscribe again. */
  readonly onOpen = this.openEmitter.event;
  private readonly closeEmitter = new Emitter<string>();
  /** The session ended (why); a reconnect is scheduled unless disposed. */
  readonly onClose = this.closeEmitter.event;
  private readonly messageEmitter = new Emitter<{ data: unknown; receivedAt: number }>();
  /** A JSON frame that is not a command reply, parsed, with its receipt time (monotonic ms). */
  readonly onMessage = this.messageEmitter.event;
  private readonly malformedEmitter = new Emitter<string>();
  /** A frame that is not JSON text: counted and reported, never thrown. */
  readonly onMalformed = this.malformedEmitter.event;
  private readonly stateEmitter = new Emitter<SocketState>();
  readonly onState = this.stateEmitter.event;
  private readonly serverErrorEmitter = new Emitter<ServerError>();
  /**
   * An `error` frame that answers no command of ours (no `id`, or an id no longer waited for):
   * the venue says something went wrong on its side (codes beyond the documented 1–22 are seen in
   * recordings). What it affects is the owner's call.
   */
  readonly onServerError = this.serverErrorEmitter.event;

  constructor(private readonly options: SocketOptions) {
    const t = options.tuning ?? {};
    this.t = {
      downAfterFailures: t.downAfterFailures ?? 3,
      stableAfterMs: t.stableAfterMs ?? 5_000,
      silenceTimeoutMs: t.silenceTimeoutMs ?? 30_000,
      pingAfterMs: t.pingAfterMs ?? 15_000,
      handshakeTimeoutMs: t.handshakeTimeoutMs ?? 10_000,
      commandTimeoutMs: t.commandTimeoutMs ?? 10_000,
    };
    this.backoff = new Backoff(t.reconnect, options.random);
  }

  get state(): SocketState {
    return this.stateValue;
  }

  get isOpen(): boolean {
    return this.stateValue === 'open';
  }

  /** Consecutive failed connects (0 once a session has been stable). */
  get failures(): number {
    return this.backoff.failures;
  }

  get downAfterFailures(): number {
    return this.t.downAfterFailures;
  }

  /** Monotonic ms of the last frame of any kind (data, ping, pong). */
  get lastFrame(): number {
    return this.lastFrameAt;
  }

  start(): void {
    if (this.stateValue !== 'idle') return;
    this.connect();
  }

  /**
   * Sends a command and resolves with its reply (rejects on an `error` reply, a timeout or a
   * close). `onReply` runs synchronously when the reply frame arrives — before the frames after
   * it are handled (a subscription's snapshots follow its `subscribed` reply in the same read).
   */
  command(cmd: string, params?: Record<string, unknown>, onReply?: (reply: CommandReply) => void): Promise<CommandReply> {
    if (!this.ws || this.stateValue !== 'open') return Promise.reject(new CommandError(null, `not connected (${cmd})`));
    const id = this.nextId++;
    const ws = this.ws;
    return new Promise<CommandReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CommandError(null, `${cmd} #${id}: no reply within ${this.t.commandTimeoutMs} ms`));
      }, this.t.commandTimeoutMs);
      this.pending.set(id, { onReply, resolve, reject, timer });
      ws.send(JSON.stringify(params ? { id, cmd, params } : { id, cmd }), (err) => {
        if (!err) return;
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new CommandError(null, `${cmd} #${id}: send failed (${err.message})`));
      });
    });
  }

  /** Ends the current session now (it will reconnect): after a protocol state we cannot repair. */
  restart(reason: string): void {
    if (!this.ws) return;
    this.restartReason = reason;
    this.options.log('warn', `Kalshi ${this.options.name}: restarting the connection (${reason})`);
    this.ws.terminate();
  }

  dispose(): void {
    if (this.stateValue === 'closed') return;
    this.setState('closed');
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.stableTimer);
    clearInterval(this.watchdog);
    this.failPending('the connection was closed');
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
    }
    for (const e of [this.openEmitter, this.closeEmitter, this.messageEmitter, this.malformedEmitter, this.stateEmitter, this.serverErrorEmitter]) e.dispose();
  }

  private setState(state: SocketState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.stateEmitter.fire(state);
  }

  private connect(): void {
    if (this.stateValue === 'closed') return;
    this.setState('connecting');
    const { signer, url } = this.options;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { headers: { ...signer.headers('GET', url) }, handshakeTimeout: this.t.handshakeTimeoutMs, perMessageDeflate: false });
    } catch (e) {
      this.failed(`cannot open ${url}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.ws = ws;
    let opened = false;
    // What went wrong with this attempt or session; the first cause wins over the errors it triggers.
    let problem: string | null = null;
    let refused = false;
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      refused = status === 401 || status === 403;
      problem = `the venue refused the upgrade (HTTP ${status}${status === 401 ? ': authentication refused' : ''})`;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      opened = true;
      this.authRefused = false;
      this.lastProblem = null;
      this.lastFrameAt = this.options.clock.monotonic();
      this.pingSentAt = null;
      this.sessions++;
      this.setState('open');
      this.stableTimer = setTimeout(() => this.backoff.reset(), this.t.stableAfterMs);
      this.startWatchdog(ws);
      this.openEmitter.fire(this.sessions);
    });
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('ping', () => {
      this.stats.pings++;
      this.lastFrameAt = this.options.clock.monotonic();
    });
    ws.on('pong', () => {
      this.pingSentAt = null;
      this.lastFrameAt = this.options.clock.monotonic();
    });
    ws.on('error', (err) => {
      problem ??= err.message;
    });
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearTimeout(this.stableTimer);
      clearInterval(this.watchdog);
      this.failPending('the connection closed');
      if (this.stateValue === 'closed') return;
      const why = this.restartReason ?? problem ?? (opened ? `closed by the venue (code ${code})` : `closed before opening (code ${code})`);
      this.restartReason = null;
      if (opened) {
        this.options.log('warn', `Kalshi ${this.options.name}: connection lost (${why})`);
        this.closeEmitter.fire(why);
      } else {
        this.authRefused = refused;
      }
      this.failed(why);
    });
  }

  private failed(problem: string): void {
    if (this.stateValue === 'closed') return;
    this.lastProblem = problem;
    const delay = this.backoff.next();
    this.stats.reconnects++;
    this.setState('waiting');
    this.options.log(this.backoff.failures >= this.t.downAfterFailures ? 'warn' : 'info', `Kalshi ${this.options.name}: reconnecting in ${delay} ms (${problem})`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private startWatchdog(ws: WebSocket): void {
    clearInterval(this.watchdog);
    const every = Math.max(50, Math.min(1_000, this.t.pingAfterMs / 4));
    this.watchdog = setInterval(() => {
      const silent = this.options.clock.monotonic() - this.lastFrameAt;
      if (silent > this.t.silenceTimeoutMs) {
        this.restart(`no frame for ${Math.round(silent)} ms`);
      } else if (silent > this.t.pingAfterMs && this.pingSentAt === null && ws.readyState === WebSocket.OPEN) {
        this.pingSentAt = this.options.clock.monotonic();
        ws.ping();
      }
    }, every);
    this.watchdog.unref?.();
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    const receivedAt = this.options.clock.monotonic();
    this.lastFrameAt = receivedAt;
    this.stats.frames++;
    if (isBinary) return this.malformed('a binary frame');
    const textValue = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(textValue);
    } catch {
      return this.malformed(`not JSON: ${textValue.slice(0, 80)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.malformed(`not a JSON object: ${textValue.slice(0, 80)}`);
    const m = parsed as CommandReply;
    if (typeof m.id === 'number' && typeof m.type === 'string' && REPLY_TYPES.has(m.type)) {
      const p = this.pending.get(m.id);
      if (p) {
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        if (m.type === 'error') {
          const body = (m.msg ?? {}) as { code?: unknown; msg?: unknown };
          p.reject(new CommandError(typeof body.code === 'number' ? body.code : null, typeof body.msg === 'string' ? body.msg : 'error reply'));
        } else {
          try {
            p.onReply?.(m);
          } catch (e) {
            this.options.log('error', `Kalshi ${this.options.name}: reply handler failed: ${e instanceof Error ? e.message : String(e)}`);
          }
          p.resolve(m);
        }
        return;
      }
    }
    if (m.type === 'error') {
      this.options.log('warn', `Kalshi ${this.options.name}: error from the venue: ${JSON.stringify(m.msg ?? null).slice(0, 200)}`);
      const body = (typeof m.msg === 'object' && m.msg !== null ? m.msg : {}) as { code?: unknown; msg?: unknown; market_ticker?: unknown };
      this.serverErrorEmitter.fire({
        code: typeof body.code === 'number' ? body.code : null,
        message: typeof body.msg === 'string' ? body.msg : 'error without a message',
        marketTicker: typeof body.market_ticker === 'string' && body.market_ticker !== '' ? body.market_ticker : null,
        sid: typeof m.sid === 'number' ? m.sid : null,
      });
      return;
    }
    this.messageEmitter.fire({ data: parsed, receivedAt });
  }

  private malformed(reason: string): void {
    this.stats.malformed++;
    this.malformedEmitter.fire(reason);
  }

  private failPending(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new CommandError(null, `command #${id}: ${reason}`));
    }
    this.pending.clear();
  }
}
