// The market world: fair values move, each venue's market maker re-quotes every tick, and now
// and then a dislocation opens. The world knows nothing about protocols; venues attach a sink
// that turns quote targets into resting orders on their books and settles resolved listings.
import type { VenueId } from '../venues';
import { formatScaled, type Price } from '../../shared/units';
import { Rng } from '../core/rng';
import { RateController, ZipfPicker } from './activity';
import { buildUniverse } from './catalog';
import { amendmentNotice } from './variants';
import { planDislocation, type DislocationKind, type DislocationPlan } from './dislocations';
import { FairModel } from './fairValue';
import { MarketMaker, type QuoteTarget } from './quoting';
import type { Group, Listing, Universe } from './types';

export interface VenueSink {
  /** The listing's current price grid. */
  tick(listing: Listing): Price;
  isTradable(listing: Listing): boolean;
  /** Taker fee per contract at probability p, in dollars (a planning estimate). */
  feePerContract(listing: Listing, p: number): number;
  /** Moves the maker's resting orders to this target. */
  applyQuotes(listing: Listing, target: QuoteTarget): void;
  /** Resolves the listing: cancels resting orders and pays the winners. */
  settle(listing: Listing, result: 'yes' | 'no'): void;
}

export interface DislocationRecord {
  readonly id: string;
  readonly kind: DislocationKind;
  /** Market refs of every leg ("kalshi:T", "polymarket:0x…"). */
  readonly markets: string[];
  /** What to buy, one contract of each leg per basket unit. */
  readonly basket: { market: string; outcome: 'yes' | 'no' }[];
  /** Dollars one basket unit pays at resolution. */
  readonly payout: number;
  /** The planned profit per basket unit after fees, dollars (4 dp). */
  readonly plannedEdge: string;
  readonly startedWorldMs: number;
  endsWorldMs: number;
  readonly startedAt: number;
  endedAt: number | null;
}

/**
 * Mean world seconds between dislocations in the embedded default world: often enough that a
 * first run shows an executable basket within seconds (each kind in turn, so within-venue ones —
 * visible before any link is confirmed — come early), rare enough that each is an event.
 */
export const DEFAULT_DISLOCATION_EVERY_SEC = 5;
/** How long a dislocation stays quoted, world seconds: long enough for a person to act on it. */
const LIFETIME_SEC = [4, 10] as const;
/** The first one opens this soon after the world starts (world seconds). */
const FIRST_WITHIN_SEC = [2, 5] as const;

export interface WorldOptions {
  seed: string;
  markets: number;
  /** Mean world seconds between dislocations (0 = none). */
  dislocationEverySec: number;
  now(): number;
  /** A world at the venues' scale: this many Polymarket markets (Kalshi: `markets`). */
  polymarketMarkets?: number;
  /** Price levels a side each maker quotes (default 6). */
  levels?: number;
  /**
   * Re-quote a Zipf-weighted sample of listings each tick instead of every one, to keep the
   * venues' feeds at about this many messages a second (`sent`: messages the feeds have sent).
   */
  activity?: { messagesPerSecond: number; sent: () => number };
}

interface ActiveDislocation {
  plan: DislocationPlan;
  record: DislocationRecord;
  thin: number;
}

export type Resolution = { winner?: string; level?: number; result?: 'yes' | 'no' };

const MAKER_PROFILES = {
  kalshi: { unit: 100, lot: 100 },
  polymarket: { unit: 1_000_000, lot: 10_000 },
} as const;

export class World {
  readonly universe: Universe;
  readonly listings = new Map<string, Listing>();
  private readonly models = new Map<string, FairModel>();
  private readonly makers = new Map<string, MarketMaker>();
  private readonly fairs = new Map<string, number>();
  private readonly active: ActiveDislocation[] = [];
  private readonly records: DislocationRecord[] = [];
  private readonly sinks: Partial<Record<VenueId, VenueSink>> = {};
  private readonly results = new Map<string, 'yes' | 'no'>();
  private readonly groupsById = new Map<string, Group>();
  private readonly listingsByGroup = new Map<string, Listing[]>();
  /** Activity mode: when each group's walk and each listing's quote last moved (world ms). */
  private readonly activity: { picker: ZipfPicker<Listing>; rate: RateController; rng: Rng; modelAt: Map<string, number>; quotedAt: Map<string, number> } | null;
  private readonly dislocationRng: Rng;
  private readonly resolveRng: Rng;
  private nextDislocationAt: number;
  private dislocationCount = 0;
  worldMs = 0;

