// The market universe: every venue's latest discovery merged into one view, and from it what the
// scanner trades — the watched open markets with their fee models, the exclusive sets and strike
// ladders among them, and the cross-venue equivalences the trader confirmed.
import type { MarketRef, VenueId } from '../../shared/ids';
import type { FeeTakenIn, MarketFees } from '../fees/feeModel';
import type { Equivalence, ExclusiveSet as ScanExclusiveSet, Implication as ScanImplication, MarketSpec, Relations } from '../strategies/universe';
import { venueRegistry, type VenueRegistry } from '../venues/registry';
import type { Discovery, ExclusiveSet, Implication, MarketInfo } from '../venues/venue';
import type { WatchFilter } from './catalog';
import { ladderImplications } from './ladders';
import { specInputOf } from './specInput';
import { joinName, marketName } from './marketName';

/** The relations confirmed cross-venue links give the scanner (linkRelations in linkBook.ts). */
export interface LinkedRelations {
  equivalent: readonly Equivalence[];
  complementary: readonly Equivalence[];
  implies: readonly { if: MarketRef; then: MarketRef }[];
}

/** What changed for one venue between two discoveries. */
export interface DiscoveryDiff {
  venue: VenueId;
  /** Open markets that were not open before. */
  opened: MarketInfo[];
  /** Markets that were open and are no longer (closed, paused, settled, or no longer listed). */
  closed: MarketInfo[];
  /** Markets reported settled with a result. */
  settled: MarketInfo[];
}

export interface ScannerTarget {
  markets: MarketSpec[];
  relations: Relations;
  /** Markets left out, and why (a fee the engine cannot read, a market without tokens). */
  problems: string[];
}

export type { MarketFees } from '../fees/feeModel';

/**
 * A market's fee models from the fee schedule its venue publishes, or why it cannot be priced.
 * `takenIn`: how the venue takes a BUY's fee, as the wallet showed (collateral until seen).
 */
export function marketFees(m: MarketInfo, now: number, takenIn: FeeTakenIn = 'collateral', venues: VenueRegistry = venueRegistry): MarketFees | string {
  const venue = venues.find(m.venue);
  if (!venue) return `no venue "${m.venue}" is registered`;
  return venue.fees.models(m.fee, now, takenIn);
}

export class MarketUniverse {
  private readonly byVenue = new Map<VenueId, Discovery>();
  private readonly byRef = new Map<MarketRef, MarketInfo>();
  /**
   * Specs are built once per market so the scanner's baskets keep their identity; rebuilt when
   * the listing's fees change or when the fee models they were built with expire.
   */
  private readonly specs = new Map<MarketRef, { spec: MarketSpec | string; validUntil: number | null }>();
  /** How each venue takes a BUY's taker fee, once the wallet has shown it (collateral until then). */
  private readonly takenIn = new Map<VenueId, FeeTakenIn>();

  constructor(private readonly venues: VenueRegistry = venueRegistry) {}

  /** How a venue takes a BUY's taker fee, once the wallet has shown it: its markets are re-priced. */
  setFeeTakenIn(venue: VenueId, takenIn: FeeTakenIn): void {
    if (takenIn === this.feeTakenIn(venue)) return;
    this.takenIn.set(venue, takenIn);
    for (const ref of [...this.specs.keys()]) if (ref.startsWith(`${venue}:`)) this.specs.delete(ref);
  }

  private feeTakenIn(venue: VenueId): FeeTakenIn {
    return this.takenIn.get(venue) ?? 'collateral';
  }

