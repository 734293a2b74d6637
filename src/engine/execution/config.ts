// The executor's bounds: every wait, retry and price step it may take, in one place.

export interface ExecutionConfig {
  /**
   * Extra ticks above each leg's sized worst price that an entry order may fill at. Only used
   * while the basket stays profitable with every leg filled at its limit; 0 = the sized worst price.
   */
  slippageTicks: number;
  /**
   * A venue call that has not answered by then has an unknown outcome: the order is looked up. A
   * backstop above the connectors' own placement deadlines (Kalshi retries for up to 10 s).
   */
  orderTimeoutMs: number;
  /** How long one lookup of an order (or a fetch of its fills) may take. */
  lookupTimeoutMs: number;
  /** How long an order of unknown outcome is looked up before it stays unknown (pending in the ledger). */
  unknownResolveMs: number;
  /**
   * An order whose send failed is taken as never placed only when, for this long after the
   * failure, the venue's order lookups and its fills both show nothing of it (listings can lag).
   */
  absentConfirmMs: number;
  /** Pause between lookups of an order of unknown outcome. */
  lookupIntervalMs: number;
  /** How long to wait for the fills of an order (pushed or fetched) to add up to what the venue reported. */
  fillWaitMs: number;
  /** An IOC the venue reports as resting is waited on this long, then cancelled. */
  restingWaitMs: number;
  /** An order the venue accepted but has not matched yet (Polymarket's sports delay): waited on this long. */
  pendingWaitMs: number;
  /** Rounds of completing buys of the lagging legs before flattening the rest. */
  completeAttempts: number;
  /** Pause between completion rounds. */
  completeIntervalMs: number;
  /** Flattening sells of each excess leg, each at a lower price, before giving up. */
  flattenAttempts: number;
  /** Pause between flattening sells. */
  flattenIntervalMs: number;
  /** How far each flattening retry lowers its price, in ticks of the market (at least one). */
  flattenStepTicks: number;
  /**
   * Shares bought a moment ago may not be sellable until their trade settles (Polymarket): a
   * flatten waits this long at most for them to become sellable.
   */
  sellableWaitMs: number;
  /**
   * When no price within the per-trade loss limit sells a failed leg's excess (the book moved),
   * sell it into the bids there are rather than hold a naked position (the realised loss past the
   * limit trips the breaker).
   */
  stopLossPastLimit: boolean;
}

export const DEFAULT_EXECUTION_CONFIG: ExecutionConfig = {
  slippageTicks: 0,
  orderTimeoutMs: 12_000,
  lookupTimeoutMs: 10_000,
  unknownResolveMs: 30_000,
  absentConfirmMs: 5_000,
  lookupIntervalMs: 250,
  fillWaitMs: 2_000,
  restingWaitMs: 3_000,
  pendingWaitMs: 10_000,
  completeAttempts: 2,
  completeIntervalMs: 250,
  flattenAttempts: 5,
  flattenIntervalMs: 200,
  flattenStepTicks: 1,
  sellableWaitMs: 15_000,
  stopLossPastLimit: true,
};
