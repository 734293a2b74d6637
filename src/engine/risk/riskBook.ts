// What the limits are measured against: the contracts and dollars held and reserved (ExposureBook)
// and today's realised P&L, both read back from the ledger of the current mode. The circuit breaker
// owns one: it asks it whether an order or a basket stays within the limits, and hears from it
// which limit a holding or a loss breached.
import type { Decimal } from 'decimal.js';
import type { TripKind } from '../../shared/contract';
import { Money, microsToText, toMicros, toPrice, toQty } from '../../shared/money';
import type { Micros, Price, Qty } from '../../shared/units';
import type { HoldingChange, OrderRecord } from '../ledger/types';
import { ExposureBook, legKey } from './exposure';
import { type Refusal, contracts, refuse, usd } from './gateTypes';
import type { CompiledLimits } from './limits';

export interface Breach {
  kind: TripKind;
  reason: string;
}

export class RiskBook {
  readonly exposure = new ExposureBook();
  private dayStartedAt = 0;
  private nextDayAt = 0;
  /** Net realised P&L today, micro-dollars (losses negative). */
  private dailyPnl = 0;

  /** When the current trading day began (ms). */
  get dayStart(): number {
    return this.dayStartedAt;
  }

  /** When the next trading day begins (ms). */
  get nextDay(): number {
    return this.nextDayAt;
  }

  /** Today's realised loss, as contract text (never negative). */
  dailyLossText(): string {
    return microsToText(Math.max(0, -this.dailyPnl));
  }

  /** Starts the trading day that holds `now`, reading its realised P&L from the ledger. */
  startDay(now: number, limits: CompiledLimits, realisedSince: (at: number) => Decimal): void {
    this.dayStartedAt = limits.day.startOf(now);
    this.nextDayAt = limits.day.nextStart(now);
    this.dailyPnl = toMicros(realisedSince(this.dayStartedAt), 'down');
  }

  /** Reads holdings and the orders still open (each keeps its reservation until it ends) back from the ledger. */
  load(holdings: readonly HoldingChange[], pending: readonly OrderRecord[]): void {
    this.exposure.clear();
    for (const h of holdings) this.exposure.setHolding(legKey(h.basketId, h.legIndex), h.market, toQty(h.held, 'up'), toMicros(h.cost, 'up'));
    for (const o of pending) this.reservePending(o);
  }

  /** A realised P&L booked today (not for a day already over). */
  addRealised(at: number, delta: Decimal): void {
    if (at >= this.dayStartedAt) this.dailyPnl += toMicros(delta, 'down');
  }

  /** The daily loss limit, reached by what was realised today; null while within it. */
  dailyLossBreach(limits: CompiledLimits): Breach | null {
    if (-this.dailyPnl < limits.maxDailyLoss) return null;
    return { kind: 'max_daily_loss', reason: `Realised loss today ${usd(-this.dailyPnl)} reached the ${usd(limits.maxDailyLoss)} daily limit` };
  }

  /** A basket leg's holding from the ledger; the limits it now breaks, when it grew. */
  applyHolding(h: HoldingChange, limits: CompiledLimits): Breach[] {
    const grew = this.exposure.setHolding(legKey(h.basketId, h.legIndex), h.market, toQty(h.held, 'up'), toMicros(h.cost, 'up')) > 0;
    if (!grew) return [];
    const out: Breach[] = [];
    const inMarket = this.exposure.heldInMarket(h.market);
    if (inMarket > limits.maxPositionPerMarket) {
      out.push({ kind: 'max_position_per_market', reason: `${contracts(inMarket)} contracts held in ${h.market}, over the ${contracts(limits.maxPositionPerMarket)} limit` });
    }
    if (this.exposure.totalHeldQty() > limits.maxTotalContracts) {
      out.push({ kind: 'max_total_contracts', reason: `${contracts(this.exposure.totalHeldQty())} contracts held in total, over the ${contracts(limits.maxTotalContracts)} limit` });
    }
    if (this.exposure.totalHeldCost() > limits.maxTotalDollars) {
      out.push({ kind: 'max_total_dollars', reason: `${usd(this.exposure.totalHeldCost())} held in total, over the ${usd(limits.maxTotalDollars)} limit` });
    }
    return out;
  }

  /** Whether buying these legs (and a worst case of that loss) stays within the limits; a refusal says which. */
  exposureRefusal(legs: readonly { market: string; qty: Qty; price: Price }[], worstCaseLoss: Micros | null, l: CompiledLimits): Refusal | null {
    if (-this.dailyPnl >= l.maxDailyLoss) return refuse('max_daily_loss', `Realised loss today ${usd(-this.dailyPnl)} has reached the ${usd(l.maxDailyLoss)} daily limit`);
    let addQty = 0;
    let addCost = 0;
    const byMarket = legs.length === 1 ? null : new Map<string, number>();
    for (const leg of legs) {
      addQty += leg.qty;
      addCost += leg.qty * leg.price;
      const inMarket = byMarket ? (byMarket.get(leg.market) ?? 0) + leg.qty : leg.qty;
      byMarket?.set(leg.market, inMarket);
      const after = this.exposure.marketQty(leg.market) + inMarket;
      if (after > l.maxPositionPerMarket) {
        return refuse('max_position_per_market', `${leg.market} would hold ${contracts(after)} contracts, over the ${contracts(l.maxPositionPerMarket)} per-market limit`);
      }
    }
    if (this.exposure.totalQty() + addQty > l.maxTotalContracts) {
      return refuse('max_total_contracts', `Total position would be ${contracts(this.exposure.totalQty() + addQty)} contracts, over the ${contracts(l.maxTotalContracts)} limit`);
    }
    if (this.exposure.totalCost() + addCost > l.maxTotalDollars) {
      return refuse('max_total_dollars', `Total position would cost ${usd(this.exposure.totalCost() + addCost)}, over the ${usd(l.maxTotalDollars)} limit`);
    }
    if (worstCaseLoss !== null) {
      if (worstCaseLoss > l.maxLossPerTrade) {
        return refuse('max_loss_per_trade', `Worst-case loss ${usd(worstCaseLoss)} is over the ${usd(l.maxLossPerTrade)} per-trade limit`);
      }
      if (-this.dailyPnl + worstCaseLoss > l.maxDailyLoss) {
        return refuse('max_daily_loss', `Worst-case loss ${usd(worstCaseLoss)} could take today's loss (${usd(Math.max(0, -this.dailyPnl))}) past the ${usd(l.maxDailyLoss)} daily limit`);
      }
    }
    return null;
  }

  /** An order still open after a restart may fill: it keeps its reservation until it ends. */
  private reservePending(o: OrderRecord): void {
    const rest = new Money(o.qty).minus(o.filledQty);
    if (rest.lte(0)) return;
    this.exposure.reserve(o.clientOrderId, o.side, o.market, legKey(o.basketId, o.legIndex), toQty(rest, 'up'), toPrice(new Money(o.limitPrice), 'up'));
  }
}