  /** Replaces a venue's markets with a new discovery; returns what opened, closed and settled. */
  setDiscovery(venue: VenueId, discovery: Discovery): DiscoveryDiff {
    const previous = this.byVenue.get(venue);
    const before = new Map((previous?.markets ?? []).map((m) => [m.ref, m]));
    const now = new Map(discovery.markets.filter((m) => m.venue === venue).map((m) => [m.ref, m]));
    const diff: DiscoveryDiff = { venue, opened: [], closed: [], settled: [] };
    for (const [ref, m] of now) {
      const was = before.get(ref);
      if (m.status === 'open' && was?.status !== 'open') diff.opened.push(m);
      if (m.status !== 'open' && was?.status === 'open') diff.closed.push(m);
      if (m.status === 'settled' && (m.result === 'yes' || m.result === 'no')) diff.settled.push(m);
    }
    for (const [ref, was] of before) if (!now.has(ref) && was.status === 'open') diff.closed.push(was);
    for (const ref of before.keys()) {
      if (!now.has(ref)) {
        this.byRef.delete(ref);
        this.specs.delete(ref);
      }
    }
    for (const [ref, m] of now) {
      const was = this.byRef.get(ref);
      if (was && ((was.fee !== m.fee && JSON.stringify(was.fee) !== JSON.stringify(m.fee)) || nameChanged(was, m))) this.specs.delete(ref);
      this.byRef.set(ref, m);
    }
    this.byVenue.set(venue, { ...discovery, markets: [...now.values()] });
    return diff;
  }

  /**
   * The feed saw the market's tick change (a venue may narrow it above 0.96 and below 0.04): plans
   * and pre-flight read the new grid from here. Returns whether anything changed.
   */
  setTickSize(ref: MarketRef, tickSize: MarketInfo['tickSize']): boolean {
    const m = this.byRef.get(ref);
    if (!m || m.tickSize === tickSize) return false;
    const next = { ...m, tickSize };
    this.byRef.set(ref, next);
    // In place, as byRef is: a copy of the venue's list per change was 20,000 entries at the whole universe.
    const markets = this.byVenue.get(m.venue)?.markets ?? [];
    const at = markets.indexOf(m);
    if (at >= 0) markets[at] = next;
    return true;
  }

  hasVenue(venue: VenueId): boolean {
    return this.byVenue.has(venue);
  }

  market(ref: MarketRef | string): MarketInfo | undefined {
    return this.byRef.get(ref as MarketRef);
  }

  markets(venue?: VenueId): MarketInfo[] {
    if (venue) return this.byVenue.get(venue)?.markets ?? [];
    return [...this.byRef.values()];
  }

  /** Open markets the watch filter selects, per venue or all. */
  watched(filter: WatchFilter, venue?: VenueId): MarketInfo[] {
    return this.markets(venue).filter((m) => m.status === 'open' && filter.watches(m));
  }

  /**
   * The scanner's universe at `now`: watched open markets with the fee models in force, their
   * exclusive sets and ladders, confirmed links among them. Markets whose fees cannot be priced are
   * left out, with the reason in `problems`.
   */
  scannerTarget(filter: WatchFilter, confirmed: readonly Equivalence[] | LinkedRelations, now: number = Date.now()): ScannerTarget {
    const problems: string[] = [];
    const markets: MarketSpec[] = [];
    const present = new Set<MarketRef>();
    for (const m of this.watched(filter)) {
      const spec = this.specOf(m, now);
      if (typeof spec === 'string') {
        problems.push(`${m.ref}: ${spec}`);
        continue;
      }
      markets.push(spec);
      present.add(m.ref);
    }
    return { markets, relations: this.relationsAmong(present, confirmed), problems };
  }

  private relationsAmong(present: ReadonlySet<MarketRef>, confirmed: readonly Equivalence[] | LinkedRelations): Relations {
    const linked: LinkedRelations = Array.isArray(confirmed) ? { equivalent: confirmed as readonly Equivalence[], complementary: [], implies: [] } : (confirmed as LinkedRelations);
    const exclusive: ScanExclusiveSet[] = [];
    const implies: ScanImplication[] = [];
    const seenRules = new Set<string>();
    const addRule = (rule: Implication) => {
      const key = `${rule.if}|${rule.then}`;
      if (rule.if === rule.then || seenRules.has(key) || !present.has(rule.if) || !present.has(rule.then)) return;
      seenRules.add(key);
      implies.push({ if: rule.if, then: rule.then });
    };
    for (const [venue, discovery] of this.byVenue) {
      for (const set of discovery.exclusiveSets) {
        const scanned = this.exclusiveAmong(venue, set, present);
        if (scanned) exclusive.push(scanned);
      }
      for (const rule of discovery.implications) addRule(rule);
    }
    for (const rule of ladderImplications(this.watchedPresent(present))) addRule(rule);
    // Cross-venue implications the trader confirmed feed the conditional strategy like any other.
    for (const rule of linked.implies) addRule(rule);
    const both = ([a, b]: Equivalence) => present.has(a) && present.has(b);
    return { equivalent: linked.equivalent.filter(both), complementary: linked.complementary.filter(both), exclusive, implies };
  }

