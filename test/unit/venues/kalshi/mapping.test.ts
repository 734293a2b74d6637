import { describe, expect, it } from 'vitest';
import { mapMarketStatus, numberText, tickSizeOf, toMarketInfo, toSeriesInfo } from '../../../../src/engine/venues/kalshi/mapping';
import { exclusiveSets, ladderImplications, type EventGroup } from '../../../../src/engine/venues/kalshi/relations';
import type { MarketInfo } from '../../../../src/engine/venues/venue';

// The half-fee index series as `GET /series` publishes it: a relative multiplier (venues.md §1.10).
const series = toSeriesInfo({ ticker: 'INX', category: 'Financials', fee_type: 'quadratic_with_maker_fees', fee_multiplier: 0.5 })!;

const event = {
  event_ticker: 'INX-31DEC',
  series_ticker: 'INX',
  title: 'S&P 500 on Dec 31',
  mutually_exclusive: false,
  category: 'Economics',
};

function market(over: Record<string, unknown> = {}) {
  return {
    ticker: 'INX-31DEC-T5000',
    event_ticker: 'INX-31DEC',
    market_type: 'binary',
    title: 'S&P 500 above 5000?',
    yes_sub_title: 'Above 5,000',
    status: 'active',
    close_time: '2031-12-31T21:00:00Z',
    result: '',
    rules_primary: 'Resolves YES if the close is above 5000.',
    rules_secondary: 'Source: the index provider.',
    strike_type: 'greater',
    floor_strike: 5000,
    cap_strike: null,
    price_level_structure: 'linear_cent',
    price_ranges: [{ start: '0.0100', end: '0.9900', step: '0.0100' }],
    fractional_trading_enabled: false,
    ...over,
  };
}

describe('Kalshi market mapping', () => {
  it('maps a market with its series fee schedule, category, close time, strike and rules', () => {
    const info = toMarketInfo(event, market(), series) as MarketInfo;
    expect(info).toEqual({
      ref: 'kalshi:INX-31DEC-T5000',
      venue: 'kalshi',
      id: 'INX-31DEC-T5000',
      title: 'S&P 500 above 5000?',
      rules: 'Resolves YES if the close is above 5000.\n\nSource: the index provider.',
      eventId: 'INX-31DEC',
      eventTitle: 'S&P 500 on Dec 31',
      seriesId: 'INX',
      category: 'Financials',
      status: 'open',
      closeTime: Date.UTC(2031, 11, 31, 21),
      fee: { venue: 'kalshi', feeType: 'quadratic_with_maker_fees', multiplier: '0.5' },
      tickSize: 100,
      minOrderSize: 100,
      result: null,
      outcomeLabel: 'Above 5,000',
      strike: { type: 'greater', floor: '5000', cap: null },
    });
  });

  it('lets an event override the series fee type and multiplier', () => {
    const info = toMarketInfo({ ...event, fee_type_override: 'quadratic', fee_multiplier_override: 0.25 }, market(), series) as MarketInfo;
    expect(info.fee).toEqual({ venue: 'kalshi', feeType: 'quadratic', multiplier: '0.25' });
    // No series and no override: the fee is unknown (the engine will not price it), never a guess.
    const plain = toMarketInfo({ ...event, fee_type_override: null, fee_multiplier_override: null }, market(), undefined) as MarketInfo;
    expect(plain.fee).toEqual({ venue: 'kalshi', feeType: '', multiplier: '' });
    expect(plain.category).toBe('Economics');
  });

  it('reads a fee waiver (Market.fee_waiver_expiration_time, openapi 3.15 `Market`)', () => {
    const waived = toMarketInfo(event, market({ fee_waiver_expiration_time: '2031-06-30T00:00:00Z' }), series) as MarketInfo;
    expect(waived.fee).toEqual({ venue: 'kalshi', feeType: 'quadratic_with_maker_fees', multiplier: '0.5', waiverUntil: Date.UTC(2031, 5, 30) });
    const none = toMarketInfo(event, market({ fee_waiver_expiration_time: null }), series) as MarketInfo;
    expect(none.fee).not.toHaveProperty('waiverUntil');
  });

  it('reads grids, fractional trading and results', () => {
    expect(tickSizeOf(market({ price_level_structure: 'deci_cent', price_ranges: [{ start: '0.001', end: '0.999', step: '0.001' }] }))).toBe(10);
    // Tapered: $0.001 at the edges, $0.01 in the middle; the step valid everywhere is a cent.
    const tapered = [
      { start: '0.001', end: '0.1', step: '0.001' },
      { start: '0.1', end: '0.9', step: '0.01' },
      { start: '0.9', end: '0.999', step: '0.001' },
    ];
    expect(tickSizeOf(market({ price_level_structure: 'tapered_deci_cent', price_ranges: tapered }))).toBe(100);
    expect(tickSizeOf(market({ price_level_structure: 'deci_cent', price_ranges: undefined }))).toBe(10);
    expect(tickSizeOf(market({ price_level_structure: 'something_new', price_ranges: 'x' }))).toBe(100);
    expect(tickSizeOf(market({ price_level_structure: 'constructor', price_ranges: undefined }))).toBe(100);
    const frac = toMarketInfo(event, market({ fractional_trading_enabled: true, status: 'finalized', result: 'no' }), series) as MarketInfo;
    expect(frac.minOrderSize).toBe(1);
    expect(frac.status).toBe('settled');
    expect(frac.result).toBe('no');
  });

  it('maps every Kalshi status, and anything unknown to paused', () => {
    expect(['initialized', 'inactive', 'active', 'closed', 'determined', 'disputed', 'amended', 'finalized', 'brand_new', undefined].map(mapMarketStatus)).toEqual([
      'paused', 'paused', 'open', 'closed', 'closed', 'closed', 'closed', 'settled', 'paused', 'paused',
    ]);
  });

  it('refuses scalar markets and malformed essentials with a reason', () => {
    expect(toMarketInfo(event, market({ market_type: 'scalar' }), series)).toEqual({ ticker: 'INX-31DEC-T5000', reason: 'market_type "scalar" is not binary' });
    expect(toMarketInfo(event, market({ ticker: undefined }), series)).toMatchObject({ reason: 'market without a ticker' });
    expect(toMarketInfo(event, market({ close_time: 'soon' }), series)).toMatchObject({ reason: expect.stringMatching(/close_time/) });
  });

  it('turns JSON numbers into exact decimal text, never exponent notation', () => {
    expect(numberText(0.07)).toBe('0.07');
    expect(numberText(0.0000001)).toBe('0.0000001');
    expect(numberText(105000)).toBe('105000');
    expect(numberText('2.5')).toBe('2.5');
    expect(numberText(Number.NaN)).toBeNull();
    expect(numberText(null)).toBeNull();
    expect(toSeriesInfo({ ticker: 'X', fee_multiplier: -1 })).toBeNull();
    expect(toSeriesInfo({ ticker: 'X', fee_type: 'quadratic', fee_multiplier: 1 })).toEqual({ ticker: 'X', category: '', feeType: 'quadratic', feeMultiplier: '1' });
    expect(toSeriesInfo({ ticker: 'X', fee_multiplier: 1 })).toEqual({ ticker: 'X', category: '', feeType: '', feeMultiplier: '1' });
  });
});

