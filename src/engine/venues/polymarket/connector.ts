// The Polymarket connector: discovery over Gamma, the sharded market channel, and — with a wallet key —
// trading and the user channel. Production and the simulator run through the same code; only the
// endpoints differ. Polymarket has no demo environment. Built by the contribution (index.ts).
//
//   const venue = new PolymarketVenue({ environment, endpoints, credentials, signer, chainId, clock, log });
//   const d = await venue.discover({ categories });   // MarketInfo + exclusive sets
//   venue.feed.setMarkets(d.markets);                  // streams the open ones
//   venue.trading?.placeOrder(…)
import { getAddress, isAddress, type Hex } from 'viem';
import { privateKeyToAccount, type LocalAccount } from 'viem/accounts';
import { getContractConfig } from '@polymarket/clob-client-v2';
import { Disposable } from '../../../shared/lifecycle';
import type { VenueEnvironment } from '../../../shared/contract';
import { endpoint, type VenueConnection } from '../connection';
import type { VenueContext } from '../contribution';
import type { MarketRef } from '../../../shared/ids';
import type { DiscoveryFilter, MarketTerms, Venue } from '../venue';
import { ClobHttp } from './clob';
import { DEFAULT_GAMMA_PAGE_SIZE, DEFAULT_REQUEST_TIMEOUT_MS, noLog, type PolymarketCredentials, type PolymarketSignatureType, type PolymarketVenueOptions, type VenueLog } from './config';
import { discoverPolymarket, type PolymarketDiscovery } from './discovery';
import { PolymarketFeed } from './feed';
import { GammaClient } from './gamma';
import { readPolymarketTerms } from './marketTerms';
import { warmOrderHashing } from './orderSigning';
import { MarketRegistry } from './registry';
import { PolymarketTrading } from './trading';
import { UserChannel } from './userChannel';
import { openWalletSigner, walletKeyHex } from './walletSigner';

export { PRODUCTION_ENDPOINTS, POLYGON_CHAIN_ID, AMOY_CHAIN_ID } from './config';
export type { PolymarketVenueOptions, PolymarketCredentials, PolymarketEndpoints, PolymarketSignatureType, VenueLog } from './config';
export { PolymarketAuthError } from './clob';
export type { PolymarketFeed } from './feed';
export type { PolymarketTrading } from './trading';
export type { PolymarketDiscovery } from './discovery';

export class PolymarketVenue extends Disposable implements Venue {
  readonly environment: VenueEnvironment;
  readonly feed: PolymarketFeed;
  readonly trading: PolymarketTrading | null;
  /** What the connector knows per market (tokens, neg-risk, current tick, minimum size, fees). */
  readonly registry = new MarketRegistry();
  private readonly clob: ClobHttp;
  private readonly gamma: GammaClient;

  constructor(private readonly options: PolymarketVenueOptions) {
    super();
    if (options.environment === 'demo') throw new Error('Polymarket has no demo environment: use production or the simulator');
    const log = options.log ?? noLog;
    const fetchImpl = options.fetch ?? fetch;
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const wallet = options.credentials ? checkCredentials(options.credentials, options.chainId, options.signer?.account) : null;
    if (options.signer) this.register(options.signer);
    this.environment = options.environment;
    this.clob = new ClobHttp({ base: options.endpoints.clob, fetch: fetchImpl, timeoutMs, chainId: options.chainId, account: wallet?.account ?? null, apiCreds: options.credentials?.apiCreds, clock: options.clock, log });
    this.gamma = new GammaClient({ base: options.endpoints.gamma, fetch: fetchImpl, timeoutMs, pageSize: options.gammaPageSize ?? DEFAULT_GAMMA_PAGE_SIZE, log });
    this.feed = this.register(new PolymarketFeed({ ...options.feed, url: options.endpoints.ws, clock: options.clock, log, registry: this.registry }));
    if (wallet) {
      const userChannel = this.register(new UserChannel({ url: options.endpoints.userWs, credentials: () => this.clob.credentials(), clock: options.clock, log, ...options.userChannel }));
      this.trading = this.register(
        new PolymarketTrading({ clob: this.clob, registry: this.registry, userChannel, chainId: options.chainId, account: wallet.account, signatureType: wallet.signatureType, maker: wallet.maker, clock: options.clock, log }),
      );
    } else {
      this.trading = null;
    }
  }