  constructor(private readonly options: WorldOptions) {
    this.universe = buildUniverse(options.seed, options.markets, options.polymarketMarkets);
    const root = new Rng(options.seed);
    for (const g of this.universe.groups) {
      this.models.set(g.id, new FairModel(g, root.fork(`fair-${g.id}`)));
      this.groupsById.set(g.id, g);
      this.listingsByGroup.set(g.id, []);
    }
    for (const l of [...this.universe.kalshi.markets, ...this.universe.polymarket.markets]) {
      this.listings.set(l.key, l);
      this.listingsByGroup.get(this.universe.propositions.get(l.propositionId)!.groupId)!.push(l);
      this.makers.set(
        l.key,
        new MarketMaker({ ...MAKER_PROFILES[l.venue], liquidity: l.liquidity, halfSpreadTicks: l.halfSpreadTicks, levels: options.levels }, root.fork(`maker-${l.key}`)),
      );
    }
    this.dislocationRng = root.fork('dislocations');
    this.resolveRng = root.fork('resolve');
    this.nextDislocationAt = options.dislocationEverySec > 0 ? Math.round(this.dislocationRng.between(...FIRST_WITHIN_SEC) * 1000) : Number.POSITIVE_INFINITY;
    this.activity = options.activity
      ? {
          picker: new ZipfPicker([...this.listings.values()], root.fork('activity-rank')),
          rate: new RateController(options.activity.messagesPerSecond, options.activity.sent),
          rng: root.fork('activity'),
          modelAt: new Map(),
          quotedAt: new Map(),
        }
      : null;
    this.refreshFairs();
  }

  attach(venue: VenueId, sink: VenueSink): void {
    this.sinks[venue] = sink;
  }

  fair(propositionId: string): number {
    if (this.activity !== null) this.catchUp(this.universe.propositions.get(propositionId)?.groupId);
    return this.fairs.get(propositionId) ?? 0.5;
  }

  /** Activity mode: moves a group's walk up to now, the first time it is asked for after a step. */
  private catchUp(groupId: string | undefined): void {
    const a = this.activity;
    if (a === null || groupId === undefined) return;
    const at = a.modelAt.get(groupId) ?? 0;
    if (at === this.worldMs) return;
    a.modelAt.set(groupId, this.worldMs);
    const model = this.models.get(groupId)!;
    if (!this.isGroupResolved(groupId)) model.step((this.worldMs - at) / 1000);
    const group = this.groupsById.get(groupId)!;
    model.probabilities().forEach((p, i) => this.fairs.set(group.propositions[i]!.id, p));
  }

  /**
   * A rule edit after listing, as venues do make them: the market's rules text (Kalshi
   * `rules_primary`, Polymarket `description`) becomes `text`, or gets an amendment notice appended.
   * Returns the rules as now published. A confirmed link on this market must be suspended.
   */
  amendRules(ref: string, text?: string): string {
    const listing = this.listings.get(ref);
    if (!listing) throw new Error(`no market ${ref} (a "kalshi:<ticker>" or "polymarket:<conditionId>" from /truth/catalog)`);
    if (text !== undefined && text.trim() === '') throw new Error('rules must not be empty');
    const at = this.options.now();
    if (listing.venue === 'kalshi') listing.rulesPrimary = text ?? `${listing.rulesPrimary}${amendmentNotice(at)}`;
    else listing.description = text ?? `${listing.description}${amendmentNotice(at)}`;
    return listing.venue === 'kalshi' ? listing.rulesPrimary : listing.description;
  }

  result(propositionId: string): 'yes' | 'no' | undefined {
    return this.results.get(propositionId);
  }

  groupOf(listing: Listing): Group {
    return this.groupsById.get(this.universe.propositions.get(listing.propositionId)!.groupId)!;
  }

  /** The maker's order on `side` of a listing was hit for `qty` book units. */
  makerFilled(listingKey: string, side: 'bid' | 'ask', qty: number): void {
    this.makers.get(listingKey)?.consumed(side, qty);
  }

