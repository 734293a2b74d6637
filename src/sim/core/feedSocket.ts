// The outbound side of every simulator WebSocket. Feed messages pass through the fault
// controller: held during a stall (and released in order when it ends), delayed by the added
// latency without ever being reordered, and cut off by connection drops. A client that cannot
// keep up (or a stall that outlasts the buffer) loses its connection, as on a real venue.
// Every message stays its own WebSocket message; the frames one turn of the event loop produces
// for a socket leave in one write (see cork()).
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { VenueId } from '../venues';
import type { IDisposable } from '../../shared/lifecycle';
import type { FaultController } from '../faults/controller';

const MAX_HELD_MESSAGES = 200_000;
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export class FeedSocket {
  private readonly held: string[] = [];
  private readonly delayed: { due: number; data: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastDue = 0;
  private closedByUs = false;
  private corked = false;

  constructor(
    readonly ws: WebSocket,
    readonly venue: VenueId,
    private readonly faults: FaultController,
  ) {
    ws.on('close', () => clearTimeout(this.timer));
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.closedByUs;
  }

  /** A feed message: held while the venue is stalled. */
  send(message: string | object): void {
    if (!this.isOpen) return;
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.faults.sent[this.venue]++;
    if (this.faults.isStalled(this.venue)) {
      if (this.held.length >= MAX_HELD_MESSAGES) this.terminate();
      else this.held.push(data);
      return;
    }
    this.releaseHeld();
    this.deliver(data);
  }

  /** A control answer (PONG, command acks): not held by a feed stall. */
  sendControl(message: string | object): void {
    if (!this.isOpen) return;
    this.deliver(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Called when a stall ends. */
  releaseHeld(): void {
    if (this.held.length === 0) return;
    const batch = this.held.splice(0, this.held.length);
    for (const data of batch) this.deliver(data);
  }

  /** An abrupt cut: no close frame, as when a network path dies. */
  terminate(): void {
    this.closedByUs = true;
    clearTimeout(this.timer);
    this.ws.terminate();
  }

  private deliver(data: string): void {
    const latency = this.faults.latencyMs(this.venue);
    if (latency <= 0 && this.delayed.length === 0) {
      this.write(data);
      return;
    }
    const due = Math.max(Date.now() + latency, this.lastDue);
    this.lastDue = due;
    this.delayed.push({ due, data });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.delayed.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = Date.now();
      while (this.delayed.length > 0 && this.delayed[0]!.due <= now) this.write(this.delayed.shift()!.data);
      this.schedule();
    }, Math.max(0, this.delayed[0]!.due - Date.now()));
  }

  private write(data: string): void {
    if (!this.isOpen) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.terminate();
      return;
    }
    this.cork();
    this.ws.send(data);
  }

  /**
   * Holds this turn's writes to the TCP socket and releases them together once the turn's code
   * (its microtasks included) has run: one system call for a turn's frames instead of one per
   * frame. ws frames each message itself (and corks around its two writes, which nests); it has
   * no public cork, so this reaches its socket (`_socket`, set for every open WebSocket).
   */
  private cork(): void {
    if (this.corked) return;
    const raw = (this.ws as unknown as { _socket?: Duplex | null })._socket;
    if (!raw) return;
    this.corked = true;
    raw.cork();
    process.nextTick(() => {
      this.corked = false;
      raw.uncork();
    });
  }
}

/** Every open feed socket of one venue, wired to the fault controller's drops and stalls. */
export class FeedRegistry implements IDisposable {
  private readonly sockets = new Set<FeedSocket>();
  private readonly subscriptions: IDisposable[];

  constructor(
    readonly venue: VenueId,
    private readonly faults: FaultController,
  ) {
    this.subscriptions = [
      faults.onDrop(({ venue: v, rate }) => {
        if (v !== venue) return;
        for (const s of [...this.sockets]) if (faults.decide(rate)) s.terminate();
      }),
      faults.onStallEnd((v) => {
        if (v !== venue) return;
        for (const s of this.sockets) s.releaseHeld();
      }),
    ];
  }

  add(ws: WebSocket): FeedSocket {
    const socket = new FeedSocket(ws, this.venue, this.faults);
    this.sockets.add(socket);
    ws.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  get size(): number {
    return this.sockets.size;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const s of this.sockets) s.terminate();
    this.sockets.clear();
  }
}
