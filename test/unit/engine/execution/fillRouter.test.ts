import { afterEach, describe, expect, it } from 'vitest';
import type { Qty } from '../../../../src/shared/units';
import type { VenueFill } from '../../../../src/engine/venues/venue';
import { until } from '../../../helpers/until';
import { K, execRig, type ExecRig } from './rig';

describe('FillRouter', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  function order() {
    rig.ledger.createBasket({ id: 'b', strategy: 'cross_venue', size: '10', payoutPerUnit: '1', legs: [{ venue: 'kalshi', market: K, title: 'K', outcome: 'yes', plannedQty: '10', limitPrice: '0.45' }] });
    rig.ledger.recordOrderIntent({ clientOrderId: 'c1', basketId: 'b', legIndex: 0, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.45' });
  }
  const fill = (over: Partial<VenueFill> = {}): VenueFill => ({
    fillId: 'f1', venueOrderId: 'v1', clientOrderId: null, market: K, outcome: 'yes', side: 'buy', price: '0.45', qty: '4', fee: '0.07', at: 1, final: true, ...over,
  });

  it('holds a pushed fill that beats the acknowledgement, and records it once the venue id is known', () => {
    rig = execRig();
    order();
    expect(rig.router.record('kalshi', fill())).toEqual({ status: 'unmatched' });
    expect(rig.router.pendingUnmatched()).toBe(1);
    rig.ledger.recordAck('c1', { venueOrderId: 'v1' });
    rig.router.acked('kalshi', 'v1');
    expect(rig.router.pendingUnmatched()).toBe(0);
    expect(rig.ledger.order('c1')).toMatchObject({ status: 'partially_filled', filledQty: '4' });
    // A replay of the same fill changes nothing.
    expect(rig.router.record('kalshi', fill())).toMatchObject({ status: 'duplicate' });
    expect(rig.ledger.fillsOfOrder('c1')).toHaveLength(1);
  });

  it('never records a fill that contradicts its order (other side, outcome or market), and says so', () => {
    rig = execRig();
    order();
    for (const bad of [{ side: 'sell' as const }, { outcome: 'no' as const }, { market: 'kalshi:OTHER' as const }]) {
      const r = rig.router.record('kalshi', fill({ clientOrderId: 'c1', ...bad }));
      expect(r.status).toBe('conflict');
    }
    expect(rig.router.record('polymarket', fill({ clientOrderId: 'c1' })).status).toBe('conflict');
    expect(rig.ledger.fillsOfOrder('c1')).toEqual([]);
    expect(rig.activity.query({ kinds: ['error'] })).toHaveLength(4);
  });

  it('a fill the venue later reports failed: reported loudly when already recorded, ignored otherwise', () => {
    rig = execRig();
    order();
    const failedEvents: string[] = [];
    rig.router.onDidFailRecordedFill(({ fill }) => failedEvents.push(fill.fillId));
    expect(rig.router.record('kalshi', { ...fill({ clientOrderId: 'c1', fillId: 'never' }), failed: true } as VenueFill)).toEqual({ status: 'failed', recorded: false });
    rig.router.record('kalshi', fill({ clientOrderId: 'c1' }));
    expect(rig.router.record('kalshi', { ...fill({ clientOrderId: 'c1' }), failed: true } as VenueFill)).toEqual({ status: 'failed', recorded: true });
    expect(failedEvents).toEqual(['f1']);
    expect(rig.activity.query({ kinds: ['fill'] })[0]!.message).toMatch(/FAILED after it matched; the ledger still counts it/);
  });

  it('reports a malformed fill instead of throwing', () => {
    rig = execRig();
    order();
    const r = rig.router.record('kalshi', fill({ clientOrderId: 'c1', qty: '1e3' }));
    expect(r).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/fill\.qty/) });
    expect(rig.activity.query({ kinds: ['error'] })[0]!.message).toMatch(/Malformed fill f1 from kalshi not recorded/);
  });

  it('reports a fill for an order that never turns up in the ledger', async () => {
    rig = execRig();
    rig.router.record('kalshi', fill({ venueOrderId: 'stranger' }));
    expect(rig.router.pendingUnmatched()).toBe(1);
    await until(() => rig.router.pendingUnmatched() === 0, 'the unmatched fill to be given up on');
    expect(rig.activity.query({ kinds: ['fill'] })[0]!.message).toMatch(/order stranger, which is not in the paper ledger: placed outside ArbDesk\?/);
  });

  it('waits for fills to reach a quantity, or gives up after the wait', async () => {
    rig = execRig();
    order();
    rig.ledger.recordAck('c1', { venueOrderId: 'v1' });
    const waiting = rig.router.waitForFilled('c1', 600 as Qty, 1_000);
    rig.router.record('kalshi', fill({ fillId: 'a', qty: '4' }));
    rig.router.record('kalshi', fill({ fillId: 'b', qty: '2' }));
    expect(await waiting).toBe(true);
    expect(await rig.router.waitForFilled('c1', 1000 as Qty, 30)).toBe(false);
  });
});
