// How long the Polymarket wallet key holds the event loop (issue 19, "no pauses"): the trader's
// credential check, the connector starting with a key, the first order's signature and the signing
// latency after it. Each phase runs in a fresh process (first uses are what cost), with a
// setImmediate ticker timing the longest synchronous block the loop waits on. A measurement, not a
// test: bundle and run it with Node, inside the repo so the bundle finds node_modules:
//   npx esbuild test/unit/venues/polymarket/walletKey.measure.ts --bundle --splitting --platform=node \
//     --format=esm --packages=external --outdir=out/bench && node out/bench/walletKey.measure.js
// (split, so that each phase loads the modules it measures when it runs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { LocalAccount } from 'viem/accounts';
import type { VenueConnection } from '../../../../src/engine/index';
import type { PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import type { UnsignedOrder } from '../../../../src/engine/venues/polymarket/orderSigning';
import type { VenueId } from '../../../../src/shared/ids';

// Anvil's first development key: public, never funded on Polygon.
const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const SIGNS = Number(process.env.SIGNS ?? 300);

/** The main thread's time on the CPU, ms (Linux schedstat): tells a block of work from a wait for the core. */
const cpuPath = `/proc/self/task/${process.pid}/schedstat`;
const threadCpuMs = () => (existsSync(cpuPath) ? Number(readFileSync(cpuPath, 'utf8').split(' ')[0]) / 1e6 : NaN);

/**
 * Times the longest gap between loop turns from now until stop(): its wall time, and the most CPU
 * time the main thread spent within one gap (on a loaded machine a gap also holds time spent waiting
 * for a core, which no code change removes).
 */
function watchLoop(): () => { wall: number; cpu: number } {
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let wall = 0;
  let cpu = 0;
  let running = true;
  const turn = () => {
    const now = performance.now();
    const nowCpu = threadCpuMs();
    wall = Math.max(wall, now - last);
    cpu = Math.max(cpu, nowCpu - lastCpu);
    last = now;
    lastCpu = nowCpu;
  };
  const tick = () => {
    turn();
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return () => {
    running = false;
    turn();
    return { wall, cpu };
  };
}

const shown = (b: { wall: number; cpu: number }) => `longest block ${b.wall.toFixed(1)} ms wall / ${b.cpu.toFixed(1)} ms CPU`;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const stop = watchLoop();
  const started = performance.now();
  const result = await work();
  const wall = performance.now() - started;
  console.log(`  ${label}: ${shown(stop())}, wall ${wall.toFixed(1)} ms`);
  return result;
}

function order(i: number, maker: `0x${string}`): UnsignedOrder {
  return {
    salt: String(479249096354 + i),
    maker,
    signer: maker,
    tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
    makerAmount: '11790000',
    takerAmount: '21040000',
    side: 'BUY',
    signatureType: 0,
    timestamp: String(1710000000000 + i),
    metadata: `0x${'0'.repeat(64)}`,
    builder: `0x${'0'.repeat(64)}`,
    expiration: '0',
  };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/**
 * Signing latency of `accounts`, in alternation so both see the same load, with the loop idle
 * between orders (a spinning ticker would take the core a worker signs on); then the longest block
 * while each signs orders one loop turn apart.
 */
async function signingLatency(accounts: Record<string, LocalAccount>): Promise<void> {
  const { signOrder } = await import('../../../../src/engine/venues/polymarket/orderSigning');
  const names = Object.keys(accounts);
  const latency = new Map(names.map((n) => [n, [] as number[]]));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1));
  for (let i = 0; i < SIGNS; i++) {
    for (const name of names) {
      const account = accounts[name]!;
      const started = performance.now();
      await signOrder(account, order(i, account.address), 137, { negRisk: false, exchange: 'v2' });
      latency.get(name)!.push(performance.now() - started);
      await pause();
    }
  }
  for (const name of names) {
    const xs = latency.get(name)!;
    const stop = watchLoop();
    for (let i = 0; i < 50; i++) {
      await signOrder(accounts[name]!, order(i, accounts[name]!.address), 137, { negRisk: false, exchange: 'v2' });
      await new Promise((resolve) => setImmediate(resolve));
    }
    console.log(`  ${name}: ${SIGNS} orders signed, p50 ${quantile(xs, 0.5).toFixed(2)} ms, p90 ${quantile(xs, 0.9).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms; over 50 more: ${shown(stop())}`);
  }
}

const VENUE = ['poly', 'market'].join('') as VenueId;

async function phase(name: string): Promise<void> {
  if (name === 'check') {
    const { validatePolymarketSecret } = await import('../../../../src/engine/venues/polymarket/secrets');
    const r = await timed('credential check (fresh process: module load + address)', () => validatePolymarketSecret('privateKey', DEV_KEY));
    console.log(`  -> ${r.ok ? 'ok' : 'refused'}: ${r.message}`);
    return;
  }
  const { Redacted } = await import('../../../../src/engine/index');
  const connector = await timed('connector module load', () => import('../../../../src/engine/venues/polymarket/connector'));
  const connection: VenueConnection = {
    venue: VENUE,
    environment: 'production',
    endpoints: { clob: 'http://127.0.0.1:9', gamma: 'http://127.0.0.1:9', ws: 'ws://127.0.0.1:9', userWs: 'ws://127.0.0.1:9', chainId: 137 },
    credentials: { privateKey: new Redacted(DEV_KEY) },
  };
  // A signer that fell back to the loop says so in the connector's log (the rest is the user channel failing to reach 127.0.0.1:9).
  const context = { clock: { now: () => Date.now() } as never, log: (message: string) => /main thread/.test(message) && console.log(`  log: ${message}`) };
  const venue: PolymarketVenue = await timed('venue started with a wallet key', async () => connector.createPolymarketVenue(connection, context));
  // The order path's account, as trading signs with it.
  const account = (venue.trading as unknown as { options: { account: LocalAccount } }).options.account;
  // A trader's first click comes later than this; the connector may prepare in the background meanwhile.
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.IDLE_MS ?? 2000)));
  const { signOrder } = await import('../../../../src/engine/venues/polymarket/orderSigning');
  await timed('first order signed', () => signOrder(account, order(0, account.address), 137, { negRisk: false, exchange: 'v2' }));
  const { privateKeyToAccount } = await import('viem/accounts');
  // Without `sign`, signOrder signs the typed data and hashes it again, as main did.
  await signingLatency({ 'connector account': account, 'in-thread viem account, signing as main did': { ...privateKeyToAccount(DEV_KEY), sign: undefined } });
  venue.dispose();
}

if (process.argv[2]) {
  await phase(process.argv[2]);
} else {
  console.log(`Polymarket wallet key on the event loop; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const p of ['check', 'sign']) {
    console.log(`${p}:`);
    const r = spawnSync(process.execPath, [process.argv[1]!, p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    process.stdout.write(r.stdout);
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
