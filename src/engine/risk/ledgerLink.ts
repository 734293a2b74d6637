import { DisposableStore, type IDisposable } from '../../shared/lifecycle';
import type { Ledger } from '../ledger/ledger';
import { Money } from '../../shared/money';
import type { CircuitBreaker } from './circuitBreaker';

/**
 * Feeds the breaker from the ledger, the one source of truth: every recorded fill shrinks its
 * order's reservation and updates the leg's holding (trips on a breach); every final order
 * releases what it had not filled; every realised P&L drives the daily and per-trade loss limits.
 * The executor therefore records fills and outcomes in the ledger only, never twice.
 */
export function linkBreakerToLedger(breaker: CircuitBreaker, ledger: Ledger): IDisposable {
  const store = new DisposableStore();
  store.add(ledger.onDidRecordFill(({ fill }) => breaker.orderFilled(fill.clientOrderId, new Money(fill.qty))));
  store.add(ledger.onDidChangeOrder((order) => {
    if (order.final) breaker.orderEnded(order.clientOrderId);
  }));
  store.add(ledger.onDidChangeHolding((h) => breaker.applyHolding(h)));
  store.add(ledger.onDidRealise((r) => breaker.recordRealised(r)));
  return store;
}
