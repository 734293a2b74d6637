// Message rate, last message time and lag of a feed, for FeedStatus. Rate is counted in
// one-second buckets over the last few seconds; lag is receipt wall time minus the venue's ts_ms.

const WINDOW_SECONDS = 5;

export class FeedMeter {
  private readonly buckets = new Array<number>(WINDOW_SECONDS).fill(0);
  private bucketSecond = -1;
  /** Monotonic ms of the last data message; null before the first. */
  lastMessageAt: number | null = null;
  /** Receipt wall time − the venue's ts_ms of the most recent message that carried one. */
  lagMs: number | null = null;
  total = 0;

  constructor(private readonly monotonic: () => number) {}

  record(receivedAt: number, lagMs: number | null): void {
    this.roll(receivedAt);
    this.buckets[Math.floor(receivedAt / 1000) % WINDOW_SECONDS]!++;
    this.lastMessageAt = receivedAt;
    this.total++;
    if (lagMs !== null) this.lagMs = lagMs;
  }

  /** Messages per second over the last full seconds of the window. */
  rate(): number {
    const now = this.monotonic();
    this.roll(now);
    const current = Math.floor(now / 1000) % WINDOW_SECONDS;
    let sum = 0;
    for (let i = 0; i < WINDOW_SECONDS; i++) if (i !== current) sum += this.buckets[i]!;
    return Math.round((sum / (WINDOW_SECONDS - 1)) * 100) / 100;
  }

  reset(): void {
    this.buckets.fill(0);
    this.lagMs = null;
  }

  private roll(now: number): void {
    const second = Math.floor(now / 1000);
    if (this.bucketSecond === -1) {
      this.bucketSecond = second;
      return;
    }
    const steps = Math.min(WINDOW_SECONDS, second - this.bucketSecond);
    for (let i = 1; i <= steps; i++) this.buckets[(this.bucketSecond + i) % WINDOW_SECONDS] = 0;
    if (second > this.bucketSecond) this.bucketSecond = second;
  }
}
