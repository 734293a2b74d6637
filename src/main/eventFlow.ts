// Flow control for engine events pushed to the window. Electron queues whatever main sends for as
// long as the renderer does not read it, so a renderer that stalls (a long GC, a hung page, a
// debugger) would make the main process — the engine's process — hold every event since, without
// bound. The preload counts what it has read and acknowledges it in steps; past `maxUnacked` events
// not yet read, main stops sending and tells the preload it paused; once the preload has read up to
// that point it says so, and main resumes and tells it to reload its state (a fresh snapshot, as
// after a reconnect), since the events in between were not sent. `arbdesk serve` bounds a slow
// browser the same way (it closes the socket and the page reconnects).
import type { ContractEvent } from '../shared/contract';

export type FlowSignal = { state: 'paused'; sent: number } | { state: 'resumed' };

export interface EventFlowSink {
  event(message: { type: 'event' } & ContractEvent): void;
  flow(signal: FlowSignal): void;
}

/** Events sent and not yet read by the renderer at which main pauses. */
export const DEFAULT_MAX_UNACKED = 4096;

/** ARBDESK_IPC_MAX_UNACKED: events a window may leave unread before main pauses (eventFlow.ts). */
export function maxUnackedFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_MAX_UNACKED;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new Error(`ARBDESK_IPC_MAX_UNACKED: expected a positive whole number of events, got "${raw}"`);
  return n;
}

export class EventFlow {
  private sent = 0;
  private read = 0;
  private paused = false;
  private pausedAt = 0;
  /** Events not sent while the window was behind. */
  dropped = 0;

  constructor(
    private readonly sink: EventFlowSink,
    private readonly maxUnacked = DEFAULT_MAX_UNACKED,
  ) {
    if (!Number.isInteger(maxUnacked) || maxUnacked < 1) throw new Error(`maxUnacked must be a positive integer, got ${maxUnacked}`);
  }

  push(event: ContractEvent): void {
    if (this.paused) {
      this.dropped++;
      return;
    }
    this.sink.event({ type: 'event', ...event });
    this.sent++;
    if (this.sent - this.read >= this.maxUnacked) {
      this.paused = true;
      this.pausedAt = this.sent;
      this.sink.flow({ state: 'paused', sent: this.sent });
    }
  }

  /**
   * From the preload: `{ started: true }`, a page (re)loaded that reads the whole state itself, so
   * nothing sent before is outstanding; `{ read: n }`, n more events read since its last
   * acknowledgement (counted up to what was sent: steps, not totals, so a reloaded page's count
   * starting again at 0 is not refused); `{ caughtUp: sent }`, everything up to the pause read.
   * Anything else is refused with the reason.
   */
  acknowledge(ack: unknown): string | null {
    const { started, read, caughtUp } = (typeof ack === 'object' && ack !== null ? ack : {}) as { started?: unknown; read?: unknown; caughtUp?: unknown };
    if (started !== undefined) {
      if (started !== true) return `started: expected true, got ${String(started)}`;
      this.read = this.sent;
      this.paused = false;
      return null;
    }
    if (read !== undefined) {
      if (typeof read !== 'number' || !Number.isSafeInteger(read) || read < 1) return `read: expected a positive whole number of events, got ${String(read)}`;
      this.read = Math.min(this.sent, this.read + read);
      return null;
    }
    if (caughtUp !== undefined) {
      if (!this.paused || caughtUp !== this.pausedAt) return `caughtUp: ${String(caughtUp)} is not the pause in force (${this.paused ? this.pausedAt : 'none'})`;
      this.read = this.sent;
      this.paused = false;
      this.sink.flow({ state: 'resumed' });
      return null;
    }
    return 'expected { started }, { read } or { caughtUp }';
  }

  get behind(): boolean {
    return this.paused;
  }
}
