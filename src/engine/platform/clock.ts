export interface Clock {
  /** Wall time, ms since the epoch: for timestamps shown to the trader and stored in the ledger. */
  now(): number;
  /** Monotonic ms: for durations, timeouts and staleness (immune to wall-clock jumps). */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};
