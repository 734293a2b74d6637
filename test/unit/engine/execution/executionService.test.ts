import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractEvent, ExecutionResult, Metrics } from '../../../../src/shared/contract';
import { Emitter } from '../../../../src/shared/lifecycle';
import { Engine } from '../../../../src/engine/engine';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import type { TradingApi, VenueFill } from '../../../../src/engine/venues/venue';
import type { ScanDelta } from '../../../../src/engine/scanner/scanner';
import { createDispatcher } from '../../../../src/host/dispatch';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';
import { K, createPairBasket, crossOpportunity, marketInfo, pairScanner } from './rig';

describe('the execution service in the engine (paper mode)', () => {
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  let events: ContractEvent[];
  let published: ScanDelta[];
  let scanner: ReturnType<typeof pairScanner>;
  let dispatch: ReturnType<typeof createDispatcher>;
  const call = async (command: string, payload: unknown = {}) => dispatch({ type: 'request', id: 1, command, payload });

  const start = async () => {
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: new MemorySecretStore() });
    events = [];
    engine.onEvent((e) => events.push(e));
    scanner = pairScanner();
    published = [];
    engine.services.execution.setMarketSource({
      markets: () => ({ scanner, marketInfo }),
      publish: (d) => {
        published.push(d);
        engine.services.publisher.add(d);
        engine.services.publisher.flush();
      },
    });
    dispatch = createDispatcher(engine, () => undefined);
  };
  beforeEach(async () => {
    dir = tempDir();
    await start();
  });
  afterEach(() => {
    engine.dispose();
    dir.remove();
  });

  it('executes through the contract: result, progress events, positions event, persisted activity, consumed liquidity', async () => {
    const id = crossOpportunity(scanner);
    const r = await call('execute', { opportunityId: id, size: 10 });
    expect(r).toMatchObject({ ok: true, result: { status: 'filled', size: 10, mode: 'paper', netProfit: '0.32' } });
    const progress = events.filter((e) => e.event === 'execution').map((e) => e.payload as { step: string; status: string });
    expect(progress[0]).toMatchObject({ step: 'revalidate', status: 'running' });
    expect(progress.at(-1)).toMatchObject({ step: 'done', status: 'ok' });
    await Promise.resolve();
    const positions = events.filter((e) => e.event === 'positions').at(-1)!.payload as { baskets: { id: string; lockedIn: string; status: string }[] };
    expect(positions.baskets).toEqual([expect.objectContaining({ id: (r as { result: ExecutionResult }).result.executionId, lockedIn: '0.32', status: 'open' })]);
    const kinds = new Set(engine.services.ledger.recentActivity(100).map((a) => a.kind));
    for (const k of ['execution', 'order', 'fill']) expect(kinds.has(k as never)).toBe(true);
    // The paper fills took liquidity: the Scanner re-sized the basket and the UI was told.
    expect(published.length).toBeGreaterThan(0);
    expect(events.some((e) => e.event === 'opportunities')).toBe(true);
    expect(scanner.books.get(K)!.yes.asks.qtyAt(0)).toBe(4000);
  });

  it('reports metrics: opportunities found, executions, orders, fills, P&L, trips, per venue', async () => {
    engine.services.publisher.add({ opened: scanner.opportunities(), updated: [], closed: [] });
    engine.services.publisher.flush();
    await call('execute', { opportunityId: crossOpportunity(scanner), size: 10 });
    const m = (await call('getMetrics')) as { ok: true; result: Metrics };
    expect(m.result).toMatchObject({
      mode: 'paper',
      opportunities: { found: 1 },
      executions: { total: 1, filled: 1, refused: 0 },
      orders: { sent: 2, filled: 2, rejected: 0 },
      fills: { count: 2, contracts: '20' },
      pnl: { lockedIn: '0.32', fees: '0.18' },
      breaker: { state: 'closed', trips: 0 },
    });
    expect(m.result.venues).toEqual([
      { venue: 'kalshi', ordersSent: 1, fills: 1, contracts: '10', fees: '0.18', realised: '0', openExposure: '0' },
      { venue: 'polymarket', ordersSent: 1, fills: 1, contracts: '10', fees: '0', realised: '0', openExposure: '0' },
      // Every registered venue has its row, traded or not.
      { venue: 'polymarket-us', ordersSent: 0, fills: 0, contracts: '0', fees: '0', realised: '0', openExposure: '0' },
    ]);
    expect(engine.services.execution.sessionStats()).toMatchObject({ executions: 1, fills: 2, fillRate: 1 });
    // A click refused before anything is sent is counted as refused, never as executed.
    await call('killSwitch');
    expect(await call('execute', { opportunityId: crossOpportunity(scanner), size: 1 })).toMatchObject({ ok: true, result: { status: 'refused' } });
    expect(((await call('getMetrics')) as { ok: true; result: Metrics }).result.executions).toMatchObject({ total: 2, refused: 1 });
    expect(engine.services.execution.sessionStats()).toMatchObject({ executions: 1 });
  });

  it('lists, filters and analyzes opportunities; unknown ids and bad filters are refused naming the field', async () => {
    const id = crossOpportunity(scanner);
    expect(await call('getOpportunities', {})).toMatchObject({ ok: true, result: [{ id, strategy: 'cross_venue' }] });
    expect(await call('getOpportunities', { strategy: 'multi_outcome' })).toMatchObject({ ok: true, result: [] });
    expect(await call('getOpportunities', { minProfit: '1000' })).toMatchObject({ ok: true, result: [] });
    expect(await call('getOpportunities', { strategy: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.strategy' } });
    expect(await call('analyze', { opportunityId: id, targetSize: 10 })).toMatchObject({ ok: true, result: { opportunityId: id, size: 10, netProfit: '0.32' } });
    // The honest worst case in dollars: 10 YES bought at 0.45 + $0.18, sold back at 0.40 less $0.17.
    expect(await call('analyze', { opportunityId: id, targetSize: 10 })).toMatchObject({ ok: true, result: { worstCase: { loss: '0.85', legIndex: 0, limit: '5.00', withinLimit: true } } });
    // At 80 the YES leg reaches 0.47 (80 × 0.47 + $1.40) and the bids pay 80 × 0.40 − $1.35: $8.35, over the limit.
    expect(await call('analyze', { opportunityId: id, targetSize: 80 })).toMatchObject({ ok: true, result: { worstCase: { loss: '8.35', legIndex: 0, withinLimit: false } } });
    expect(await call('analyze', { opportunityId: 'nope', targetSize: 10 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'payload.opportunityId' } });
    expect(await call('execute', { opportunityId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('getBreaker')).toMatchObject({ ok: true, result: { breaker: { state: 'closed' }, limits: { maxLossPerTrade: '5' } } });
    expect(await call('getPositions')).toMatchObject({ ok: true, result: { mode: 'paper', baskets: [] } });
  });

  it('unwinds a basket left unequal on the trader\'s request: the lagging leg is completed', async () => {
    createPairBasket(engine.services.ledger, 'left-over');
    engine.services.ledger.recordOrderIntent({ clientOrderId: 'lo-1', basketId: 'left-over', legIndex: 0, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.45' });
    engine.services.ledger.recordFill({ venue: 'kalshi', venueFillId: 'f-1', clientOrderId: 'lo-1', qty: '10', price: '0.45', fee: '0.18' });
    expect(engine.services.positions.view().baskets[0]).toMatchObject({ status: 'unhedged', unmatched: '10' });
    const r = await call('unwindBasket', { basketId: 'left-over' });
    expect(r).toMatchObject({ ok: true, result: { status: 'completed', size: 10 } });
    expect(engine.services.positions.view().baskets[0]).toMatchObject({ status: 'open', matched: '10', lockedIn: '0.32' });
    expect(await call('unwindBasket', { basketId: 'left-over' })).toMatchObject({ ok: true, result: { status: 'refused', reason: expect.stringMatching(/nothing to unwind/) } });
    expect(await call('unwindBasket', { basketId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'payload.basketId' } });
  });

  it('a fill that lands after its execution ended and leaves the basket unequal trips the breaker', async () => {
    const r = (await call('execute', { opportunityId: crossOpportunity(scanner), size: 10 })) as { result: ExecutionResult };
    const kalshiOrder = engine.services.ledger.ordersOfBasket(r.result.executionId).find((o) => o.venue === 'kalshi')!;
    expect(engine.services.risk.state().state).toBe('closed');
    engine.services.execution.router.record('kalshi', {
      fillId: 'late-1', venueOrderId: kalshiOrder.venueOrderId!, clientOrderId: kalshiOrder.clientOrderId, market: K, outcome: 'yes', side: 'buy',
      price: '0.45', qty: '3', fee: '0.06', at: Date.now(), final: true,
    });
    expect(engine.services.risk.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'unhedged_exposure', reason: expect.stringMatching(/Late fill on order .* leaves basket .* unequal/) })] });
    expect(engine.services.positions.view().baskets[0]).toMatchObject({ status: 'unhedged', unmatched: '3' });
  });

  it('a live fill that arrives after the switch to paper still reaches the live ledger, and the live breaker holds it (point 9)', async () => {
    const live = new Emitter<VenueFill>();
    const api = { onFill: live.event } as unknown as TradingApi;
    await call('setSecret', { name: 'polymarket.privateKey', value: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' });
    await call('setLimits', { limits: DEFAULT_LIMITS });
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: true });
    engine.services.execution.attachLiveTrading('kalshi', api, 'simulator');
    createPairBasket(engine.services.ledger, 'live-b');
    engine.services.ledger.recordOrderIntent({ clientOrderId: 'live-k', basketId: 'live-b', legIndex: 0, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.45' });
    engine.services.ledger.recordAck('live-k', { venueOrderId: 'kalshi-order-1' });
    engine.services.ledger.markOrderFinal('live-k', 'cancelled', 'nothing filled (as far as anyone knew)');
    expect(await call('setMode', { mode: 'paper' })).toMatchObject({ ok: true });

    live.fire({ fillId: 'late-live-1', venueOrderId: 'kalshi-order-1', clientOrderId: 'live-k', market: K, outcome: 'yes', side: 'buy', price: '0.45', qty: '10', fee: '0.18', at: Date.now(), final: true });
    // Not in the paper ledger; in the live one it belongs to.
    expect(engine.services.ledger.mode).toBe('paper');
    expect(engine.services.ledger.basketIds()).toEqual([]);
    const liveLedger = Ledger.openInDir(dir.path, { mode: 'live', clock: engine.services.clock });
    try {
      expect(liveLedger.fillsOfOrder('live-k').map((f) => [f.venueFillId, f.qty])).toEqual([['late-live-1', '10']]);
    } finally {
      liveLedger.close();
    }
    expect(engine.services.activity.query({ kinds: ['fill'] }).some((a) => /live ledger/.test(a.message))).toBe(true);
    // Back in live mode the basket it left unequal keeps the breaker open.
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: true });
    expect(engine.services.risk.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'unhedged_exposure' }), expect.anything()] });
  });

  it('at start, closes paper orders a crash left open (the paper venue kept nothing) and reports it', async () => {
    engine.services.ledger.createBasket({
      id: 'crashed', strategy: 'cross_venue', size: '10', payoutPerUnit: '1',
      legs: [{ venue: 'kalshi', market: K, title: 'K', outcome: 'yes', plannedQty: '10', limitPrice: '0.45' }],
    });
    engine.services.ledger.recordOrderIntent({ clientOrderId: 'crash-1', basketId: 'crashed', legIndex: 0, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.45' });
    engine.dispose();
    await start();
    await engine.services.execution.reconcile(['kalshi', 'polymarket']);
    expect(engine.services.ledger.order('crash-1')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/never placed/) });
    expect(engine.services.ledger.recentActivity(20).some((a) => /Restart reconciliation: 1 open order\(s\) checked/.test(a.message))).toBe(true);
  });
});
