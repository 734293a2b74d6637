// The Polymarket CLOB: one YES-scale book per market where the YES and NO token books are
// mirror images (a NO buy at q is a YES ask at 1 − q, so direct, mint and merge matches all
// happen on one book), FOK/FAK/GTC/GTD semantics, taker fees at match time (pUSD, rounded to
// 5 dp per order), token and pUSD balances per wallet, and trades that progress
// MATCHED → MINED → CONFIRMED on the world clock.
import { createHash } from 'node:crypto';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { PRICE_ONE, type Micros, type Price } from '../../shared/units';
import { polyAmount, polyPrice } from '../core/format';
import { HttpError } from '../core/http';
import type { Rng } from '../core/rng';
import type { FaultController } from '../faults/controller';
import { LimitBook, type BookMatch, type BookSide, type LevelChange } from '../matching/book';
import { PolymarketFeeAccumulator } from '../matching/fees';
import type { QuoteTarget } from '../world/quoting';
import type { PolymarketListing, Universe } from '../world/types';
import type { VenueSink, World } from '../world/world';
import { SettlementDelay } from './settlementDelay';
import { OrderArrivals } from '../orderArrivals';
import type {
  ApiCreds,
  OutcomeToken,
  PolyAccount,
  PolyBookTag,
  PolyMarketState,
  PolyOrder,
  PolyOrderType,
  PolySide,
  PolyTrade,
} from './types';

export const MAKER_OWNER = 'mm';
export const MAKER_ADDRESS = '0x5151515151515151515151515151515151515151';
export const MAKER_API_KEY = '00000000-0000-4000-8000-000000000000';
const SHARE = 1_000_000;
const MINED_AFTER_MS = 2_000;
const CONFIRMED_AFTER_MS = 3_000;
const FINE_TICK = 10 as Price;

export interface PolyOrderRequest {
  id: string;
  apiKey: string;
  maker: string;
  tokenId: string;
  side: PolySide;
  makerAmount: bigint;
  takerAmount: bigint;
  orderType: PolyOrderType;
  expiration: number;
  postOnly: boolean;
}

export interface PlaceResult {
  order: PolyOrder;
  trades: PolyTrade[];
  status: 'matched' | 'live' | 'unmatched';
  /** What the order gave and got so far, base units (BUY: pUSD given, shares got). */
  making: number;
  taking: number;
}

export type OrderEventType = 'PLACEMENT' | 'UPDATE' | 'CANCELLATION';

const bad = (message: string, extra: Record<string, unknown> = {}) => new HttpError(400, 'bad_request', message, extra);

export class PolymarketExchange implements IDisposable {
  readonly markets = new Map<string, PolyMarketState>();
  readonly tokens = new Map<string, { market: PolyMarketState; outcome: OutcomeToken }>();
  readonly accounts = new Map<string, PolyAccount>();
  readonly apiKeys = new Map<string, ApiCreds>();
  private readonly keysByWallet = new Map<string, ApiCreds>();
  readonly orders = new Map<string, PolyOrder>();
  private readonly pending: PolyTrade[] = [];
  private makerSeq = 0;
  /** Resting GTD orders, so the sweep need not walk every order. */
  private readonly expiring = new Map<string, PolyAccount>();
  private readonly disposables: IDisposable[] = [];
  /** Shares bought but not yet sellable (the `settle` fault). */
  readonly settlement: SettlementDelay;
  /** Every order request received (accepted or refused). */
  readonly arrivals: OrderArrivals;

