// How many market-channel connections may be opening at once. A whole universe is ~80
// connections; opened together, their upgrade requests and the books each new connection is sent
// arrive as one burst (at a busy server the upgrade answers then come too late and every
// handshake times out, each retry adding to the burst). Through the gate at most `limit`
// handshakes are in flight; the next starts as soon as one opens or fails. First come, first
// served: reconnects queue behind connections not yet opened.

/** A place in the gate: released once the handshake opened or failed (or, still queued, given up). */
export interface GateTicket {
  release(): void;
}

export const HANDSHAKES_IN_FLIGHT = 3;

export class HandshakeGate {
  private readonly queue: { start: (ticket: GateTicket) => void; ticket: GateTicket }[] = [];
  private running = 0;
  private disposed = false;

  constructor(readonly limit = HANDSHAKES_IN_FLIGHT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`the handshake limit must be a whole number ≥ 1, not ${limit}`);
  }

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Calls `start` once a slot is free (at once if one is). The ticket's `release` frees the slot
   * (or, while still queued, gives up the place); calling it again does nothing.
   */
  enter(start: (ticket: GateTicket) => void): GateTicket {
    let state: 'queued' | 'running' | 'done' = 'queued';
    const ticket: GateTicket = {
      release: () => {
        if (state === 'running') {
          this.running--;
          state = 'done';
          this.next();
        } else if (state === 'queued') {
          state = 'done';
          const i = this.queue.findIndex((q) => q.ticket === ticket);
          if (i >= 0) this.queue.splice(i, 1);
        }
      },
    };
    if (this.disposed) {
      state = 'done';
      return ticket;
    }
    this.queue.push({
      ticket,
      start: (t) => {
        state = 'running';
        start(t);
      },
    });
    this.next();
    return ticket;
  }

  private next(): void {
    while (!this.disposed && this.running < this.limit) {
      const item = this.queue.shift();
      if (!item) return;
      this.running++;
      try {
        item.start(item.ticket);
      } catch (e) {
        item.ticket.release();
        throw e;
      }
    }
  }

  /** Nothing queued starts any more. */
  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
  }
}
