import { describe, expect, it } from 'vitest';
import { discoverPmUs, readGatewayMarket } from '../../../../src/engine/venues/polymarket-us/discovery';

// Field names from the docs' Market schema (markets/get-markets.md; next-venues.md §1.4).
const market = (over: Record<string, unknown> = {}) => ({
  id: 7, slug: 'aec-cbb-usc-iowa-2026-01-28', question: 'USC vs. Iowa', title: 'USC vs. Iowa', description: 'Resolves to USC if USC wins.',
  category: 'sports', eventSlug: 'cbb-usc-iowa-2026-01-28', endDate: '2026-01-29T04:00:00Z', active: true, closed: false, status: 'MARKET_STATUS_OPEN',
  orderPriceMinTickSize: 0.001, minimumTradeQty: 1, feeCoefficient: 0.0695,
  marketSides: [{ long: true, description: 'USC' }, { long: false, description: 'Iowa' }],
  ...over,
});

describe('Polymarket US discovery', () => {
  it('reads a gateway market: slug as id, YES label, tick, minimum and its fee coefficient as text', () => {
    expect(readGatewayMarket(market())).toMatchObject({
      ref: 'polymarket-us:aec-cbb-usc-iowa-2026-01-28', id: 'aec-cbb-usc-iowa-2026-01-28', title: 'USC vs. Iowa', eventId: 'cbb-usc-iowa-2026-01-28',
      status: 'open', closeTime: Date.parse('2026-01-29T04:00:00Z'), fee: { feeCoefficient: '0.0695' }, tickSize: 10, minOrderSize: 100, outcomeLabel: 'USC',
    });
    expect(readGatewayMarket(market({ status: 'MARKET_STATUS_HALTED' }))).toMatchObject({ status: 'paused' });
    expect(readGatewayMarket(market({ status: 'SOMETHING_NEW', closed: true }))).toMatchObject({ status: 'closed' });
  });

  it('skips, naming the field, a market it cannot price or size — never guesses', async () => {
    expect(readGatewayMarket(market({ feeCoefficient: undefined }))).toMatch(/feeCoefficient undefined is not a decimal/);
    expect(readGatewayMarket(market({ orderPriceMinTickSize: 0.00001 }))).toMatch(/orderPriceMinTickSize/);
    expect(readGatewayMarket(market({ minimumTradeQty: '0.001' }))).toMatch(/minimumTradeQty/);
    const logged: string[] = [];
    const d = await discoverPmUs(async (offset) => ({ markets: offset === 0 ? [market(), market({ slug: 'b', feeCoefficient: null })] : [] }), (m) => logged.push(m));
    expect(d.markets.map((m) => m.id)).toEqual(['aec-cbb-usc-iowa-2026-01-28']);
    expect(logged).toEqual([expect.stringMatching(/b: feeCoefficient null/)]);
    await expect(discoverPmUs(async () => ({ market: {} }), () => undefined)).rejects.toThrow(/no "markets" array/);
  });

  it('keeps a market once when a list that changed between pages shows it on two (offset paging)', async () => {
    // A market listed ahead of them between the two reads moves "b" from page 1 onto page 2 (that
    // new market itself is seen by the next discovery).
    const pages = [[market({ slug: 'a' }), market({ slug: 'b' })], [market({ slug: 'b' }), market({ slug: 'd' })], []];
    const asked: [number, number][] = [];
    const d = await discoverPmUs(async (offset, limit) => {
      asked.push([offset, limit]);
      return { markets: pages[offset / limit] };
    }, () => undefined, 2);
    expect(asked).toEqual([[0, 2], [2, 2], [4, 2]]);
    expect(d.markets.map((m) => m.id)).toEqual(['a', 'b', 'd']);
  });
});
