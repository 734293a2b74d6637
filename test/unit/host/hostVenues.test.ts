import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Redacted } from '../../../src/engine/venues/connection';
import { parseSimArgs } from '../../../src/host/simulator/simulatorSupervisor';
import { KALSHI_ENDPOINTS } from '../../../src/engine/venues/kalshi/endpoints';
import { PRODUCTION_ENDPOINTS } from '../../../src/engine/venues/polymarket/config';
import { createHostVenues, HostVenueResolver } from '../../../src/host/venues/hostVenues';
import { MemorySecretStore } from '../../helpers/memorySecretStore';

const SIM = {
  kalshi: { rest: 'http://127.0.0.1:4000/trade-api/v2', ws: 'ws://127.0.0.1:4000/trade-api/ws/v2', keyId: 'sim-key', privateKeyPem: '-----BEGIN PRIVATE KEY-----\nsim\n-----END PRIVATE KEY-----\n' },
  polymarket: { clob: 'http://127.0.0.1:4001', gamma: 'http://127.0.0.1:4002', ws: 'ws://127.0.0.1:4001/ws/market', userWs: 'ws://127.0.0.1:4001/ws/user', privateKey: `0x${'ab'.repeat(32)}`, chainId: 137 },
};
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const WALLET = `0x${'cd'.repeat(32)}`;

function resolverWith(keys: Record<string, string>, available = true) {
  const secrets = new MemorySecretStore({ available, backend: 'test', detail: null });
  for (const [k, v] of Object.entries(keys)) secrets.values.set(k as never, v);
  let started = 0;
  const simulator = {
    endpoints: async () => {
      started++;
      return SIM;
    },
  };
  return { resolver: new HostVenueResolver(secrets, simulator), started: () => started };
}

describe('where each venue runs', () => {
  it('without keys, both venues run against the simulator with its test credentials, whatever was selected', async () => {
    const { resolver, started } = resolverWith({});
    const k = await resolver.resolve('kalshi', 'production');
    expect(k).toMatchObject({ selected: 'production', keysSet: false, note: 'no Kalshi keys in the keychain: running against the simulator' });
    expect(k.connection).toMatchObject({ venue: 'kalshi', environment: 'simulator', endpoints: { rest: SIM.kalshi.rest, ws: SIM.kalshi.ws } });
    expect(k.connection.venue === 'kalshi' && k.connection.credentials?.keyId?.reveal()).toBe('sim-key');
    const p = await resolver.resolve('polymarket', 'production');
    expect(p.connection).toMatchObject({ venue: 'polymarket', environment: 'simulator', endpoints: { clob: SIM.polymarket.clob, userWs: SIM.polymarket.userWs, chainId: 137 } });
    expect(started()).toBe(2);
  });

  it('with keys, production and Kalshi demo use the venues’ endpoints and the keychain keys; simulator stays selectable', async () => {
    const { resolver, started } = resolverWith({ 'kalshi.keyId': 'key-1', 'kalshi.privateKey': PEM, 'polymarket.privateKey': WALLET });
    const prod = await resolver.resolve('kalshi', 'production');
    expect(prod).toMatchObject({ keysSet: true, note: null, connection: { environment: 'production', endpoints: { ...KALSHI_ENDPOINTS.production } } });
    expect(prod.connection.venue === 'kalshi' && prod.connection.credentials!.privateKey!.reveal()).toBe(PEM);
    expect((await resolver.resolve('kalshi', 'demo')).connection).toMatchObject({ environment: 'demo', endpoints: { ...KALSHI_ENDPOINTS.demo } });
    const poly = await resolver.resolve('polymarket', 'production');
    expect(poly.connection).toMatchObject({ environment: 'production', endpoints: { clob: PRODUCTION_ENDPOINTS.clob, ws: PRODUCTION_ENDPOINTS.ws } });
    expect(started()).toBe(0);
    expect((await resolver.resolve('kalshi', 'simulator')).connection.environment).toBe('simulator');
    expect(started()).toBe(1);
  });

  it('pointed at an external simulator, every venue runs on it even with keys and production selected; nothing is started', async () => {
    const secrets = new MemorySecretStore();
    secrets.values.set('kalshi.keyId', 'key-1');
    secrets.values.set('kalshi.privateKey', PEM);
    secrets.values.set('polymarket.privateKey', WALLET);
    const venues = createHostVenues({ secrets, log: () => undefined, cliPath: '/nonexistent/arbdesk.mjs', external: SIM });
    for (const venue of ['kalshi', 'polymarket'] as const) {
      const r = await venues.resolver.resolve(venue, 'production');
      expect(r).toMatchObject({ selected: 'production', keysSet: true, note: null, connection: { venue, environment: 'simulator' } });
    }
    const k = await venues.resolver.resolve('kalshi', 'demo');
    expect(k.connection).toMatchObject({ endpoints: { rest: SIM.kalshi.rest, ws: SIM.kalshi.ws } });
    // The simulator's own test key, not the keychain's.
    expect(k.connection.venue === 'kalshi' && k.connection.credentials?.keyId?.reveal()).toBe('sim-key');
    expect(venues.simulator.started).toBe(false);
    await venues.close();
  });

  it('half a Kalshi key pair, or a keychain that is not there, means the simulator', async () => {
    expect((await resolverWith({ 'kalshi.keyId': 'key-1' }).resolver.resolve('kalshi', 'production')).connection.environment).toBe('simulator');
    expect((await resolverWith({ 'kalshi.keyId': 'k', 'kalshi.privateKey': PEM }, false).resolver.resolve('kalshi', 'production')).connection.environment).toBe('simulator');
  });

  it('keys never show in a log line, JSON or inspect of a connection', async () => {
    const { resolver } = resolverWith({ 'kalshi.keyId': 'key-1', 'kalshi.privateKey': PEM, 'polymarket.privateKey': WALLET });
    const k = await resolver.resolve('kalshi', 'production');
    const p = await resolver.resolve('polymarket', 'production');
    for (const text of [JSON.stringify(k), JSON.stringify(p), inspect(k, { depth: 10 }), inspect(p, { depth: 10 }), `${String((k.connection as unknown as { credentials: { privateKey: Redacted } }).credentials.privateKey)}`]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain('cdcdcd');
    }
    expect(JSON.stringify(k)).toContain('[redacted]');
  });

  it('reads simulator options from ARBDESK_SIM_ARGS, refusing anything else', () => {
    expect(parseSimArgs(undefined)).toEqual([]);
    expect(parseSimArgs(' --speed 5 --seed=demo  --faults drop=0.01 ')).toEqual(['--speed', '5', '--seed', 'demo', '--faults', 'drop=0.01']);
    // The base port, so a script can reach the simulator's loopback admin API (a rule edit, a fault).
    expect(parseSimArgs('--port 41000')).toEqual(['--port', '41000']);
    expect(() => parseSimArgs('--host 0.0.0.0')).toThrow(/"--host" is not one of/);
    expect(() => parseSimArgs('--speed')).toThrow(/--speed needs a value/);
    expect(() => parseSimArgs('fast')).toThrow(/"fast"/);
  });
});
