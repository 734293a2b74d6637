// Paper trading (the default mode): a `TradingApi` per venue that fills against the live books —
// walking the ask ladder up to the limit (buys) or the bid ladder down to it (sells), with IOC/FAK
// and FOK semantics — charges the venue's fee (the engine's fee models, one rounding per order),
// and consumes the liquidity it took (MarketImpact). Results, pushed fills and lookups look like a
// venue's, so the executor and the ledger run exactly as they do live.
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import { parseMarketRef } from '../../shared/ids';
import { Emitter } from '../../shared/lifecycle';
import { QTY_ONE, formatMicros, formatPrice, formatQty, type Micros, type Price, type Qty } from '../../shared/units';
import type { BookStore } from '../books/bookStore';
import { sourcePrice } from '../books/liquidity';
import type { LadderId } from '../books/marketBook';
import type { Clock } from '../platform/clock';
import { feeForFills, type FeeModel } from '../fees/feeModel';
import { Money, toMicros, toText } from '../../shared/money';
import { formatQuotient } from '../../shared/unitText';
import type { OrderRules } from '../venues/contribution';
import type { Decimal } from 'decimal.js';
import type {
  AccountBalance, CancelAllResult, MarketInfo, OpenOrder, OrderLookup, OrderRequest, OrderResult, OrderShape, PreparedOrder, TradingApi, VenueFill,
} from '../venues/venue';
import { walkLadder, type Walk } from '../sizing/ladderWalk';
import type { MarketImpact } from './marketImpact';

export interface PaperBrokerOptions {
  venue: VenueId;
  /** The venue's name, for refusals. */
  name: string;
  /** The venue's own local order rules: paper refuses what the venue would. */
  rules: OrderRules;
  clock: Clock;
  /** The live books (the Scanner's); null while there are none. */
  books(): BookStore | null;
  /** The taker fee model of a market, as the Scanner has it. */
  feeModel(market: MarketRef): FeeModel | undefined;
  impact: MarketImpact;
  /** Ask ladders whose view changed: re-size the baskets on them. */
  onLaddersChanged(ladders: readonly LadderId[]): void;
  /** Paper cash, dollars. */
  startingBalance?: string;
}

interface PaperOrder {
  lookup: OrderLookup;
  fills: VenueFill[];
}

export const DEFAULT_PAPER_BALANCE = '10000';

export class PaperBroker implements TradingApi {
  private readonly orders = new Map<string, PaperOrder>();
  private readonly byClientId = new Map<string, string>();
  private readonly allFills: VenueFill[] = [];
  private readonly held = new Map<string, number>();
  private cash: Micros;
  private readonly onFillEmitter = new Emitter<VenueFill>();
  readonly onFill = this.onFillEmitter.event;

  constructor(private readonly o: PaperBrokerOptions) {
    this.cash = toMicros(new Money(o.startingBalance ?? DEFAULT_PAPER_BALANCE), 'down');
  }

  /** Wall ms each order reached this paper venue (the kill switch's guard let it through); the last 10,000. */
  readonly received: number[] = [];

  placeOrder(req: OrderRequest): Promise<OrderResult> {
    return Promise.resolve().then(() => {
      // The kill switch's last word, as a connector asks it before writing the order.
      const held = req.guard?.recheck() ?? null;
      if (held !== null) {
        return { clientOrderId: req.clientOrderId, venueOrderId: null, status: 'rejected' as const, filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: `not sent: ${held}`, fills: [] };
      }
      this.received.push(this.o.clock.now());
      if (this.received.length > 10_000) this.received.splice(0, this.received.length - 10_000);
      return this.fill(req);
    });
  }

  /** The venue's own local rules (precision at the tick, lot, minimum): paper refuses what the venue would. */
  orderProblem(order: OrderShape, market: MarketInfo): string | null {
    return this.o.rules.problem(order, market);
  }

