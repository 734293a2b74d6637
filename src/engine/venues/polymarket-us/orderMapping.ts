// Orders and fills between the engine's terms (an outcome, buy/sell, a price on that outcome's own
// scale) and Polymarket US's (one instrument per market, the YES side; every price a YES price).
// Docs orders/overview.md, the price table (next-venues.md §1.8):
//   buy YES at p  = ORDER_INTENT_BUY_LONG  at p        sell YES at p = ORDER_INTENT_SELL_LONG  at p
//   buy NO at q   = ORDER_INTENT_BUY_SHORT at 1 − q    sell NO at q  = ORDER_INTENT_SELL_SHORT at 1 − q
// ("Buy Iowa at 0.83 | ORDER_INTENT_BUY_SHORT | 0.17"). Intents and TIFs as the SDK 0.1.1 types
// name them (dist/index.d.ts `OrderIntent`, `TimeInForce`, `CreateOrderParams`).
import type { Outcome } from '../../../shared/ids';
import { PRICE_ONE, complement, formatPrice, formatQty, parseScaled, type Price } from '../../../shared/units';
import type { OrderRequest, OrderShape, TimeInForce } from '../venue';

export type PmUsIntent = 'ORDER_INTENT_BUY_LONG' | 'ORDER_INTENT_SELL_LONG' | 'ORDER_INTENT_BUY_SHORT' | 'ORDER_INTENT_SELL_SHORT';
export type PmUsTif = 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL' | 'TIME_IN_FORCE_FILL_OR_KILL' | 'TIME_IN_FORCE_GOOD_TILL_CANCEL';

const TIF: Record<TimeInForce, PmUsTif> = {
  ioc: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL',
  fok: 'TIME_IN_FORCE_FILL_OR_KILL',
  gtc: 'TIME_IN_FORCE_GOOD_TILL_CANCEL',
};

const INTENTS: Record<Outcome, Record<'buy' | 'sell', PmUsIntent>> = {
  yes: { buy: 'ORDER_INTENT_BUY_LONG', sell: 'ORDER_INTENT_SELL_LONG' },
  no: { buy: 'ORDER_INTENT_BUY_SHORT', sell: 'ORDER_INTENT_SELL_SHORT' },
};

export function intentOf(order: Pick<OrderShape, 'outcome' | 'side'>): PmUsIntent {
  return INTENTS[order.outcome][order.side];
}

/** The engine's terms of an intent; null for a value this connector does not know. */
export function intentTerms(intent: unknown): { outcome: Outcome; side: 'buy' | 'sell' } | null {
  switch (intent) {
    case 'ORDER_INTENT_BUY_LONG': return { outcome: 'yes', side: 'buy' };
    case 'ORDER_INTENT_SELL_LONG': return { outcome: 'yes', side: 'sell' };
    case 'ORDER_INTENT_BUY_SHORT': return { outcome: 'no', side: 'buy' };
    case 'ORDER_INTENT_SELL_SHORT': return { outcome: 'no', side: 'sell' };
    default: return null;
  }
}

/** The YES price the venue is sent for an order's limit on its own outcome's scale. */
export function yesPriceOf(order: Pick<OrderShape, 'outcome' | 'limitPrice'>): Price {
  return order.outcome === 'yes' ? order.limitPrice : complement(order.limitPrice);
}

/** A price as the venue writes it: 2 to 4 decimals ("0.17", "0.555"). */
export function priceText(p: Price): string {
  return formatPrice(p).replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1');
}

export interface PmUsOrderBody {
  marketSlug: string;
  intent: PmUsIntent;
  type: 'ORDER_TYPE_LIMIT';
  price: { value: string; currency: 'USD' };
  /** A JSON number (the schema's `double`), built from the exact 2-decimal text so it prints back the same. */
  quantity: number;
  tif: PmUsTif;
  manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC';
  /** IOC/FOK: the response carries the executions ("blocks up to 10 seconds"). */
  synchronousExecution?: boolean;
}

/** The create-order body. Every order is a limit at the worst acceptable YES price. */
export function orderBody(order: OrderRequest, slug: string): PmUsOrderBody {
  const body: PmUsOrderBody = {
    marketSlug: slug,
    intent: intentOf(order),
    type: 'ORDER_TYPE_LIMIT',
    price: { value: priceText(yesPriceOf(order)), currency: 'USD' },
    quantity: Number(formatQty(order.qty)),
    tif: TIF[order.timeInForce],
    manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC',
  };
  if (order.timeInForce !== 'gtc') body.synchronousExecution = true;
  return body;
}

/** A YES price text ("0.17") as the outcome's own price text ("0.8300" for NO); null when unreadable. */
export function outcomePriceText(yesPrice: unknown, outcome: Outcome): string | null {
  const text = typeof yesPrice === 'object' && yesPrice !== null ? (yesPrice as { value?: unknown }).value : yesPrice;
  if (typeof text !== 'string') return null;
  const r = parseScaled(text, 4);
  if (!r.ok || r.value < 0 || r.value > PRICE_ONE) return null;
  const p = r.value as Price;
  return formatPrice(outcome === 'yes' ? p : complement(p));
}
