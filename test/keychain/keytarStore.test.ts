import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { createDispatcher } from '../../src/host/dispatch';
import { KeytarSecretStore } from '../../src/host/secrets/keytarStore';
import { tempDir } from '../helpers/tempDir';

// Runs inside `dbus-run-session` with gnome-keyring-daemon unlocked (see scripts/test.mjs).
const DEV_WALLET_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('KeytarSecretStore against a real Secret Service', () => {
  const service = `ArbDesk-test-${randomUUID()}`;
  const store = new KeytarSecretStore(service);
  const dir = tempDir();
  afterAll(async () => {
    for (const name of ['kalshi.keyId', 'kalshi.privateKey', 'polymarket.privateKey'] as const) await store.delete(name).catch(() => undefined);
    dir.remove();
  });

  it('finds the keychain', async () => {
    expect(await store.status()).toMatchObject({ available: true, backend: 'Secret Service (libsecret)' });
  });

  it('stores, reads, reports and deletes a secret', async () => {
    expect(await store.has('kalshi.keyId')).toBe(false);
    await store.set('kalshi.keyId', 'a3f1c9e2-1111-4222-8333-444455556666');
    expect(await store.has('kalshi.keyId')).toBe(true);
    expect(await store.get('kalshi.keyId')).toBe('a3f1c9e2-1111-4222-8333-444455556666');
    expect(await new KeytarSecretStore(service).get('kalshi.keyId')).toBe('a3f1c9e2-1111-4222-8333-444455556666');
    await store.delete('kalshi.keyId');
    expect(await store.has('kalshi.keyId')).toBe(false);
  });

  it('the engine stores a key in the keychain and no command or snapshot returns it', async () => {
    const engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets: store });
    const dispatch = createDispatcher(engine, () => undefined);
    const set = await dispatch({ type: 'request', id: 1, command: 'setSecret', payload: { name: 'polymarket.privateKey', value: DEV_WALLET_KEY } });
    expect(set).toMatchObject({ ok: true, result: { set: true, validation: { ok: true } } });
    expect(await store.get('polymarket.privateKey')).toBe(DEV_WALLET_KEY);
    const state = await dispatch({ type: 'request', id: 2, command: 'getState', payload: {} });
    expect(state).toMatchObject({ ok: true, result: { secrets: { keychain: { available: true }, set: { 'polymarket.privateKey': true } } } });
    const everything = JSON.stringify([set, state, engine.services.activity.query({ limit: 5000 })]);
    expect(everything).not.toContain(DEV_WALLET_KEY.slice(2));
    engine.dispose();
  });
});
