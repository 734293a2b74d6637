// Fees after live fills: the venue's figure against the model (reconcile.ts), and how Polymarket
// takes a BUY's fee, settled from the wallet (feeCollection.ts), with what each does to pricing.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { feeForFills, type FeeModel } from '../../../../src/engine/fees/feeModel';
import { classifyFeeCollection, FeeCollectionWatch } from '../../../../src/engine/execution/feeCollection';
import { kalshiPricing } from '../../../../src/engine/venues/kalshi/feeSchedule';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { FeeReconciler, modelledFillFee, type FeeModels } from '../../../../src/engine/execution/feeReconciler';
import { netOfFeeShares } from '../../../../src/engine/venues/polymarket/fills';
import type { VenueFill } from '../../../../src/engine/venues/venue';
import type { MarketRef, VenueId } from '../../../../src/shared/ids';

const standard = kalshiPricing({ feeType: 'quadratic_with_maker_fees', multiplier: '1' }, 0);
if (!standard.ok) throw new Error(standard.reason);
const KALSHI: FeeModels = { taker: standard.taker, maker: standard.maker };
const POLY: FeeModels = { taker: PolymarketFeeModel.parse('0.07', 1) as FeeModel, maker: null };

function fill(over: Partial<VenueFill>): VenueFill {
  return { fillId: 'f-1', venueOrderId: 'o-1', clientOrderId: 'c-1', market: 'kalshi:KXFED-31DEC-H0', outcome: 'yes', side: 'buy', price: '0.5000', qty: '100.00', fee: '1.7500', at: 1, final: true, liquidity: 'taker', reportedFee: '1.7500', ...over };
}

function rig(mismatchesToTrip = 3) {
  const warnings: string[] = [];
  const trips: string[] = [];
  const r = new FeeReconciler({
    fees: (m: MarketRef) => (m === 'kalshi:GONE' ? undefined : m.startsWith('kalshi:') ? KALSHI : POLY),
    onMismatch: (_v: VenueId, _m: MarketRef, message: string) => warnings.push(message),
    trip: (_v: VenueId, reason: string) => trips.push(reason),
    mismatchesToTrip,
  });
  return { r, warnings, trips };
}

describe('reconciling the fee a venue charged with the model', () => {
  it('the model for one fill: Kalshi up to the cent, Polymarket half up to 5 dp', () => {
    expect(modelledFillFee(KALSHI.taker, '100.00', '0.5000').toFixed()).toBe('1.75');
    expect(modelledFillFee(KALSHI.maker!, '100.00', '0.5000').toFixed()).toBe('0.44');
    expect(modelledFillFee(KALSHI.taker, '278.00', '0.750').toFixed()).toBe('3.65'); // 3.64875
    expect(modelledFillFee(POLY.taker, '7', '0.33').toFixed()).toBe('0.10834');
  });

  it('a Kalshi fill charged as modelled, within a cent of rounding, is a match', () => {
    const { r, warnings } = rig();
    expect(r.onFill('kalshi', fill({})).kind).toBe('match');
    // Rounding is per order: a fill's charge is the rise of the order's rounded total, so against its own
    // exact $0.0105 it may be anything from a cent less to a cent above its own rounding ($0.02).
    expect(r.onFill('kalshi', fill({ fillId: 'f-2', qty: '0.60', reportedFee: '0.0100' })).kind).toBe('match');
    expect(r.onFill('kalshi', fill({ fillId: 'f-3', qty: '0.60', reportedFee: '0.0200' })).kind).toBe('match');
    expect(r.onFill('kalshi', fill({ fillId: 'f-5', qty: '0.60', reportedFee: '0.0400' })).kind).toBe('mismatch');
    // A maker fill is held to the maker table.
    expect(r.onFill('kalshi', fill({ fillId: 'f-4', liquidity: 'maker', reportedFee: '0.4400' })).kind).toBe('match');
    expect(warnings).toHaveLength(1);
    expect(r.summary('kalshi')).toMatchObject({ fills: 5, mismatches: 1, modelled: '2.25', charged: '2.26' });
  });

  it('a fee charged 14× the model (the old misreading, the other way round) is a mismatch naming the market and both amounts; three trip the breaker', () => {
    const { r, warnings, trips } = rig(3);
    const v = r.onFill('kalshi', fill({ reportedFee: '25.0000' }));
    expect(v).toEqual({ kind: 'mismatch', modelled: '1.75', charged: '25' });
    expect(warnings[0]).toBe('Fee mismatch on kalshi:KXFED-31DEC-H0: kalshi charged $25 for buy 100.00 YES @ 0.5000 (taker, fill f-1); the fee model says $1.75');
    r.onFill('kalshi', fill({ fillId: 'f-2', reportedFee: '0.5000' }));
    expect(trips).toEqual([]);
    r.onFill('kalshi', fill({ fillId: 'f-3', reportedFee: '0.0000' }));
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatch(/^3 fee mismatch\(es\) on kalshi this session; the latest: Fee mismatch on kalshi:KXFED-31DEC-H0/);
    expect(r.summary('kalshi')).toMatchObject({ fills: 3, mismatches: 3 });
  });

  it('Polymarket: the trade’s fee_rate_bps against the Gamma schedule; fills without a reported fee are not judged', () => {
    const { r } = rig();
    const p = (over: Partial<VenueFill>) => fill({ market: 'polymarket:0xabc', price: '0.33', qty: '7', fee: '0.10834', ...over });
    expect(r.onFill('polymarket', p({ reportedFee: '0.10834' })).kind).toBe('match');
    expect(r.onFill('polymarket', p({ fillId: 'f-2', reportedFee: '0.15477' })).kind).toBe('mismatch');
    expect(r.onFill('polymarket', p({ fillId: 'f-3', reportedFee: undefined }))).toMatchObject({ kind: 'skipped' });
    expect(r.onFill('polymarket', p({ fillId: 'f-4', failed: true }))).toMatchObject({ kind: 'skipped' });
    expect(r.onFill('kalshi', fill({ market: 'kalshi:GONE' }))).toMatchObject({ kind: 'skipped' });
  });
});

