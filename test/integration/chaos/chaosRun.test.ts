// The short chaos run of `npm test`: the same code as `npm run chaos`, 2 minutes of wall time
// (≈ 20 world minutes) with a fixed seed. Rejects and partial fills run at twice the
// command's rates so that both are all but certain to hit an order in so short a run.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../../src/chaos/faultSchedule';
import { runChaos } from '../../../src/chaos/run';

describe('a short chaos run (paper, then live on the simulator)', () => {
  it('loses no fill, hides no exposure, leaves nothing naked beyond the limit, lets nothing reach a venue after a kill switch, and its books match the simulator', async () => {
    const lines: string[] = [];
    const report = await runChaos({ minutes: 2, seed: 'npm-test-chaos', speed: 10, rates: { reject: 0.1, partial: 0.4 }, killEveryMs: [10_000, 20_000], log: (l) => lines.push(l) });
    const context = JSON.stringify({ ...report, log: lines.slice(-20) }, null, 1);
    // The zero-counts.
    expect(report.problems, context).toEqual([]);
    expect(report.fillsMissingFromLedger).toBe(0);
    expect(report.phantomFillsInLedger).toBe(0);
    expect(report.exposureNotShownInPositions).toBe(0);
    expect(report.restingOrdersLeftAfterKillSwitch).toBe(0);
    expect(report.restingOrdersLeftAtEnd).toBe(0);
    expect(report.nakedExposureBeyondLimit).toBe(0);
    expect(report.admittedWhileUnhedged).toBe(0);
    expect(report.ordersAfterKillSwitch).toBe(0);
    expect(report.booksDifferingFromSimulator).toBe(0);
    expect(report.booksCompared).toBeGreaterThan(20);
    expect(report.longestGapResyncMs).not.toBeNull();
    expect(report.longestGapResyncMs!).toBeLessThan(1000);
    expect(report.ok).toBe(true);
    // It was a real run: both modes traded, kill switches met resting orders.
    expect(report.fills.paper.ledger).toBeGreaterThan(0);
    expect(report.fills.live.ledger).toBeGreaterThan(0);
    expect(report.killSwitches).toBeGreaterThanOrEqual(2);
    expect(report.restingOrdersPlaced).toBeGreaterThan(0);
    // Faults of every kind were switched on, and the engine met them.
    for (const kind of FAULT_KINDS) expect(report.faultsInjected[kind], kind).toBeGreaterThan(0);
    expect(report.faultsObserved.gaps).toBeGreaterThan(0);
    expect(report.faultsObserved.reconnects).toBeGreaterThan(0);
    expect(report.faultsObserved.rejects).toBeGreaterThan(0);
    expect(report.faultsObserved.partials).toBeGreaterThan(0);
  }, 330_000);
});
