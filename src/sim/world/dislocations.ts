// Now and then the world opens a real arbitrage for a few seconds: one venue's maker quotes a
// listing off its usual place, pinned against the live quote of a related listing so that the
// basket below pays more than it costs after both venues' fees.
//   cross_venue:   equivalent markets on the two venues; buy YES on one, NO on the other
//   multi_outcome: an exclusive set on one venue; buy YES of every member (exhaustive sets), or
//                  NO of every member (pays n − 1)
//   ladder:        "above a higher strike" ⇒ "above a lower strike"; buy NO of the higher and
//                  YES of the lower
// The pinned listing is quoted thin and its taken depth does not recover until the dislocation
// ends, so the opportunity is finite.
import type { Outcome } from '../../shared/ids';
import type { Price } from '../../shared/units';
import type { Rng } from '../core/rng';
import type { QuoteTarget } from './quoting';
import type { Group, Listing, Universe } from './types';

export type DislocationKind = 'cross_venue' | 'multi_outcome' | 'ladder';

export interface QuoteConstraint {
  askAtMost?: Price;
  bidAtLeast?: Price;
}

export interface DislocationPlan {
  kind: DislocationKind;
  /** Listings quoted normally first; the constraints read their targets. */
  references: string[];
  /** Listing key → constraint from this tick's reference targets (undefined: infeasible now). */
  constrained: Map<string, (targets: ReadonlyMap<string, QuoteTarget>) => QuoteConstraint | undefined>;
  basket: { market: string; outcome: Outcome }[];
  /** Dollars paid per basket unit at resolution. */
  payout: number;
  /** Planned profit per basket unit after fees, dollars (model estimate). */
  edge: number;
}

export interface PlanContext {
  universe: Universe;
  listings: ReadonlyMap<string, Listing>;
  fair(propositionId: string): number;
  tick(listing: Listing): Price;
  /** Taker fee per contract at price p (dollars, model estimate). */
  feePerContract(listing: Listing, p: number): number;
  busy: ReadonlySet<string>;
  isTradable(listing: Listing): boolean;
  /** A group's listings on one venue, in listing order (an index, so planning never walks every listing). */
  membersOf?(group: Group, venue: 'kalshi' | 'polymarket'): Listing[];
}

const ONE = 10_000;

const KINDS: readonly DislocationKind[] = ['multi_outcome', 'ladder', 'cross_venue'];

/**
 * The `turn`-th dislocation tries each kind in turn (then the others, if it cannot be placed), so
 * every kind comes round and a world never opens only cross-venue ones for minutes.
 */
export function planDislocation(rng: Rng, turn: number, ctx: PlanContext): DislocationPlan | undefined {
  const first = turn % KINDS.length;
  const kinds = [...KINDS.slice(first), ...KINDS.slice(0, first)];
  for (const kind of kinds) {
    const plan = kind === 'cross_venue' ? planCrossVenue(rng, ctx) : kind === 'multi_outcome' ? planMultiOutcome(rng, ctx) : planLadder(rng, ctx);
    if (plan) return plan;
  }
  return undefined;
}

const floorTo = (x: number, tick: number) => Math.floor(x / tick) * tick;
const ceilTo = (x: number, tick: number) => Math.ceil(x / tick) * tick;

function usable(ctx: PlanContext, l: Listing | undefined): l is Listing {
  if (!l || ctx.busy.has(l.key) || !ctx.isTradable(l)) return false;
  const p = ctx.fair(l.propositionId);
  return p > 0.08 && p < 0.92;
}

function planCrossVenue(rng: Rng, ctx: PlanContext): DislocationPlan | undefined {
  const pairs = rng.shuffle(ctx.universe.relations.equivalent);
  for (const [ticker, conditionId] of pairs) {
    const k = ctx.listings.get(`kalshi:${ticker}`);
    const p = ctx.listings.get(`polymarket:${conditionId}`);
    if (!usable(ctx, k) || !usable(ctx, p)) continue;
    const [d, r] = rng.chance(0.5) ? [k, p] : [p, k];
    const fair = ctx.fair(d.propositionId);
    const edge = rng.between(0.02, 0.05);
    const allowance = ctx.feePerContract(d, fair) + ctx.feePerContract(r, fair) + 0.004;
    const cheapYes = rng.chance(0.5);
    const tick = ctx.tick(d);
    const constraint = (targets: ReadonlyMap<string, QuoteTarget>): QuoteConstraint | undefined => {
      const ref = targets.get(r.key);
      if (cheapYes) {
        const bid = ref?.bids[0]?.[0];
        if (bid === undefined) return undefined;
        const cap = floorTo(bid - (allowance + edge) * ONE, tick);
        return cap >= tick ? { askAtMost: cap as Price } : undefined;
      }
      const ask = ref?.asks[0]?.[0];
      if (ask === undefined) return undefined;
      const floor = ceilTo(ask + (allowance + edge) * ONE, tick);
      return floor <= ONE - 2 * tick ? { bidAtLeast: floor as Price } : undefined;
    };
    return {
      kind: 'cross_venue',
      references: [r.key],
      constrained: new Map([[d.key, constraint]]),
      basket: cheapYes
        ? [
            { market: d.key, outcome: 'yes' },
            { market: r.key, outcome: 'no' },
          ]
        : [
            { market: d.key, outcome: 'no' },
            { market: r.key, outcome: 'yes' },
          ],
      payout: 1,
      edge,
    };
  }
  return undefined;
}

