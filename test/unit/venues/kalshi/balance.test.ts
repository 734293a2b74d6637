// Kalshi GET /portfolio/balance. The published spec (shared/reference/upstream/kalshi.openapi.yaml,
// components.schemas.GetBalanceResponse) requires `balance` and `portfolio_value` as int64 cents
// ("Member's available balance in cents … available for trading") and `updated_ts`; the official
// SDK (node_modules/kalshi-typescript 3.30, models/get-balance-response.d.ts) adds
// `balance_dollars`, a fixed-point dollar string with up to 6 decimals.
import { describe, expect, it } from 'vitest';
import { kalshiBalanceOf, kalshiSettlementsOf } from '../../../../src/engine/venues/kalshi/tradingBalance';

describe('Kalshi balance', () => {
  it('reads the spec\'s cents: 123456 cents is $1,234.56 available, portfolio_value likewise', () => {
    expect(kalshiBalanceOf({ balance: 123456, portfolio_value: 98000, updated_ts: 1_700_000_000 })).toEqual({ available: '1234.56', portfolioValue: '980' });
  });

  it('prefers the SDK\'s balance_dollars, which carries sub-cent amounts', () => {
    expect(kalshiBalanceOf({ balance: 1234, balance_dollars: '12.345600', portfolio_value: 0, updated_ts: 1 })).toEqual({ available: '12.345600', portfolioValue: '0' });
  });

  it('never reads cents as dollars: 5000 cents is $50, not $5,000', () => {
    expect(kalshiBalanceOf({ balance: 5000, portfolio_value: 0, updated_ts: 1 }).available).toBe('50');
  });

  it('refuses an answer it cannot read, naming the field', () => {
    expect(() => kalshiBalanceOf({ balance: 12.5, portfolio_value: 0 })).toThrow(/balance 12\.5 is not a whole number of cents/);
    expect(() => kalshiBalanceOf({ balance: -1 })).toThrow(/balance -1/);
    expect(() => kalshiBalanceOf({ balance_dollars: '1e3' })).toThrow(/balance_dollars "1e3" is not a dollar amount/);
    expect(() => kalshiBalanceOf({ balance: 100, portfolio_value: '12' })).toThrow(/portfolio_value/);
    expect(() => kalshiBalanceOf(null)).toThrow(/not an object/);
  });
});

describe('Kalshi account settlements', () => {
  // kalshi.openapi.yaml GetSettlementsResponse → Settlement: ticker, market_result (yes|no|scalar|void), settled_time (date-time).
  it('reads yes/no results as resolutions at the venue\'s settled time; scalar and void are set apart', () => {
    const { resolutions, other } = kalshiSettlementsOf({
      settlements: [
        { ticker: 'KXFED-26DEC-H0', event_ticker: 'KXFED-26DEC', market_result: 'no', settled_time: '2026-12-10T19:05:00Z', revenue: 0 },
        { ticker: 'KXA', market_result: 'yes', settled_time: 'garbage' },
        { ticker: 'KXB', market_result: 'void', settled_time: '2026-12-10T19:05:00Z' },
      ],
      cursor: '',
    }, 42);
    expect(resolutions).toEqual([
      { venue: 'kalshi', market: 'kalshi:KXFED-26DEC-H0', result: 'no', settledAt: Date.UTC(2026, 11, 10, 19, 5), source: 'kalshi GET /portfolio/settlements' },
      { venue: 'kalshi', market: 'kalshi:KXA', result: 'yes', settledAt: 42, source: 'kalshi GET /portfolio/settlements' },
    ]);
    expect(other).toEqual(['KXB settled void']);
    expect(() => kalshiSettlementsOf({ settlements: [{ market_result: 'yes' }] }, 0)).toThrow(/without a ticker/);
    expect(() => kalshiSettlementsOf({}, 0)).toThrow(/settlements is not a list/);
  });
});
