// The ledger against what really happened: every fill the venue (the simulator, or a paper broker)
// made for the account is in the ledger, nothing else is, and what the positions view shows is
// what the account holds.
import Decimal from 'decimal.js';
import type { PositionsView } from '../shared/contract';
import type { FillRecord, OrderRecord } from '../engine/tools';
import type { Ledger } from '../engine/tools';
import type { MarketInfo } from '../engine';
import type { SimulatorHandle } from '../sim/index';

export interface LedgerFill {
  fill: FillRecord;
  order: OrderRecord;
}

export function ledgerFills(ledger: Ledger): LedgerFill[] {
  const out: LedgerFill[] = [];
  for (const basketId of ledger.basketIds()) {
    for (const order of ledger.ordersOfBasket(basketId)) {
      for (const fill of ledger.fillsOfOrder(order.clientOrderId)) out.push({ fill, order });
    }
  }
  return out;
}

/** Contracts held per "market|outcome", from the ledger's fills (buys add, sells take away). */
export function holdingsFromFills(fills: readonly LedgerFill[]): Map<string, Decimal> {
  const held = new Map<string, Decimal>();
  for (const { fill, order } of fills) {
    const key = `${order.market}|${order.outcome}`;
    const qty = new Decimal(fill.qty);
    held.set(key, (held.get(key) ?? new Decimal(0)).plus(order.side === 'buy' ? qty : qty.neg()));
  }
  return held;
}

/** Contracts held per "market|outcome", as the positions view shows them. */
export function holdingsFromView(view: PositionsView): Map<string, Decimal> {
  const held = new Map<string, Decimal>();
  for (const basket of view.baskets) {
    for (const leg of basket.legs) {
      const key = `${leg.market}|${leg.outcome}`;
      held.set(key, (held.get(key) ?? new Decimal(0)).plus(leg.contracts));
    }
  }
  return held;
}

/** Keys whose holdings differ between a and b (a missing key holds zero). */
export function differingHoldings(a: Map<string, Decimal>, b: Map<string, Decimal>): string[] {
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? new Decimal(0);
    const y = b.get(key) ?? new Decimal(0);
    if (!x.eq(y)) out.push(`${key}: ${x.toFixed()} vs ${y.toFixed()}`);
  }
  return out.sort();
}

export interface FillCheck {
  venueFills: number;
  ledgerFills: number;
  /** The venue's fills of the account that the ledger does not hold. */
  missing: string[];
  /** Ledger fills the venue never made. */
  phantom: string[];
}

/** Paper: the fills the paper brokers reported against the paper ledger. */
export function checkPaperFills(brokerFillIds: ReadonlySet<string>, ledger: Ledger): FillCheck {
  const fills = ledgerFills(ledger);
  const inLedger = new Set(fills.map((f) => `${f.fill.venue}|${f.fill.venueFillId}`));
  return {
    venueFills: brokerFillIds.size,
    ledgerFills: fills.length,
    missing: [...brokerFillIds].filter((id) => !inLedger.has(id)),
    phantom: [...inLedger].filter((id) => !brokerFillIds.has(id)),
  };
}

/**
 * Live: the simulator's fills of the account (Kalshi fills, Polymarket trades it took) against
 * the live ledger. Orders in `excluded` (resting probes the driver placed outside the executor)
 * are not the ledger's.
 */
