import type { Decimal } from 'decimal.js';
import type { PositionsView } from '../../shared/contract';
import { registeredVenueIds, type VenueId } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import type { Ledger } from './ledger';
import type { BasketOutcome, BasketPositions } from './types';
import { type BasketFigures, averagePrice, basketFigures, legExposureOf } from './accounting';
import { Money, ZERO, sum, toText } from '../../shared/money';

type BasketView = PositionsView['baskets'][number];

interface VenueFigures {
  contracts: Decimal;
  cost: Decimal;
  fees: Decimal;
  realised: Decimal;
  openExposure: Decimal;
}

interface Entry {
  view: BasketView;
  figures: BasketFigures;
  venues: Map<VenueId, VenueFigures>;
  active: boolean;
  /** For ordering finished baskets: when they settled or last changed. */
  finishedAt: number;
}

export interface PositionsServiceOptions {
  ledger: Ledger;
  /** Where "today" starts (ms), for P&L today: the breaker's trading day. */
  dayStart: () => number;
  /** Finished (settled or closed) baskets kept in the view, most recent first. */
  finishedInView?: number;
}

/**
 * Positions and P&L per basket and per venue, computed from the ledger with exact decimals, and
 * kept current as the ledger changes. Baskets that never filled anything are not positions and
 * are left out. Totals cover the whole ledger: locked-in and exposure of what is open, realised
 * P&L and fees of everything.
 */
export class PositionsService implements IDisposable {
  private ledger: Ledger;
  private readonly entries = new Map<string, Entry>();
  private subscription: IDisposable | null = null;
  private pending = false;
  private readonly onDidChangeEmitter = new Emitter<PositionsView>();
  /** Coalesced: at most one event per tick however many fills landed in it. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly options: PositionsServiceOptions) {
    this.ledger = options.ledger;
    this.load();
  }

  /** Switches to another ledger (the trading mode changed). */
  attach(ledger: Ledger): void {
    this.ledger = ledger;
    this.load();
    this.scheduleChange();
  }

  view(): PositionsView {
    const all = [...this.entries.values()];
    const active = all.filter((e) => e.active).sort((a, b) => b.view.openedAt - a.view.openedAt);
    const finished = all.filter((e) => !e.active).sort((a, b) => b.finishedAt - a.finishedAt).slice(0, this.options.finishedInView ?? 100);
    const venues = new Map<VenueId, VenueFigures>();
    for (const e of this.entries.values()) {
      for (const [venue, f] of e.venues) venues.set(venue, addFigures(venues.get(venue), f));
    }
    const figures = [...this.entries.values()].map((e) => e.figures);
    return {
      mode: this.ledger.mode,
      baskets: [...active, ...finished].map((e) => e.view),
      venues: orderedVenues(venues.keys()).map((venue) => {
        const f = venues.get(venue)!;
        return { venue, contracts: toText(f.contracts), cost: toText(f.cost), fees: toText(f.fees), realised: toText(f.realised), openExposure: toText(f.openExposure) };
      }),
      totals: {
        lockedIn: toText(sum(figures.map((f) => f.lockedIn))),
        realised: toText(sum(figures.map((f) => f.realised))),
        fees: toText(sum(figures.map((f) => f.fees))),
        openExposure: toText(sum(figures.map((f) => f.openExposure))),
        pnlToday: toText(this.ledger.realisedSince(this.options.dayStart())),
      },
    };
  }

  dispose(): void {
    this.subscription?.dispose();
    this.subscription = null;
    this.onDidChangeEmitter.dispose();
  }

  private load(): void {
    this.subscription?.dispose();
    this.entries.clear();
    for (const id of this.ledger.basketIds()) this.refreshBasket(id);
    this.subscription = this.ledger.onDidChangeBasket((id) => {
      this.refreshBasket(id);
      this.scheduleChange();
    });
  }

  private refreshBasket(id: string): void {
    const positions = this.ledger.basketPositions(id);
    if (!positions || positions.legs.every((l) => l.state.bought.isZero() && l.state.sold.isZero())) {
      this.entries.delete(id);
      return;
    }
    this.entries.set(id, entryOf(positions, positions.basket.settledAt !== null ? this.ledger.basketOutcome(id) : null));
  }

  private scheduleChange(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      if (!this.onDidChangeEmitter.hasListeners || this.ledger.isClosed) return;
      this.onDidChangeEmitter.fire(this.view());
    });
  }
}

function entryOf({ basket, legs }: BasketPositions, outcome: BasketOutcome | null): Entry {
  const settled = basket.settledAt !== null;
  const figures = basketFigures(new Money(basket.payoutPerUnit), legs.map((l) => l.state), settled);
  const venues = new Map<VenueId, VenueFigures>();
  for (const { leg, state } of legs) {
    const open = !settled && state.settledValue === null;
    venues.set(leg.venue, addFigures(venues.get(leg.venue), {
      contracts: open ? state.held : ZERO,
      cost: open ? state.heldCost : ZERO,
      fees: state.fees,
      realised: state.realised,
      openExposure: settled ? ZERO : legExposureOf(state, figures.matched),
    }));
  }
  const view: BasketView = {
    id: basket.id,
    strategy: basket.strategy,
    openedAt: basket.createdAt,
    legs: legs.map(({ leg, state }) => {
      const avg = averagePrice(state);
      return {
        market: leg.market,
        venue: leg.venue,
        title: leg.title,
        outcome: leg.outcome,
        contracts: toText(state.held),
        avgPrice: avg === null ? null : toText(avg),
        cost: toText(state.heldCost),
        fees: toText(state.fees),
        settledValue: state.settledValue === null ? null : toText(state.settledValue),
      };
    }),
    matched: toText(figures.matched),
    unmatched: toText(figures.unmatched),
    lockedIn: toText(figures.lockedIn),
    realised: toText(figures.realised),
    fees: toText(figures.fees),
    openExposure: toText(figures.openExposure),
    status: figures.status,
    settledAt: basket.settledAt,
    outcome: outcome ? { kind: outcome.outcome, payout: toText(new Money(outcome.payout)), expected: toText(new Money(outcome.expected)), capital: toText(new Money(outcome.capital)) } : null,
  };
  const active = figures.status !== 'settled' && figures.status !== 'closed';
  return { view, figures, venues, active, finishedAt: basket.settledAt ?? basket.createdAt };
}

function addFigures(a: VenueFigures | undefined, b: VenueFigures): VenueFigures {
  if (!a) return b;
  return {
    contracts: a.contracts.plus(b.contracts),
    cost: a.cost.plus(b.cost),
    fees: a.fees.plus(b.fees),
    realised: a.realised.plus(b.realised),
    openExposure: a.openExposure.plus(b.openExposure),
  };
}

/** Venues in registration order; any other (a venue no longer registered) after them, by id. */
function orderedVenues(present: Iterable<VenueId>): VenueId[] {
  const set = new Set(present);
  const known = registeredVenueIds().filter((v) => set.has(v));
  return [...known, ...[...set].filter((v) => !known.includes(v)).sort()];
}