  dislocations(): readonly DislocationRecord[] {
    return this.records;
  }

  /**
   * Advances the world by dtMs of world time and re-quotes every open listing (in activity mode:
   * the dislocated ones and a Zipf-weighted sample; the walks of the others move when next used).
   */
  step(dtMs: number): void {
    this.worldMs += dtMs;
    const dt = dtMs / 1000;
    if (this.activity === null) {
      for (const [gid, model] of this.models) {
        if (!this.isGroupResolved(gid)) model.step(dt);
      }
      this.refreshFairs();
    }
    this.updateDislocations();

    const targets = new Map<string, QuoteTarget>();
    const constrained = new Set<string>();
    for (const d of this.active) for (const key of d.plan.constrained.keys()) constrained.add(key);
    for (const listing of this.quotedThisTick()) {
      if (constrained.has(listing.key) || !this.quotable(listing)) continue;
      targets.set(listing.key, this.makers.get(listing.key)!.quote(this.fair(listing.propositionId), this.sink(listing).tick(listing), this.quoteDt(listing, dt)));
    }
    for (const d of [...this.active]) {
      // A dislocation only exists while every pinned quote can be placed; once one cannot
      // (the reference moved too far), it closes, and a plan that never could is forgotten.
      const constraints = [...d.plan.constrained].map(([key, of]) => [key, of(targets)] as const);
      const feasible = constraints.every(([, c]) => c !== undefined);
      if (!feasible) {
        const index = this.active.indexOf(d);
        if (d.record.startedWorldMs === this.worldMs) {
          this.active.splice(index, 1);
          this.records.splice(this.records.indexOf(d.record), 1);
        } else {
          d.record.endsWorldMs = this.worldMs;
          this.endDislocation(index);
        }
      }
      for (const [key, constraint] of constraints) {
        const listing = this.listings.get(key)!;
        if (!this.quotable(listing)) continue;
        const fair = this.fair(listing.propositionId);
        const tick = this.sink(listing).tick(listing);
        const maker = this.makers.get(key)!;
        const qdt = this.quoteDt(listing, dt);
        targets.set(key, feasible ? maker.quote(fair, tick, qdt, { constraint: constraint!, thin: d.thin, frozen: true }) : maker.quote(fair, tick, qdt));
      }
    }
    for (const [key, target] of targets) {
      const listing = this.listings.get(key)!;
      this.sink(listing).applyQuotes(listing, target);
    }
  }

  /** Every listing; in activity mode, this tick's Zipf sample (each at most once). */
  private quotedThisTick(): Iterable<Listing> {
    const a = this.activity;
    if (a === null) return this.listings.values();
    // Before the first tick every book is quoted once, so each market has a book to send.
    if (a.quotedAt.size === 0) return this.listings.values();
    const picked = new Set<Listing>();
    // A dislocation's pinned quotes follow their references' quotes: those move every tick.
    for (const d of this.active) for (const key of d.plan.references) picked.add(this.listings.get(key)!);
    const n = Math.min(a.rate.next(this.options.now()), a.picker.size);
    for (let tries = 0, target = picked.size + n; picked.size < target && tries < n * 4; tries++) picked.add(a.picker.pick(a.rng));
    return picked;
  }

  /** World seconds since the listing was last quoted (its maker's walk covers them at once). */
  private quoteDt(listing: Listing, tickDt: number): number {
    const a = this.activity;
    if (a === null) return tickDt;
    const last = a.quotedAt.get(listing.key);
    a.quotedAt.set(listing.key, this.worldMs);
    return last === undefined ? tickDt : Math.max(tickDt, (this.worldMs - last) / 1000);
  }

