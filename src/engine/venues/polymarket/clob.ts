// The CLOB over HTTP with Polymarket's two authentication levels, through the official client's
// signers: L1 (EIP-712 ClobAuth from the wallet key, `createL1Headers`) creates or derives the API
// credentials — create first, derive when the key already exists, as the client's
// createOrDeriveApiKey does; L2 (`createL2Headers`: HMAC-SHA256 of timestamp + method + path + body
// with the API secret) signs every private call. The transport is our own so each call has a
// deadline, the signed body is byte for byte the body sent, and failures say whether the request
// can have reached the venue. The L2 timestamp follows the server's clock (GET /time) when the
// local one is off by more than two seconds.
import { createL1Headers, createL2Headers, type ApiKeyCreds } from '@polymarket/clob-client-v2';
import { createWalletClient, custom, type WalletClient } from 'viem';
import type { LocalAccount } from 'viem/accounts';
import type { Clock } from '../../platform/clock';
import type { PolymarketApiCreds, VenueLog } from './config';
import { HttpError, requestJson, venueMessage, type HttpRequest } from './http';

export class PolymarketAuthError extends Error {
  override readonly name = 'PolymarketAuthError';
}

export interface ClobOptions {
  base: string;
  fetch: typeof fetch;
  timeoutMs: number;
  chainId: number;
  account: LocalAccount | null;
  apiCreds?: PolymarketApiCreds;
  clock: Clock;
  log: VenueLog;
}

export interface CallOptions {
  query?: HttpRequest['query'];
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Asked immediately before the request is written (an order's kill-switch recheck). */
  beforeSend?: () => string | null;
}

const SKEW_TOLERANCE_MS = 2_000;

/** A viem wallet whose only job is to sign locally; it has no RPC to talk to. */
export function localSigner(account: LocalAccount): WalletClient {
  return createWalletClient({
    account,
    transport: custom({
      request: async ({ method }: { method: string }) => {
        throw new Error(`no RPC available (${method}): Polymarket signing is local`);
      },
    }),
  });
}

export class ClobHttp {
  private readonly signer: WalletClient | null;
  private creds: Promise<ApiKeyCreds> | null = null;
  private offsetMs = 0;

  constructor(private readonly options: ClobOptions) {
    this.signer = options.account ? localSigner(options.account) : null;
    if (options.apiCreds) this.creds = Promise.resolve({ ...options.apiCreds });
  }

  get address(): string | null {
    return this.options.account?.address ?? null;
  }

  /** A public (unauthenticated) call. */
  publicCall(method: HttpRequest['method'], path: string, options: CallOptions = {}): Promise<unknown> {
    return requestJson(this.options.fetch, this.request(method, path, options, {}));
  }

  /** An L2-authenticated call. */
  async privateCall(method: HttpRequest['method'], path: string, options: CallOptions = {}): Promise<unknown> {
    const creds = await this.credentials();
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const headers = await createL2Headers(this.requireSigner(), creds, { method, requestPath: path, ...(body !== undefined ? { body } : {}) }, this.venueSeconds());
    return requestJson(this.options.fetch, this.request(method, path, { ...options, body }, headers as unknown as Record<string, string>));
  }

  /** The API credentials: given, or created / derived once with L1 (a failure is retried on the next call). */
  credentials(): Promise<ApiKeyCreds> {
    if (this.creds === null) {
      const pending = this.createOrDerive();
      this.creds = pending;
      pending.catch(() => {
        if (this.creds === pending) this.creds = null;
      });
    }
    return this.creds;
  }

  private async createOrDerive(): Promise<ApiKeyCreds> {
    const signer = this.requireSigner();
    await this.syncClock();
    const l1 = async () => (await createL1Headers(signer, this.options.chainId, 0, this.venueSeconds())) as unknown as Record<string, string>;
    let raw: unknown;
    try {
      raw = await requestJson(this.options.fetch, this.request('POST', '/auth/api-key', {}, await l1()));
    } catch (e) {
      if (!(e instanceof HttpError) || e.kind !== 'http') throw e;
      // The key exists already (or creation is refused): derive it.
      try {
        raw = await requestJson(this.options.fetch, this.request('GET', '/auth/derive-api-key', {}, await l1()));
      } catch (d) {
        if (d instanceof HttpError && d.kind === 'http') {
          throw new PolymarketAuthError(`Polymarket refused to create or derive API credentials for ${signer.account?.address}: ${venueMessage(d.body)} (create: ${venueMessage(e.body)})`);
        }
        throw d;
      }
    }
    const r = (raw ?? {}) as Record<string, unknown>;
    const creds = { key: r.apiKey ?? r.key, secret: r.secret, passphrase: r.passphrase };
    for (const [field, v] of Object.entries(creds)) {
      if (typeof v !== 'string' || v === '') throw new PolymarketAuthError(`Polymarket API credentials answer: ${field === 'key' ? 'apiKey' : field} is missing`);
    }
    this.options.log('info', `Polymarket API credentials ready for ${signer.account?.address}`);
    return creds as ApiKeyCreds;
  }

  /** Reads the venue's clock once; afterwards timestamps follow it when the local clock is off. */
  async syncClock(): Promise<void> {
    try {
      const sent = this.options.clock.now();
      const t = await this.publicCall('GET', '/time', { timeoutMs: Math.min(this.options.timeoutMs, 5_000) });
      const received = this.options.clock.now();
      if (typeof t !== 'number' || !Number.isFinite(t)) return;
      const offset = t * 1000 - (sent + received) / 2;
      this.offsetMs = Math.abs(offset) > SKEW_TOLERANCE_MS ? offset : 0;
      if (this.offsetMs !== 0) this.options.log('warn', `local clock is ${Math.round(-offset)} ms off Polymarket's; signing with the venue's time`);
    } catch {
      // Not fatal: the local clock is used.
    }
  }

  /** Venue time in whole seconds, for L1/L2 timestamps. */
  venueSeconds(): number {
    return Math.floor((this.options.clock.now() + this.offsetMs) / 1000);
  }

  private requireSigner(): WalletClient {
    if (this.signer === null) throw new PolymarketAuthError('Polymarket trading needs a wallet private key');
    return this.signer;
  }

  private request(method: HttpRequest['method'], path: string, options: CallOptions, headers: Record<string, string>): HttpRequest {
    return {
      method,
      base: this.options.base,
      path,
      query: options.query,
      headers,
      body: typeof options.body === 'string' ? options.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
      signal: options.signal,
      ...(options.beforeSend ? { beforeSend: options.beforeSend } : {}),
    };
  }
}