  private readonly bookChanged = new Emitter<{ market: PolyMarketState; change: LevelChange<PolyBookTag> }>();
  readonly onBookChange = this.bookChanged.event;
  private readonly tickChanged = new Emitter<{ market: PolyMarketState; old: Price; tick: Price }>();
  readonly onTickChange = this.tickChanged.event;
  private readonly traded = new Emitter<{ trade: PolyTrade; market: PolyMarketState }>();
  readonly onTrade = this.traded.event;
  private readonly tradeStatus = new Emitter<{ trade: PolyTrade; accounts: PolyAccount[] }>();
  /** A trade was created or moved on (MATCHED, MINED, CONFIRMED); `accounts` are its parties. */
  readonly onTradeStatus = this.tradeStatus.event;
  private readonly orderEvent = new Emitter<{ account: PolyAccount; order: PolyOrder; type: OrderEventType }>();
  readonly onOrder = this.orderEvent.event;
  private readonly resolvedEvent = new Emitter<PolyMarketState>();
  readonly onResolved = this.resolvedEvent.event;
  private readonly killedEvent = new Emitter<{ account: PolyAccount; req: PolyOrderRequest; market: PolyMarketState; price: Price; size: number }>();
  /** A FOK that could not be filled whole and was killed (the user channel may announce it: the `variants` fault). */
  readonly onKilled = this.killedEvent.event;

  constructor(
    private readonly world: World,
    private readonly faults: FaultController,
    private readonly ids: Rng,
    private readonly seed: string,
    private readonly now: () => number,
  ) {
    this.settlement = new SettlementDelay(now);
    this.arrivals = new OrderArrivals(now);
    for (const listing of world.universe.polymarket.markets) {
      const book = new LimitBook<PolyBookTag>();
      const state: PolyMarketState = {
        listing,
        book,
        tick: listing.tick,
        acceptingOrders: true,
        closed: false,
        winner: null,
        lastTradePrice: null,
        makerOrders: { bid: new Map(), ask: new Map() },
      };
      this.markets.set(listing.conditionId, state);
      this.tokens.set(listing.yesTokenId, { market: state, outcome: 'yes' });
      this.tokens.set(listing.noTokenId, { market: state, outcome: 'no' });
      this.disposables.push(book.onChange((change) => this.bookChanged.fire({ market: state, change })));
    }
    world.attach('polymarket', this.sink());
  }

  get universe(): Universe {
    return this.world.universe;
  }

  /** The wallet's account, created empty on first use (any wallet may hold an API key). */
  account(address: string): PolyAccount {
    const key = address.toLowerCase();
    let a = this.accounts.get(key);
    if (!a) {
      a = { address, collateral: 0 as Micros, allowance: null, tokens: new Map(), orders: new Map(), trades: [] };
      this.accounts.set(key, a);
    }
    return a;
  }

  fund(address: string, micros: number): void {
    const a = this.account(address);
    a.collateral = (a.collateral + micros) as Micros;
  }

  /** Sets the wallet's pUSD allowance to the exchanges (null: the maximum approval). */
  approve(address: string, micros: number | null): void {
    this.account(address).allowance = micros as Micros | null;
  }

  // ---------------------------------------------------------------- API keys

  /** Credentials are a pure function of (seed, wallet, nonce), like a derivation. */
  private credsFor(address: string, nonce: string): ApiCreds {
    const h = (label: string) => createHash('sha256').update(`${this.seed}|${label}|${address.toLowerCase()}|${nonce}`).digest();
    const k = h('key').toString('hex');
    const secret = h('secret').toString('base64url');
    return {
      apiKey: `${k.slice(0, 8)}-${k.slice(8, 12)}-4${k.slice(13, 16)}-8${k.slice(17, 20)}-${k.slice(20, 32)}`,
      secret: `${secret}${'='.repeat((4 - (secret.length % 4)) % 4)}`,
      passphrase: h('passphrase').toString('hex'),
      address,
      nonce,
    };
  }

  createApiKey(address: string, nonce: string): ApiCreds {
    const id = `${address.toLowerCase()}|${nonce}`;
    if (this.keysByWallet.has(id)) throw bad('Could not create api key');
    const creds = this.credsFor(address, nonce);
    this.keysByWallet.set(id, creds);
    this.apiKeys.set(creds.apiKey, creds);
    this.account(address);
    return creds;
  }

