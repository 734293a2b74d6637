// Kalshi fees as the venue charges them, from the schedule as the venue publishes it.
//
// Sources:
// - Kalshi OpenAPI (../shared/reference/upstream/kalshi.openapi.yaml, components.schemas.Series):
//   `fee_type` enum quadratic | quadratic_with_maker_fees | flat; `fee_multiplier` "a floating point
//   multiplier applied to the fee calculations" — relative to the fee tables.
// - kalshi-typescript 3.30 (node_modules/kalshi-typescript/models/fee-type.ts, series.ts):
//   `quadratic_with_combo_maker_fees` is "the same maker-fee structure with a 0.5 maker multiplier
//   instead of 0.25"; models/event-data.ts: `fee_type_override` "takes precedence over the
//   series-level fee", `fee_multiplier_override` "paired with" it; models/market.ts
//   `fee_waiver_expiration_time` "Time when this market's fee waiver expires".
// - Recorded live `GET /series` payloads: standard series report `{"fee_type":"quadratic",
//   "fee_multiplier":1}` (../shared/reference/venues.md §1.10, corrected); aaronwald/ssmd
//   ssmd-agent/src/lib/types/fee.ts records `fee_multiplier` as "Series-specific multiplier
//   (default 1.0)" and ssmd-agent/migrations/0001_initial_schema.sql stores it NUMERIC(6,4) DEFAULT 1.0.
// - The fee tables: venues.md §1.10 worked examples (taker 100 @ $0.50 → $1.75; maker 100 @ $0.50 → $0.44).
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { feeForFills, type FeeModel } from '../../../../src/engine/fees/feeModel';
import { kalshiPricing } from '../../../../src/engine/venues/kalshi/feeSchedule';
import { marketFees, MarketUniverse } from '../../../../src/engine/universe/universe';
import { WatchFilter } from '../../../../src/engine/universe/catalog';
import { toMarketInfo, toSeriesInfo } from '../../../../src/engine/venues/kalshi/mapping';
import type { MarketInfo } from '../../../../src/engine/venues/venue';

/** Fee in dollars for fills given as [price, contracts] strings. */
function fee(model: FeeModel, ...fills: [string, string][]): string {
  const prices = fills.map(([p]) => new Decimal(p).times(10_000).toNumber());
  const qtys = fills.map(([, c]) => new Decimal(c).times(100).toNumber());
  return new Decimal(feeForFills(model, prices, qtys)).div(1_000_000).toFixed();
}

function priced(feeType: string, multiplier: string, waiverUntil: number | null = null, now = 0) {
  const p = kalshiPricing({ feeType, multiplier, waiverUntil }, now);
  if (!p.ok) throw new Error(p.reason);
  return p;
}

const NOW = Date.UTC(2031, 0, 1);

describe('Kalshi fee schedule → fee models (fee_multiplier is relative to the tables)', () => {
  it('prices a standard series (fee_multiplier 1) at 0.07 × C × P(1−P), not C × P(1−P)', () => {
    const p = priced('quadratic', '1');
    expect(p.taker.params).toEqual({ feeMultiplier: '0.07' });
    expect(fee(p.taker, ['0.50', '100'])).toBe('1.75'); // the old reading charged $25.00
    expect(fee(p.taker, ['0.45', '40'])).toBe('0.7');
    expect(p.maker).toBeNull();
  });

  it('prices the half-fee series (0.5) at 0.035, with makers at 0.0175 × 0.5 where the series charges them', () => {
    const p = priced('quadratic_with_maker_fees', '0.5');
    expect(p.taker.params).toEqual({ feeMultiplier: '0.035' });
    expect(fee(p.taker, ['0.50', '100'])).toBe('0.88');
    expect(p.maker!.params).toEqual({ feeMultiplier: '0.00875' });
    expect(fee(p.maker!, ['0.50', '100'])).toBe('0.22');
    expect(fee(priced('quadratic_with_maker_fees', '1').maker!, ['0.50', '100'])).toBe('0.44');
    // Combo maker fees: ½ instead of ¼ of the taker base.
    expect(priced('quadratic_with_combo_maker_fees', '1').maker!.params).toEqual({ feeMultiplier: '0.035' });
  });

  it('waives every fee until fee_waiver_expiration_time, then charges the table again', () => {
    const until = NOW + 3_600_000;
    const during = priced('quadratic', '1', until, NOW);
    expect(fee(during.taker, ['0.50', '100'])).toBe('0');
    expect(during.validUntil).toBe(until);
    const after = priced('quadratic', '1', until, until);
    expect(fee(after.taker, ['0.50', '100'])).toBe('1.75');
    expect(after.validUntil).toBeNull();
  });

  it('refuses to price a flat schedule, an unknown fee type, an unreadable multiplier or a missing schedule', () => {
    for (const [type, mult, reason] of [
      ['flat', '1', /flat.*cannot be priced; not traded/],
      ['per_contract_v2', '1', /unknown, so the fee cannot be priced/],
      ['quadratic', '-1', /not a non-negative decimal/],
      ['quadratic', 'lots', /not a non-negative decimal/],
      ['', '', /fee schedule unknown/],
    ] as const) {
      const p = kalshiPricing({ feeType: type, multiplier: mult }, NOW);
      expect(p.ok).toBe(false);
      expect(!p.ok && p.reason).toMatch(reason);
    }
  });
});

