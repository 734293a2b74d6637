// The Polymarket CLOB on its own port: REST at the root, the market channel at /ws/market and
// the user channel at /ws/user. L1 (wallet EIP-712) and L2 (HMAC) authentication happen before
// routing; the heartbeat dead-man switch cancels a key's orders when its heartbeats stop.
import type { Hex } from 'viem';
import type { IDisposable } from '../../shared/lifecycle';
import { FeedRegistry } from '../core/feedSocket';
import { HttpError, startHttpServer, type SimRequest } from '../core/http';
import type { FaultController } from '../faults/controller';
import { WebSocketServer } from 'ws';
import type { PolymarketExchange } from './exchange';
import { MarketChannel } from './marketWs';
import { authLevel, createClobRouter } from './rest';
import { checksum, isSignature, polyHmac, recoverClobAuth, sameSignature } from './signing';
import type { ApiCreds } from './types';
import type { WindowLimiter } from './rateLimit';
import { UserChannel } from './userWs';

export interface PolymarketServerOptions {
  exchange: PolymarketExchange;
  faults: FaultController;
  /** Accepted clock skew of POLY_TIMESTAMP, seconds either way. */
  authWindowSec: number;
  chainId: number;
  host: string;
  port: number;
  now(): number;
  log(line: string): void;
  /** The published REST limits, enforced (429) and counted; absent: unlimited. */
  limiter?: WindowLimiter;
}

export interface PolymarketServer extends IDisposable {
  readonly port: number;
  readonly connections: () => number;
  /** The market channel's connections, for tests of per-connection recovery. */
  readonly market: MarketChannel;
  close(): Promise<void>;
}

const HEARTBEAT_TIMEOUT_MS = 15_000;

export async function startPolymarketServer(options: PolymarketServerOptions): Promise<PolymarketServer> {
  const { exchange, faults, now } = options;
  const l2 = new WeakMap<SimRequest, ApiCreds>();
  const l1 = new WeakMap<SimRequest, { address: string; nonce: string }>();
  const heartbeats = new Map<string, number>();
  const registry = new FeedRegistry('polymarket', faults);
  const vary = () => faults.shouldVary('polymarket');
  const market = new MarketChannel(exchange, registry, now, vary);
  const user = new UserChannel(exchange, registry, now, vary);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 });

  const deadMan = setInterval(() => {
    const t = now();
    for (const [apiKey, last] of heartbeats) {
      if (t - last <= HEARTBEAT_TIMEOUT_MS) continue;
      heartbeats.delete(apiKey);
      const creds = exchange.apiKeys.get(apiKey);
      if (!creds) continue;
      const account = exchange.account(creds.address);
      for (const o of [...account.orders.values()]) if (o.status === 'LIVE') exchange.cancel(account, o.id);
    }
  }, 1000);
  deadMan.unref();

  const fresh = (ts: string | undefined) => ts !== undefined && /^\d{1,12}$/.test(ts) && Math.abs(Math.floor(now() / 1000) - Number(ts)) <= options.authWindowSec;

  const verifyL2 = (req: SimRequest): ApiCreds => {
    const fail = () => new HttpError(401, 'unauthorized', 'Unauthorized/Invalid api key');
    const creds = exchange.apiKeys.get(req.header('poly_api_key') ?? '');
    const address = req.header('poly_address');
    const signature = req.header('poly_signature');
    const ts = req.header('poly_timestamp');
    if (!creds || !address || !signature || !fresh(ts)) throw fail();
    if (address.toLowerCase() !== creds.address.toLowerCase() || req.header('poly_passphrase') !== creds.passphrase) throw fail();
    const expected = polyHmac(creds.secret, ts!, req.method, req.fullPath, req.rawBody);
    if (!sameSignature(expected, signature)) throw fail();
    return creds;
  };

  const verifyL1 = async (req: SimRequest): Promise<{ address: string; nonce: string }> => {
    const fail = () => new HttpError(401, 'unauthorized', 'Invalid L1 Request headers');
    const address = checksum(req.header('poly_address') ?? '');
    const signature = req.header('poly_signature');
    const ts = req.header('poly_timestamp');
    const nonce = req.header('poly_nonce') ?? '0';
    if (!address || !isSignature(signature) || !fresh(ts) || !/^\d{1,30}$/.test(nonce)) throw fail();
    const signer = await recoverClobAuth(address, ts!, BigInt(nonce), signature as Hex, options.chainId);
    if (!signer || signer.toLowerCase() !== address.toLowerCase()) throw fail();
    return { address, nonce };
  };

  const router = createClobRouter({
    exchange,
    now,
    credsOf: (req) => l2.get(req),
    walletOf: (req) => l1.get(req),
    heartbeat: (apiKey) => heartbeats.set(apiKey, now()),
    vary,
  });

  const server = await startHttpServer(
    {
      router,
      latencyMs: () => faults.latencyMs('polymarket'),
      renderError: (e) => ({ status: e.status, body: { error: e.message, ...e.extra } }),
      before: async (req) => {
        if (options.limiter && !options.limiter.allow(req.path)) return { status: 429, body: { error: 'Too Many Requests' } };
        const level = authLevel(req.method, req.path);
        if (level === 'l2') l2.set(req, verifyL2(req));
        else if (level === 'l1') l1.set(req, await verifyL1(req));
        return undefined;
      },
      onUpgrade: (req, socket, head) => {
        const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
        if (path !== '/ws/market' && path !== '/ws/user') {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => (path === '/ws/market' ? market.accept(ws) : user.accept(ws)));
      },
      log: options.log,
    },
    options.host,
    options.port,
  );

  const close = async () => {
    clearInterval(deadMan);
    market.dispose();
    user.dispose();
    registry.dispose();
    wss.close();
    await server.close();
  };
  return { port: server.port, connections: () => registry.size, market, close, dispose: () => void close() };
}
