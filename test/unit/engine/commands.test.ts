import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../src/shared/contract';
import { Engine } from '../../../src/engine/engine';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { createDispatcher } from '../../../src/host/dispatch';
import { MemorySecretStore } from '../../helpers/memorySecretStore';
import { tempDir } from '../../helpers/tempDir';

const DEV_WALLET_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('engine commands through the dispatcher', () => {
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  let secrets: MemorySecretStore;
  let events: ContractEvent[];
  let dispatch: ReturnType<typeof createDispatcher>;

  beforeEach(async () => {
    dir = tempDir();
    secrets = new MemorySecretStore();
    engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets });
    events = [];
    engine.onEvent((e) => events.push(e));
    dispatch = createDispatcher(engine, () => undefined);
  });
  afterEach(() => {
    engine.dispose();
    dir.remove();
  });

  const call = (command: string, payload: unknown = {}) => dispatch({ type: 'request', id: 1, command, payload });

  it('answers a state snapshot that starts in paper mode with the breaker closed', async () => {
    const r = await call('getState');
    expect(r).toMatchObject({ ok: true, result: { mode: 'paper', breaker: { state: 'closed', killSwitch: false }, limits: DEFAULT_LIMITS } });
  });

  it('kill switch opens the breaker, is reported, and only a re-arm closes it', async () => {
    const k = await call('killSwitch');
    expect(k.ok).toBe(true);
    expect(engine.services.risk.isOrderPathOpen()).toBe(false);
    expect(events.some((e) => e.event === 'breaker' && e.payload.killSwitch)).toBe(true);
    const s = await call('getState');
    expect(s.ok && (s.result as { breaker: { trips: { kind: string }[] } }).breaker.trips[0]?.kind).toBe('kill_switch');
    const r = await call('rearm');
    expect(r).toMatchObject({ ok: true, result: { state: 'closed', killSwitch: false } });
    expect(engine.services.risk.isOrderPathOpen()).toBe(true);
  });

  it('a malformed request changes nothing', async () => {
    const before = JSON.stringify({ ...engine.snapshot(), engine: null, activity: null });
    const r = await call('setLimits', { limits: { ...DEFAULT_LIMITS, maxDailyLoss: 'lots' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.limits.maxDailyLoss' } });
    expect(JSON.stringify({ ...engine.snapshot(), engine: null, activity: null })).toBe(before);
    expect(events).toEqual([]);
  });

  it('saves limits, persists them, and pushes them', async () => {
    const limits = { ...DEFAULT_LIMITS, maxLossPerTrade: '2.5' };
    expect(await call('setLimits', { limits })).toMatchObject({ ok: true, result: limits });
    expect(events.find((e) => e.event === 'limits')?.payload).toEqual(limits);
    const again = await Engine.create({ host: 'serve', dataDir: dir.path, secrets });
    expect(again.services.risk.limits().maxLossPerTrade).toBe('2.5');
    again.dispose();
  });

  it('refuses live mode without keys, without the typed confirmation, and without saved limits', async () => {
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: false, error: { code: 'refused', field: 'payload.mode' } });
    expect(await call('setSecret', { name: 'polymarket.privateKey', value: DEV_WALLET_KEY })).toMatchObject({ ok: true, result: { set: true } });
    expect(await call('setMode', { mode: 'live', confirmation: 'live' })).toMatchObject({ ok: false, error: { field: 'payload.confirmation' } });
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: false, error: { field: 'payload.mode' } });
    expect(engine.snapshot().limitsConfirmedAt).toBeNull();
    await call('setLimits', { limits: DEFAULT_LIMITS });
    // The go-live checklist reads this: saved limits are a check passed.
    expect(engine.snapshot().limitsConfirmedAt).toEqual(expect.any(Number));
    expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: true, result: { mode: 'live' } });
    expect(engine.snapshot().mode).toBe('live');
  });

  it('refuses a demo speed without the simulator, and a basket to explain whose legs do not fit its strategy', async () => {
    expect(await call('setSimulatorSpeed', { speed: 10 })).toMatchObject({ ok: false, error: { code: 'refused', field: 'payload.speed' } });
    expect(await call('setSimulatorSpeed', { speed: 1000 })).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'payload.speed' } });
    expect(await call('explainBasket', { strategy: 'conditional', legs: [{ market: 'kalshi:A', outcome: 'no' }] })).toMatchObject({ ok: false, error: { field: 'payload.legs' } });
    const explained = await call('explainBasket', { strategy: 'cross_venue', legs: [{ market: 'kalshi:A-1', outcome: 'yes' }, { market: 'polymarket:0x1', outcome: 'no' }] });
    // Markets the engine does not list are named by their ids; the link is not held: said so.
    expect(explained).toMatchObject({ ok: true, result: { relation: { kind: 'confirmed_link', current: false }, minPayoutPerBasket: '1' } });
  });

  it('stores a valid key without ever returning it, and refuses an invalid one', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const ok = await call('setSecret', { name: 'kalshi.privateKey', value: pem });
    expect(ok).toMatchObject({ ok: true, result: { set: true, validation: { ok: true } } });
    expect(JSON.stringify(ok)).not.toContain('PRIVATE KEY');
    expect(await call('isSecretSet', { name: 'kalshi.privateKey' })).toMatchObject({ ok: true, result: { set: true } });

    const bad = await call('setSecret', { name: 'kalshi.keyId', value: 'not-a-uuid' });
    expect(bad).toMatchObject({ ok: true, result: { set: false, validation: { ok: false } } });
    expect(JSON.stringify(bad)).not.toContain('not-a-uuid');
    expect(secrets.values.has('kalshi.keyId')).toBe(false);

    // Kalshi's connector signs with RSA-PSS only: an Ed25519 key is refused when entered, not at connect.
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await call('setSecret', { name: 'kalshi.privateKey', value: ed })).toMatchObject({ ok: true, result: { set: true, validation: { ok: false, message: expect.stringMatching(/Ed25519 keys are not supported/) } } });

    expect(await call('clearSecret', { name: 'kalshi.privateKey' })).toMatchObject({ ok: true, result: { set: false } });
    expect(JSON.stringify(engine.snapshot())).not.toContain('PRIVATE KEY');
  });

  it('refuses to store keys when no keychain is available', async () => {
    const offline = await Engine.create({
      host: 'serve',
      dataDir: dir.path,
      secrets: new MemorySecretStore({ available: false, backend: 'Secret Service (libsecret)', detail: 'not running' }),
    });
    const r = await createDispatcher(offline, () => undefined)({ type: 'request', id: 1, command: 'setSecret', payload: { name: 'polymarket.privateKey', value: DEV_WALLET_KEY } });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(offline.snapshot().secrets.keychain.available).toBe(false);
    offline.dispose();
  });
});