  /** The venue's rules, then the paper balance (a buy at its limit, fee included) or the paper position. */
  preflight(order: OrderRequest, market: MarketInfo): Promise<string | null> {
    const problem = this.orderProblem(order, market);
    if (problem !== null) return Promise.resolve(problem);
    const key = `${order.market}|${order.outcome}`;
    if (order.side === 'sell') {
      const held = this.held.get(key) ?? 0;
      return Promise.resolve(order.qty > held ? `paper position holds ${formatQty(held as Qty)} ${order.outcome.toUpperCase()} ${order.market}; cannot sell ${formatQty(order.qty)}` : null);
    }
    const fee = this.o.feeModel(order.market);
    const cost = order.limitPrice * order.qty + (fee ? feeForFills(fee, [order.limitPrice], [order.qty]) : 0);
    return Promise.resolve(cost > this.cash ? `insufficient paper balance: $${toText(new Money(this.cash).dividedBy(1e6))} available, up to $${toText(new Money(cost).dividedBy(1e6))} needed` : null);
  }

  /** The order's paper id is known before it is sent (as a Polymarket order hash is). */
  prepareOrder(req: OrderRequest): Promise<PreparedOrder> {
    return Promise.resolve({ request: req, venueOrderId: paperOrderId(req.clientOrderId), send: () => this.placeOrder(req) });
  }

  private fill(req: OrderRequest): OrderResult {
    const reject = (reason: string): OrderResult => ({
      clientOrderId: req.clientOrderId, venueOrderId: null, status: 'rejected', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: reason, fills: [],
    });
    if (this.byClientId.has(req.clientOrderId)) return reject(`client order id ${req.clientOrderId} was already used`);
    const ref = parseMarketRef(req.market);
    if (!ref || ref.venue !== this.o.venue) return reject(`${req.market} is not a ${this.o.venue} market`);
    if (req.timeInForce === 'gtc') return reject('paper trading fills immediate orders only (IOC/FAK, FOK); nothing rests on a paper book');
    if (!(Number.isSafeInteger(req.qty) && req.qty > 0)) return reject(`qty ${String(req.qty)} is not a positive quantity`);
    if (this.o.rules.wholeContracts && req.qty % QTY_ONE !== 0) return reject(`${this.o.name} trades whole contracts`);
    const books = this.o.books();
    const book = books?.get(req.market);
    const fee = this.o.feeModel(req.market);
    if (!book || !fee) return reject(`no live book for ${req.market}`);
    const side = book.outcome(req.outcome);
    if (side.health !== 'live') return reject(`the ${req.outcome.toUpperCase()} book of ${req.market} is ${side.health}; paper orders fill on live books only`);

    let walk: Walk = walkLadder(req.side === 'buy' ? side.asks : side.bids, req.qty, req.side, req.limitPrice);
    if (this.o.rules.wholeContracts && walk.qty % QTY_ONE !== 0) {
      walk = walkLadder(req.side === 'buy' ? side.asks : side.bids, walk.qty - (walk.qty % QTY_ONE), req.side, req.limitPrice);
    }
    if (req.timeInForce === 'fok' && walk.qty < req.qty) walk = { qty: 0, notional: 0, worst: null, prices: [], qtys: [] };

    const key = `${req.market}|${req.outcome}`;
    const fees = walk.qty > 0 ? feeForFills(fee, walk.prices, walk.qtys) : 0;
    if (req.side === 'sell' && walk.qty > (this.held.get(key) ?? 0)) {
      return reject(`paper position holds ${formatQty((this.held.get(key) ?? 0) as Qty)} ${req.outcome.toUpperCase()} ${req.market}; cannot sell ${formatQty(walk.qty as Qty)}`);
    }
    if (req.side === 'buy' && walk.notional + fees > this.cash) return reject(`insufficient paper balance: $${toText(new Money(this.cash).dividedBy(1e6))} available`);

    const venueOrderId = paperOrderId(req.clientOrderId);
    const at = this.o.clock.now();
    const fills: VenueFill[] = [];
    const source = book.takerSource(req.outcome, req.side);
    let feeSoFar = 0;
    for (let i = 0; i < walk.prices.length; i++) {
      // Each fill carries the rise of the order's rounded fee, as Kalshi reports it.
      const cumulative = feeForFills(fee, walk.prices.slice(0, i + 1), walk.qtys.slice(0, i + 1));
      fills.push({
        fillId: `${venueOrderId}-${i + 1}`,
        venueOrderId,
        clientOrderId: req.clientOrderId,
        market: req.market,
        outcome: req.outcome,
        side: req.side,
        price: formatPrice(walk.prices[i]! as Price),
        qty: formatQty(walk.qtys[i]! as Qty),
        fee: formatMicros((cumulative - feeSoFar) as Micros),
        at,
        final: true,
      });
      feeSoFar = cumulative;
      this.o.impact.take(source, sourcePrice(source, walk.prices[i]!), walk.qtys[i]!);
    }
    if (req.side === 'buy') {
      this.cash = (this.cash - walk.notional - fees) as Micros;
      this.held.set(key, (this.held.get(key) ?? 0) + walk.qty);
    } else {
      this.cash = (this.cash + walk.notional - fees) as Micros;
      this.held.set(key, (this.held.get(key) ?? 0) - walk.qty);
    }
    const filled = walk.qty as Qty;
    this.orders.set(venueOrderId, {
      lookup: { venueOrderId, clientOrderId: req.clientOrderId, state: filled >= req.qty ? 'executed' : 'canceled', filledQty: formatQty(filled), remainingQty: '0' },
      fills,
    });
    this.byClientId.set(req.clientOrderId, venueOrderId);
    this.allFills.push(...fills);
    if (source.ladder !== null && filled > 0) this.o.onLaddersChanged([source.ladder]);
    // The venue's push channel, after the answer (the router records each fill once).
    if (fills.length > 0) queueMicrotask(() => fills.forEach((f) => this.onFillEmitter.fire(f)));
    return {
      clientOrderId: req.clientOrderId,
      venueOrderId,
      status: filled >= req.qty ? 'filled' : filled > 0 ? 'partially_filled' : 'unfilled',
      filledQty: filled,
      avgPrice: filled > 0 ? formatQuotient(walk.notional * 100, filled, { fraction: 10 }) : null,
      fee: formatMicros(fees as Micros),
      rejectReason: null,
      fills,
    };
  }

