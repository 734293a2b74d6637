// Polymarket trading (TradingApi) through the official client's signers: orders signed V2 for the
// CTF exchange or, on neg-risk markets, the NegRisk exchange (the flag, tick and minimum size come
// from discovery — nothing is looked up on the hot path); buying YES buys the YES token, buying NO
// buys the NO token, and sells likewise. The order hash is computed before sending and is the
// venue's order id (Polymarket has no client order id): `prepareOrder` returns it so the executor
// can write it to the ledger before `send()`. Fills come from the user channel (and REST after a
// reconnect), provisional until the trade is CONFIRMED.
import type { Hex } from 'viem';
import type { LocalAccount } from 'viem/accounts';
import type { MarketRef, Outcome } from '../../../shared/ids';
import { Disposable, Emitter } from '../../../shared/lifecycle';
import { Money } from '../../../shared/money';
import type { Clock } from '../../platform/clock';
import type { Qty } from '../../../shared/units';
import { OrderRefusedError, type AccountBalance, type CancelAllResult, type MarketInfo, type OpenOrder, type OrderLookup, type OrderRef, type OrderRequest, type OrderResult, type OrderShape, type PreparedOrder, type TradingApi, type VenueFill } from '../venue';
import { polymarketOrderProblem } from './orderRules';
import { formatAmount, orderAmounts, parseAmount, type PolyOrderType } from './amounts';
import { PolymarketAuthError, type ClobHttp } from './clob';
import type { PolymarketSignatureType, VenueLog } from './config';
import { fillsFromTrade, polymarketFillFee, type FillContext, type MappedFill } from './fills';
import { HttpError, venueMessage } from './http';
import { describeResult, fromPostAnswer, fromPostError, fromTrades, orderFee, rejected } from './orderResult';
import { BYTES32_ZERO, newSalt, orderBody, signOrder, type UnsignedOrder } from './orderSigning';
import { openOrderOf, orderLookupOf } from './orderViews';
import type { MarketRegistry } from './registry';
import { withRetries, type RetryOptions } from './retry';
import { allowanceText, allowanceTo, collateralOf, spenderOf, type Collateral } from './tradingBalance';
import type { UserChannel } from './userChannel';

const TIME_IN_FORCE: Record<OrderRequest['timeInForce'], PolyOrderType> = { ioc: 'FAK', fok: 'FOK', gtc: 'GTC' };
const END_CURSOR = 'LTE=';
const MAX_PAGES = 1_000;
const REMEMBERED = 50_000;
const RECONCILE_MARGIN_MS = 60_000;
const SELLABLE_POLL_MS = 250;
/**
 * Cancel-all's tries: a back-off from 250 ms doubling to 2 s (within the kill switch's 3 s wait for
 * the first few); a Retry-After beyond 10 s is reported at once. DELETE /cancel-all is limited to
 * 250 per 10 s (venues.md §2.12), far above what this sends.
 */
export const CANCEL_ALL_RETRIES: Omit<RetryOptions, 'signal' | 'log'> = {
  where: 'Polymarket cancel-all',
  method: 'DELETE',
  path: '/cancel-all',
  tries: 8,
  baseMs: 250,
  maxMs: 2_000,
  maxRetryAfterMs: 10_000,
};

export interface PolymarketTradingOptions {
  clob: ClobHttp;
  registry: MarketRegistry;
  userChannel: UserChannel;
  chainId: number;
  account: LocalAccount;
  signatureType: PolymarketSignatureType;
  /** Where the funds are: the proxy/Safe for types 1 and 2, else the EOA. */
  maker: Hex;
  clock: Clock;
  log: VenueLog;
}

export class PolymarketTrading extends Disposable implements TradingApi {
  private readonly onFillEmitter = this.register(new Emitter<VenueFill>());
  readonly onFill = this.onFillEmitter.event;
  private readonly onOrderUpdateEmitter = this.register(new Emitter<OrderLookup>());
  readonly onOrderUpdate = this.onOrderUpdateEmitter.event;

  private readonly clientIds = new Map<string, string>();
  private readonly hashes = new Map<string, string>();
  /** Fill id → the furthest status delivered. */
  private readonly delivered = new Map<string, { rank: number; at: number; final: boolean }>();
  /** Since when pushed trades may have been missed (the channel is not open); null while open. */
  private channelDownSince: number | null;
  private apiKey: string | null = null;
  private problems = 0;
  private feeInShares = false;

