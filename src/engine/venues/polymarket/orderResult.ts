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
//   no answer, a lost connection, HTTP 5xx — a 503 from a proxy or load balancer (an HTML page,
//     no venue error) included — or an answer that cannot be read
//                                → OrderOutcomeUnknownError (the order may exist: find it by its hash)
// Filled quantity and average price come from the answer's amounts (BUY: taking = shares,
// making = pUSD; SELL the reverse); a quantity finer than 0.01 share is floored into `filledQty`.
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
}

export interface ParsedPostOrder {
  result: OrderResult;
  /** Trades created by the order, to read its fills. */
  tradeIds: string[];
  /** Shares traded, 10^-6. */
  shares: bigint;
  /** pUSD paid (BUY) or received (SELL), 10^-6. */
  collateral: bigint;
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
    return { result, tradeIds: [], shares: 0n, collateral: 0n };
  }
  if (b.success !== true) throw unknown(ctx, 'the answer has no success flag');
  const venueOrderId = typeof b.orderID === 'string' && b.orderID !== '' ? b.orderID : ctx.hash;
  const status = typeof b.status === 'string' ? b.status.toLowerCase() : '';
  const making = parseAmount(b.makingAmount === '' || b.makingAmount === undefined ? '0' : b.makingAmount);
  const taking = parseAmount(b.takingAmount === '' || b.takingAmount === undefined ? '0' : b.takingAmount);
  if (making === null || taking === null) throw unknown(ctx, `unreadable amounts (making ${JSON.stringify(b.makingAmount)}, taking ${JSON.stringify(b.takingAmount)})`);
  const shares = ctx.side === 'BUY' ? taking : making;
  const collateral = ctx.side === 'BUY' ? making : taking;
  const tradeIds = Array.isArray(b.tradeIDs) ? b.tradeIDs.filter((x): x is string => typeof x === 'string' && x !== '') : [];
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
  return { result, tradeIds, shares, collateral };
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
