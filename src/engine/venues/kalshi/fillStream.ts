// The private `fill` channel: every execution of the account, pushed. Its own WebSocket session
// (the market feed's reconnects never delay a fill), and after every (re)connect a catch-up over
// REST from just before the last fill seen, so a fill pushed while disconnected is not lost. A
// pushed fill that cannot be read (an unknown shape, a missing fee) triggers that catch-up at once,
// as does an error the venue sends without a command id. Each fill is emitted once (by trade id).
import { Emitter, type IDisposable } from '../../../shared/lifecycle';
import type { Clock } from '../../platform/clock';
import type { VenueFill } from '../venue';
import type { KalshiSigner } from './auth';
import { KalshiSocket, type SocketTuning } from './socket';
import type { VenueLog } from './types';

const REMEMBERED = 20_000;
/** How far before the last fill seen a catch-up starts (clock skew, same-second fills). */
const CATCH_UP_MARGIN_MS = 5_000;

export interface FillStreamOptions {
  wsUrl: string;
  signer: KalshiSigner;
  clock: Clock;
  log: VenueLog;
  /** A pushed fill message's `msg` → VenueFill, or why not. */
  map(msg: unknown): VenueFill | string;
  /** Fills since a wall-clock time, over REST. */
  catchUp(sinceMs: number): Promise<VenueFill[]>;
  tuning?: SocketTuning;
  random?: () => number;
}

export class KalshiFillStream implements IDisposable {
  private readonly emitter = new Emitter<VenueFill>();
  readonly onFill = this.emitter.event;
  private readonly socket: KalshiSocket;
  private readonly seen = new Set<string>();
  private lastFillAt: number | null = null;
  private startedAt = 0;
  private started = false;
  readonly stats = { pushed: 0, caughtUp: 0, malformed: 0, catchUps: 0 };
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;

  constructor(private readonly options: FillStreamOptions) {
    this.socket = new KalshiSocket({
      url: options.wsUrl,
      signer: options.signer,
      clock: options.clock,
      log: options.log,
      name: 'fills',
      ...(options.tuning ? { tuning: options.tuning } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    this.socket.onOpen(() => void this.onOpen());
    this.socket.onMessage(({ data }) => this.onData(data));
    this.socket.onMalformed((reason) => {
      this.stats.malformed++;
      options.log('warn', `Kalshi fills: malformed frame ignored (${reason}); reading fills over REST`);
      void this.catchUp();
    });
    this.socket.onServerError((e) => {
      options.log('warn', `Kalshi fills: the venue reported an error without a command id (${e.code ?? '?'}: ${e.message}); resubscribing and reading fills over REST`);
      this.socket.restart(`venue error ${e.code ?? '?'}`);
    });
  }

  get connected(): boolean {
    return this.socket.isOpen;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.startedAt = this.options.clock.now();
    this.socket.start();
  }

  dispose(): void {
    this.socket.dispose();
    this.emitter.dispose();
  }

  private async onOpen(): Promise<void> {
    try {
      await this.socket.command('subscribe', { channels: ['fill'] });
    } catch (e) {
      this.socket.restart(`fill subscription failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    void this.catchUp();
  }

  /** Reads fills over REST from just before the last one seen; one at a time, once more if asked meanwhile. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        this.stats.catchUps++;
        const since = (this.lastFillAt ?? this.startedAt) - CATCH_UP_MARGIN_MS;
        try {
          for (const fill of await this.options.catchUp(since)) {
            if (this.emit(fill)) this.stats.caughtUp++;
          }
        } catch (e) {
          this.options.log('warn', `Kalshi fills: catch-up over REST failed (${e instanceof Error ? e.message : String(e)}); call fills(since) to reconcile`);
        }
      } while (this.catchUpAgain);
    })().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private onData(data: unknown): void {
    const m = data as { type?: unknown; msg?: unknown };
    if (m.type !== 'fill') return;
    const fill = this.options.map(m.msg);
    if (typeof fill === 'string') {
      this.stats.malformed++;
      this.options.log('warn', `Kalshi fills: a pushed fill could not be read (${fill}); reading fills over REST`);
      void this.catchUp();
      return;
    }
    if (this.emit(fill)) this.stats.pushed++;
  }

  private emit(fill: VenueFill): boolean {
    if (this.seen.has(fill.fillId)) return false;
    this.seen.add(fill.fillId);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    if (this.lastFillAt === null || fill.at > this.lastFillAt) this.lastFillAt = fill.at;
    this.emitter.fire(fill);
    return true;
  }
}
