// Polymarket US's listings in the simulated world: the same propositions Kalshi lists as binaries
// and exclusive outcomes, each as one market with one YES book (next-venues.md §1.4), under a slug
// of its own. Every one pairs with a Kalshi market: same proposition, same rules — the cross-venue
// links a US trader can use. Ladders stay on Kalshi only. Built from the universe, deterministic.
import type { Price } from '../../shared/units';
import type { Universe } from '../world/types';

export interface PmUsListing {
  readonly slug: string;
  readonly propositionId: string;
  /** The Kalshi market it pairs with. */
  readonly kalshiTicker: string;
  readonly eventSlug: string;
  readonly question: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly outcome: string;
  readonly closeTime: number;
  readonly tick: Price;
  /** In 0.01 contracts (100 = one contract). */
  readonly minimumTradeQty: number;
  /** Θ as text, as the gateway publishes `feeCoefficient`. */
  readonly feeCoefficient: string;
  readonly liquidity: number;
  readonly halfSpreadTicks: number;
}

/** Taker Θ exchange-wide from 2026-09-25 (docs fees.md). */
export const TAKER_THETA = '0.0695';
/** Maker rebate Θ (docs fees.md): −0.0125. */
export const MAKER_REBATE_THETA = '0.0125';

export function buildPmUsListings(universe: Universe, max: number): PmUsListing[] {
  const out: PmUsListing[] = [];
  const events = new Map(universe.kalshi.events.map((e) => [e.eventTicker, e]));
  for (const k of universe.kalshi.markets) {
    if (out.length >= max) break;
    const prop = universe.propositions.get(k.propositionId);
    const group = prop ? universe.groups.find((g) => g.id === prop.groupId) : undefined;
    if (!prop || !group || group.kind === 'ladder' || prop.isOther) continue;
    const event = events.get(k.eventTicker);
    const eventSlug = `aec-${k.eventTicker.toLowerCase()}`;
    out.push({
      slug: `${eventSlug}-${k.ticker.toLowerCase().split('-').pop()}`,
      propositionId: k.propositionId,
      kalshiTicker: k.ticker,
      eventSlug,
      question: k.title,
      title: event?.title ?? k.title,
      description: `${k.rulesPrimary}${k.rulesSecondary ? ` ${k.rulesSecondary}` : ''}`,
      category: group.category,
      // A yes/no question's long side is "Yes"; an outcome inside an event is named by its label.
      // (A binary's label restates the question: as a side's name it read "Shutdown?: Shutdown by …".)
      outcome: group.kind === 'binary' ? 'Yes' : prop.label,
      closeTime: k.closeTime,
      tick: 100 as Price,
      minimumTradeQty: 100,
      feeCoefficient: TAKER_THETA,
      liquidity: k.liquidity,
      halfSpreadTicks: Math.max(1, k.halfSpreadTicks),
    });
  }
  return out;
}