describe('how Polymarket takes a BUY fee, settled from the wallet (point 10)', () => {
  it('classifies wallet against ledger: equal → pUSD, short by Σ fee/price → shares, else undecided', () => {
    expect(classifyFeeCollection('100', '100', '2.2')).toBe('collateral');
    expect(classifyFeeCollection('97.8', '100', '2.2')).toBe('shares');
    expect(classifyFeeCollection('150', '100', '2.2')).toBeNull(); // holdings from elsewhere
    expect(classifyFeeCollection('99.999', '100', '0.0001')).toBeNull(); // too little fee to tell
  });

  it('books a BUY taken in shares net: C − fee/p', () => {
    expect(netOfFeeShares('100', '1.75', '0.5')).toBe('96.5');
    expect(netOfFeeShares('7', '0.10834', '0.33')).toBe('6.671696');
  });

  it('prices a fee taken in shares as fee / price, so a basket’s short leg is paid for', () => {
    const cash = PolymarketFeeModel.parse('0.07', 1) as FeeModel;
    const shares = PolymarketFeeModel.parse('0.07', 1, 'shares') as FeeModel;
    const micros = (m: FeeModel, price: number, qty: number) => new Decimal(feeForFills(m, [price], [qty])).div(1e6).toFixed();
    expect(micros(cash, 5000, 10_000)).toBe('1.75'); // 100 @ 0.50
    expect(micros(shares, 5000, 10_000)).toBe('3.5'); // 1.75 / 0.50
    expect(micros(shares, 2000, 10_000)).toBe('5.6'); // 100 × 0.07 × 0.8
    expect(shares.params).toEqual({ feeRate: '0.07', feeExponent: 1, feeTakenIn: 'shares' });
  });

  it('watches final taker BUY fills that paid a fee, reads the wallet, and settles once', async () => {
    const settled: [string, string][] = [];
    let wallet = '96.5';
    const w = new FeeCollectionWatch({
      venue: 'polymarket',
      wallet: async () => wallet,
      ledger: () => '100',
      onSettled: (c, detail) => settled.push([c, detail]),
      delayMs: 60_000,
    });
    const buy = fill({ market: 'polymarket:0xabc', price: '0.5', qty: '100', fee: '1.75' });
    w.onFill('kalshi', buy);
    w.onFill('polymarket', { ...buy, final: false });
    w.onFill('polymarket', { ...buy, fillId: 'maker', liquidity: 'maker' });
    expect(await w.check()).toBeNull(); // nothing counted yet
    w.onFill('polymarket', buy);
    expect(await w.check()).toBe('shares');
    expect(settled).toEqual([['shares', 'polymarket:0xabc YES: the wallet holds 96.5, the ledger 100, and the BUY fees were worth 3.5 shares']]);
    wallet = '100';
    expect(await w.check()).toBe('shares'); // settled for good
    w.dispose();
  });
});