  cancelOrder(venueOrderId: string): Promise<void> {
    const known = this.orders.has(venueOrderId);
    return Promise.reject(new Error(known ? `paper order ${venueOrderId} is no longer resting` : `no paper order ${venueOrderId}`));
  }

  cancelAll(): Promise<CancelAllResult> {
    return Promise.resolve({ cancelled: [], failed: [] });
  }

  openOrders(): Promise<OpenOrder[]> {
    return Promise.resolve([]);
  }

  findOrder(ref: { clientOrderId: string; venueOrderId: string | null; market: MarketRef }): Promise<OrderLookup | null> {
    const id = ref.venueOrderId ?? this.byClientId.get(ref.clientOrderId);
    return Promise.resolve(id ? (this.orders.get(id)?.lookup ?? null) : null);
  }

  fills(since: number | null): Promise<VenueFill[]> {
    return Promise.resolve(this.allFills.filter((f) => since === null || f.at >= since));
  }

  positions(): Promise<{ market: MarketRef; outcome: Outcome; qty: string }[]> {
    const out: { market: MarketRef; outcome: Outcome; qty: string }[] = [];
    for (const [key, qty] of this.held) {
      if (qty === 0) continue;
      const [market, outcome] = key.split('|') as [MarketRef, Outcome];
      out.push({ market, outcome, qty: formatQty(qty as Qty) });
    }
    return Promise.resolve(out);
  }

  balance(): Promise<AccountBalance> {
    return Promise.resolve({ available: toText(new Money(Math.max(0, this.cash)).dividedBy(1_000_000)) });
  }

  /** Paper cash now, micro-dollars (never below zero). */
  get cashMicros(): number {
    return Math.max(0, this.cash);
  }

  /** Sets the paper cash (dollars): the starting cash plus what the paper ledger moved. */
  rebase(dollars: Decimal): void {
    this.cash = toMicros(dollars, 'down');
  }

  dispose(): void {
    this.onFillEmitter.dispose();
  }
}

function paperOrderId(clientOrderId: string): string {
  return `paper-${clientOrderId}`;
}
