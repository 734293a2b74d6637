// Discovery's fallback for facts Gamma leaves out: `/clob-markets/{conditionId}` as the CLOB
// OpenAPI describes it (ClobMarketDetails: mts, mos, fd — and no `nr`), then the documented
// `/neg-risk?token_id=` (getNegRisk → `{"neg_risk": false}`) for the neg-risk flag.
// Source: ../shared/reference/upstream/polymarket-clob.openapi.yaml components.schemas.ClobMarketDetails,
// FeeDetails, paths./neg-risk.
import { describe, expect, it } from 'vitest';
import { discoverPolymarket, type DiscoveryDeps } from '../../../../src/engine/venues/polymarket/discovery';
import type { GammaClient } from '../../../../src/engine/venues/polymarket/gamma';

const CID = `0x${'5f'.repeat(32)}`;
const YES = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const NO = '52114319501245915516055106046884209969926127482827954674443846427813813222426';

/** A Gamma event whose market says nothing about neg-risk, tick, size or fees. */
function event(marketOver: Record<string, unknown> = {}) {
  return {
    id: '9001',
    slug: 'fed-decision',
    title: 'Fed decision',
    markets: [{ id: '1', conditionId: CID, question: 'Fed holds?', outcomes: '["Yes", "No"]', clobTokenIds: JSON.stringify([YES, NO]), active: true, closed: false, enableOrderBook: true, acceptingOrders: true, endDate: '2031-12-17T19:00:00Z', ...marketOver }],
  };
}

// ClobMarketDetails as the schema lists it: no `nr`.
const clobMarket = { t: [{ t: YES, o: 'Yes' }, { t: NO, o: 'No' }], mos: 5, mts: 0.01, mbf: 0, tbf: 0, fd: { r: 0.02, e: 2, to: true } };

function deps(over: Partial<DiscoveryDeps> = {}): DiscoveryDeps {
  return {
    gamma: { activeEvents: async (_signal: unknown, map: (e: unknown) => unknown) => [event()].map(map) } as unknown as GammaClient,
    clobMarketInfo: async () => clobMarket,
    negRiskOf: async () => ({ neg_risk: false }),
    log: () => {},
    ...over,
  };
}

describe('Polymarket discovery when Gamma gives no negRisk', () => {
  it('reads the flag from /neg-risk when /clob-markets has no `nr` (the CLOB schema lists none)', async () => {
    const asked: string[] = [];
    const d = await discoverPolymarket(deps({ negRiskOf: async (t) => (asked.push(t), { neg_risk: true }) }));
    expect(d.skipped).toEqual([]);
    expect(d.markets).toHaveLength(1);
    expect(d.markets[0]).toMatchObject({ negRisk: true, tickSize: 100, minOrderSize: 500, fee: { venue: 'polymarket', rate: '0.02', exponent: 2, takerOnly: true } });
    expect(asked).toEqual([YES]);
  });

  it('uses `nr` when /clob-markets sends it, and needs nothing when Gamma knows', async () => {
    const noCall = async () => {
      throw new Error('not asked');
    };
    expect((await discoverPolymarket(deps({ clobMarketInfo: async () => ({ ...clobMarket, nr: true }), negRiskOf: noCall }))).markets[0]!.negRisk).toBe(true);
    const known = await discoverPolymarket(deps({ gamma: { activeEvents: async (_signal: unknown, map: (e: unknown) => unknown) => [event({ negRisk: false })].map(map) } as unknown as GammaClient, negRiskOf: noCall }));
    expect(known.markets[0]!.negRisk).toBe(false);
  });

  it('skips the market, saying why, when no source can tell', async () => {
    const d = await discoverPolymarket(deps({ negRiskOf: async () => ({ error: 'market not found' }) }));
    expect(d.markets).toEqual([]);
    expect(d.skipped[0]!.reason).toMatch(/neither Gamma nor \/clob-markets says whether it is neg-risk.*neg_risk is not a boolean/);
  });
});