function venueMembers(ctx: PlanContext, group: Group, venue: 'kalshi' | 'polymarket'): Listing[] {
  if (ctx.membersOf) return ctx.membersOf(group, venue);
  const out: Listing[] = [];
  for (const l of ctx.listings.values()) {
    if (l.venue === venue && ctx.universe.propositions.get(l.propositionId)?.groupId === group.id) out.push(l);
  }
  return out;
}

function planMultiOutcome(rng: Rng, ctx: PlanContext): DislocationPlan | undefined {
  const groups = rng.shuffle(ctx.universe.groups.filter((g) => g.kind === 'exclusive'));
  for (const group of groups) {
    const venue = rng.chance(0.5) ? 'kalshi' : 'polymarket';
    const members = venueMembers(ctx, group, venue);
    if (members.length < 2 || members.some((m) => ctx.busy.has(m.key) || !ctx.isTradable(m))) continue;
    const complete = members.length === group.propositions.length;
    const allYes = complete && rng.chance(0.6);
    const fairs = members.map((m) => ctx.fair(m.propositionId));
    if (fairs.some((f) => f < 0.02 || f > 0.95)) continue;
    const edge = rng.between(0.02, 0.05);
    const allowance = members.reduce((s, m, i) => s + ctx.feePerContract(m, fairs[i]!) + 0.004, 0);
    const sum = fairs.reduce((a, b) => a + b, 0);
    const n = members.length;
    const constrained = new Map<string, (t: ReadonlyMap<string, QuoteTarget>) => QuoteConstraint | undefined>();
    members.forEach((m, i) => {
      const tick = ctx.tick(m);
      if (allYes) {
        const cap = floorTo(((fairs[i]! * (1 - allowance - edge)) / sum) * ONE, tick);
        constrained.set(m.key, () => (cap >= tick ? { askAtMost: cap as Price } : undefined));
      } else {
        // Σ bids ≥ 1 + allowance + edge, so Σ NO asks = n − Σ bids ≤ n − 1 − allowance − edge.
        const floor = ceilTo(((fairs[i]! * (1 + allowance + edge)) / sum) * ONE, tick);
        constrained.set(m.key, () => (floor <= ONE - 2 * tick ? { bidAtLeast: floor as Price } : undefined));
      }
    });
    return {
      kind: 'multi_outcome',
      references: [],
      constrained,
      basket: members.map((m) => ({ market: m.key, outcome: allYes ? ('yes' as const) : ('no' as const) })),
      payout: allYes ? 1 : n - 1,
      edge,
    };
  }
  return undefined;
}

function planLadder(rng: Rng, ctx: PlanContext): DislocationPlan | undefined {
  const implications = rng.shuffle(ctx.universe.relations.implies);
  for (const imp of implications) {
    const a = ctx.listings.get(imp.if); // higher strike
    const b = ctx.listings.get(imp.then); // lower strike
    if (!usable(ctx, a) || !usable(ctx, b)) continue;
    const edge = rng.between(0.02, 0.05);
    const allowance = ctx.feePerContract(a, ctx.fair(a.propositionId)) + ctx.feePerContract(b, ctx.fair(b.propositionId)) + 0.008;
    const tick = ctx.tick(a);
    const constraint = (targets: ReadonlyMap<string, QuoteTarget>): QuoteConstraint | undefined => {
      const ask = targets.get(b.key)?.asks[0]?.[0];
      if (ask === undefined) return undefined;
      const floor = ceilTo(ask + (allowance + edge) * ONE, tick);
      return floor <= ONE - 2 * tick ? { bidAtLeast: floor as Price } : undefined;
    };
    return {
      kind: 'ladder',
      references: [b.key],
      constrained: new Map([[a.key, constraint]]),
      basket: [
        { market: a.key, outcome: 'no' },
        { market: b.key, outcome: 'yes' },
      ],
      payout: 1,
      edge,
    };
  }
  return undefined;
}
