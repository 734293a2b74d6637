// Polymarket CLOB REST routes: public market data, L1 API-key endpoints, and the L2 (HMAC)
// trading and account endpoints. Errors are {"error": "<message>"} with the CLOB's messages.
import { getAddress, type Hex } from 'viem';
import { HttpError, json, queryString, Router, type SimRequest } from '../core/http';
import { decodeCursor, encodeCursor } from '../core/paging';
import { polyAmount, polyPrice } from '../core/format';
import type { PlaceResult, PolymarketExchange } from './exchange';
import { CHAIN_ID, checksum, EXCHANGE_V2, isSignature, NEG_RISK_EXCHANGE_V2, orderHash, recoverOrderSigner, type SignedOrderFields } from './signing';
import type { ApiCreds, PolyAccount, PolyMarketState, PolyOrderType, PolySide } from './types';
import { bookSummary, clobMarketInfoJson, clobMarketJson, lastTradeOf, midOf, openOrderJson, tokenBook, tradeJson } from './wire';

const NEG_RISK_ADAPTER = '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296';
const MAX_ALLOWANCE = '115792089237316195423570985008687907853269984665640564039457584007913129639935';
export const INITIAL_CURSOR = 'MA==';
export const END_CURSOR = 'LTE=';
const PAGE = 500;

export interface PolymarketRestContext {
  exchange: PolymarketExchange;
  now(): number;
  /** L2-authenticated credentials of a request. */
  credsOf(req: SimRequest): ApiCreds | undefined;
  /** L1-authenticated wallet of a request (checksummed) and its nonce. */
  walletOf(req: SimRequest): { address: string; nonce: string } | undefined;
  heartbeat(apiKey: string, id: string): void;
  /** Whether this answer goes out in a published variant shape (the `variants` fault). */
  vary?(): boolean;
}

const bad = (message: string, extra: Record<string, unknown> = {}) => new HttpError(400, 'bad_request', message, extra);
const notFound = (message: string) => new HttpError(404, 'not_found', message);

function page<T>(items: readonly T[], cursor: string | undefined): { data: T[]; next_cursor: string; limit: number; count: number } {
  if (cursor === END_CURSOR) return { data: [], next_cursor: END_CURSOR, limit: PAGE, count: 0 };
  const start = cursor === undefined ? 0 : decodeCursor(cursor);
  if (start === undefined) throw bad('invalid next_cursor');
  const data = items.slice(start, start + PAGE);
  const end = start + data.length;
  return { data, next_cursor: end < items.length ? encodeCursor(end) : END_CURSOR, limit: PAGE, count: data.length };
}