  /** The scanned markets, venue by venue in discovery order. */
  private watchedPresent(present: ReadonlySet<MarketRef>): MarketInfo[] {
    const out: MarketInfo[] = [];
    for (const d of this.byVenue.values()) for (const m of d.markets) if (present.has(m.ref)) out.push(m);
    return out;
  }

  /**
   * A discovered exclusive set restricted to the markets being scanned. It stays exhaustive only
   * if every member is there: a missing member could be the one that wins.
   */
  private exclusiveAmong(venue: VenueId, set: ExclusiveSet, present: ReadonlySet<MarketRef>): ScanExclusiveSet | null {
    const members = [...new Set(set.members)].filter((ref) => present.has(ref));
    if (members.length < 2) return null;
    return { id: `${venue}:${set.id}`, members, exhaustive: set.exhaustive && members.length === new Set(set.members).size };
  }

  /** The earliest wall time after `now` at which a scanned market's fee models change (a waiver ends); null: none due. */
  nextFeeChangeAt(now: number): number | null {
    let next: number | null = null;
    for (const { validUntil } of this.specs.values()) if (validUntil !== null && validUntil > now && (next === null || validUntil < next)) next = validUntil;
    return next;
  }

  /** The fee models a market trades under now (for reconciling fills against what the venue charged). */
  fees(ref: MarketRef | string, now: number): MarketFees | string | undefined {
    const m = this.byRef.get(ref as MarketRef);
    return m ? marketFees(m, now, this.feeTakenIn(m.venue), this.venues) : undefined;
  }

  /**
   * The watched open markets whose spec (fee models, name) is not built yet or has expired: a large
   * discovery builds them a slice at a time (`buildSpecs`) before `scannerTarget`, so the event
   * loop is never held for the whole list.
   */
  unbuiltSpecs(filter: WatchFilter, now: number): MarketInfo[] {
    return this.watched(filter).filter((m) => !this.specBuilt(m, now));
  }

  /** Builds and caches the specs of these markets (as `scannerTarget` would). */
  buildSpecs(markets: readonly MarketInfo[], now: number): void {
    for (const m of markets) this.specOf(m, now);
  }

  private specBuilt(m: MarketInfo, now: number): boolean {
    const cached = this.specs.get(m.ref);
    return cached !== undefined && (cached.validUntil === null || now < cached.validUntil);
  }

  private specOf(m: MarketInfo, now: number): MarketSpec | string {
    if (this.specBuilt(m, now)) return this.specs.get(m.ref)!.spec;
    let spec: MarketSpec | string;
    const fees = marketFees(m, now, this.feeTakenIn(m.venue), this.venues);
    if (typeof fees === 'string') spec = `fee: ${fees}`;
    else if (this.venues.get(m.venue).marketData.shape === 'token_pair' && (!m.tokens || m.tokens.yes === m.tokens.no)) spec = 'no outcome tokens';
    else {
      const label = marketName(m);
      const resolveBy = specInputOf(m).resolveBy;
      spec = { venue: m.venue, id: m.id, title: joinName(label), label, fee: fees.taker, resolveBy, ...(m.tokens ? { tokens: { yes: m.tokens.yes, no: m.tokens.no } } : {}) };
    }
    this.specs.set(m.ref, { spec, validUntil: typeof fees === 'string' ? null : fees.validUntil });
    return spec;
  }
}

function nameChanged(a: MarketInfo, b: MarketInfo): boolean {
  return a.title !== b.title || a.eventTitle !== b.eventTitle || a.outcomeLabel !== b.outcomeLabel || a.closeTime !== b.closeTime || a.specInput?.resolveBy !== b.specInput?.resolveBy;
}
