// Work that many sockets ask for at once — a fresh client's subscriptions, hundreds of books a
// frame on each of its connections — done a slice at a time, so that between slices the event
// loop accepts new connections and answers their handshakes. A job runs at once while this turn's
// budget lasts and nothing is waiting; otherwise it waits its turn. Jobs always run in arrival order.
export class PacedWork {
  private readonly waiting: (() => void)[] = [];
  private spentMs = 0;
  private resetScheduled = false;
  private disposed = false;

  constructor(private readonly budgetMs: number) {}

  run(job: () => void): void {
    if (this.disposed) return;
    if (this.waiting.length > 0 || this.spentMs >= this.budgetMs) {
      this.waiting.push(job);
      this.scheduleNextSlice();
      return;
    }
    this.timed(job);
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
  }

  private timed(job: () => void): void {
    const started = performance.now();
    try {
      job();
    } finally {
      this.spentMs += performance.now() - started;
      this.scheduleNextSlice();
    }
  }

  /** After this turn's I/O: a fresh budget, and the next waiting jobs while it lasts. */
  private scheduleNextSlice(): void {
    if (this.resetScheduled) return;
    this.resetScheduled = true;
    setImmediate(() => {
      this.resetScheduled = false;
      this.spentMs = 0;
      while (this.waiting.length > 0 && this.spentMs < this.budgetMs && !this.disposed) {
        try {
          this.timed(this.waiting.shift()!);
        } catch {
          // Jobs answer their own errors (a bad frame gets its reply); one never stops the rest.
        }
      }
    });
  }
}