  deriveApiKey(address: string, nonce: string): ApiCreds {
    const creds = this.keysByWallet.get(`${address.toLowerCase()}|${nonce}`);
    if (!creds) throw bad('Could not derive api key!');
    return creds;
  }

  apiKeysOf(address: string): ApiCreds[] {
    return [...this.apiKeys.values()].filter((c) => c.address.toLowerCase() === address.toLowerCase());
  }

  deleteApiKey(apiKey: string): void {
    const c = this.apiKeys.get(apiKey);
    if (!c) return;
    this.apiKeys.delete(apiKey);
    this.keysByWallet.delete(`${c.address.toLowerCase()}|${c.nonce}`);
  }

  // ---------------------------------------------------------------- orders

  reservedCollateral(a: PolyAccount): number {
    let total = 0;
    for (const o of a.orders.values()) {
      if (o.status === 'LIVE' && o.side === 'BUY') total += ceilDiv((o.originalSize - o.sizeMatched) * o.price, 10_000);
    }
    return total;
  }

  reservedShares(a: PolyAccount, tokenId: string): number {
    let total = 0;
    for (const o of a.orders.values()) if (o.status === 'LIVE' && o.side === 'SELL' && o.assetId === tokenId) total += o.originalSize - o.sizeMatched;
    return total;
  }

  /** What the CLOB lets the account sell of a token: held, less what is still settling. */
  sellableShares(a: PolyAccount, tokenId: string): number {
    return Math.max(0, (a.tokens.get(tokenId) ?? 0) - this.settlement.unsettled(a, tokenId));
  }

