// Polymarket US in the simulator: its listings (paired with Kalshi's), its exchange, its servers,
// and one test account with an Ed25519 key, as `arbdesk sim` prints them. Started by ../index.ts.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { Rng } from '../core/rng';
import type { World } from '../world/world';
import { PmUsExchange } from './exchange';
import { buildPmUsListings, type PmUsListing } from './listings';
import { startPmUsServer, type PmUsServer } from './server';
import { marketDataJson } from './wire';

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface PmUsEndpoints {
  gateway: string;
  api: string;
  /** The WebSockets' origin: /v1/ws/markets and /v1/ws/private below it. */
  ws: string;
  keyId: string;
  /** Base64 of the 32-byte seed and the 32-byte public key, as the developer portal hands it out. */
  secretKey: string;
}

/** What tests and the chaos run may see and do on the simulated Polymarket US. */
export interface PmUsSimView {
  readonly listings: readonly PmUsListing[];
  /** [Kalshi ticker, Polymarket US slug]: the same proposition, the same rules. */
  equivalent(): [string, string][];
  /** Pins a market's quotes so a Kalshi ↔ Polymarket US basket opens for `ms` of world time. */
  dislocate(slug: string, direction: 'cheap_no' | 'cheap_yes', ms?: number): void;
  /** The market's book as its REST endpoint returns it. */
  book(slug: string): unknown;
  /** The test account's net positions (0.01 contracts; negative: NO) and cash (micro-dollars). */
  account(): { cash: number; positions: Record<string, number> };
  /** The test account's fills: trade id (the fill id the venue reports), order id, slug, 0.01 contracts. */
  fills(): { tradeId: string; orderId: string; slug: string; qty: number }[];
  connections(): number;
  dropConnections(): void;
  readonly throttled: () => number;
}

export interface PmUsSim {
  readonly endpoints: PmUsEndpoints;
  readonly view: PmUsSimView;
  step(worldMs: number): void;
  settle(results: Readonly<Record<string, 'yes' | 'no'>>): void;
  close(): Promise<void>;
}

export interface PmUsSimOptions {
  world: World;
  seed: string;
  rng: Rng;
  host: string;
  hostUrl: string;
  gatewayPort: number;
  apiPort: number;
  startBalanceMicros: number;
  dislocationEverySec: number;
  maxMarkets: number;
  now(): number;
  log(line: string): void;
}

export async function startPmUsSim(o: PmUsSimOptions): Promise<PmUsSim> {
  const listings = buildPmUsListings(o.world.universe, o.maxMarkets);
  const exchange = new PmUsExchange(o.world, listings, o.rng, o.now, o.dislocationEverySec);
  const seed = createHash('sha256').update(`${o.seed}|polymarket-us-key`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const h = createHash('sha256').update(`${o.seed}|polymarket-us-key-id`).digest('hex');
  const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  const account = exchange.addAccount(keyId, publicKey, o.startBalanceMicros);
  exchange.step(0);
  let server: PmUsServer;
  try {
    server = await startPmUsServer({ exchange, host: o.host, gatewayPort: o.gatewayPort, apiPort: o.apiPort, now: o.now, log: o.log });
  } catch (e) {
    exchange.dispose();
    throw e;
  }
  const endpoints: PmUsEndpoints = {
    gateway: `http://${o.hostUrl}:${server.gatewayPort}`,
    api: `http://${o.hostUrl}:${server.apiPort}`,
    ws: `ws://${o.hostUrl}:${server.apiPort}`,
    keyId,
    secretKey: Buffer.concat([seed, raw]).toString('base64'),
  };
  return {
    endpoints,
    view: {
      listings,
      equivalent: () => listings.map((l) => [l.kalshiTicker, l.slug]),
      dislocate: (slug, direction, ms = 10_000) => exchange.dislocate(slug, direction, ms),
      book: (slug) => ({ marketData: marketDataJson(exchange, slug, o.now()) }),
      account: () => ({ cash: account.cash, positions: Object.fromEntries(account.positions) }),
      fills: () => exchange.fills.filter((f) => f.account === keyId).map(({ tradeId, orderId, slug, qty }) => ({ tradeId, orderId, slug, qty })),
      connections: () => server.ws.connections,
      dropConnections: () => server.ws.dropAll(),
      throttled: server.throttled,
    },
    step: (worldMs) => exchange.step(worldMs),
    settle: (results) => exchange.settle(results),
    async close() {
      await server.close();
      exchange.dispose();
    },
  };
}