export function checkLiveFills(sim: SimulatorHandle, ledger: Ledger, excluded: { clientOrderIds: ReadonlySet<string>; venueOrderIds: ReadonlySet<string> }): FillCheck {
  const fills = ledgerFills(ledger);
  const inLedger = new Set(fills.map((f) => `${f.fill.venue}|${f.fill.venueFillId}`));
  const truth = new Set<string>();
  const missing: string[] = [];
  for (const f of sim.truth.kalshi.fills()) {
    if (excluded.clientOrderIds.has(f.clientOrderId) || excluded.venueOrderIds.has(f.orderId)) continue;
    const ids = [`kalshi|${f.tradeId}`, `kalshi|${f.fillId}`];
    ids.forEach((id) => truth.add(id));
    if (!ids.some((id) => inLedger.has(id))) missing.push(`kalshi fill ${f.fillId} (${f.count} ${f.ticker}, order ${f.clientOrderId})`);
  }
  for (const t of sim.truth.polymarket.trades()) {
    const ours = t.taker ? t.takerOrderId : t.makerOrderId;
    if (excluded.venueOrderIds.has(ours)) continue;
    truth.add(`polymarket|${t.id}`);
    if (!inLedger.has(`polymarket|${t.id}`)) missing.push(`polymarket trade ${t.id} (${t.size} ${t.side} ${t.assetId.slice(0, 10)}…, order ${ours.slice(0, 12)}…)`);
  }
  for (const f of sim.polymarketUs.fills()) {
    if (excluded.venueOrderIds.has(f.orderId)) continue;
    truth.add(`polymarket-us|${f.tradeId}`);
    if (!inLedger.has(`polymarket-us|${f.tradeId}`)) missing.push(`polymarket-us fill ${f.tradeId} (${f.qty / 100} ${f.slug}, order ${f.orderId})`);
  }
  return {
    venueFills: sim.truth.kalshi.fills().length + sim.truth.polymarket.trades().length + sim.polymarketUs.fills().length,
    ledgerFills: fills.length,
    missing,
    phantom: [...inLedger].filter((id) => !truth.has(id)),
  };
}

/**
 * What the simulator holds for the account per "market|outcome", in the ledger's terms: Kalshi
 * nets YES against NO into one signed position, so a Kalshi market compares as YES − NO;
 * Polymarket holds outcome tokens (`tokenRef` names the market and outcome of one).
 */
export function venueHoldings(sim: SimulatorHandle, tokenRef: (tokenId: string) => string | undefined): Map<string, Decimal> {
  const held = new Map<string, Decimal>();
  for (const p of sim.truth.kalshi.positions()) {
    if (!new Decimal(p.position).isZero()) held.set(`kalshi:${p.ticker}|net`, new Decimal(p.position));
  }
  // Polymarket US nets too: one YES instrument, a short position is NO.
  for (const [slug, net] of Object.entries(sim.polymarketUs.account().positions)) {
    if (net !== 0) held.set(`polymarket-us:${slug}|net`, new Decimal(net).div(100));
  }
  for (const [token, amount] of Object.entries(sim.truth.polymarket.balances().tokens)) {
    if (new Decimal(amount).isZero()) continue;
    held.set(tokenRef(token) ?? `polymarket:?token ${token}|?`, new Decimal(amount));
  }
  return held;
}

/** "polymarket:<conditionId>|<outcome>" of each outcome token of these markets. */
export function tokenRefsOf(markets: readonly MarketInfo[]): (tokenId: string) => string | undefined {
  const byToken = new Map<string, string>();
  for (const m of markets) {
    if (m.venue === 'polymarket' && m.tokens) {
      byToken.set(m.tokens.yes, `${m.ref}|yes`);
      byToken.set(m.tokens.no, `${m.ref}|no`);
    }
  }
  return (token) => byToken.get(token);
}

/** Ledger-side holdings in the venue's terms (Kalshi netted). */
export function netKalshi(held: Map<string, Decimal>): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const [key, qty] of held) {
    if (qty.isZero()) continue;
    const [market, outcome] = key.split('|') as [string, string];
    if (market.startsWith('kalshi:') || market.startsWith('polymarket-us:')) {
      const k = `${market}|net`;
      const next = (out.get(k) ?? new Decimal(0)).plus(outcome === 'yes' ? qty : qty.neg());
      if (next.isZero()) out.delete(k);
      else out.set(k, next);
    } else {
      out.set(key, qty);
    }
  }
  return out;
}
