import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../../src/shared/contract';
import { Engine } from '../../../../src/engine/engine';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import { createDispatcher } from '../../../../src/host/dispatch';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';
import { ManualClock, PM, crossBasket, fillLeg, price, qty } from './fixtures';

const DEV_WALLET_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('engine: breaker, kill switch, ledger and positions wired in', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let secrets: MemorySecretStore;
  let engine: Engine;
  let events: ContractEvent[];

  const start = async () => {
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets, clock });
    events = [];
    engine.onEvent((e) => events.push(e));
    return createDispatcher(engine, () => undefined);
  };
  let dispatch: Awaited<ReturnType<typeof start>>;
  const call = (command: string, payload: unknown = {}) => dispatch({ type: 'request', id: 1, command, payload });

  beforeEach(async () => {
    dir = tempDir();
    clock = new ManualClock();
    secrets = new MemorySecretStore();
    dispatch = await start();
  });
  afterEach(() => {
    engine.dispose();
    dir.remove();
  });

  it('opens the paper ledger at start and persists the activity log in it', () => {
    expect(engine.ledger.mode).toBe('paper');
    expect(existsSync(path.join(dir.path, 'ledger-paper.sqlite'))).toBe(true);
    expect(engine.ledger.recentActivity(5).map((a) => a.message)).toEqual([expect.stringMatching(/^Engine .* started \(serve, paper mode\)$/)]);
  });

  it('the kill switch command cancels through the venues\' cancellers, reports and logs the result', async () => {
    engine.killSwitch.registerCanceller('kalshi', () => Promise.resolve({ cancelled: ['k-1'], failed: [] }));
    engine.killSwitch.registerCanceller('polymarket', () => Promise.resolve({ cancelled: [], failed: [{ orderId: '0xdead', reason: 'already matched' }] }));
    const r = await call('killSwitch');
    expect(r).toMatchObject({ ok: true, result: { cancelled: [{ venue: 'kalshi', orderId: 'k-1' }], failed: [{ venue: 'polymarket', orderId: '0xdead', reason: 'already matched' }] } });
    expect(events.find((e) => e.event === 'breaker')?.payload).toMatchObject({ state: 'open', killSwitch: true });
    const logged = engine.ledger.recentActivity(10).find((a) => a.kind === 'kill_switch');
    expect(logged?.message).toMatch(/1 resting order\(s\) cancelled, 1 failed \(polymarket 0xdead: already matched\)/);
  });

  it('logs trips and recoveries in the activity log', () => {
    for (let i = 0; i < DEFAULT_LIMITS.maxConsecutiveErrors; i++) engine.risk.recordError(`leg ${i} rejected`);
    const trip = engine.activity.query({ kinds: ['trip'] })[0];
    expect(trip).toMatchObject({ level: 'warn', message: 'Breaker tripped (consecutive_errors): 5 consecutive errors (limit 5); last: leg 4 rejected' });
    clock.advance(DEFAULT_LIMITS.cooldownSeconds * 1000);
    engine.risk.refresh();
    expect(engine.snapshot().breaker.state).toBe('half_open');
    expect(engine.activity.query({ limit: 1 })[0]?.message).toMatch(/^Cooldown over .*half-open/);
    expect(events.filter((e) => e.event === 'breaker').at(-1)?.payload).toMatchObject({ state: 'half_open' });
  });

  it('keeps the breaker, its trips and the limits across a restart', async () => {
    await call('setLimits', { limits: { ...DEFAULT_LIMITS, maxDailyLoss: '250', tradingDayTimeZone: 'America/New_York' } });
    await call('killSwitch');
    const before = engine.snapshot();
    engine.dispose();
    dispatch = await start();
    const after = engine.snapshot();
    expect(after.breaker).toEqual(before.breaker);
    expect(after.breaker).toMatchObject({ state: 'open', killSwitch: true });
    expect(after.limits).toMatchObject({ maxDailyLoss: '250', tradingDayTimeZone: 'America/New_York' });
    expect(await call('rearm')).toMatchObject({ ok: true, result: { state: 'closed', killSwitch: false } });
  });

  it('refuses an unknown time zone for the trading day, naming the field', async () => {
    const r = await call('setLimits', { limits: { ...DEFAULT_LIMITS, tradingDayTimeZone: 'Mars/Olympus' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.limits.tradingDayTimeZone' } });
  });

  it('reports positions in getState and pushes them as fills land in the ledger', async () => {
    engine.ledger.createBasket(crossBasket('b1'));
    fillLeg(engine.ledger, 'b1', 0, 'buy', '10', '0.40');
    fillLeg(engine.ledger, 'b1', 1, 'buy', '10', '0.50', '0.18');
    await Promise.resolve();
    expect(events.filter((e) => e.event === 'positions').at(-1)?.payload).toMatchObject({ totals: { lockedIn: '0.82', fees: '0.18' } });
    const s = await call('getState');
    expect(s).toMatchObject({ ok: true, result: { positions: { mode: 'paper', baskets: [{ id: 'b1', matched: '10', lockedIn: '0.82' }] } } });
    // The breaker counts those holdings against the limits.
    engine.risk.setLimits({ ...DEFAULT_LIMITS, maxPositionPerMarket: 15 });
    const v = engine.risk.authorizeOrder({ clientOrderId: 'x', basketId: 'b1', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side: 'buy', qty: qty(6), price: price('0.4') });
    expect(v).toMatchObject({ ok: false, kind: 'max_position_per_market' });
  });

  it('switches to the live ledger with the mode, each mode with its own breaker and positions', async () => {
    engine.ledger.createBasket(crossBasket('paper-basket'));
    fillLeg(engine.ledger, 'paper-basket', 0, 'buy', '1', '0.40');
    fillLeg(engine.ledger, 'paper-basket', 1, 'buy', '1', '0.50');
    engine.risk.trip('consecutive_errors', 'paper trip');
    await call('setSecret', { name: 'polymarket.privateKey', value: DEV_WALLET_KEY });
    await call('setLimits', { limits: DEFAULT_LIMITS });
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: true });
    expect(engine.ledger.mode).toBe('live');
    expect(existsSync(path.join(dir.path, 'ledger-live.sqlite'))).toBe(true);
    expect(engine.snapshot()).toMatchObject({ mode: 'live', breaker: { state: 'closed', killSwitch: false }, positions: { mode: 'live', baskets: [] } });
    expect(await call('setMode', { mode: 'paper' })).toMatchObject({ ok: true });
    expect(engine.snapshot()).toMatchObject({ mode: 'paper', breaker: { state: 'open', reason: 'paper trip' }, positions: { baskets: [{ id: 'paper-basket' }] } });
  });

  it('refuses to switch modes while the kill switch is engaged, so it cannot be walked around', async () => {
    await call('setSecret', { name: 'polymarket.privateKey', value: DEV_WALLET_KEY });
    await call('setLimits', { limits: DEFAULT_LIMITS });
    await call('killSwitch');
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: false, error: { code: 'refused', field: 'payload.mode' } });
    expect(engine.snapshot()).toMatchObject({ mode: 'paper', breaker: { killSwitch: true } });
    await call('rearm');
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: true, result: { mode: 'live' } });
  });
});
