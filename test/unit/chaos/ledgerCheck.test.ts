// The chaos run's comparisons: they must see a difference wherever there is one, in the ledger's
// terms (Kalshi nets YES against NO) and in exact decimals.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { PositionsView } from '../../../src/shared/contract';
import { differingHoldings, holdingsFromFills, holdingsFromView, netKalshi, type LedgerFill } from '../../../src/chaos/ledgerCheck';

const fill = (market: string, outcome: 'yes' | 'no', side: 'buy' | 'sell', qty: string): LedgerFill => ({
  fill: { venue: market.startsWith('kalshi') ? 'kalshi' : 'polymarket', venueFillId: `${market}-${qty}`, clientOrderId: 'c', qty, price: '0.5', fee: '0', venueTime: null, recordedAt: 0 },
  order: { market, outcome, side } as LedgerFill['order'],
});

describe('chaos holdings checks', () => {
  it('sums buys and sells per market and outcome, in exact decimals', () => {
    const held = holdingsFromFills([fill('polymarket:0xa', 'yes', 'buy', '10.33'), fill('polymarket:0xa', 'yes', 'sell', '0.11'), fill('kalshi:K', 'no', 'buy', '5')]);
    expect(held.get('polymarket:0xa|yes')!.toFixed()).toBe('10.22');
    expect(held.get('kalshi:K|no')!.toFixed()).toBe('5');
  });

  it('nets Kalshi YES against NO the way the exchange holds them, and drops what nets to zero', () => {
    const held = new Map([['kalshi:A|yes', new Decimal(5)], ['kalshi:A|no', new Decimal(5)], ['kalshi:B|no', new Decimal(3)], ['polymarket:0xb|no', new Decimal('2.5')]]);
    const net = netKalshi(held);
    expect([...net.entries()].map(([k, v]) => `${k}=${v.toFixed()}`).sort()).toEqual(['kalshi:B|net=-3', 'polymarket:0xb|no=2.5']);
  });

  it('reports every key whose holdings differ, a missing key holding zero', () => {
    const a = new Map([['x|yes', new Decimal('1.00')], ['y|no', new Decimal(2)]]);
    const b = new Map([['x|yes', new Decimal(1)], ['z|yes', new Decimal('0.01')]]);
    expect(differingHoldings(a, b)).toEqual(['y|no: 2 vs 0', 'z|yes: 0 vs 0.01']);
    expect(differingHoldings(a, new Map(a))).toEqual([]);
  });

  it('reads what the positions view shows per market and outcome across baskets', () => {
    const leg = (market: string, outcome: 'yes' | 'no', contracts: string) => ({ market, venue: 'kalshi', title: '', outcome, contracts, avgPrice: null, cost: '0', fees: '0', settledValue: null });
    const view = { baskets: [{ legs: [leg('kalshi:A', 'yes', '5'), leg('kalshi:B', 'no', '5')] }, { legs: [leg('kalshi:A', 'yes', '2')] }] } as unknown as PositionsView;
    const held = holdingsFromView(view);
    expect(held.get('kalshi:A|yes')!.toFixed()).toBe('7');
    expect(held.get('kalshi:B|no')!.toFixed()).toBe('5');
  });
});
