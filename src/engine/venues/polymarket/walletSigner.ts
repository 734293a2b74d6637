// The wallet key's signer, in a worker thread (issue 19, "no pauses"). The first secp256k1 use in a
// thread builds noble-curves' base-point tables: one synchronous block (~65 ms of CPU here) that cannot be
// cut into slices, and in Electron's main process it froze the window at the credential check and
// when the venue started. The worker derives the address and signs with viem's own
// privateKeyToAccount, so addresses and signatures are those of the in-thread account; the loop
// only posts the request and reads the answer.
//
// The worker is evaluated from source (no separate file for either bundler to place) and loads viem
// by the path this module resolves, since dependencies stay external in every build; this thread
// loads no viem for it (the credential check loads none at all). If it cannot
// start (say a packaged app whose archive a worker cannot read), signing falls back to this thread —
// as it was before — and says so in the log, never with the key.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Hex } from 'viem';
import type { LocalAccount } from 'viem/accounts';
import type { IDisposable } from '../../../shared/lifecycle';
import { noLog, type VenueLog } from './config';

export interface WalletSigner extends IDisposable {
  /** Signs in the worker (or, when it could not start, in this thread). */
  readonly account: LocalAccount;
}

/** The key is well formed but not a secp256k1 private key (zero, or not below the curve order). */
export class WalletKeyError extends Error {
  override readonly name = 'WalletKeyError';
  constructor() {
    super('polymarket.privateKey: not a valid secp256k1 private key');
  }
}

/** The wallet key as viem takes it: trimmed and 0x-prefixed; throws naming the field, never echoing it. */
export function walletKeyHex(value: unknown): Hex {
  const key = typeof value === 'string' ? value.trim() : '';
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key)) throw new Error('polymarket.privateKey: expected 64 hex digits (optionally 0x-prefixed)');
  return (key.startsWith('0x') ? key : `0x${key}`) as Hex;
}

type SignMethod = 'sign' | 'signTypedData' | 'signMessage';
type FromWorker = { type: 'ready'; address: Hex; publicKey: Hex } | { type: 'invalid' } | { type: 'signed'; id: number; signature: Hex } | { type: 'failed'; id: number; message: string };

// CommonJS, as eval workers run. Errors are passed on with the key cut out of their text.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { privateKeyToAccount } = require(workerData.viemAccounts);
const key = workerData.privateKey;
const clean = (e) => String((e && e.message) || e).split(key).join('[redacted]').split(key.slice(2)).join('[redacted]');
let account = null;
try { account = privateKeyToAccount(key); } catch { parentPort.postMessage({ type: 'invalid' }); }
if (account) {
  parentPort.on('message', ({ id, method, args }) => {
    account[method](args).then(
      (signature) => parentPort.postMessage({ type: 'signed', id, signature }),
      (e) => parentPort.postMessage({ type: 'failed', id, message: clean(e) }),
    );
  });
  parentPort.postMessage({ type: 'ready', address: account.address, publicKey: account.publicKey });
  // The first signature's one-time costs (compiling the hashing and signing code) are paid here, not by the first order.
  account.signTypedData({ domain: { name: 'warm-up' }, types: { WarmUp: [{ name: 'n', type: 'uint256' }] }, primaryType: 'WarmUp', message: { n: 1n } }).catch(() => {});
}
`;

/** Opens the signer for a wallet key (walletKeyHex's form). Throws WalletKeyError for a key that derives no address. */
export async function openWalletSigner(privateKey: Hex, log: VenueLog = noLog): Promise<WalletSigner> {
  let worker: Worker;
  try {
    const viemAccounts = createRequire(import.meta.url).resolve('viem/accounts');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { viemAccounts, privateKey } });
  } catch (e) {
    return inThreadSigner(privateKey, log, e);
  }
  const started = await new Promise<FromWorker | Error>((resolve) => {
    const settle = (result: FromWorker | Error) => {
      worker.off('message', settle).off('error', settle).off('exit', exited);
      resolve(result);
    };
    const exited = (code: number) => settle(new Error(`the worker exited (${code})`));
    worker.on('message', settle).on('error', settle).on('exit', exited);
  });
  if (started instanceof Error) return inThreadSigner(privateKey, log, started);
  if (started.type !== 'ready') {
    await worker.terminate();
    throw new WalletKeyError();
  }
  return new WorkerSigner(worker, started.address, started.publicKey, log);
}

async function inThreadSigner(privateKey: Hex, log: VenueLog, why: unknown): Promise<WalletSigner> {
  const reason = String(why instanceof Error ? why.message : why).split(privateKey.slice(2)).join('[redacted]');
  log('warn', `Polymarket signing runs on the main thread (the signing worker did not start: ${reason})`);
  const { privateKeyToAccount } = await import('viem/accounts');
  let account: LocalAccount;
  try {
    account = privateKeyToAccount(privateKey);
  } catch {
    throw new WalletKeyError();
  }
  return { account, dispose: () => {} };
}

class WorkerSigner implements WalletSigner {
  readonly account: LocalAccount;
  private readonly pending = new Map<number, { resolve: (signature: Hex) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed: Error | null = null;

  constructor(
    private readonly worker: Worker,
    address: Hex,
    publicKey: Hex,
    private readonly log: VenueLog,
  ) {
    // Idle, the worker does not keep the process alive; a signature being made does.
    worker.unref();
    worker.on('message', (m: FromWorker) => this.answer(m));
    worker.on('error', (e) => this.fail(new Error(`Polymarket signer failed: ${e.message}`)));
    worker.on('exit', (code) => this.fail(new Error(`Polymarket signer stopped (${code})`)));
    // What viem's toAccount builds (the address comes checksummed from viem in the worker).
    this.account = {
      type: 'local',
      source: 'privateKey',
      address,
      publicKey,
      sign: (args) => this.call('sign', args),
      signMessage: (args) => this.call('signMessage', args),
      signTypedData: (args) => this.call('signTypedData', args),
      signTransaction: () => Promise.reject(new Error('Polymarket signing never signs transactions')),
    };
  }

  dispose(): void {
    this.fail(new Error('Polymarket signer closed'));
    void this.worker.terminate();
  }

  private call(method: SignMethod, args: unknown): Promise<Hex> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<Hex>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  private answer(m: FromWorker): void {
    if (m.type !== 'signed' && m.type !== 'failed') return;
    const waiting = this.pending.get(m.id);
    if (!waiting) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker.unref();
    if (m.type === 'signed') waiting.resolve(m.signature);
    else waiting.reject(new Error(`Polymarket signing failed: ${m.message}`));
  }

  private fail(e: Error): void {
    if (this.closed) return;
    this.closed = e;
    if (this.pending.size > 0) this.log('error', e.message);
    for (const waiting of this.pending.values()) waiting.reject(e);
    this.pending.clear();
  }
}