export function createClobRouter(ctx: PolymarketRestContext): Router {
  const { exchange } = ctx;
  const r = new Router();

  const tokenParam = (req: SimRequest) => {
    const id = queryString(req, 'token_id');
    if (!id || !/^\d{1,80}$/.test(id)) throw bad('Invalid token id');
    return id;
  };
  const tokenOr404 = (id: string, message: string) => {
    const t = exchange.tokens.get(id);
    if (!t) throw notFound(message);
    return t;
  };
  const marketParam = (id: string | undefined): PolyMarketState => {
    if (!id || !/^0x[0-9a-fA-F]{64}$/.test(id)) throw bad('Invalid market');
    const m = exchange.markets.get(id) ?? [...exchange.markets.values()].find((x) => x.listing.conditionId.toLowerCase() === id.toLowerCase());
    if (!m) throw notFound('market not found');
    return m;
  };
  const l2 = (req: SimRequest) => {
    const c = ctx.credsOf(req);
    if (!c) throw new HttpError(401, 'unauthorized', 'Unauthorized/Invalid api key');
    return { creds: c, account: exchange.account(c.address) };
  };

  // ------------------------------------------------------------ public
  r.get('/', () => json('OK'));
  r.get('/ok', () => json('OK'));
  r.get('/time', () => json(Math.floor(ctx.now() / 1000)));
  r.get('/version', () => json({ version: 2 }));

  r.get('/markets', (req) => json(page([...exchange.markets.values()].map(clobMarketJson), queryString(req, 'next_cursor'))));
  r.get('/markets/:condition_id', (_req, p) => json(clobMarketJson(marketParam(p.condition_id))));
  r.get('/clob-markets/:condition_id', (_req, p) => {
    const info = clobMarketInfoJson(marketParam(p.condition_id));
    // ClobMarketDetails in the CLOB OpenAPI lists no `nr`: as a variant, it is not sent.
    if (ctx.vary?.()) delete info.nr;
    return json(info);
  });
  r.get('/markets-by-token/:token_id', (_req, p) => {
    if (!/^\d{1,80}$/.test(p.token_id!)) throw bad('Invalid token id');
    return json(clobMarketJson(tokenOr404(p.token_id!, 'market not found').market));
  });

  r.get('/book', (req) => {
    const t = tokenOr404(tokenParam(req), 'No orderbook exists for the requested token id');
    return json(bookSummary(t.market, t.outcome, ctx.now()));
  });
  r.post('/books', (req) => {
    const body = req.json();
    if (!Array.isArray(body)) throw bad('Invalid payload');
    if (body.length > 500) throw bad('Payload exceeds the limit');
    return json(
      body.map((item: unknown) => {
        const id = typeof item === 'object' && item !== null ? (item as { token_id?: unknown }).token_id : undefined;
        if (typeof id !== 'string' || !/^\d{1,80}$/.test(id)) throw bad('Invalid payload');
        const t = tokenOr404(id, 'No orderbook exists for the requested token id');
        return bookSummary(t.market, t.outcome, ctx.now());
      }),
    );
  });
  r.get('/tick-size', (req) => json({ minimum_tick_size: Number(polyPrice(tokenOr404(tokenParam(req), 'market not found').market.tick)) }));
  r.get('/neg-risk', (req) => json({ neg_risk: tokenOr404(tokenParam(req), 'market not found').market.listing.negRisk }));
  r.get('/fee-rate', (req) => json({ base_fee: tokenOr404(tokenParam(req), 'market not found').market.listing.feeRate }));
  r.get('/midpoint', (req) => {
    const t = tokenOr404(tokenParam(req), 'No orderbook exists for the requested token id');
    return json({ mid: polyPrice(midOf(t.market, t.outcome)) });
  });
  r.get('/spread', (req) => {
    const t = tokenOr404(tokenParam(req), 'No orderbook exists for the requested token id');
    const b = tokenBook(t.market, t.outcome);
    const bid = b.bids[0]?.price;
    const ask = b.asks[0]?.price;
    return json({ spread: bid !== undefined && ask !== undefined ? polyPrice((ask - bid) as typeof ask) : '0' });
  });
  r.get('/last-trade-price', (req) => {
    const t = tokenOr404(tokenParam(req), 'No orderbook exists for the requested token id');
    return json({ price: lastTradeOf(t.market, t.outcome), side: 'BUY' });
  });

  // ------------------------------------------------------------ L1: API keys
  const wallet = (req: SimRequest) => {
    const w = ctx.walletOf(req);
    if (!w) throw new HttpError(401, 'unauthorized', 'Invalid L1 Request headers');
    return w;
  };
  const credsJson = (c: ApiCreds) => ({ apiKey: c.apiKey, secret: c.secret, passphrase: c.passphrase });
  r.post('/auth/api-key', (req) => {
    const w = wallet(req);
    return json(credsJson(exchange.createApiKey(w.address, w.nonce)));
  });
  r.get('/auth/derive-api-key', (req) => {
    const w = wallet(req);
    return json(credsJson(exchange.deriveApiKey(w.address, w.nonce)));
  });

  // ------------------------------------------------------------ L2: keys, orders, account
  r.get('/auth/api-keys', (req) => json({ apiKeys: exchange.apiKeysOf(l2(req).creds.address).map((c) => c.apiKey) }));
  r.delete('/auth/api-key', (req) => {
    exchange.deleteApiKey(l2(req).creds.apiKey);
    return json('OK');
  });
  r.get('/auth/ban-status/closed-only', (req) => {
    l2(req);
    return json({ closed_only: false });
  });

  r.post('/order', async (req) => {
    const { creds } = l2(req);
    return json(await postOrder(ctx, creds, req.json()));
  });
  r.post('/orders', async (req) => {
    const { creds } = l2(req);
    const body = req.json();
    if (!Array.isArray(body)) throw bad('Invalid order payload');
    if (body.length > 15) throw bad(`Too many orders in payload: ${body.length}, max allowed: 15`);
    const out: unknown[] = [];
    for (const item of body) {
      try {
        out.push(await postOrder(ctx, creds, item));
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        out.push({ success: false, errorMsg: e.message, orderID: (e.extra.orderID as string) ?? '', status: '', takingAmount: '', makingAmount: '' });
      }
    }
    return json(out);
  });

  const cancelIds = (account: PolyAccount, ids: string[]) => {
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    for (const id of ids) {
      if (exchange.cancel(account, id)) canceled.push(id);
      else notCanceled[id] = account.orders.has(id) ? 'order is not live' : 'order not found';
    }
    return json({ canceled, not_canceled: notCanceled });
  };
  const orderIdOk = (id: unknown): id is string => typeof id === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(id);
  r.delete('/order', (req) => {
    const { account } = l2(req);
    const body = req.json() as { orderID?: unknown } | undefined;
    if (typeof body !== 'object' || body === null) throw bad('Invalid order payload');
    if (!orderIdOk(body.orderID)) throw bad('Invalid orderID');
    return cancelIds(account, [body.orderID]);
  });
  r.delete('/orders', (req) => {
    const { account } = l2(req);
    const body = req.json();
    if (!Array.isArray(body)) throw bad('Invalid order payload');
    if (body.length > 3000) throw bad('Too many orders in payload, max allowed: 3000');
    if (!body.every(orderIdOk)) throw bad('Invalid orderID');
    return cancelIds(account, body as string[]);
  });
  r.delete('/cancel-all', (req) => {
    const { account } = l2(req);
    return cancelIds(
      account,
      [...account.orders.values()].filter((o) => o.status === 'LIVE').map((o) => o.id),
    );
  });
  r.delete('/cancel-market-orders', (req) => {
    const { account } = l2(req);
    const body = (req.json() ?? {}) as { market?: unknown; asset_id?: unknown };
    if (typeof body !== 'object' || body === null) throw bad('Invalid order payload');
    return cancelIds(
      account,
      [...account.orders.values()]
        .filter((o) => o.status === 'LIVE' && (body.market === undefined || o.market === body.market) && (body.asset_id === undefined || o.assetId === body.asset_id))
        .map((o) => o.id),
    );
  });

  r.get('/data/orders', (req) => {
    const { account } = l2(req);
    const id = queryString(req, 'id');
    const market = queryString(req, 'market');
    const asset = queryString(req, 'asset_id');
    const live = [...account.orders.values()].filter(
      (o) => o.status === 'LIVE' && (!id || o.id === id) && (!market || o.market === market) && (!asset || o.assetId === asset),
    );
    return json(page(live.map(openOrderJson), queryString(req, 'next_cursor')));
  });
  r.get('/data/order/:order_id', (req, p) => {
    const { account } = l2(req);
    if (!orderIdOk(p.order_id)) throw bad('Invalid orderID');
    const o = account.orders.get(p.order_id!);
    if (!o) throw notFound('order not found');
    return json(openOrderJson(o));
  });
  r.get('/data/trades', (req) => {
    const { account } = l2(req);
    const id = queryString(req, 'id');
    const market = queryString(req, 'market');
    const asset = queryString(req, 'asset_id');
    const makerAddress = queryString(req, 'maker_address');
    const before = queryString(req, 'before');
    const after = queryString(req, 'after');
    for (const v of [before, after]) if (v !== undefined && !/^\d{1,12}$/.test(v)) throw bad('Invalid trade params payload');
    const trades = [...account.trades].reverse().filter((t) => {
      const sec = Math.floor(t.matchTime / 1000);
      return (
        (!id || t.id === id) &&
        (!market || t.market === market) &&
        (!asset || t.assetId === asset || t.maker.assetId === asset) &&
        (!makerAddress || t.takerAddress.toLowerCase() === makerAddress.toLowerCase() || t.maker.makerAddress.toLowerCase() === makerAddress.toLowerCase()) &&
        (before === undefined || sec < Number(before)) &&
        (after === undefined || sec > Number(after))
      );
    });
    return json(page(trades.map((t) => isoTimes(tradeJson(t, account.address), ctx.vary?.() === true)), queryString(req, 'next_cursor')));
  });

  r.get('/balance-allowance', (req) => {
    const { account } = l2(req);
    const amount = account.allowance === null ? MAX_ALLOWANCE : String(account.allowance);
    const allowances = { [EXCHANGE_V2]: amount, [NEG_RISK_EXCHANGE_V2]: amount, [NEG_RISK_ADAPTER]: amount };
    const type = queryString(req, 'asset_type');
    const sig = queryString(req, 'signature_type');
    if (sig !== undefined && !/^[0-3]$/.test(sig)) throw bad('Invalid signature_type');
    if (type === 'COLLATERAL') return json({ balance: String(account.collateral), allowances });
    if (type === 'CONDITIONAL') {
      const token = tokenParam(req);
      // Shares still settling are not shown (the `settle` fault): the venue's cache lags the chain.
      return json({ balance: String(exchange.sellableShares(account, token)), allowances });
    }
    throw bad('Invalid asset type');
  });
  r.get('/balance-allowance/update', (req) => {
    l2(req);
    return json({});
  });

  r.post('/v1/heartbeats', (req) => {
    const { creds } = l2(req);
    const body = (req.json() ?? {}) as { heartbeat_id?: unknown };
    const id = typeof body.heartbeat_id === 'string' && body.heartbeat_id !== '' ? body.heartbeat_id : `hb-${creds.apiKey.slice(0, 8)}`;
    ctx.heartbeat(creds.apiKey, id);
    return json({ heartbeat_id: id });
  });

  return r;
}

