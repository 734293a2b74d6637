// POST /order → OrderResult, exactly:
//   success + status "matched"   → filled, or partially_filled (a FAK that took less than asked)
//   success + status "live"      → resting (a GTC on the book; it may have traded some first)
//   success + status "delayed"   → pending (sports delay: matched or killed later — not unfilled)
//   success + status "unmatched" → unfilled (a FAK/FOK that found nothing)
//   a kill message (FOK not fully fillable, FAK with nothing to match), with or without HTTP 400
//                                → unfilled, the venue's message kept in rejectReason
//   success false or HTTP 4xx with any other message → rejected with the venue's message
//   HTTP 503 with the venue's own JSON error ("Trading is currently disabled" / "cancel-only":
//     the POST /order 503 examples of polymarket-clob.openapi.yaml) → rejected
//   success + tradeIDs, no status (asynchronous execution, 2026)
//                                → the trades decide: `awaitTrades`, settled by `fromTrades` once
//                                  the order's fills are read (else pending: onFill / findOrder)
//   success, no status, no trades → pending (accepted; the outcome comes later)
//   no answer, a lost connection, HTTP 5xx — a 503 from a proxy or load balancer (an HTML page,
//     no venue error) included — or an answer that cannot be read
//                                → OrderOutcomeUnknownError (the order may exist: find it by its hash)
// Filled quantity and average price come from the answer's amounts (BUY: taking = shares,
// making = pUSD; SELL the reverse); a quantity finer than 0.01 share is floored into `filledQty`.
//
// Units of makingAmount / takingAmount are disputed: the CLOB OpenAPI (SendOrderResponse) says
// "fixed-math with 6 decimals" ("100000000"), answers seen live carry decimals ("0.999999" /
// "6.666665"). Each answer is read in the unit that makes sense against the order we signed: what
// we give (BUY pUSD, SELL shares) never exceeds what we signed to give, and a fill is not below a
// hundredth of a share (readAmounts). An answer that makes sense in neither unit, or in both, is
// an unknown outcome — looked up, never guessed.
import { Money } from '../../positions/money';
import { formatQty, type Qty } from '../../../shared/units';
import { OrderOutcomeUnknownError, type OrderRequest, type OrderResult, type OrderStatus, type VenueFill } from '../venue';
import { parseAmount, type PolySide } from './amounts';
import { HttpError, venueMessage } from './http';

export interface PostOrderContext {
  request: OrderRequest;
  /** The order hash computed before sending. */
  hash: string;
  side: PolySide;
  /** The amounts signed into the order (10^-6 units); default: qty at the limit price. */
  signed?: { makerAmount: bigint; takerAmount: bigint };
}

export interface ParsedPostOrder {
  result: OrderResult;
  /** Trades created by the order, to read its fills. */
  tradeIds: string[];
  /** Shares traded, 10^-6. */
  shares: bigint;
  /** pUSD paid (BUY) or received (SELL), 10^-6. */
  collateral: bigint;
  /** The answer named trades but no status: the order's fills decide its result (`fromTrades`). */
  awaitTrades: boolean;
}

const SHARE = 1_000_000n;
/** The venue's size grid is 0.01 share: a fill below it is not a fill. */
const MIN_FILL = 10_000n;

type Amounts = { shares: bigint; collateral: bigint };

function signedOf(ctx: PostOrderContext): { makerAmount: bigint; takerAmount: bigint } {
  if (ctx.signed) return ctx.signed;
  const shares = BigInt(ctx.request.qty) * 10_000n;
  const value = BigInt(ctx.request.qty) * BigInt(ctx.request.limitPrice);
  return ctx.side === 'BUY' ? { makerAmount: value, takerAmount: shares } : { makerAmount: shares, takerAmount: value };
}

/** Whether traded amounts fit the signed order: we never give more than signed, and nothing is dust. */
function plausible(a: Amounts, ctx: PostOrderContext): boolean {
  if (a.shares === 0n && a.collateral === 0n) return true;
  if (a.shares < MIN_FILL || a.collateral <= 0n) return false;
  const signed = signedOf(ctx);
  // BUY gives pUSD (a fee charged on top may add to it: room for a tenth), SELL gives shares.
  return ctx.side === 'BUY' ? a.collateral * 10n <= signed.makerAmount * 11n + MIN_FILL : a.shares <= signed.makerAmount;
}

/**
 * makingAmount / takingAmount in the one unit (decimal pUSD/shares, or 6-decimal fixed math) that
 * fits the order we signed; a reason when no unit, or both, fit.
 */
