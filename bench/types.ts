// The `arbdesk bench` sections: each is a named benchmark reporting measurements against targets.
// Adding a benchmark is adding a section file and one line in ./index.ts.

export interface BenchContext {
  /** A scratch directory for generated data, removed afterwards unless --keep. */
  readonly workDir: string;
  /** The `arbdesk` launcher (bin/arbdesk.mjs), to time the real command. */
  readonly cli: string;
  readonly options: BenchOptions;
  log(line: string): void;
}

export interface BenchOptions {
  /** Lines of the generated replay stream. */
  lines: number;
  /** Cross-venue pairs in the generated universe. */
  pairs: number;
  /** Markets and levels a side for the memory benchmark. */
  memoryMarkets: number;
  memoryLevels: number;
  /** Timed repetitions (the median is reported). */
  runs: number;
  /** Baskets written a mode by the ledger benchmark (each: 2 intents, 2 acks, 2 fills). */
  ledgerBaskets: number;
  seed: number;
  /** UI benchmark: simulator markets, its world speed (drives the message rate), seconds traced, and
   * how long to wait for an open opportunity to select. */
  uiMarkets: number;
  uiSpeed: number;
  uiSeconds: number;
  uiWaitSeconds: number;
  /** The universe benchmark: the simulator's size and feed rate, and how long it measures. */
  universe: {
    kalshiMarkets: number;
    polymarketMarkets: number;
    levels: number;
    messagesPerSecond: number;
    seconds: number;
    settleSeconds: number;
  };
}

export interface Measurement {
  name: string;
  value: number;
  unit: string;
  /** A human reading of the value, e.g. "1.46× bare parse". */
  display?: string;
  /** The target, when there is one, and whether it was met. */
  target?: { text: string; met: boolean };
}

export interface BenchSection {
  readonly name: string;
  readonly title: string;
  run(ctx: BenchContext): Promise<Measurement[]>;
}