  /** The user channel (its `state` tells whether pushed fills are flowing). */
  readonly userChannel: UserChannel;

  constructor(private readonly options: PolymarketTradingOptions) {
    super();
    const ch = options.userChannel;
    this.userChannel = ch;
    this.channelDownSince = options.clock.now();
    this.register(ch.onTrade((raw) => this.deliverTrade(raw)));
    this.register(ch.onOrder((raw) => this.deliverOrder(raw)));
    this.register(ch.onState((s) => {
      if (s !== 'open' && this.channelDownSince === null) this.channelDownSince = options.clock.now();
    }));
    this.register(ch.onOpened(() => void this.reconcile()));
    void options.clob.credentials().then(
      (c) => (this.apiKey = c.key),
      () => {},
    );
    ch.start();
  }

  private get fillContext(): FillContext {
    return {
      registry: this.options.registry,
      apiKey: this.apiKey ?? '',
      makerAddress: this.options.maker.toLowerCase(),
      clientOrderIdOf: (id) => this.clientIds.get(id) ?? null,
      feeInShares: this.feeInShares,
    };
  }

  /** The wallet showed BUY fees taken in shares: book such fills net of them from now on. */
  setFeeTakenIn(takenIn: 'collateral' | 'shares'): void {
    this.feeInShares = takenIn === 'shares';
  }

  /** Creates or derives the API credentials and proves them with one L2 call; throws PolymarketAuthError when refused. */
  async authenticate(): Promise<void> {
    const creds = await this.options.clob.credentials();
    this.apiKey = creds.key;
    try {
      await this.collateral();
    } catch (e) {
      if (e instanceof HttpError && (e.status === 401 || e.status === 403)) throw new PolymarketAuthError(`Polymarket refused the API credentials: ${venueMessage(e.body)}`);
      throw e;
    }
  }

  // ------------------------------------------------------------------ orders