export function readAmounts(making: unknown, taking: unknown, ctx: PostOrderContext): Amounts | string {
  const texts = [making, taking].map((v) => (v === '' || v === undefined || v === null ? '0' : v));
  const readings: { unit: string; value: Amounts }[] = [];
  const asDecimal = texts.map(parseAmount);
  const asBase = texts.map((t) => (typeof t === 'string' && /^\d{1,30}$/.test(t) ? BigInt(t) : typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? BigInt(t) : null));
  const orient = ([m, t]: bigint[]): Amounts => (ctx.side === 'BUY' ? { shares: t!, collateral: m! } : { shares: m!, collateral: t! });
  if (asDecimal.every((v) => v !== null)) readings.push({ unit: 'decimal', value: orient(asDecimal as bigint[]) });
  if (asBase.every((v) => v !== null)) readings.push({ unit: '6-decimal fixed math', value: orient(asBase as bigint[]) });
  const fits = readings.filter((r) => plausible(r.value, ctx));
  const shown = `making ${JSON.stringify(making)}, taking ${JSON.stringify(taking)}`;
  if (fits.length === 0) return `amounts (${shown}) fit the signed order in no unit${readings.length === 0 ? ' (unreadable)' : ''}`;
  if (fits.length === 2 && (fits[0]!.value.shares !== fits[1]!.value.shares || fits[0]!.value.collateral !== fits[1]!.value.collateral)) {
    return `amounts (${shown}) fit the signed order both as decimals and as 6-decimal fixed math`;
  }
  return fits[0]!.value;
}