const ZERO32 = `0x${'0'.repeat(64)}`;
const ORDER_TYPES = new Set<PolyOrderType>(['GTC', 'GTD', 'FOK', 'FAK']);

async function postOrder(ctx: PolymarketRestContext, creds: ApiCreds, body: unknown): Promise<Record<string, unknown>> {
  const invalid = (field: string) => bad(`Invalid order payload: ${field}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('Invalid order payload');
  const b = body as Record<string, unknown>;
  const o = b.order as Record<string, unknown> | undefined;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw invalid('order');
  if (o.timestamp === undefined && (o.nonce !== undefined || o.feeRateBps !== undefined)) throw bad('order_version_mismatch');
  const digits = (field: string, max = 78): bigint => {
    const v = o[field];
    const s = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
    if (typeof s !== 'string' || !/^\d+$/.test(s) || s.length > max) throw invalid(field);
    return BigInt(s);
  };
  const address = (field: string): string => {
    const v = o[field];
    const c = typeof v === 'string' ? checksum(v) : undefined;
    if (!c) throw invalid(field);
    return c;
  };
  const bytes32 = (field: string): Hex => {
    const v = o[field] ?? ZERO32;
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(v)) throw invalid(field);
    return v as Hex;
  };
  const salt = digits('salt');
  const maker = address('maker');
  const signer = address('signer');
  const tokenId = digits('tokenId');
  const makerAmount = digits('makerAmount', 30);
  const takerAmount = digits('takerAmount', 30);
  if (makerAmount === 0n || takerAmount === 0n) throw bad('makerAmount and takerAmount must be positive decimal integers');
  const side = o.side;
  if (side !== 'BUY' && side !== 'SELL') throw invalid('side');
  const signatureType = o.signatureType;
  if (typeof signatureType !== 'number' || ![0, 1, 2, 3].includes(signatureType)) throw invalid('signatureType');
  const timestamp = digits('timestamp', 20);
  const expiration = o.expiration === undefined ? 0n : digits('expiration', 20);
  const metadata = bytes32('metadata');
  const builder = bytes32('builder');
  const signature = o.signature;
  if (!isSignature(signature)) throw invalid('signature');
  const orderType = b.orderType;
  if (typeof orderType !== 'string' || !ORDER_TYPES.has(orderType as PolyOrderType)) throw invalid('orderType');
  const postOnly = b.postOnly === true;
  if (b.postOnly !== undefined && typeof b.postOnly !== 'boolean') throw invalid('postOnly');
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) throw bad('invalid post-only order: FOK and FAK orders cannot be post-only');
  if (b.owner !== creds.apiKey) throw bad('the order owner has to be the owner of the API KEY');
  if (signer.toLowerCase() !== creds.address.toLowerCase()) throw bad('the order signer address has to be the address of the API KEY');
  if (signatureType === 0 && maker !== signer) throw invalid('maker must equal signer for EOA orders');
  if (signatureType === 3) throw bad('invalid signature: POLY_1271 deposit-wallet orders are not simulated');

  const token = ctx.exchange.tokens.get(tokenId.toString());
  if (!token) throw bad('Invalid order payload: unknown tokenId');
  const fields: SignedOrderFields = {
    salt,
    maker: maker as Hex,
    signer: signer as Hex,
    tokenId,
    makerAmount,
    takerAmount,
    side: side === 'BUY' ? 0 : 1,
    signatureType,
    timestamp,
    metadata,
    builder,
  };
  const negRisk = token.market.listing.negRisk;
  const id = orderHash(fields, negRisk, CHAIN_ID);
  const recovered = await recoverOrderSigner(fields, negRisk, signature, CHAIN_ID);
  if (!recovered || recovered.toLowerCase() !== signer.toLowerCase()) throw bad('invalid signature', { orderID: id });
  if (expiration > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('expiration');

  const result: PlaceResult = ctx.exchange.placeOrder({
    id,
    apiKey: creds.apiKey,
    maker: getAddress(maker),
    tokenId: tokenId.toString(),
    side: side as PolySide,
    makerAmount,
    takerAmount,
    orderType: orderType as PolyOrderType,
    expiration: Number(expiration),
    postOnly,
  });
  const tradeIDs = result.trades.map((t) => t.id);
  const transactionsHashes = result.trades.map((t) => t.transactionHash);
  // Variants: the asynchronous answer (trades, no status, no amounts), and amounts in 6-decimal
  // fixed math as the CLOB OpenAPI documents them ("100000000") instead of decimals ("100").
  if (tradeIDs.length > 0 && ctx.vary?.()) return { success: true, errorMsg: '', orderID: id, transactionsHashes, tradeIDs };
  const fixed = ctx.vary?.() === true;
  return {
    success: true,
    errorMsg: '',
    orderID: id,
    status: result.status,
    takingAmount: fixed ? String(result.taking) : polyAmount(result.taking),
    makingAmount: fixed ? String(result.making) : polyAmount(result.making),
    transactionsHashes,
    tradeIDs,
  };
}

/** A trade with ISO 8601 times (nautilus_trader test_data/http_trade_report.json) instead of Unix seconds. */
function isoTimes(t: Record<string, unknown>, iso: boolean): Record<string, unknown> {
  if (!iso) return t;
  const at = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? new Date(Number(v) * 1000).toISOString() : v);
  return { ...t, match_time: at(t.match_time), last_update: at(t.last_update) };
}

/** Routes that need L1 (wallet) headers, and routes that need L2 (API key) headers. */
export function authLevel(method: string, path: string): 'l1' | 'l2' | 'public' {
  if ((method === 'POST' && path === '/auth/api-key') || (method === 'GET' && path === '/auth/derive-api-key')) return 'l1';
  if (path.startsWith('/data/') || path.startsWith('/balance-allowance') || path.startsWith('/auth/') || path.startsWith('/v1/')) return 'l2';
  if (path === '/order' || path === '/orders' || path === '/cancel-all' || path === '/cancel-market-orders') return 'l2';
  return 'public';
}