  /** A local refusal (OrderRefusedError) comes back as `rejected`, nothing sent. */
  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    let prepared: PreparedOrder;
    try {
      prepared = await this.prepareOrder(order);
    } catch (e) {
      if (e instanceof OrderRefusedError) return { ...rejected(order, e.message), permanent: e.permanent };
      throw e;
    }
    return prepared.send();
  }

  /**
   * The venue's local rules with the market's current tick (the feed moves it): amounts it can
   * express, its minimum size, the $1 minimum of a marketable BUY (orderRules.ts).
   */
  orderProblem(order: OrderShape, market: MarketInfo): string | null {
    const known = this.options.registry.byRef(order.market);
    return polymarketOrderProblem(order, known ?? market, known?.tick ?? market.tickSize);
  }

  /**
   * Before any leg of a basket is sent: the rules, the market open, the API credentials, and the
   * balance — pUSD for a BUY at its limit plus the largest fee, sellable shares for a SELL.
   */
  async preflight(order: OrderRequest, market: MarketInfo): Promise<string | null> {
    const problem = this.orderProblem(order, market);
    if (problem !== null) return problem;
    const known = this.options.registry.byRef(order.market);
    if (!known) return `unknown Polymarket market ${order.market}: not discovered, so its tick size and neg-risk flag are unknown`;
    if (known.status !== 'open') return `market ${order.market} is ${known.status}`;
    try {
      this.apiKey = (await this.options.clob.credentials()).key;
    } catch (e) {
      return `Polymarket API credentials unavailable: ${e instanceof Error ? e.message : String(e)}`;
    }
    try {
      if (order.side === 'sell') {
        const shares = await this.sellableUnits(known.tokens[order.outcome], false);
        const wanted = BigInt(order.qty) * 10_000n;
        return shares < wanted ? `only ${formatAmount(shares)} ${order.outcome.toUpperCase()} shares of ${order.market} can be sold now; ${formatAmount(wanted)} wanted` : null;
      }
      const { available } = await this.balance();
      const price = new Money(order.limitPrice).div(10_000);
      const shares = new Money(order.qty).div(100);
      const needed = price.times(shares).plus(polymarketFillFee(known.fee, shares.toFixed(), price.toFixed()));
      const upTo = needed.toDecimalPlaces(6, Money.ROUND_UP).toFixed();
      if (needed.gt(available)) return `the Polymarket pUSD balance is $${available}; this order may need up to $${upTo}`;
      const allowance = allowanceTo(await this.collateral(), spenderOf(this.options.chainId, { negRisk: known.negRisk, exchange: known.exchange }));
      return allowance !== null && needed.gt(formatAmount(allowance)) ? `the Polymarket pUSD allowance to the exchange is $${formatAmount(allowance)}; this order may need up to $${upTo}` : null;
    } catch (e) {
      return `the Polymarket balance could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /**
   * Shares bought a moment ago can be sold only once their trade has settled: until then the CLOB
   * answers a SELL "not enough balance / allowance" (Polymarket/py-clob-client #290, #287). Polls
   * the sellable balance (GET /balance-allowance/update forces it fresh from the chain, then
   * GET /balance-allowance: polymarket-clob.openapi.yaml) until it covers `qty`.
   */
  async awaitSellable(market: MarketRef, outcome: Outcome, qty: Qty, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const known = this.options.registry.byRef(market);
    if (!known) return false;
    const token = known.tokens[outcome];
    const wanted = BigInt(qty) * 10_000n;
    const deadline = this.options.clock.monotonic() + timeoutMs;
    for (let first = true; ; first = false) {
      try {
        if ((await this.sellableUnits(token, !first)) >= wanted) return true;
      } catch (e) {
        this.options.log('warn', `Polymarket sellable balance of ${market} ${outcome.toUpperCase()} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (signal?.aborted || this.options.clock.monotonic() + SELLABLE_POLL_MS > deadline) return false;
      await new Promise((r) => setTimeout(r, SELLABLE_POLL_MS));
    }
  }

  /** Shares of a token the CLOB lets the account sell, less what open SELL orders hold (10^-6). */
  private async sellableUnits(token: string, refresh: boolean): Promise<bigint> {
    const query = { asset_type: 'CONDITIONAL', token_id: token, signature_type: this.options.signatureType };
    if (refresh) await this.options.clob.privateCall('GET', '/balance-allowance/update', { query });
    const r = (await this.options.clob.privateCall('GET', '/balance-allowance', { query })) as { balance?: unknown } | null;
    const balance = parseBalance(r?.balance, `balance of token ${token}`);
    let held = 0n;
    for (const o of await this.openOrders()) {
      const m = this.options.registry.byRef(o.market);
      if (o.side === 'sell' && m?.tokens[o.outcome] === token) held += parseAmount(o.remainingQty) ?? 0n;
    }
    return balance > held ? balance - held : 0n;
  }

  /** Signs the order, its hash known before sending. Throws OrderRefusedError on a local refusal. */
  async prepareOrder(request: OrderRequest): Promise<PreparedOrder> {
    const market = this.options.registry.byRef(request.market);
    if (!market) throw new OrderRefusedError(`unknown Polymarket market ${request.market}: not discovered, so its tick size and neg-risk flag are unknown`, false);
    if (market.status !== 'open') throw new OrderRefusedError(`market ${request.market} is ${market.status}`);
    const problem = polymarketOrderProblem(request, market, market.tick);
    if (problem !== null) throw new OrderRefusedError(problem);
    const type = TIME_IN_FORCE[request.timeInForce];
    const side = request.side === 'buy' ? 'BUY' : 'SELL';
    const amounts = orderAmounts({ side, type, price: request.limitPrice, qty: request.qty, tick: market.tick });
    if (!amounts.ok) throw new OrderRefusedError(amounts.reason);
    let owner: string;
    try {
      owner = (await this.options.clob.credentials()).key;
      this.apiKey = owner;
    } catch (e) {
      throw new OrderRefusedError(`Polymarket API credentials unavailable: ${e instanceof Error ? e.message : String(e)}`, false);
    }
    const { account, chainId, signatureType, maker } = this.options;
    const unsigned: UnsignedOrder = {
      salt: newSalt(),
      maker,
      signer: account.address,
      tokenId: market.tokens[request.outcome],
      makerAmount: amounts.value.makerAmount.toString(),
      takerAmount: amounts.value.takerAmount.toString(),
      side,
      signatureType,
      timestamp: String(this.options.clock.now()),
      metadata: BYTES32_ZERO,
      builder: BYTES32_ZERO,
      expiration: '0',
    };
    const { signed, hash } = await signOrder(account, unsigned, chainId, { negRisk: market.negRisk, exchange: market.exchange });
    const body = orderBody(signed, owner, type);
    this.remember(hash, request.clientOrderId);
    let sent = false;
    return {
      request,
      venueOrderId: hash,
      send: () => {
        if (sent) return Promise.reject(new Error(`order ${hash} was already sent`));
        sent = true;
        return this.send(request, hash, side, body, { makerAmount: amounts.value.makerAmount, takerAmount: amounts.value.takerAmount });
      },
    };
  }

  private async send(request: OrderRequest, hash: string, side: 'BUY' | 'SELL', body: string, signed: { makerAmount: bigint; takerAmount: bigint }): Promise<OrderResult> {
    const ctx = { request, hash, side, signed } as const;
    let answer: unknown;
    const guard = request.guard;
    try {
      // The kill switch's last word comes immediately before the bytes are written.
      answer = await this.options.clob.privateCall('POST', '/order', { body, ...(guard ? { beforeSend: () => guard.recheck() } : {}) });
    } catch (e) {
      const result = fromPostError(e, ctx);
      this.options.log(result.status === 'rejected' ? 'warn' : 'info', `Polymarket order ${hash}: ${describeResult(result)}`);
      return result;
    }
    const parsed = fromPostAnswer(answer, ctx);
    const result = parsed.result;
    if (result.venueOrderId !== hash && result.status !== 'rejected') {
      this.options.log('error', `Polymarket answered order id ${result.venueOrderId} for an order whose hash is ${hash}; using the venue's id`);
      this.remember(result.venueOrderId!, request.clientOrderId);
    }
    if (parsed.tradeIds.length > 0) {
      const { fills, complete } = await this.fillsOfTrades(parsed.tradeIds, result.venueOrderId!);
      // Trades but no status: the fills are the result.
      if (parsed.awaitTrades) Object.assign(result, fromTrades(ctx, result.venueOrderId!, fills, complete));
      result.fills = fills;
      result.fee = orderFee(fills, complete, () => this.feeBound(request.market, parsed.shares, parsed.collateral));
    }
    return result;
  }

  /** The taker fills of a fresh order: from the user channel when it already delivered them, else REST. */
  private async fillsOfTrades(tradeIds: readonly string[], orderId: string): Promise<{ fills: VenueFill[]; complete: boolean }> {
    const raws = await Promise.all(
      tradeIds.map(async (id) => {
        const pushed = this.options.userChannel.recentTrade(id);
        if (pushed !== undefined) return pushed;
        try {
          const page = (await this.options.clob.privateCall('GET', '/data/trades', { query: { id } })) as { data?: unknown[] } | null;
          return Array.isArray(page?.data) ? page.data.find((t) => (t as { id?: unknown }).id === id) : undefined;
        } catch (e) {
          this.options.log('warn', `Polymarket trade ${id} of order ${orderId} could not be read: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      }),
    );
    let complete = true;
    const fills: VenueFill[] = [];
    for (const raw of raws) {
      if (raw === undefined) {
        complete = false;
        continue;
      }
      const mapped = this.deliverTrade(raw);
      const mine = mapped.filter((m) => m.fill.venueOrderId === orderId);
      if (mine.length === 0) complete = false;
      fills.push(...mine.map((m) => m.fill));
    }
    return { fills, complete };
  }

  private feeBound(ref: MarketRef, shares: bigint, collateral: bigint): string {
    const market = this.options.registry.byRef(ref);
    if (!market || shares === 0n) return '0';
    const avg = new Money(collateral.toString()).div(shares.toString()).toDecimalPlaces(6, Money.ROUND_HALF_UP).toFixed();
    return polymarketFillFee(market.fee, formatAmount(shares), avg);
  }

  async cancelOrder(venueOrderId: string, _market: MarketRef): Promise<void> {
    const r = (await this.options.clob.privateCall('DELETE', '/order', { body: { orderID: venueOrderId } })) as { canceled?: unknown; not_canceled?: Record<string, unknown> } | null;
    const canceled = Array.isArray(r?.canceled) ? r.canceled : [];
    if (canceled.includes(venueOrderId)) return;
    const reason = r?.not_canceled?.[venueOrderId];
    throw new Error(`Polymarket did not cancel ${venueOrderId}: ${typeof reason === 'string' ? reason : 'no reason given'}`);
  }

  /**
   * DELETE /cancel-all, asked again after a 429, a 5xx or a lost answer (it is idempotent): the
   * kill switch must not report a failure the next try would have cleared.
   */
  async cancelAll(signal?: AbortSignal): Promise<CancelAllResult> {
    const call = () => this.options.clob.privateCall('DELETE', '/cancel-all', signal ? { signal } : {});
    const r = (await withRetries(call, { ...CANCEL_ALL_RETRIES, log: this.options.log, ...(signal ? { signal } : {}) })) as { canceled?: unknown; not_canceled?: unknown } | null;
    if (typeof r !== 'object' || r === null) throw new Error(`Polymarket cancel-all answered ${JSON.stringify(r)}`);
    const cancelled = Array.isArray(r.canceled) ? r.canceled.filter((x): x is string => typeof x === 'string') : [];
    const failed = typeof r.not_canceled === 'object' && r.not_canceled !== null
      ? Object.entries(r.not_canceled as Record<string, unknown>).map(([orderId, reason]) => ({ orderId, reason: typeof reason === 'string' ? reason : JSON.stringify(reason) }))
      : [];
    return { cancelled, failed };
  }

  async openOrders(): Promise<OpenOrder[]> {
    const out: OpenOrder[] = [];
    for (const raw of await this.pages('/data/orders', {})) {
      const o = openOrderOf(raw, this.options.registry, (id) => this.clientIds.get(id) ?? null);
      if (o.ok) out.push(o.value);
      else this.problem(`open order skipped: ${o.reason}`);
    }
    return out;
  }

  async findOrder(ref: OrderRef): Promise<OrderLookup | null> {
    const id = ref.venueOrderId ?? this.hashes.get(ref.clientOrderId) ?? null;
    // Without the hash nothing can be asked: Polymarket knows no client order ids.
    if (id === null) return null;
    let raw: unknown;
    try {
      raw = await this.options.clob.privateCall('GET', `/data/order/${id}`);
    } catch (e) {
      if (e instanceof HttpError && e.kind === 'http' && e.status === 404) return null;
      throw e;
    }
    if (raw === null || raw === '' || (typeof raw === 'object' && Object.keys(raw).length === 0)) return null;
    const lookup = orderLookupOf(raw, (x) => this.clientIds.get(x) ?? ref.clientOrderId);
    if (!lookup.ok) throw new Error(`Polymarket order ${id}: ${lookup.reason}`);
    return lookup.value;
  }

  async fills(since: number | null): Promise<VenueFill[]> {
    const query: Record<string, number> = since === null ? {} : { after: Math.max(0, Math.floor(since / 1000) - 1) };
    const out: VenueFill[] = [];
    const ctx = this.fillContext;
    for (const raw of await this.pages('/data/trades', query)) {
      const { fills, problem } = fillsFromTrade(raw, ctx);
      if (problem !== null) this.problem(problem);
      for (const f of fills) if (since === null || f.fill.at >= Math.floor(since / 1000) * 1000) out.push(f.fill);
    }
    return out.sort((a, b) => a.at - b.at || a.fillId.localeCompare(b.fillId));
  }

  /** Token balances of every token the account has traded (the CLOB has no positions endpoint). */
  async positions(): Promise<{ market: MarketRef; outcome: 'yes' | 'no'; qty: string }[]> {
    const tokens = new Map<string, { market: MarketRef; outcome: 'yes' | 'no' }>();
    for (const f of await this.fills(null)) {
      if (f.failed) continue;
      const m = this.options.registry.byRef(f.market);
      const token = m?.tokens[f.outcome];
      if (token) tokens.set(token, { market: f.market, outcome: f.outcome });
    }
    const out: { market: MarketRef; outcome: 'yes' | 'no'; qty: string }[] = [];
    for (const [token, where] of tokens) {
      const r = (await this.options.clob.privateCall('GET', '/balance-allowance', { query: { asset_type: 'CONDITIONAL', token_id: token, signature_type: this.options.signatureType } })) as { balance?: unknown } | null;
      const units = parseBalance(r?.balance, `balance of token ${token}`);
      if (units > 0n) out.push({ ...where, qty: formatAmount(units) });
    }
    return out;
  }

  /**
   * pUSD less what open BUY orders hold, and the allowance: the smallest to the exchange contracts
   * the known markets' orders are signed for (V2 and neg-risk V2 when none is known).
   */
  async balance(): Promise<AccountBalance> {
    const c = await this.collateral();
    let reserved = new Money(0);
    for (const o of await this.openOrders()) if (o.side === 'buy') reserved = reserved.plus(new Money(o.remainingQty).times(o.price));
    const available = new Money(formatAmount(c.balance)).minus(reserved);
    return {
      available: (available.isNegative() ? new Money(0) : available).toDecimalPlaces(6, Money.ROUND_FLOOR).toFixed(),
      allowance: allowanceText(c, this.spenders()),
    };
  }

  private spenders(): Set<string> {
    const out = new Set<string>();
    for (const m of this.options.registry.all()) out.add(spenderOf(this.options.chainId, { negRisk: m.negRisk, exchange: m.exchange }));
    if (out.size === 0) for (const negRisk of [false, true]) out.add(spenderOf(this.options.chainId, { negRisk, exchange: 'v2' }));
    return out;
  }

  private async collateral(): Promise<Collateral> {
    return collateralOf(await this.options.clob.privateCall('GET', '/balance-allowance', { query: { asset_type: 'COLLATERAL', signature_type: this.options.signatureType } }));
  }

  // ------------------------------------------------------------------ pushed events

  /** Maps a trade and delivers the fills that moved on; returns every fill of ours it holds. */
  private deliverTrade(raw: unknown): MappedFill[] {
    const { fills, problem } = fillsFromTrade(raw, this.fillContext);
    if (problem !== null) this.problem(problem);
    for (const m of fills) {
      const before = this.delivered.get(m.fill.fillId);
      if (before && (before.final || m.rank <= before.rank)) continue;
      this.delivered.set(m.fill.fillId, { rank: m.rank, at: m.fill.at, final: m.fill.final });
      if (this.delivered.size > REMEMBERED) this.delivered.delete(this.delivered.keys().next().value!);
      this.onFillEmitter.fire(m.fill);
    }
    return fills;
  }

  private deliverOrder(raw: unknown): void {
    const o = orderLookupOf(raw, (id) => this.clientIds.get(id) ?? null);
    if (o.ok) this.onOrderUpdateEmitter.fire(o.value);
    else this.problem(`order event skipped: ${o.reason}`);
  }

  /** Once the user channel is open: read the trades it may have missed while it was not. */
  private async reconcile(): Promise<void> {
    if (this.channelDownSince === null) return;
    let since = this.channelDownSince;
    this.channelDownSince = null;
    for (const d of this.delivered.values()) if (!d.final && d.at < since) since = d.at;
    try {
      const query = { after: Math.max(0, Math.floor((since - RECONCILE_MARGIN_MS) / 1000)) };
      for (const raw of await this.pages('/data/trades', query)) this.deliverTrade(raw);
    } catch (e) {
      this.options.log('warn', `Polymarket trades missed while the user channel was down could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async pages(path: string, query: Record<string, string | number>): Promise<unknown[]> {
    const out: unknown[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = (await this.options.clob.privateCall('GET', path, { query: { ...query, ...(cursor ? { next_cursor: cursor } : {}) } })) as { data?: unknown; next_cursor?: unknown } | null;
      if (!page || !Array.isArray(page.data)) throw new Error(`Polymarket ${path} answered without a data list`);
      out.push(...page.data);
      const next = typeof page.next_cursor === 'string' ? page.next_cursor : END_CURSOR;
      if (next === END_CURSOR || next === '' || next === cursor) return out;
      cursor = next;
    }
    throw new Error(`Polymarket ${path} still had more after ${MAX_PAGES} pages`);
  }

  private remember(hash: string, clientOrderId: string): void {
    this.clientIds.set(hash, clientOrderId);
    this.hashes.set(clientOrderId, hash);
    if (this.clientIds.size > REMEMBERED) this.clientIds.delete(this.clientIds.keys().next().value!);
    if (this.hashes.size > REMEMBERED) this.hashes.delete(this.hashes.keys().next().value!);
  }

  private problem(message: string): void {
    this.problems++;
    if (this.problems <= 50) this.options.log('warn', `Polymarket: ${message}`);
  }
}

function parseBalance(v: unknown, what: string): bigint {
  // Balances are integers in 10^-6 units ("10000000000" = $10,000).
  if (typeof v === 'string' && /^\d{1,30}$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw new Error(`Polymarket ${what}: ${JSON.stringify(v)} is not an integer amount`);
}