const KILL_PATTERNS = [/FOK_ORDER_NOT_FILLED/i, /couldn'?t be fully filled/i, /no orders found to match with FAK/i, /FAK orders are partially filled or killed/i];

/** The CLOB's own 503: `{"error": "Trading is currently disabled…" | "…cancel-only…"}`. */
function isTradingHalt(body: unknown): boolean {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'string' && /^Trading is currently (disabled|cancel-only)/i.test(error);
}

export function isKillMessage(message: string): boolean {
  return KILL_PATTERNS.some((p) => p.test(message));
}

export function rejected(request: OrderRequest, reason: string, venueOrderId: string | null = null): OrderResult {
  return { clientOrderId: request.clientOrderId, venueOrderId, status: 'rejected', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: reason, fills: [] };
}

function unfilled(ctx: PostOrderContext, message: string | null): OrderResult {
  return { clientOrderId: ctx.request.clientOrderId, venueOrderId: ctx.hash, status: 'unfilled', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: message, fills: [] };
}

function unknown(ctx: PostOrderContext, why: string): OrderOutcomeUnknownError {
  return new OrderOutcomeUnknownError(`Polymarket order ${ctx.hash}: ${why}`, ctx.request.clientOrderId, ctx.hash);
}

/** A failed POST: a definite refusal or kill, or an unknown outcome (thrown). */
export function fromPostError(e: unknown, ctx: PostOrderContext): OrderResult {
  if (!(e instanceof HttpError)) throw unknown(ctx, `the request failed: ${e instanceof Error ? e.message : String(e)}`);
  if (e.notSent) return rejected(ctx.request, e.message);
  if (e.kind !== 'http' || e.status === null) throw unknown(ctx, e.message);
  const message = venueMessage(e.body);
  if (e.status >= 500 && !(e.status === 503 && isTradingHalt(e.body))) throw unknown(ctx, `HTTP ${e.status}: ${message}`);
  if (isKillMessage(message)) return unfilled(ctx, message);
  return rejected(ctx.request, `${message} (HTTP ${e.status})`, null);
}

/** A 2xx answer. Throws OrderOutcomeUnknownError when it cannot be read. */
export function fromPostAnswer(body: unknown, ctx: PostOrderContext): ParsedPostOrder {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unknown(ctx, `the answer is not an object: ${JSON.stringify(body)?.slice(0, 200)}`);
  const b = body as Record<string, unknown>;
  const errorMsg = typeof b.errorMsg === 'string' ? b.errorMsg : typeof b.error === 'string' ? b.error : '';
  if (b.success === false || (b.success !== true && errorMsg !== '')) {
    const result = isKillMessage(errorMsg) ? unfilled(ctx, errorMsg) : rejected(ctx.request, errorMsg || 'the venue refused the order without a reason');
    return { result, tradeIds: [], shares: 0n, collateral: 0n, awaitTrades: false };
  }
  if (b.success !== true) throw unknown(ctx, 'the answer has no success flag');
  const venueOrderId = typeof b.orderID === 'string' && b.orderID !== '' ? b.orderID : ctx.hash;
  const status = typeof b.status === 'string' ? b.status.toLowerCase() : '';
  const tradeIds = Array.isArray(b.tradeIDs) ? b.tradeIDs.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  if (status === '' && b.status !== undefined && b.status !== null && b.status !== '') throw unknown(ctx, `unknown order status ${JSON.stringify(b.status)}`);
  if (status === '') {
    // Accepted, executed asynchronously: the trades (or later events) tell what happened.
    const result: OrderResult = { ...unfilled(ctx, null), status: 'pending', venueOrderId };
    return { result, tradeIds, shares: 0n, collateral: 0n, awaitTrades: tradeIds.length > 0 };
  }
  const amounts = readAmounts(b.makingAmount, b.takingAmount, ctx);
  if (typeof amounts === 'string') throw unknown(ctx, amounts);
  const { shares, collateral } = amounts;
  const requested = BigInt(ctx.request.qty) * 10_000n;
  let orderStatus: OrderStatus;
  switch (status) {
    case 'matched':
      orderStatus = shares === 0n ? 'unfilled' : shares >= requested ? 'filled' : 'partially_filled';
      break;
    case 'live':
      orderStatus = 'resting';
      break;
    case 'delayed':
      orderStatus = 'pending';
      break;
    case 'unmatched':
      orderStatus = 'unfilled';
      break;
    default:
      throw unknown(ctx, `unknown order status ${JSON.stringify(b.status)}`);
  }
  const filledQty = Number(shares / 10_000n) as Qty;
  const result: OrderResult = {
    clientOrderId: ctx.request.clientOrderId,
    venueOrderId,
    status: orderStatus,
    filledQty,
    avgPrice: shares > 0n ? averagePrice(collateral, shares) : null,
    fee: '0',
    rejectReason: null,
    fills: [],
  };
  return { result, tradeIds, shares, collateral, awaitTrades: false };
}

/**
 * The result of an order the venue answered with trades but no status, from the order's own fills
 * in those trades. `complete`: every trade was read. Incomplete, or a GTC that may rest: pending
 * (the rest arrives through onFill / onOrderUpdate / findOrder). Fills that add up to more than
 * the order gives are an unknown outcome.
 */
export function fromTrades(ctx: PostOrderContext, venueOrderId: string, fills: readonly VenueFill[], complete: boolean): OrderResult {
  let shares = 0n;
  let collateral = 0n;
  for (const f of fills) {
    const q = parseAmount(f.qty);
    const p = parseAmount(f.price);
    if (q === null || p === null) throw unknown(ctx, `fill ${f.fillId} has an unreadable size or price`);
    shares += q;
    collateral += (q * p) / SHARE;
  }
  if (!plausible({ shares, collateral }, ctx) && shares > 0n) throw unknown(ctx, `its trades add up to ${formatQtyUnits(shares)} shares for ${formatQtyUnits(collateral)} pUSD, more than the order gives`);
  const requested = BigInt(ctx.request.qty) * 10_000n;
  const decided = complete && ctx.request.timeInForce !== 'gtc';
  const status: OrderStatus = !decided ? 'pending' : shares === 0n ? 'unfilled' : shares >= requested ? 'filled' : 'partially_filled';
  return {
    clientOrderId: ctx.request.clientOrderId,
    venueOrderId,
    status,
    filledQty: Number(shares / 10_000n) as Qty,
    avgPrice: shares > 0n ? averagePrice(collateral, shares) : null,
    fee: '0',
    rejectReason: null,
    fills: [...fills],
  };
}

function formatQtyUnits(units: bigint): string {
  return new Money(units.toString()).div(1_000_000).toFixed();
}

/** collateral / shares, to 6 dp, half even. */
export function averagePrice(collateral: bigint, shares: bigint): string {
  return new Money(collateral.toString()).div(shares.toString()).toDecimalPlaces(6).toFixed();
}

/**
 * The order's fee: exact when every trade's fill is known (their sum), otherwise an upper bound —
 * all shares at the average price (p(1−p) is concave, so the true fee is never higher for exponent 1).
 */
export function orderFee(fills: readonly VenueFill[], complete: boolean, bound: () => string): string {
  if (complete) return fills.reduce((sum, f) => sum.plus(f.fee), new Money(0)).toFixed();
  return bound();
}

export function describeResult(result: OrderResult): string {
  return `${result.status} ${formatQty(result.filledQty)}${result.avgPrice ? ` @ ${result.avgPrice}` : ''}${result.rejectReason ? ` (${result.rejectReason})` : ''}`;
}
