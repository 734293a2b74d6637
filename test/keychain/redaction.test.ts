// Nothing ArbDesk writes — activity, logs, stdout/stderr, the data directory, contract answers —
// ever contains a venue key: `arbdesk serve` with a real Secret Service, keys set (valid and
// invalid) over the WebSocket, venues started with them, live mode, kill switch, then every byte
// it produced searched for every fragment of every key.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_LIMITS } from '../../src/engine/settings/defaults';
import { KeytarSecretStore } from '../../src/host/secrets/keytarStore';
import { startServe } from '../../src/host/serve/serve';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

const WALLET = `0x${randomBytes(32).toString('hex')}`;
const KEY_ID = randomUUID();
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PEM_LINES = PEM.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'));
/** A PEM whose body was damaged in the middle: refused, and must not be echoed either. */
const BROKEN_PEM = PEM.replace(PEM_LINES[5]!, PEM_LINES[5]!.replace(/[A-Za-z]/g, '!'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('no key ever leaves the keychain', () => {
  const service = `ArbDesk-test-${randomUUID()}`;
  const store = new KeytarSecretStore(service);
  const dir = tempDir();
  const printed: string[] = [];
  afterAll(async () => {
    for (const name of ['kalshi.keyId', 'kalshi.privateKey', 'polymarket.privateKey'] as const) await store.delete(name).catch(() => undefined);
    dir.remove();
  });

  it('leaves no fragment of any key in activity, logs, output, answers or files', async () => {
    const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    const tap = (write: typeof originals.out) => ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stdout.write = tap(originals.out);
    process.stderr.write = tap(originals.err);
    const answers: string[] = [];
    try {
      const serve = await startServe({
        port: 0,
        host: '127.0.0.1',
        dataDir: dir.path,
        rendererDir: path.join(ROOT, 'out', 'renderer'),
        secrets: store,
        simulator: { cliPath: path.join(ROOT, 'out', 'cli', 'arbdesk.mjs'), args: ['--markets', '6'] },
        log: (m) => printed.push(m),
      });
      const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, ['arbdesk.v1', `token.${serve.token}`]);
      ws.on('message', (data) => answers.push(data.toString()));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let id = 0;
      const call = (command: string, payload: unknown = {}) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const mine = ++id;
          const onMessage = (data: WebSocket.RawData) => {
            const msg = JSON.parse(data.toString()) as Record<string, unknown>;
            if (msg.type === 'response' && msg.id === mine) {
              ws.off('message', onMessage);
              resolve(msg);
            }
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ type: 'request', id: mine, command, payload }));
        });

      expect(await call('setSecret', { name: 'kalshi.privateKey', value: BROKEN_PEM })).toMatchObject({ ok: true, result: { set: false, validation: { ok: false } } });
      expect(await call('setSecret', { name: 'polymarket.privateKey', value: `${WALLET}ff` })).toMatchObject({ ok: true, result: { set: false } });
      expect(await call('setSecret', { name: 'kalshi.keyId', value: KEY_ID })).toMatchObject({ ok: true, result: { set: true } });
      expect(await call('setSecret', { name: 'kalshi.privateKey', value: PEM })).toMatchObject({ ok: true, result: { set: true } });
      expect(await call('setSecret', { name: 'polymarket.privateKey', value: WALLET })).toMatchObject({ ok: true, result: { set: true } });
      // With keys set the venues restart with them (their real endpoints fail here: errors get logged).
      await call('setVenueEnvironment', { venue: 'kalshi', environment: 'demo' });
      await call('setVenueEnvironment', { venue: 'polymarket', environment: 'production' });
      await call('setLimits', { limits: DEFAULT_LIMITS });
      expect(await call('setMode', { mode: 'live', confirmation: 'LIVE' })).toMatchObject({ ok: true });
      await call('killSwitch');
      await call('rearm');
      await call('setMode', { mode: 'paper' });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const state = await call('getState');
      // The venues run on the trader's keys now, not the simulator's.
      expect((state.result as { venues: { keysSet: boolean; environment: string }[] }).venues).toEqual([
        expect.objectContaining({ keysSet: true, environment: 'demo' }),
        expect.objectContaining({ keysSet: true, environment: 'production' }),
      ]);
      answers.push(JSON.stringify(state), JSON.stringify(await call('getActivity', { limit: 5000 })));
      ws.close();
      await serve.close();
    } finally {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    }

    // The keys really were stored, and the venues really read them.
    expect(await store.get('polymarket.privateKey')).toBe(WALLET);
    expect(answers.join('\n')).toMatch(/Key kalshi\.privateKey rejected/);

    const haystacks: [string, string][] = [
      ['printed output and logs', printed.join('\n')],
      ['contract answers and events', answers.join('\n')],
      ...filesUnder(dir.path).map((f): [string, string] => [f, readFileSync(f).toString('latin1')]),
    ];
    expect(haystacks.length).toBeGreaterThan(3);
    const needles = [WALLET.slice(2), WALLET.slice(2).toUpperCase(), KEY_ID, ...PEM_LINES, ...BROKEN_PEM.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'))];
    for (const [where, text] of haystacks) {
      for (const needle of needles) expect(text.includes(needle), `${where} contains a key fragment`).toBe(false);
      expect(text, where).not.toMatch(/PRIVATE KEY-----/);
    }
  });
});