  /** Resolves every proposition of a group consistently and settles their listings. */
  resolveGroup(groupId: string, how: Resolution = {}): Record<string, 'yes' | 'no'> {
    const group = this.groupsById.get(groupId);
    if (!group) throw new Error(`unknown group ${groupId}`);
    if (this.isGroupResolved(groupId)) throw new Error(`group ${groupId} is already resolved`);
    const out: Record<string, 'yes' | 'no'> = {};
    const props = group.propositions;
    const probs = this.models.get(groupId)!.probabilities();
    if (group.kind === 'binary') {
      out[props[0]!.id] = how.result ?? (this.resolveRng.next() < probs[0]! ? 'yes' : 'no');
    } else if (group.kind === 'exclusive') {
      let winner = how.winner;
      if (winner !== undefined && !props.some((p) => p.id === winner)) throw new Error(`${winner} is not an outcome of ${groupId}`);
      if (winner === undefined) {
        let u = this.resolveRng.next();
        winner = props[props.length - 1]!.id;
        for (let i = 0; i < props.length; i++) {
          u -= probs[i]!;
          if (u < 0) {
            winner = props[i]!.id;
            break;
          }
        }
      }
      for (const p of props) out[p.id] = p.id === winner ? 'yes' : 'no';
    } else {
      const level = how.level ?? this.models.get(groupId)!.underlying;
      for (const p of props) out[p.id] = level > p.strike! ? 'yes' : 'no';
    }
    for (const [pid, result] of Object.entries(out)) this.results.set(pid, result);
    for (let i = this.active.length - 1; i >= 0; i--) {
      const d = this.active[i]!;
      if (d.record.markets.some((m) => this.results.has(this.listings.get(m)!.propositionId))) this.endDislocation(i);
    }
    for (const listing of this.listings.values()) {
      const result = out[listing.propositionId];
      if (result) this.sink(listing).settle(listing, result);
    }
    return out;
  }

  private isGroupResolved(groupId: string): boolean {
    const group = this.groupsById.get(groupId)!;
    return group.propositions.every((p) => this.results.has(p.id));
  }

  private quotable(listing: Listing): boolean {
    return !this.results.has(listing.propositionId) && this.sinks[listing.venue] !== undefined && this.sink(listing).isTradable(listing);
  }

  private sink(listing: Listing): VenueSink {
    const s = this.sinks[listing.venue];
    if (!s) throw new Error(`no ${listing.venue} venue attached`);
    return s;
  }

  private refreshFairs(): void {
    for (const [gid, model] of this.models) {
      const group = this.groupsById.get(gid)!;
      model.probabilities().forEach((p, i) => this.fairs.set(group.propositions[i]!.id, p));
    }
  }

  private drawNextDislocation(from: number): number {
    const mean = this.options.dislocationEverySec;
    if (!(mean > 0)) return Number.POSITIVE_INFINITY;
    return from + Math.max(1000, -Math.log(1 - this.dislocationRng.next()) * mean * 1000);
  }

  private endDislocation(index: number): void {
    const [d] = this.active.splice(index, 1);
    if (d) d.record.endedAt = this.options.now();
  }

  private updateDislocations(): void {
    for (let i = this.active.length - 1; i >= 0; i--) {
      if (this.active[i]!.record.endsWorldMs <= this.worldMs) this.endDislocation(i);
    }
    if (this.worldMs < this.nextDislocationAt) return;
    this.nextDislocationAt = this.drawNextDislocation(this.worldMs);
    const busy = new Set<string>();
    for (const d of this.active) for (const m of d.record.markets) busy.add(m);
    const rng = this.dislocationRng;
    const plan = planDislocation(rng, this.dislocationCount, {
      universe: this.universe,
      listings: this.listings,
      fair: (pid) => this.fair(pid),
      tick: (l) => this.sink(l).tick(l),
      feePerContract: (l, p) => this.sink(l).feePerContract(l, p),
      busy,
      isTradable: (l) => this.quotable(l),
      membersOf: (group, venue) => (this.listingsByGroup.get(group.id) ?? []).filter((l) => l.venue === venue),
    });
    const durationMs = Math.round(rng.between(LIFETIME_SEC[0] * 1000, LIFETIME_SEC[1] * 1000));
    const thin = rng.between(0.15, 0.4);
    if (!plan) return;
    const record: DislocationRecord = {
      id: `D${++this.dislocationCount}`,
      kind: plan.kind,
      markets: plan.basket.map((b) => b.market),
      basket: plan.basket,
      payout: plan.payout,
      plannedEdge: formatScaled(Math.round(plan.edge * 10_000), 4),
      startedWorldMs: this.worldMs,
      endsWorldMs: this.worldMs + durationMs,
      startedAt: this.options.now(),
      endedAt: null,
    };
    this.records.push(record);
    this.active.push({ plan, record, thin });
  }
}
