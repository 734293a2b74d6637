import { GAP_RESYNC_TARGET_MS, type ChaosReport } from './run';

const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');

/** The human half of the chaos output (the JSON line follows it). */
export function formatReport(r: ChaosReport): string[] {
  const ms = (v: number | null) => (v === null ? 'none measured' : `${v} ms`);
  const e = r.executions;
  return [
    `chaos run: ${r.minutes} min wall, ${r.worldMinutes} world min (×${r.speed}), seed "${r.seed}"`,
    `executions: ${e.filled} filled, ${e.completed} completed, ${e.flattened} flattened, ${e.failed} failed, ${e.refused} refused, ${e.error} errors`,
    `fills: paper ${r.fills.paper.venue} made / ${r.fills.paper.ledger} in ledger; live ${r.fills.live.venue} on the simulator / ${r.fills.live.ledger} in ledger`,
    `${mark(r.fillsMissingFromLedger === 0)} fills missing from the ledger: ${r.fillsMissingFromLedger}`,
    `${mark(r.phantomFillsInLedger === 0)} ledger fills the venue never made: ${r.phantomFillsInLedger}`,
    `${mark(r.exposureNotShownInPositions === 0)} exposure not shown in positions: ${r.exposureNotShownInPositions}`,
    `${mark(r.restingOrdersLeftAfterKillSwitch === 0)} resting orders left after a kill switch: ${r.restingOrdersLeftAfterKillSwitch} (${r.killSwitches} kill switches, ${r.restingOrdersPlaced} resting orders placed before them)`,
    `${mark(r.restingOrdersLeftAtEnd === 0)} resting orders left at the end: ${r.restingOrdersLeftAtEnd}`,
    `${mark(r.nakedExposureBeyondLimit === 0)} naked exposure beyond the per-trade loss limit after unwinds: $${r.nakedExposureBeyondLimit.toFixed(2)}`,
    `     losses realised past the limit (stop-losses after a book moved): $${r.realisedLossPastLimit.toFixed(2)}`,
    `${mark(r.admittedWhileUnhedged === 0)} baskets admitted while an unequal basket was open: ${r.admittedWhileUnhedged} (${r.unwinds} unwinds before re-arming)`,
    `${mark(r.ordersAfterKillSwitch === 0)} orders that reached a venue after a kill switch returned: ${r.ordersAfterKillSwitch}`,
    `${mark(r.booksDifferingFromSimulator === 0 && r.booksCompared > 0)} books that differ from the simulator's: ${r.booksDifferingFromSimulator} of ${r.booksCompared}`,
    `${mark(r.longestGapResyncMs === null || r.longestGapResyncMs < GAP_RESYNC_TARGET_MS)} longest resync after a sequence gap: ${ms(r.longestGapResyncMs)} (target < ${GAP_RESYNC_TARGET_MS} ms; ${r.resyncEpisodes.gap} markets resynced)`,
    `     longest recovery after a dropped connection: ${ms(r.longestReconnectResyncMs)} (${r.resyncEpisodes.reconnect} markets, includes reconnect backoff)`,
    `     longest a book stayed unusable (back-to-back faults add up): ${ms(r.longestBookOutageMs)}`,
    `faults injected: ${Object.entries(r.faultsInjected).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `faults seen by the engine: ${r.faultsObserved.gaps} gap resyncs, ${r.faultsObserved.reconnects} reconnects, ${r.faultsObserved.rejects} rejected orders, ${r.faultsObserved.partials} partially filled orders, ${r.faultsObserved.stalls} stalls`,
    `breaker trips: ${Object.entries(r.breakerTrips).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}; kill-switch cancel failures: ${r.killSwitchFailures}`,
    ...r.breakerTripExamples.map((t) => `  trip: ${t}`),
    ...r.problems.map((p) => `  problem: ${p}`),
    r.ok ? 'RESULT: clean' : 'RESULT: FAILED',
  ];
}
