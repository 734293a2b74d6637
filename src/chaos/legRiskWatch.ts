// What the chaos run checks of leg risk (issue 12), independently of the breaker it is checking:
// - naked exposure beyond the limit: after each execution or unwind, what the basket's unmatched
//   contracts (beyond dust) cost, fees included — what they lose if their outcome goes against
//   them — beyond maxLossPerTrade; the latest figure per basket, summed. Losses already realised
//   past the limit (a stop-loss) are not naked: they are reported apart, with the trips they cause;
// - baskets admitted while an unequal basket was open: at each breaker admission, any basket in
//   the ledger holding unequal legs (beyond dust) whose own execution has ended.
import Decimal from 'decimal.js';
import type { ExecutionResult } from '../shared/contract';
import { DisposableStore, type IDisposable } from '../shared/lifecycle';
import type { Engine } from '../engine/engine';
import type { Ledger } from '../engine/ledger/ledger';
import { unequalOf } from '../engine/risk/unhedged';

export interface LegRiskCounts {
  /** Dollars, to the cent. */
  nakedExposureBeyondLimit: number;
  /** Dollars realised as losses past the per-trade limit (stop-losses after the book moved), to the cent. */
  realisedPastLimit: number;
  admittedWhileUnhedged: number;
  /** The first few of each, for a human. */
  examples: string[];
}

export class LegRiskWatch implements IDisposable {
  private readonly store = new DisposableStore();
  private ledgerStore = new DisposableStore();
  /** Baskets of the current ledger holding unequal legs. */
  private unequal = new Set<string>();
  private readonly beyond = new Map<string, Decimal>();
  /** What the latest measure of each basket left naked, said for a human. */
  private readonly nakedText = new Map<string, string>();
  private readonly pastLimit = new Map<string, Decimal>();
  private admitted = 0;
  private readonly examples: string[] = [];

  constructor(private readonly engine: Engine) {
    this.watchLedger();
    this.store.add(engine.onEvent((e) => {
      if (e.event === 'mode') this.watchLedger();
      if (e.event === 'execution' && e.payload.step === 'breaker' && e.payload.status === 'ok') this.onAdmitted(e.payload.executionId);
    }));
    this.store.add(engine.execution.executor.onDidFinish(({ result }) => this.onFinished(result)));
  }

  counts(): LegRiskCounts {
    let total = new Decimal(0);
    for (const d of this.beyond.values()) total = total.plus(d);
    let realised = new Decimal(0);
    for (const d of this.pastLimit.values()) realised = realised.plus(d);
    const naked = [...this.beyond].filter(([, d]) => d.gt(0)).map(([id]) => this.nakedText.get(id)!);
    return {
      nakedExposureBeyondLimit: total.toDecimalPlaces(2, Decimal.ROUND_UP).toNumber(),
      realisedPastLimit: realised.toDecimalPlaces(2, Decimal.ROUND_UP).toNumber(),
      admittedWhileUnhedged: this.admitted,
      examples: [...naked.slice(0, 10), ...this.examples],
    };
  }

  dispose(): void {
    this.ledgerStore.dispose();
    this.store.dispose();
  }

  private watchLedger(): void {
    this.ledgerStore.dispose();
    this.ledgerStore = new DisposableStore();
    const ledger = this.engine.ledger;
    this.unequal = new Set(ledger.breakerStore.unequalBaskets(this.engine.risk.dust).map((u) => u.basketId));
    this.ledgerStore.add(ledger.onDidRecordFill(({ order }) => this.recheck(ledger, order.basketId)));
  }

  private recheck(ledger: Ledger, basketId: string): void {
    const p = ledger.basketPositions(basketId);
    if (p && unequalOf(p, this.engine.risk.dust)) this.unequal.add(basketId);
    else this.unequal.delete(basketId);
  }

  private onAdmitted(basketId: string): void {
    const executor = this.engine.execution.executor;
    const open = [...this.unequal].filter((id) => id !== basketId && !executor.isActive(id));
    if (open.length === 0) return;
    this.admitted++;
    this.example(`basket ${basketId.slice(0, 8)} admitted while ${open.map((id) => id.slice(0, 8)).join(', ')} held unequal legs`);
  }

  private onFinished(result: ExecutionResult): void {
    if (result.status === 'refused') return;
    const ledger = this.engine.ledger;
    const basketId = result.executionId;
    let p = ledger.basketPositions(basketId);
    if (!p) {
      // An unwind of an older basket: its result names the basket's opportunity, the basket itself by its legs' orders.
      const id = result.legs.flatMap((l) => l.orderIds).map((cid) => ledger.order(cid)?.basketId).find((x) => x !== undefined);
      p = id ? ledger.basketPositions(id) : null;
    }
    if (!p) return;
    const id = p.basket.id;
    this.recheck(ledger, id);
    const limit = new Decimal(this.engine.risk.limits().maxLossPerTrade);
    const realisedLoss = Decimal.max(0, p.legs.reduce((t, l) => t.plus(l.state.realised), new Decimal(0)).neg());
    this.pastLimit.set(id, Decimal.max(0, realisedLoss.minus(limit)));
    const low = Decimal.min(...p.legs.map((l) => l.state.held));
    let naked = new Decimal(0);
    if (unequalOf(p, this.engine.risk.dust)) {
      for (const { state } of p.legs) {
        const excess = state.held.minus(low);
        if (excess.gt(0)) naked = naked.plus(state.heldCost.plus(state.heldFees).times(excess).dividedBy(state.held));
      }
    }
    const over = Decimal.max(0, naked.minus(limit));
    this.beyond.set(id, over);
    // The latest measure of a basket stands: a later unwind that closes it clears it.
    this.nakedText.set(id, `basket ${id.slice(0, 8)} left $${naked.toFixed(2)} naked, $${over.toFixed(2)} beyond the $${limit.toFixed()} limit (${result.status}: ${result.reason ?? ''})`.slice(0, 400));
  }

  private example(text: string): void {
    if (this.examples.length < 10) this.examples.push(text);
  }
}
