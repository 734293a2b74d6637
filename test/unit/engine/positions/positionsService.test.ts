import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PositionsViewSchema, type PositionsView } from '../../../../src/shared/contract';
import type { MarketRef } from '../../../../src/shared/ids';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { PositionsService } from '../../../../src/engine/ledger/positionsService';
import { tempDir } from '../../../helpers/tempDir';
import { KX, ManualClock, PM, crossBasket, fillLeg, leg } from '../risk/fixtures';

describe('positions view', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let ledger: Ledger;
  let positions: PositionsService;

  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock();
    ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    positions = new PositionsService({ ledger, dayStart: () => Date.UTC(2025, 5, 2) });
  });
  afterEach(() => {
    positions.dispose();
    ledger.close();
    dir.remove();
  });

  const view = (): PositionsView => PositionsViewSchema.parse(positions.view());

  it('shows a matched basket with its locked-in profit after fees, per basket and per venue', () => {
    ledger.createBasket(crossBasket('b1'));
    fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
    fillLeg(ledger, 'b1', 1, 'buy', '10', '0.50', '0.18');
    const v = view();
    expect(v.mode).toBe('paper');
    expect(v.baskets).toHaveLength(1);
    expect(v.baskets[0]).toMatchObject({ id: 'b1', strategy: 'cross_venue', matched: '10', unmatched: '0', lockedIn: '0.82', fees: '0.18', openExposure: '0', realised: '0', status: 'open', settledAt: null });
    expect(v.baskets[0]!.legs).toEqual([
      { market: PM, venue: 'polymarket', title: `${PM} yes`, outcome: 'yes', contracts: '10', avgPrice: '0.4', cost: '4', fees: '0', settledValue: null },
      { market: KX, venue: 'kalshi', title: `${KX} no`, outcome: 'no', contracts: '10', avgPrice: '0.5', cost: '5', fees: '0.18', settledValue: null },
    ]);
    expect(v.venues).toEqual([
      { venue: 'kalshi', contracts: '10', cost: '5', fees: '0.18', realised: '0', openExposure: '0' },
      { venue: 'polymarket', contracts: '10', cost: '4', fees: '0', realised: '0', openExposure: '0' },
    ]);
    expect(v.totals).toEqual({ lockedIn: '0.82', realised: '0', fees: '0.18', openExposure: '0', pnlToday: '0' });
  });

  it('always shows contracts outside a complete basket as exposure, on the venue that holds them', () => {
    ledger.createBasket(crossBasket('b1'));
    fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
    fillLeg(ledger, 'b1', 1, 'buy', '7', '0.50');
    const v = view();
    expect(v.baskets[0]).toMatchObject({ matched: '7', unmatched: '3', openExposure: '1.2', status: 'unhedged' });
    expect(v.venues.find((x) => x.venue === 'polymarket')?.openExposure).toBe('1.2');
    expect(v.totals.openExposure).toBe('1.2');
  });

  it('settles: a resolved market pays out and closes its baskets, P&L moves from locked-in to realised', () => {
    ledger.createBasket(crossBasket('b1'));
    fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
    fillLeg(ledger, 'b1', 1, 'buy', '10', '0.50', '0.18');
    ledger.recordSettlement({ venue: 'polymarket', market: PM, yesValue: '1', settledAt: clock.now(), source: 'test' });
    expect(view().baskets[0]).toMatchObject({ status: 'partially_settled', lockedIn: '0.82', realised: '0' });
    expect(view().baskets[0]!.legs[0]!.settledValue).toBe('1');
    ledger.recordSettlement({ venue: 'kalshi', market: KX, yesValue: '1', settledAt: clock.now(), source: 'test' });
    const v = view();
    expect(v.baskets[0]).toMatchObject({ status: 'settled', lockedIn: '0', openExposure: '0', realised: '0.82', settledAt: clock.now() });
    expect(v.venues).toEqual([
      { venue: 'kalshi', contracts: '0', cost: '0', fees: '0.18', realised: '-5.18', openExposure: '0' },
      { venue: 'polymarket', contracts: '0', cost: '0', fees: '0', realised: '6', openExposure: '0' },
    ]);
    expect(v.totals).toEqual({ lockedIn: '0', realised: '0.82', fees: '0.18', openExposure: '0', pnlToday: '0.82' });
  });

  it('NO on every member of an exclusive set pays n − 1 when one member wins', () => {
    const members = ['kalshi:FED-A', 'kalshi:FED-B', 'kalshi:FED-C'] as MarketRef[];
    ledger.createBasket({ id: 'm1', strategy: 'multi_outcome', size: '10', payoutPerUnit: '2', legs: members.map((m) => leg('kalshi', m, 'no', '10', '0.70')) });
    ['0.60', '0.65', '0.70'].forEach((p, i) => fillLeg(ledger, 'm1', i, 'buy', '10', p, '0.05'));
    expect(view().baskets[0]).toMatchObject({ matched: '10', lockedIn: '0.35' });
    ledger.recordSettlement({ venue: 'kalshi', market: members[0]!, yesValue: '0', settledAt: 1, source: 't' });
    ledger.recordSettlement({ venue: 'kalshi', market: members[1]!, yesValue: '1', settledAt: 1, source: 't' });
    expect(view().baskets[0]!.status).toBe('partially_settled');
    ledger.recordSettlement({ venue: 'kalshi', market: members[2]!, yesValue: '0', settledAt: 1, source: 't' });
    expect(view().baskets[0]).toMatchObject({ status: 'settled', realised: '0.35' });
  });

  it('leaves out baskets that never filled, and shows flattened ones as closed', () => {
    ledger.createBasket(crossBasket('nothing'));
    ledger.createBasket(crossBasket('flat'));
    fillLeg(ledger, 'flat', 0, 'buy', '4', '0.40');
    fillLeg(ledger, 'flat', 0, 'sell', '4', '0.38');
    const v = view();
    expect(v.baskets.map((b) => [b.id, b.status, b.realised])).toEqual([['flat', 'closed', '-0.08']]);
    expect(v.totals).toMatchObject({ realised: '-0.08', pnlToday: '-0.08', openExposure: '0' });
  });

  it('pushes one update per tick, however many fills landed in it', async () => {
    const seen: PositionsView[] = [];
    positions.onDidChange((v) => seen.push(v));
    ledger.createBasket(crossBasket('b1'));
    fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
    fillLeg(ledger, 'b1', 1, 'buy', '10', '0.50');
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.baskets[0]!.matched).toBe('10');
  });

  it('rebuilds from the ledger after a restart', () => {
    ledger.createBasket(crossBasket('b1'));
    fillLeg(ledger, 'b1', 0, 'buy', '10', '0.40');
    const before = view();
    positions.dispose();
    ledger.close();
    ledger = Ledger.openInDir(dir.path, { mode: 'paper', clock });
    positions = new PositionsService({ ledger, dayStart: () => 0 });
    expect(view()).toEqual(before);
  });
});