describe('from GET /series + GET /events to the scanner (what a trader is quoted)', () => {
  const seriesPayload = { ticker: 'KXFED', category: 'Economics', fee_type: 'quadratic', fee_multiplier: 1 };
  const event = { event_ticker: 'KXFED-31DEC', series_ticker: 'KXFED', title: 'Fed decision', mutually_exclusive: true };
  const market = (over: Record<string, unknown> = {}) => ({
    ticker: 'KXFED-31DEC-H0', event_ticker: 'KXFED-31DEC', market_type: 'binary', title: 'Fed holds?', status: 'active',
    close_time: '2031-12-17T19:00:00Z', price_level_structure: 'linear_cent', ...over,
  });
  const scanned = (info: MarketInfo, now = NOW) => {
    const u = new MarketUniverse();
    u.setDiscovery('kalshi', { markets: [info], exclusiveSets: [], implications: [] });
    return u.scannerTarget(new WatchFilter({ categories: [], series: [] }), [], now);
  };

  it('quotes the standard series at 0.07', () => {
    const info = toMarketInfo(event, market(), toSeriesInfo(seriesPayload)!) as MarketInfo;
    const t = scanned(info);
    expect(t.problems).toEqual([]);
    expect(fee(t.markets[0]!.fee, ['0.50', '100'])).toBe('1.75');
  });

  it('applies an event override of the series fee', () => {
    const info = toMarketInfo({ ...event, fee_type_override: 'quadratic', fee_multiplier_override: 0.5 }, market(), toSeriesInfo(seriesPayload)!) as MarketInfo;
    expect(fee(scanned(info).markets[0]!.fee, ['0.50', '100'])).toBe('0.88');
  });

  it('leaves a flat-fee market out of the scanner with the reason', () => {
    const info = toMarketInfo(event, market(), toSeriesInfo({ ...seriesPayload, fee_type: 'flat' })!) as MarketInfo;
    const t = scanned(info);
    expect(t.markets).toEqual([]);
    expect(t.problems).toEqual([expect.stringMatching(/^kalshi:KXFED-31DEC-H0: fee: Kalshi fee type "flat"/)]);
  });

  it('re-prices a waived market when the waiver ends', () => {
    const until = NOW + 60_000;
    const info = toMarketInfo(event, market({ fee_waiver_expiration_time: new Date(until).toISOString() }), toSeriesInfo(seriesPayload)!) as MarketInfo;
    const u = new MarketUniverse();
    u.setDiscovery('kalshi', { markets: [info], exclusiveSets: [], implications: [] });
    const all = new WatchFilter({ categories: [], series: [] });
    const during = u.scannerTarget(all, [], NOW);
    expect(fee(during.markets[0]!.fee, ['0.50', '100'])).toBe('0');
    expect(u.nextFeeChangeAt(NOW)).toBe(until);
    // The same spec object while nothing changed: the scanner's baskets keep their identity.
    expect(u.scannerTarget(all, [], NOW + 1).markets[0]).toBe(during.markets[0]);
    const after = u.scannerTarget(all, [], until);
    expect(fee(after.markets[0]!.fee, ['0.50', '100'])).toBe('1.75');
    expect(u.nextFeeChangeAt(until)).toBeNull();
    expect(marketFees(info, until)).toMatchObject({ validUntil: null });
  });
});