function info(ticker: string, strike?: { type: string; floor: string | null; cap: string | null }): MarketInfo {
  return {
    ...(toMarketInfo(event, market({ ticker }), series) as MarketInfo),
    ...(strike ? { strike } : { strike: undefined }),
  };
}

describe('Kalshi relations', () => {
  it('exclusive sets come from mutually exclusive events, never claimed exhaustive', () => {
    const groups: EventGroup[] = [
      { eventId: 'FED', mutuallyExclusive: true, markets: [info('FED-H'), info('FED-C25'), info('FED-C50')] },
      { eventId: 'ONE', mutuallyExclusive: true, markets: [info('ONE-A')] },
      { eventId: 'LAD', mutuallyExclusive: false, markets: [info('LAD-A'), info('LAD-B')] },
    ];
    expect(exclusiveSets(groups)).toEqual([{ id: 'kalshi:FED', members: ['kalshi:FED-H', 'kalshi:FED-C25', 'kalshi:FED-C50'], exhaustive: false }]);
  });

  it('"above" ladders: a higher floor implies every lower one (all pairs, not only neighbours)', () => {
    const groups: EventGroup[] = [
      {
        eventId: 'BTC',
        mutuallyExclusive: false,
        markets: [
          info('BTC-110', { type: 'greater', floor: '110000', cap: null }),
          info('BTC-100', { type: 'greater', floor: '100000', cap: null }),
          info('BTC-105', { type: 'greater', floor: '105000', cap: null }),
          info('BTC-105B', { type: 'greater_or_equal', floor: '105000', cap: null }),
          info('BTC-R', { type: 'between', floor: '100000', cap: '105000' }),
        ],
      },
    ];
    const pairs = ladderImplications(groups).map((r) => `${r.if}>${r.then}`).sort();
    expect(pairs).toEqual(['kalshi:BTC-105>kalshi:BTC-100', 'kalshi:BTC-110>kalshi:BTC-100', 'kalshi:BTC-110>kalshi:BTC-105']);
  });

  it('"below" ladders: a lower cap implies every higher one; equal strikes and exclusive events imply nothing', () => {
    const below: EventGroup = {
      eventId: 'TEMP',
      mutuallyExclusive: false,
      markets: [
        info('T-60', { type: 'less', floor: null, cap: '60' }),
        info('T-50', { type: 'less', floor: null, cap: '50' }),
        info('T-50B', { type: 'less', floor: null, cap: '50' }),
        info('T-70', { type: 'less', floor: null, cap: '70.5' }),
      ],
    };
    const pairs = ladderImplications([below]).map((r) => `${r.if}>${r.then}`).sort();
    expect(pairs).toEqual([
      'kalshi:T-50>kalshi:T-60', 'kalshi:T-50>kalshi:T-70', 'kalshi:T-50B>kalshi:T-60', 'kalshi:T-50B>kalshi:T-70', 'kalshi:T-60>kalshi:T-70',
    ]);
    expect(ladderImplications([{ ...below, mutuallyExclusive: true }])).toEqual([]);
  });
});