  placeOrder(req: PolyOrderRequest): PlaceResult {
    this.arrivals.record(req.id);
    const token = this.tokens.get(req.tokenId);
    if (!token) throw bad('Invalid order payload: unknown tokenId');
    const market = token.market;
    if (!market.acceptingOrders || market.closed) throw bad('the market is not yet ready to process new orders');
    if (this.orders.has(req.id)) throw bad(`order ${req.id} is invalid. Duplicated.`);
    if (req.makerAmount <= 0n || req.takerAmount <= 0n) throw bad('Invalid order payload: amounts must be positive');
    const marketable = req.orderType === 'FOK' || req.orderType === 'FAK';
    // BUY: makerAmount pUSD for takerAmount shares; SELL: makerAmount shares for takerAmount pUSD.
    const shares = req.side === 'BUY' ? req.takerAmount : req.makerAmount;
    const collateral = req.side === 'BUY' ? req.makerAmount : req.takerAmount;
    if (shares > BigInt(Number.MAX_SAFE_INTEGER) / 10_000n || collateral > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('Invalid order payload: amounts too large');
    const num = collateral * 10_000n;
    const exact = num % shares === 0n;
    let price = Number(req.side === 'BUY' ? num / shares : (num + shares - 1n) / shares);
    const tick = market.tick;
    if (!marketable && (!exact || price % tick !== 0)) {
      throw bad(`order ${req.id} is invalid. Price (${polyPrice(price as Price)}) breaks minimum tick size rule: ${polyPrice(tick)}`);
    }
    // A market order's worst price, snapped onto the grid in the trader's favour of safety.
    price = req.side === 'BUY' ? Math.floor(price / tick) * tick : Math.ceil(price / tick) * tick;
    if (price < tick || price > PRICE_ONE - tick) {
      throw bad(`order ${req.id} is invalid. Price (${polyPrice(price as Price)}) breaks minimum tick size rule: ${polyPrice(tick)}`);
    }
    const size = Number(shares);
    if (size < market.listing.minOrderSize * SHARE) {
      throw bad(`order ${req.id} is invalid. Size (${polyAmount(size)}) lower than the minimum: ${market.listing.minOrderSize}`);
    }
    if (req.orderType === 'GTD' && req.expiration <= Math.floor(this.now() / 1000) + 60) throw bad('invalid expiration');
    if (req.side === 'BUY' && this.faults.shouldRejectSize('polymarket', size / SHARE)) {
      throw new HttpError(503, 'cancel_only', 'Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.');
    }
    if (this.faults.shouldReject('polymarket')) {
      throw new HttpError(503, 'cancel_only', 'Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.');
    }
    const account = this.account(req.maker);
    const feeRate = market.listing.feeRate;
    if (req.side === 'BUY') {
      const fee = Number((BigInt(size) * BigInt(feeRate) * BigInt(price) * BigInt(PRICE_ONE - price) + 999_999_999_999n) / 1_000_000_000_000n);
      const needed = Number(collateral) + fee;
      const reserved = this.reservedCollateral(account);
      if (needed > account.collateral - reserved) throw bad('not enough balance / allowance');
      if (account.allowance !== null && needed > account.allowance - reserved) throw bad('not enough balance / allowance');
    } else if (size > this.sellableShares(account, req.tokenId) - this.reservedShares(account, req.tokenId)) {
      throw bad('not enough balance / allowance');
    }

    const yesSide: BookSide = (token.outcome === 'yes') === (req.side === 'BUY') ? 'bid' : 'ask';
    const yesLimit = (token.outcome === 'yes' ? price : PRICE_ONE - price) as Price;
    const book = market.book;
    const available = book.available(yesSide, yesLimit, account.address.toLowerCase(), 'taker_at_cross');
    if (req.postOnly && available > 0) throw bad('invalid post-only order: order crosses book');
    if (req.orderType === 'FOK' && available < size) {
      this.killedEvent.fire({ account, req, market, price: price as Price, size });
      throw bad("order couldn't be fully filled. FOK orders are fully filled or killed.");
    }
    if (req.orderType === 'FAK' && available === 0) {
      throw bad('no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.', { orderID: req.id });
    }

    const order: PolyOrder = {
      id: req.id,
      owner: req.apiKey,
      makerAddress: account.address,
      market: market.listing.conditionId,
      assetId: req.tokenId,
      outcome: token.outcome,
      side: req.side,
      price: price as Price,
      originalSize: size,
      sizeMatched: 0,
      status: 'LIVE',
      orderType: req.orderType,
      expiration: req.expiration,
      createdAt: this.now(),
      associateTrades: [],
      fee: new PolymarketFeeAccumulator(feeRate, market.listing.feeExponent),
      collateralMatched: 0,
    };
    this.orders.set(order.id, order);
    account.orders.set(order.id, order);

    let cap = size;
    if (req.orderType !== 'FOK' && available > 0 && this.faults.shouldFillPartially('polymarket')) {
      cap = Math.max(10_000, Math.floor(Math.min(size, available) / 2 / 10_000) * 10_000);
    }
    const tag: PolyBookTag = { orderId: order.id, outcome: token.outcome, side: req.side };
    const taken = book.take(yesSide, yesLimit, cap, { owner: account.address.toLowerCase(), tag }, 'taker_at_cross');
    const trades = taken.matches.map((m) => this.settleMatch(market, account, order, m));
    const rests = (req.orderType === 'GTC' || req.orderType === 'GTD') && taken.remaining > 0 && cap === size && !taken.stoppedBySelfTrade;
    if (rests) {
      book.rest(order.id, account.address.toLowerCase(), yesSide, yesLimit, taken.remaining, tag);
      if (order.orderType === 'GTD' && order.expiration > 0) this.expiring.set(order.id, account);
    } else {
      order.status = order.sizeMatched > 0 ? 'MATCHED' : 'UNMATCHED';
    }
    this.orderEvent.fire({ account, order, type: 'PLACEMENT' });
    const making = order.side === 'BUY' ? order.collateralMatched : order.sizeMatched;
    const taking = order.side === 'BUY' ? order.sizeMatched : order.collateralMatched;
    return { order, trades, status: rests ? 'live' : order.sizeMatched > 0 ? 'matched' : 'unmatched', making, taking };
  }

  cancel(account: PolyAccount, id: string): boolean {
    const order = account.orders.get(id);
    if (!order || order.status !== 'LIVE') return false;
    this.markets.get(order.market)!.book.cancel(id);
    order.status = 'CANCELED';
    this.orderEvent.fire({ account, order, type: 'CANCELLATION' });
    return true;
  }

  /** Cancels resting GTD orders past their expiration. */
  sweepExpired(): void {
    const nowSec = Math.floor(this.now() / 1000);
    for (const [id, account] of [...this.expiring]) {
      const o = account.orders.get(id)!;
      if (o.status !== 'LIVE') this.expiring.delete(id);
      else if (o.expiration <= nowSec) {
        this.expiring.delete(id);
        this.cancel(account, id);
      }
    }
  }

  /** Moves trades along MATCHED → MINED → CONFIRMED on the world clock. */
  advanceTrades(worldMs: number): void {
    for (let i = 0; i < this.pending.length; ) {
      const t = this.pending[i]!;
      if (t.nextStatusAt > worldMs) {
        i++;
        continue;
      }
      t.status = t.status === 'MATCHED' ? 'MINED' : 'CONFIRMED';
      t.lastUpdate = this.now();
      t.nextStatusAt = worldMs + CONFIRMED_AFTER_MS;
      this.tradeStatus.fire({ trade: t, accounts: this.partiesOf(t) });
      if (t.status === 'CONFIRMED') this.pending.splice(i, 1);
      else i++;
    }
  }

  private partiesOf(t: PolyTrade): PolyAccount[] {
    const out: PolyAccount[] = [];
    const taker = this.accounts.get(t.takerAddress.toLowerCase());
    if (taker) out.push(taker);
    const maker = t.maker.owner === MAKER_API_KEY ? undefined : this.accounts.get(t.maker.makerAddress.toLowerCase());
    if (maker && maker !== taker) out.push(maker);
    return out;
  }

  private settleMatch(market: PolyMarketState, taker: PolyAccount, order: PolyOrder, match: BookMatch<PolyBookTag>): PolyTrade {
    const qty = match.qty;
    const takerPrice = (order.outcome === 'yes' ? match.price : PRICE_ONE - match.price) as Price;
    const fee = order.fee.add(qty, takerPrice);
    this.applyFill(taker, order, qty, takerPrice, fee);
    const makerFill = this.settleMaker(market, match);
    const trade: PolyTrade = {
      id: this.ids.uuid(),
      takerOrderId: order.id,
      market: market.listing.conditionId,
      assetId: order.assetId,
      side: order.side,
      size: qty,
      price: takerPrice,
      outcome: order.outcome,
      feeRateBps: market.listing.feeRate,
      fee,
      takerOwner: order.owner,
      takerAddress: taker.address,
      maker: makerFill,
      status: 'MATCHED',
      matchTime: this.now(),
      lastUpdate: this.now(),
      transactionHash: `0x${this.ids.hex(32)}`,
      nextStatusAt: this.world.worldMs + MINED_AFTER_MS,
    };
    order.associateTrades.push(trade.id);
    taker.trades.push(trade);
    const makerAccount = makerFill.owner === MAKER_API_KEY ? undefined : this.accounts.get(makerFill.makerAddress.toLowerCase());
    if (makerAccount && makerAccount !== taker) makerAccount.trades.push(trade);
    if (makerAccount) {
      const mo = this.orders.get(makerFill.orderId)!;
      mo.associateTrades.push(trade.id);
    }
    market.lastTradePrice = match.price;
    this.pending.push(trade);
    this.traded.fire({ trade, market });
    this.tradeStatus.fire({ trade, accounts: this.partiesOf(trade) });
    return trade;
  }

  private settleMaker(market: PolyMarketState, match: BookMatch<PolyBookTag>): PolyTrade['maker'] {
    const tag = match.maker.tag;
    const price = (tag.outcome === 'yes' ? match.price : PRICE_ONE - match.price) as Price;
    const token = tag.outcome === 'yes' ? market.listing.yesTokenId : market.listing.noTokenId;
    if (match.maker.owner === MAKER_OWNER) {
      if (match.maker.remaining === 0) market.makerOrders[match.maker.side].delete(match.maker.price);
      this.world.makerFilled(market.listing.key, match.maker.side, match.qty);
      return { orderId: tag.orderId, owner: MAKER_API_KEY, makerAddress: MAKER_ADDRESS, matchedAmount: match.qty, price, assetId: token, outcome: tag.outcome, side: tag.side };
    }
    const account = this.accounts.get(match.maker.owner)!;
    const order = account.orders.get(tag.orderId)!;
    this.applyFill(account, order, match.qty, price, 0 as Micros);
    if (match.maker.remaining === 0) order.status = 'MATCHED';
    this.orderEvent.fire({ account, order, type: 'UPDATE' });
    return { orderId: order.id, owner: order.owner, makerAddress: account.address, matchedAmount: match.qty, price, assetId: token, outcome: tag.outcome, side: tag.side };
  }

  /** Moves pUSD and tokens for one side of a match; buyers' cost rounds up, sellers' proceeds down. */
  private applyFill(account: PolyAccount, order: PolyOrder, qty: number, price: Price, fee: Micros): void {
    const value = qty * price; // 10^-10 dollars
    const held = account.tokens.get(order.assetId) ?? 0;
    if (order.side === 'BUY') {
      const cost = ceilDiv(value, 10_000);
      account.collateral = (account.collateral - cost - fee) as Micros;
      // transferFrom uses up a finite ERC-20 allowance; the maximum approval is never decreased.
      if (account.allowance !== null) account.allowance = Math.max(0, account.allowance - cost - fee) as Micros;
      account.tokens.set(order.assetId, held + qty);
      order.collateralMatched += cost;
      if (account.address !== MAKER_ADDRESS) this.settlement.bought(account, order.assetId, qty, this.faults.settleMs('polymarket'));
    } else {
      const proceeds = Math.floor(value / 10_000);
      account.collateral = (account.collateral + proceeds - fee) as Micros;
      account.tokens.set(order.assetId, held - qty);
      order.collateralMatched += proceeds;
    }
    order.sizeMatched += qty;
  }

  // ---------------------------------------------------------------- the world's side

  private sink(): VenueSink {
    return {
      tick: (l) => this.tickFor(l as PolymarketListing),
      isTradable: (l) => {
        const m = this.markets.get((l as PolymarketListing).conditionId);
        return !!m && m.acceptingOrders && !m.closed;
      },
      feePerContract: (l, p) => ((l as PolymarketListing).feeRate / 10_000) * p * (1 - p) + 0.00002,
      applyQuotes: (l, target) => this.applyQuotes(l as PolymarketListing, target),
      settle: (l, result) => this.settle(l as PolymarketListing, result),
    };
  }

  /** The dynamic tick: $0.001 once the price leaves [0.04, 0.96], back to $0.01 inside [0.05, 0.95]. */
  private tickFor(listing: PolymarketListing): Price {
    const market = this.markets.get(listing.conditionId)!;
    const p = this.world.fair(listing.propositionId);
    let tick = market.tick;
    if (tick === listing.tick && (p > 0.96 || p < 0.04)) tick = FINE_TICK;
    else if (tick === FINE_TICK && p >= 0.05 && p <= 0.95) tick = listing.tick;
    if (tick !== market.tick) {
      const old = market.tick;
      market.tick = tick;
      this.tickChanged.fire({ market, old, tick });
    }
    return tick;
  }

  private applyQuotes(listing: PolymarketListing, target: QuoteTarget): void {
    const market = this.markets.get(listing.conditionId)!;
    const want: Record<BookSide, Map<number, number>> = { bid: new Map(target.bids), ask: new Map(target.asks) };
    const book = market.book;
    for (const side of ['bid', 'ask'] as const) {
      for (const [price, id] of [...market.makerOrders[side]]) {
        const size = want[side].get(price) ?? 0;
        const order = book.get(id);
        if (!order) market.makerOrders[side].delete(price);
        else if (size === 0) {
          book.cancel(id);
          market.makerOrders[side].delete(price);
        } else if (size < order.remaining) book.resize(id, size);
      }
    }
    for (const side of ['bid', 'ask'] as const) {
      for (const [price, size] of want[side]) {
        const id = market.makerOrders[side].get(price);
        if (id !== undefined && book.get(id)) {
          if (book.get(id)!.remaining !== size) book.resize(id, size);
          continue;
        }
        this.placeMakerOrder(market, side, price as Price, size);
      }
    }
  }

  private placeMakerOrder(market: PolyMarketState, side: BookSide, price: Price, size: number): void {
    const id = `mm-${++this.makerSeq}`;
    const tag: PolyBookTag = { orderId: id, outcome: 'yes', side: side === 'bid' ? 'BUY' : 'SELL' };
    const taken = market.book.take(side, price, size, { owner: MAKER_OWNER, tag }, 'taker_at_cross');
    for (const match of taken.matches) {
      // The maker's new quote trades with a trader's resting order; the trader is the maker.
      const makerFill = this.settleMaker(market, match);
      const trade: PolyTrade = {
        id: this.ids.uuid(),
        takerOrderId: id,
        market: market.listing.conditionId,
        assetId: market.listing.yesTokenId,
        side: tag.side,
        size: match.qty,
        price: match.price,
        outcome: 'yes',
        feeRateBps: market.listing.feeRate,
        fee: 0 as Micros,
        takerOwner: MAKER_API_KEY,
        takerAddress: MAKER_ADDRESS,
        maker: makerFill,
        status: 'MATCHED',
        matchTime: this.now(),
        lastUpdate: this.now(),
        transactionHash: `0x${this.ids.hex(32)}`,
        nextStatusAt: this.world.worldMs + MINED_AFTER_MS,
      };
      const account = this.accounts.get(makerFill.makerAddress.toLowerCase());
      if (account) {
        account.trades.push(trade);
        this.orders.get(makerFill.orderId)?.associateTrades.push(trade.id);
      }
      market.lastTradePrice = match.price;
      this.pending.push(trade);
      this.traded.fire({ trade, market });
      this.tradeStatus.fire({ trade, accounts: this.partiesOf(trade) });
    }
    if (taken.remaining > 0 && !taken.stoppedBySelfTrade) {
      market.book.rest(id, MAKER_OWNER, side, price, taken.remaining, tag);
      market.makerOrders[side].set(price, id);
    }
  }

  private settle(listing: PolymarketListing, result: 'yes' | 'no'): void {
    const market = this.markets.get(listing.conditionId)!;
    if (market.closed) return;
    market.acceptingOrders = false;
    for (const order of [...market.book.orders()]) {
      market.book.cancel(order.id);
      if (order.owner === MAKER_OWNER) continue;
      const account = this.accounts.get(order.owner)!;
      const o = account.orders.get(order.tag.orderId)!;
      o.status = 'CANCELED';
      this.orderEvent.fire({ account, order: o, type: 'CANCELLATION' });
    }
    market.makerOrders.bid.clear();
    market.makerOrders.ask.clear();
    market.closed = true;
    market.winner = result;
    // Winning tokens redeem 1:1 for pUSD (the simulator redeems for everyone at resolution).
    const winning = result === 'yes' ? listing.yesTokenId : listing.noTokenId;
    for (const account of this.accounts.values()) {
      const held = account.tokens.get(winning) ?? 0;
      if (held > 0) account.collateral = (account.collateral + held) as Micros;
      account.tokens.delete(listing.yesTokenId);
      account.tokens.delete(listing.noTokenId);
    }
    this.resolvedEvent.fire(market);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.bookChanged.dispose();
    this.tickChanged.dispose();
    this.traded.dispose();
    this.tradeStatus.dispose();
    this.orderEvent.dispose();
    this.resolvedEvent.dispose();
  }
}

function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}
