import { type Micros, type Price, type Qty, notional } from '../../shared/units';

interface LegHolding {
  market: string;
  qty: Qty;
  cost: Micros;
}

interface Reservation {
  side: 'buy' | 'sell';
  market: string;
  legKey: string;
  /** Unfilled quantity still reserved. */
  qty: Qty;
  price: Price;
}

export const legKey = (basketId: string, legIndex: number): string => `${basketId}#${legIndex}`;

/**
 * What the limits count, in integer units, updated in O(1): contracts and dollars held per basket
 * leg (from the ledger), and what orders that may still fill have reserved. A buy reserves its
 * quantity and its worst-case cost (quantity × limit price) until it fills or ends, so two
 * executions racing for the last of a limit cannot both pass the gate.
 */
export class ExposureBook {
  private readonly holdings = new Map<string, LegHolding>();
  private readonly reservations = new Map<string, Reservation>();
  private readonly heldByMarket = new Map<string, number>();
  private readonly reservedByMarket = new Map<string, number>();
  private readonly sellingByLeg = new Map<string, number>();
  private readonly buyingByLeg = new Map<string, number>();
  private heldQty = 0;
  private heldCost = 0;
  private reservedQty = 0;
  private reservedCost = 0;

  /** Contracts held plus reserved in a market, across its outcomes. */
  marketQty(market: string): number {
    return (this.heldByMarket.get(market) ?? 0) + (this.reservedByMarket.get(market) ?? 0);
  }

  heldInMarket(market: string): number {
    return this.heldByMarket.get(market) ?? 0;
  }

  totalQty(): number {
    return this.heldQty + this.reservedQty;
  }

  totalCost(): number {
    return this.heldCost + this.reservedCost;
  }

  totalHeldQty(): number {
    return this.heldQty;
  }

  totalHeldCost(): number {
    return this.heldCost;
  }

  /** Contracts of a leg that a sell may still take: held, less sells already in flight. */
  sellable(key: string): number {
    return (this.holdings.get(key)?.qty ?? 0) - (this.sellingByLeg.get(key) ?? 0);
  }

  /** Contracts a leg holds plus what buys in flight may still add to it. */
  legBound(key: string): number {
    return (this.holdings.get(key)?.qty ?? 0) + (this.buyingByLeg.get(key) ?? 0);
  }

  hasReservation(clientOrderId: string): boolean {
    return this.reservations.has(clientOrderId);
  }

  /** Replaces a leg's holding with the ledger's figures. Returns the change in contracts. */
  setHolding(key: string, market: string, qty: Qty, cost: Micros): number {
    const before = this.holdings.get(key);
    const dq = qty - (before?.qty ?? 0);
    const dc = cost - (before?.cost ?? 0);
    if (qty === 0 && cost === 0) this.holdings.delete(key);
    else this.holdings.set(key, { market, qty, cost });
    add(this.heldByMarket, market, dq);
    this.heldQty += dq;
    this.heldCost += dc;
    return dq;
  }

  reserve(clientOrderId: string, side: 'buy' | 'sell', market: string, key: string, qty: Qty, price: Price): void {
    this.reservations.set(clientOrderId, { side, market, legKey: key, qty, price });
    this.apply(side, market, key, qty, price, +1);
  }

  /** Part of an order filled: that much is no longer reserved (the holding now counts it). */
  filled(clientOrderId: string, qty: Qty): void {
    const r = this.reservations.get(clientOrderId);
    if (!r) return;
    const taken = Math.min(qty, r.qty) as Qty;
    this.apply(r.side, r.market, r.legKey, taken, r.price, -1);
    r.qty = (r.qty - taken) as Qty;
  }

  /** The order ended: whatever did not fill is released. */
  release(clientOrderId: string): void {
    const r = this.reservations.get(clientOrderId);
    if (!r) return;
    this.apply(r.side, r.market, r.legKey, r.qty, r.price, -1);
    this.reservations.delete(clientOrderId);
  }

  clear(): void {
    this.holdings.clear();
    this.reservations.clear();
    this.heldByMarket.clear();
    this.reservedByMarket.clear();
    this.sellingByLeg.clear();
    this.buyingByLeg.clear();
    this.heldQty = this.heldCost = this.reservedQty = this.reservedCost = 0;
  }

  private apply(side: 'buy' | 'sell', market: string, key: string, qty: Qty, price: Price, sign: 1 | -1): void {
    if (side === 'sell') {
      add(this.sellingByLeg, key, sign * qty);
      return;
    }
    add(this.reservedByMarket, market, sign * qty);
    add(this.buyingByLeg, key, sign * qty);
    this.reservedQty += sign * qty;
    this.reservedCost += sign * notional(price, qty);
  }
}

function add(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}
