import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, scannerFromScenario } from '../../../../src/engine/scanner/scenario';
import { toSpecOpportunity } from '../../../../src/engine/scanner/specFormat';
import { oracleScan, sameAnswer } from './scanOracle';
import { scenarioArb } from './scenarioGen';

describe('scan against an independent oracle', () => {
  it('finds exactly the baskets of spec §4, sized per spec §6, sorted by net profit', () => {
    let withOpportunities = 0;
    fc.assert(
      fc.property(scenarioArb, (g) => {
        const scanner = scannerFromScenario(parseScenario(g.json));
        const got = scanner.opportunities().map(toSpecOpportunity);
        const expected = oracleScan(g.markets, g.relations, g.minProfit, g.maxSize);
        if (expected.length > 0) withOpportunities++;
        const problem = sameAnswer(got, expected);
        expect(problem).toBeNull();
      }),
      { numRuns: 300 },
    );
    // The generator must actually produce arbitrage, or this test proves little.
    expect(withOpportunities).toBeGreaterThan(100);
  });
});
