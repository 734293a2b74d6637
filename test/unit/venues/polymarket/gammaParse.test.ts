// Gamma validation: JSON-string fields, YES/NO by label (never by position), exact decimals from JSON
// numbers, resolutions, and a clear reason naming the field for everything malformed.
import { describe, expect, it } from 'vitest';
import { decimalText, parseEvent, parseMarket } from '../../../../src/engine/venues/polymarket/gammaParse';

const CID = `0x${'ab'.repeat(32)}`;

function gammaMarket(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '1031769',
    conditionId: CID,
    question: 'Will it rain?',
    description: 'Resolves YES if it rains.',
    outcomes: '["Yes", "No"]',
    outcomePrices: '["0.535", "0.465"]',
    clobTokenIds: '["111", "222"]',
    endDate: '2031-06-01T12:00:00Z',
    active: true,
    closed: false,
    acceptingOrders: true,
    enableOrderBook: true,
    negRisk: false,
    orderPriceMinTickSize: 0.01,
    orderMinSize: 5,
    feesEnabled: true,
    feeSchedule: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 },
    ...over,
  };
}

describe('Gamma market validation', () => {
  it('reads the JSON-encoded fields and the trading facts', () => {
    const r = parseMarket(gammaMarket(), false);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        conditionId: CID,
        tokens: { yes: '111', no: '222' },
        outcomePrices: { yes: '0.535', no: '0.465' },
        tick: 100,
        minOrderSize: 500,
        fee: { rate: '0.07', exponent: 1, takerOnly: true },
        endTime: Date.parse('2031-06-01T12:00:00Z'),
        negRisk: false,
        exchange: 'v2',
        resolved: null,
      }),
    });
  });

  it('maps YES and NO by the outcome labels, whatever their order, and accepts real arrays', () => {
    const r = parseMarket(gammaMarket({ outcomes: ['No', 'Yes'], clobTokenIds: ['111', '222'], outcomePrices: ['0.2', '0.8'] }), false);
    expect(r.ok && r.value.tokens).toEqual({ yes: '222', no: '111' });
    expect(r.ok && r.value.outcomePrices).toEqual({ yes: '0.8', no: '0.2' });
  });

  it('names the field of every problem', () => {
    const reason = (over: Record<string, unknown>) => {
      const r = parseMarket(gammaMarket(over), false);
      return r.ok ? null : r.reason;
    };
    expect(reason({ outcomes: '["Lakers", "Celtics"]' })).toMatch(/outcomes \["Lakers","Celtics"\] are not Yes\/No/);
    expect(reason({ clobTokenIds: '["111", ' })).toMatch(/clobTokenIds: not a JSON list/);
    expect(reason({ clobTokenIds: '["111"]' })).toMatch(/expected 2 outcomes and 2 token ids/);
    expect(reason({ clobTokenIds: '["111", "0x22"]' })).toMatch(/token id "0x22" is not a decimal uint256/);
    expect(reason({ clobTokenIds: '["111", "111"]' })).toMatch(/same/);
    expect(reason({ conditionId: '0x12' })).toMatch(/conditionId/);
    expect(reason({ orderPriceMinTickSize: 0.02 })).toMatch(/orderPriceMinTickSize: 0.02 is not a Polymarket tick size/);
    expect(reason({ orderMinSize: -1 })).toMatch(/orderMinSize/);
    expect(reason({ feeSchedule: { rate: 0.07, exponent: 1.5 } })).toMatch(/feeSchedule.exponent/);
    expect(reason({ feeSchedule: { rate: 'lots' } })).toMatch(/feeSchedule.rate: not a decimal/);
    expect(reason({ outcomePrices: '["0.5"]' })).toMatch(/outcomePrices has 1 entries/);
    expect(reason({ outcomePrices: '["0.5", "x"]' })).toMatch(/outcomePrices: "x" is not a decimal/);
    expect(parseMarket('nope', false)).toEqual({ ok: false, reason: 'market is not an object' });
  });

  it('leaves facts Gamma does not publish for the CLOB fallback', () => {
    const r = parseMarket(gammaMarket({ orderPriceMinTickSize: undefined, orderMinSize: null, feeSchedule: undefined, feesEnabled: undefined, negRisk: undefined }), false);
    expect(r.ok && [r.value.tick, r.value.minOrderSize, r.value.fee, r.value.negRisk]).toEqual([null, null, null, null]);
    const free = parseMarket(gammaMarket({ feesEnabled: false, feeSchedule: undefined }), false);
    expect(free.ok && free.value.fee).toEqual({ rate: '0', exponent: 1, takerOnly: true });
  });

  it('reads a resolution from the outcome prices of a closed market', () => {
    const yes = parseMarket(gammaMarket({ closed: true, outcomePrices: '["1", "0"]' }), false);
    expect(yes.ok && yes.value.resolved).toBe('yes');
    const no = parseMarket(gammaMarket({ closed: true, outcomes: '["No", "Yes"]', outcomePrices: '["1", "0"]' }), false);
    expect(no.ok && no.value.resolved).toBe('no');
    const open = parseMarket(gammaMarket({ outcomePrices: '["1", "0"]' }), false);
    expect(open.ok && open.value.resolved).toBeNull();
  });

  it('uses positionIds and ExchangeV3 for Protocol V2 markets', () => {
    const r = parseMarket(gammaMarket({ version: 'v2', positionIds: ['333', '444'] }), false);
    expect(r.ok && [r.value.tokens, r.value.exchange]).toEqual([{ yes: '333', no: '444' }, 'v3']);
  });

  it('turns JSON numbers into the decimals the venue wrote', () => {
    expect(decimalText(0.07, 'x')).toEqual({ ok: true, value: '0.07' });
    expect(decimalText(1e-7, 'x')).toEqual({ ok: true, value: '0.0000001' });
    expect(decimalText('0.0175', 'x')).toEqual({ ok: true, value: '0.0175' });
    expect(decimalText(-1, 'x').ok).toBe(false);
    expect(decimalText('1e3', 'x').ok).toBe(false);
  });
});

describe('Gamma event validation', () => {
  it('keeps the usable markets and lists the rest with reasons', () => {
    const r = parseEvent({
      id: 16085,
      slug: 'fed-cuts',
      title: 'How many Fed cuts?',
      negRisk: true,
      negRiskAugmented: false,
      tags: [{ label: 'Rates', slug: 'rates' }, { label: 'Economy', slug: 'economy' }],
      series: [{ slug: 'fed', ticker: 'FED' }],
      markets: [gammaMarket(), gammaMarket({ id: '2', outcomes: '["Up", "Down"]' })],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ id: '16085', slug: 'fed-cuts', category: 'Economy', negRisk: true, seriesSlugs: ['fed', 'FED'] });
    expect(r.value.keywords).toEqual(expect.arrayContaining(['economy', 'rates']));
    expect(r.value.markets).toHaveLength(1);
    expect(r.value.rejected).toEqual([{ id: '2', reason: expect.stringMatching(/event 16085: market 2: outcomes/) }]);
    expect(parseEvent({ title: 'x' })).toEqual({ ok: false, reason: 'event id is missing' });
  });
});