  /** The link watch's read of its markets' terms between discoveries (marketTerms.ts). */
  watchMarkets(refs: readonly MarketRef[]): Promise<MarketTerms[]> {
    return readPolymarketTerms(this.gamma, refs);
  }

  /** Active events and their markets (see discovery.ts); refreshes the registry trading signs from. */
  async discover(filter?: DiscoveryFilter, signal?: AbortSignal): Promise<PolymarketDiscovery> {
    const result = await discoverPolymarket(
      {
        gamma: this.gamma,
        clobMarketInfo: (id) => this.clob.publicCall('GET', `/clob-markets/${id}`, { signal }),
        negRiskOf: (tokenId) => this.clob.publicCall('GET', '/neg-risk', { query: { token_id: tokenId }, signal }),
        log: this.options.log ?? noLog,
        signal,
      },
      filter,
    );
    for (const d of result.details) this.registry.upsert(d.info, { fresh: true, exchange: d.exchange });
    return result;
  }
}

/** The connector for a resolved connection (the contribution's `connect`); a wallet key's signer is opened off the event loop first. */
export async function createPolymarketVenue(c: VenueConnection, { clock, log }: VenueContext): Promise<PolymarketVenue> {
  const privateKey = c.credentials?.privateKey;
  const endpoints = { clob: endpoint(c, 'clob'), gamma: endpoint(c, 'gamma'), ws: endpoint(c, 'ws'), userWs: endpoint(c, 'userWs') };
  const chainId = Number(endpoint(c, 'chainId'));
  // Connector diagnostics go to the host's log at info and above.
  const venueLog: VenueLog = (level, message) => log(`Polymarket ${level}: ${message}`);
  const credentials = privateKey ? { privateKey: privateKey.reveal() } : null;
  const signer = credentials ? await openWalletSigner(walletKeyHex(credentials.privateKey), venueLog) : undefined;
  let venue: PolymarketVenue;
  try {
    venue = new PolymarketVenue({ environment: c.environment, endpoints, chainId, credentials, signer, clock, log: venueLog });
  } catch (e) {
    signer?.dispose();
    throw e;
  }
  if (venue.trading) setTimeout(() => warmOrderHashing(chainId), 0).unref();
  return venue;
}

/**
 * Validates the wallet settings, naming the field at fault. The account is the signer's when one was
 * opened; without it (a connector built directly, as tests do) it is derived here, on the loop.
 */
function checkCredentials(c: PolymarketCredentials, chainId: number, signerAccount: LocalAccount | undefined): { account: LocalAccount; signatureType: PolymarketSignatureType; maker: Hex } {
  const key = walletKeyHex(c.privateKey);
  const account = signerAccount ?? privateKeyToAccount(key);
  const signatureType = c.signatureType ?? 0;
  if (![0, 1, 2].includes(signatureType)) throw new Error(`polymarket.signatureType: ${String(signatureType)} is not supported (0 EOA, 1 proxy, 2 Safe)`);
  try {
    getContractConfig(chainId);
  } catch {
    throw new Error(`polymarket chainId: ${chainId} is not Polygon (137) or Amoy (80002)`);
  }
  let maker: Hex = account.address;
  if (signatureType === 0) {
    if (c.funder !== undefined && c.funder.toLowerCase() !== account.address.toLowerCase()) {
      throw new Error('polymarket.funder: an EOA wallet (signature type 0) trades from its own address; leave the funder out or use signature type 1 or 2');
    }
  } else {
    if (c.funder === undefined || !isAddress(c.funder, { strict: false })) throw new Error(`polymarket.funder: signature type ${signatureType} needs the proxy/Safe address that holds the funds`);
    maker = getAddress(c.funder);
  }
  if (c.apiCreds && (!c.apiCreds.key || !c.apiCreds.secret || !c.apiCreds.passphrase)) throw new Error('polymarket.apiCreds: key, secret and passphrase are all required');
  return { account, signatureType, maker };
}

