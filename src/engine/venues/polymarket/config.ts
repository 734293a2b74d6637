// Options of the Polymarket connector and the venue's production endpoints (venues.md §2.1).
import type { VenueEnvironment } from '../../../shared/contract';
import type { Clock } from '../../platform/clock';
import type { WalletSigner } from './walletSigner';

export interface PolymarketEndpoints {
  /** CLOB REST base, no trailing slash. */
  clob: string;
  /** Gamma (market metadata) REST base. */
  gamma: string;
  /** Market channel WebSocket. */
  ws: string;
  /** User channel WebSocket. */
  userWs: string;
}

export const PRODUCTION_ENDPOINTS: PolymarketEndpoints = {
  clob: 'https://clob.polymarket.com',
  gamma: 'https://gamma-api.polymarket.com',
  ws: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
  userWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/user',
};

export const POLYGON_CHAIN_ID = 137;
export const AMOY_CHAIN_ID = 80002;

/** 0 EOA (the default), 1 Polymarket proxy (email/Magic), 2 Gnosis Safe proxy (browser wallet). */
export type PolymarketSignatureType = 0 | 1 | 2;

export interface PolymarketApiCreds {
  key: string;
  secret: string;
  passphrase: string;
}

export interface PolymarketCredentials {
  /** The wallet's private key, 0x + 64 hex digits. Signs L1 requests and every order. */
  privateKey: string;
  signatureType?: PolymarketSignatureType;
  /** The proxy or Safe address holding the funds (required for signature types 1 and 2). */
  funder?: string;
  /** API credentials already created for this wallet; without them they are created or derived (L1). */
  apiCreds?: PolymarketApiCreds;
}

export type VenueLogLevel = 'info' | 'warn' | 'error';
export type VenueLog = (level: VenueLogLevel, message: string) => void;

export interface FeedOptions {
  /** The venue serves at most this many assets per market-channel connection (500). */
  maxAssetsPerConnection?: number;
  /** Text PING interval (the venue asks for 10 s). */
  pingIntervalMs?: number;
  /** No PONG (or any frame) for this long: the connection is dead and is replaced. */
  pongTimeoutMs?: number;
  /** A live connection without market data for this long: its books are reported stale. */
  staleAfterMs?: number;
  /** Reconnect backoff: first delay, cap; each attempt doubles, with full jitter. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** A connection's TCP connect, then its upgrade, each within this long (15 s); counted once the handshake gate lets it start. */
  handshakeTimeoutMs?: number;
  /** Check each `book` event's hash (SHA-1 of the event with hash ""); mismatches are counted and logged. */
  verifyBookHash?: boolean;
}

export interface PolymarketVenueOptions {
  environment: VenueEnvironment;
  endpoints: PolymarketEndpoints;
  /** null: market data only (no trading API). */
  credentials: PolymarketCredentials | null;
  /** The credentials' key opened off the event loop (walletSigner.ts); the venue owns and closes it. Without it the key is derived on the loop. */
  signer?: WalletSigner;
  /** 137 (Polygon) or 80002 (Amoy). */
  chainId: number;
  clock: Clock;
  log?: VenueLog;
  feed?: FeedOptions;
  /** Per-request deadline for REST calls (orders included). */
  requestTimeoutMs?: number;
  /** Gamma page size for discovery. */
  gammaPageSize?: number;
  /** User-channel keep-alive and reconnect timing. */
  userChannel?: { pingIntervalMs?: number; pongTimeoutMs?: number; reconnectBaseMs?: number; reconnectMaxMs?: number };
  /** The HTTP edge; tests may pass their own. Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_GAMMA_PAGE_SIZE = 100;

export const noLog: VenueLog = () => {};
