// Gamma as a discovery client reads it: events with nested markets, the JSON-encoded string
// fields, neg-risk (and augmented) events, fee schedules, and ids that agree with the CLOB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'gamma', markets: 40, autoRun: false });
});
afterAll(async () => {
  await sim?.close();
});

type GammaMarket = Record<string, unknown> & { conditionId: string; outcomes: string; clobTokenIds: string; outcomePrices: string };
type GammaEvent = Record<string, unknown> & { markets: GammaMarket[]; negRisk: boolean; negRiskAugmented: boolean };
const get = async <T>(path: string): Promise<T> => (await (await fetch(`${sim.endpoints.polymarket.gamma}${path}`)).json()) as T;

describe('Gamma', () => {
  it('lists events with their markets, paginated by limit and offset', async () => {
    const all = await get<GammaEvent[]>('/events?active=true&closed=false&limit=1000');
    expect(all.length).toBeGreaterThan(10);
    const page1 = await get<GammaEvent[]>('/events?limit=5&offset=0');
    const page2 = await get<GammaEvent[]>('/events?limit=5&offset=5');
    expect([...page1, ...page2].map((e) => e.id)).toEqual(all.slice(0, 10).map((e) => e.id));
    expect(await get<GammaEvent[]>('/events?closed=true')).toEqual([]);
    const bySlug = await get<GammaEvent>(`/events/slug/${all[0]!.slug as string}`);
    expect(bySlug.id).toBe(all[0]!.id);
  });

  it('encodes outcomes, prices and token ids as JSON strings that agree with the CLOB', async () => {
    const markets = await get<GammaMarket[]>('/markets?limit=3');
    for (const m of markets) {
      expect(JSON.parse(m.outcomes)).toEqual(['Yes', 'No']);
      const [yes, no] = JSON.parse(m.clobTokenIds) as string[];
      const prices = (JSON.parse(m.outcomePrices) as string[]).map(Number);
      expect(prices[0]! + prices[1]!).toBeCloseTo(1, 9);
      const clob = (await (await fetch(`${sim.endpoints.polymarket.clob}/markets/${m.conditionId}`)).json()) as { tokens: { token_id: string; outcome: string }[] };
      expect(clob.tokens.map((t) => [t.token_id, t.outcome])).toEqual([
        [yes, 'Yes'],
        [no, 'No'],
      ]);
      expect(m).toMatchObject({ enableOrderBook: true, acceptingOrders: true, orderPriceMinTickSize: 0.01, orderMinSize: 5 });
      expect(m.feeSchedule).toMatchObject({ exponent: 1, takerOnly: true });
      expect(m.feesEnabled).toBe((m.feeSchedule as { rate: number }).rate > 0);
    }
    const one = await get<GammaMarket[]>(`/markets?condition_ids=${markets[1]!.conditionId}`);
    expect(one.map((m) => m.conditionId)).toEqual([markets[1]!.conditionId]);
  });

  it('marks neg-risk events, and augmented ones carry an "Other" outcome market', async () => {
    const events = await get<GammaEvent[]>('/events?limit=1000');
    const negRisk = events.filter((e) => e.negRisk);
    expect(negRisk.length).toBeGreaterThan(0);
    expect(negRisk.some((e) => e.negRiskAugmented)).toBe(true);
    for (const e of negRisk) {
      expect(e.markets.length).toBeGreaterThan(1);
      for (const m of e.markets) expect(m).toMatchObject({ negRisk: true, negRiskMarketID: e.negRiskMarketID });
      const others = e.markets.filter((m) => m.negRiskOther === true);
      expect(others.length).toBe(e.negRiskAugmented ? 1 : 0);
      if (e.negRiskAugmented) expect(others[0]!.groupItemTitle).toBe('Other');
    }
    const ladder = events.find((e) => !e.negRisk && e.markets.length > 2);
    expect(ladder).toBeDefined();
  });
});
