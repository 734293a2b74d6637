import type { Analysis, Opportunity } from '../../shared/contract/opportunity';
import type { BookHealth } from '../../shared/contract/primitives';
import { analyzeBasket } from './analyze';
import type { MarketRef, VenueId } from '../../shared/ids';
import { BookStore, type BookUpdate } from '../books/bookStore';
import { ladderId, type LadderId } from '../books/marketBook';
import type { WireMessage, WireMessageReader } from '../books/wireDecoder';
import { STRATEGIES, type BasketSpec, type Strategy } from '../strategies';
import type { MarketDataDecoder } from '../venues/contribution';
import { venueRegistry, type VenueRegistry } from '../venues/registry';
import { BasketIndex } from './basketIndex';
import { RelationsByMarket } from './relationsByMarket';
import { emptySlots, liveSlots, type BasketSlots } from './basketSlots';
import { basketIdFromIdentity, basketIdentity, basketKey, sameFigures, type Basket, type BasketLeg, type SizedBasket } from './basket';
import { evaluateBasket, type SizingOptions } from './evaluate';
import { toContractOpportunity } from './toContract';
import { refOf, type Equivalence, type ExclusiveSet, type Implication, type MarketSpec, type Relations, type UniverseView } from '../strategies/universe';

export const DEFAULT_MIN_PROFIT_MICROS = 10_000;

/**
 * A basket's `order` is its strategy's place times this, plus its place among the strategy's
 * baskets: the order a redraw enumerates them in, kept as baskets are added.
 */
const ORDER_BLOCK = 2 ** 32;
export const DEFAULT_MAX_SIZE = 100_000;

export interface ScannerOptions {
  /** Micro-dollars; default $0.01. */
  minProfit?: number;
  /** Contracts; default 100 000. */
  maxSize?: number;
  strategies?: readonly Strategy[];
  /** Wall-clock ms, for opportunity and book timestamps. */
  now?: () => number;
  /** Where each venue's book shape and wire decoder come from; the process's registry by default. */
  venues?: VenueRegistry;
}

/** What changed in the set of opportunities after one input. */
export interface ScanDelta {
  /** Baskets that became opportunities (they were not one before this input). */
  readonly opened: readonly SizedBasket[];
  /** Opportunities whose size or figures changed. */
  readonly updated: readonly SizedBasket[];
  /** Baskets that stopped being opportunities (or were removed from the universe). */
  readonly closed: readonly Basket[];
}

export interface ScanResult {
  readonly book: BookUpdate;
  readonly delta: ScanDelta;
}

const NO_CHANGE: ScanDelta = Object.freeze({ opened: [], updated: [], closed: [] });

/** A basket buying the same outcome twice would count one ladder's depth twice: never traded. */
function buysAnOutcomeTwice(legs: readonly { market: MarketRef; outcome: string }[]): boolean {
  for (let i = 1; i < legs.length; i++) {
    for (let j = 0; j < i; j++) if (legs[i]!.market === legs[j]!.market && legs[i]!.outcome === legs[j]!.outcome) return true;
  }
  return false;
}

function sameMarket(a: MarketSpec, b: MarketSpec): boolean {
  return a.venue === b.venue && a.id === b.id && a.tokens?.yes === b.tokens?.yes && a.tokens?.no === b.tokens?.no;
}

/** `flags` with room for `length` entries: itself, or a copy (new entries 0) at least twice as long. */
function withRoom(flags: Uint8Array<ArrayBuffer>, length: number): Uint8Array<ArrayBuffer> {
  if (length <= flags.length) return flags;
  const next = new Uint8Array(Math.max(length, flags.length * 2));
  next.set(flags);
  return next;
}

/** Net profit first, then the order baskets are enumerated in (strategy, then relation order). */
export function byProfitThenOrder(a: SizedBasket, b: SizedBasket): number {
  return b.netProfit - a.netProfit || a.basket.order - b.basket.order;
}

/**
 * The incremental arbitrage scanner: books for every market of a universe, the baskets the
 * strategies draw from it, an index from each ask ladder to the baskets buying from it, and the
 * current opportunities. Feed it venue messages; it re-sizes only the baskets whose books moved
 * and reports what opened, changed and closed. Independent of Electron, the UI and transports.
 */
export class Scanner {
  readonly books = new BookStore();
  private readonly venues: VenueRegistry;
  /** Each venue's wire decoder, bound to these books (made when its first market is added). */
  private readonly decoders = new Map<VenueId, MarketDataDecoder>();
  private readonly options: SizingOptions;
  private readonly strategies: readonly Strategy[];
  private readonly now: () => number;
  private readonly specs = new Map<MarketRef, MarketSpec>();
  private readonly marketOrder: MarketSpec[] = [];
  private equivalent: Equivalence[] = [];
  private complementary: Equivalence[] = [];
  private exclusive: ExclusiveSet[] = [];
  private implies: Implication[] = [];
  private readonly relationsByMarket = new RelationsByMarket();
  /** Markets taken out of the universe; their books keep their slots. */
  private readonly retired = new Set<MarketRef>();

  /** The baskets and their per-basket flags, by slot (see basketSlots.ts). */
  private readonly slots: BasketSlots = { list: [], holes: 0, open: new Uint8Array(0), pending: [], pendingMark: new Uint8Array(0) };
  /** The baskets without the holes (made when asked). */
  private liveList: Basket[] | null = null;
  private readonly basketsById = new Map<string, Basket>();
  private readonly basketsByIdentity = new Map<string, Basket>();
  /** The open opportunities by basket id. */
  private readonly current = new Map<string, SizedBasket>();
  /** Which baskets buy from which ladder, laid out for the per-message path. */
  private readonly index: BasketIndex;
  /** Per strategy: how many of its baskets have been numbered (the next one's place). */
  private readonly nextOrder: number[];
  /** Baskets to size fully, and baskets still to pre-check from their records. */
  private readonly evalQueue: number[] = [];
  private readonly checkQueue: number[] = [];
  /**
   * Counters for tests, the bench and the venues pane: messages applied, baskets considered
   * because a ladder they buy from moved, and baskets actually sized (past the top-of-book test).
   */
  readonly stats = { messages: 0, evaluations: 0, sizings: 0 };

  constructor(options: ScannerOptions = {}) {
    this.options = {
      minProfit: options.minProfit ?? DEFAULT_MIN_PROFIT_MICROS,
      maxSize: options.maxSize ?? DEFAULT_MAX_SIZE,
    };
    this.strategies = options.strategies ?? STRATEGIES;
    this.nextOrder = this.strategies.map(() => 0);
    this.now = options.now ?? Date.now;
    this.venues = options.venues ?? venueRegistry;
    this.index = new BasketIndex(this.books.cache);
  }

  get sizing(): SizingOptions {
    return this.options;
  }

  // ---- universe -------------------------------------------------------------------------------

  /**
   * Adds markets (books start with `health`, `unknown` by default: nothing loaded yet) and
   * relations between markets, then draws the baskets they add (a returning market: redraws them
   * all). Throws, changing nothing, on a market already present, of an unregistered venue, without
   * the outcome tokens its venue's books need, or a relation to an unknown market.
   */
  extend(patch: { markets?: readonly MarketSpec[]; relations?: Partial<Relations> }, health: BookHealth = 'unknown'): ScanDelta {
    const markets = patch.markets ?? [];
    const adding = new Set<string>();
    for (const m of markets) {
      const ref = refOf(m);
      if ((this.specs.has(ref) && !this.retired.has(ref)) || adding.has(ref)) throw new Error(`market ${ref} is already in the universe`);
      if (this.venues.get(m.venue).marketData.shape === 'token_pair' && !m.tokens) throw new Error(`market ${ref} needs its outcome tokens`);
      if (this.retired.has(ref) && !sameMarket(this.specs.get(ref)!, m)) throw new Error(`market ${ref} returns with other tokens`);
      adding.add(ref);
    }
    const relations = patch.relations ?? {};
    const check = (ref: MarketRef) => {
      if ((!this.specs.has(ref) || this.retired.has(ref)) && !adding.has(ref)) throw new Error(`unknown market ${ref}`);
    };
    for (const [a, b] of relations.equivalent ?? []) [a, b].forEach(check);
    for (const [a, b] of relations.complementary ?? []) [a, b].forEach(check);
    for (const set of relations.exclusive ?? []) set.members.forEach(check);
    for (const rule of relations.implies ?? []) [rule.if, rule.then].forEach(check);
    let returning = false;
    for (const m of markets) {
      const ref = refOf(m);
      if (this.retired.delete(ref)) {
        returning = true;
        // Back from retirement: same book (its slot and token ids), health as told, fee as now listed.
        this.books.setHealth(ref, health, this.now());
        this.marketOrder[this.marketOrder.indexOf(this.specs.get(ref)!)] = m;
        this.specs.set(ref, m);
        continue;
      }
      this.decoder(m.venue);
      this.books.add({ venue: m.venue, id: m.id, title: m.title, shape: this.venues.get(m.venue).marketData.shape, ...(m.tokens ? { tokens: m.tokens } : {}) }, health);
      this.specs.set(ref, m);
      this.marketOrder.push(m);
    }
    this.equivalent = [...this.equivalent, ...(relations.equivalent ?? [])];
    this.complementary = [...this.complementary, ...(relations.complementary ?? [])];
    this.exclusive = [...this.exclusive, ...(relations.exclusive ?? [])];
    this.implies = [...this.implies, ...(relations.implies ?? [])];
    this.relationsByMarket.add(relations);
    // Only additions: the baskets that exist stay as they are and the new ones join them, in the
    // order a redraw would give them. A market back from retirement keeps its old place: redraw.
    if (returning) return this.rebuild();
    return this.append({
      markets: markets.map((m) => this.specs.get(refOf(m))!),
      equivalent: relations.equivalent ?? [],
      complementary: relations.complementary ?? [],
      exclusive: relations.exclusive ?? [],
      implies: relations.implies ?? [],
      market: (ref) => (this.retired.has(ref) ? undefined : this.specs.get(ref)),
    });
  }

  /**
   * Takes markets out of the universe (closed, no longer watched): their baskets close, relations
   * naming them are dropped, and their books become unknown. The book keeps its slot, so a market
   * that comes back (`extend`) resumes where it was.
   */
  retire(refs: readonly MarketRef[]): ScanDelta {
    const gone = new Set(refs.filter((r) => this.specs.has(r) && !this.retired.has(r)));
    if (gone.size === 0) return NO_CHANGE;
    const now = this.now();
    for (const ref of gone) {
      this.retired.add(ref);
      this.books.setHealth(ref, 'unknown', now);
    }
    const dropped = this.relationsByMarket.take(gone);
    if (dropped.size > 0) {
      this.equivalent = this.equivalent.filter((r) => !dropped.has(r));
      this.complementary = this.complementary.filter((r) => !dropped.has(r));
      this.exclusive = this.exclusive.filter((r) => !dropped.has(r));
      this.implies = this.implies.filter((r) => !dropped.has(r));
    }
    return this.dropBaskets(gone);
  }

  /**
   * Replaces the listing of markets already in the universe (same ids and tokens) — the venue
   * changed a fee, a fee waiver ended. Baskets buying from them are redrawn with the new fee model
   * and re-sized; their ids stay.
   */
  updateMarkets(markets: readonly MarketSpec[]): ScanDelta {
    const changed = new Set<MarketRef>();
    for (const m of markets) {
      const ref = refOf(m);
      const old = this.specs.get(ref);
      if (!old || this.retired.has(ref)) throw new Error(`unknown market ${ref}`);
      if (!sameMarket(old, m)) throw new Error(`market ${ref} cannot change its tokens`);
    }
    for (const m of markets) {
      const ref = refOf(m);
      const old = this.specs.get(ref)!;
      if (old === m) continue;
      this.marketOrder[this.marketOrder.indexOf(old)] = m;
      this.specs.set(ref, m);
      changed.add(ref);
    }
    if (changed.size === 0) return NO_CHANGE;
    // Dropped from the identity map, the baskets are drawn afresh (same ids) with the new legs.
    for (const b of this.slots.list) if (b?.legs.some((l) => changed.has(l.market))) this.basketsByIdentity.delete(basketIdentity(b.strategy, b.legs));
    const delta = this.rebuild();
    // An opportunity whose figures did not move still points at its old basket: re-point it.
    const updated: SizedBasket[] = [];
    for (const [id, sized] of this.current) {
      const basket = this.basketsById.get(id);
      if (basket && sized.basket !== basket) {
        const fresh = { ...sized, basket };
        this.current.set(id, fresh);
        if (!delta.updated.some((u) => u.basket.id === id) && !delta.opened.some((o) => o.basket.id === id)) updated.push(fresh);
      }
    }
    return updated.length === 0 ? delta : { ...delta, updated: [...delta.updated, ...updated] };
  }

  /** Whether the venue's decoder can be had (it is registered). */
  knowsVenue(venue: unknown): venue is VenueId {
    return typeof venue === 'string' && this.venues.has(venue);
  }

  /** Whether a market is in the universe now (added and not retired). */
  has(ref: MarketRef): boolean {
    return this.specs.has(ref) && !this.retired.has(ref);
  }

  /** How many markets the universe holds now. */
  get marketCount(): number {
    return this.specs.size - this.retired.size;
  }

  /** The markets in the universe now, by ref (without making a list of them). */
  *marketRefs(): IterableIterator<MarketRef> {
    for (const ref of this.specs.keys()) if (!this.retired.has(ref)) yield ref;
  }

  /** Adds markets: see `extend`. */
  addMarkets(markets: readonly MarketSpec[], health: BookHealth = 'unknown'): ScanDelta {
    return this.extend({ markets }, health);
  }

  /** Adds relations between known markets: see `extend`. */
  addRelations(relations: Partial<Relations>): ScanDelta {
    return this.extend({ relations });
  }

  /**
   * Re-sizes every basket: after loading books directly (bulk loads that bypass the message
   * functions), or after changing the sizing options' inputs.
   */
  refresh(now = this.now()): ScanDelta {
    const slots = liveSlots(this.slots.list);
    this.stats.evaluations += slots.length;
    this.slots.pending.length = 0;
    this.slots.pendingMark.fill(0);
    return this.reevaluate([], slots, now);
  }

  /** Removes relations (matched by content; exclusive sets by id). */
  removeRelations(relations: Partial<Relations>): ScanDelta {
    const pairs = new Set((relations.equivalent ?? []).map(([a, b]) => `${a}|${b}`));
    const opposite = new Set((relations.complementary ?? []).map(([a, b]) => `${a}|${b}`));
    const sets = new Set((relations.exclusive ?? []).map((s) => s.id));
    const rules = new Set((relations.implies ?? []).map((r) => `${r.if}|${r.then}`));
    this.equivalent = this.equivalent.filter(([a, b]) => !pairs.has(`${a}|${b}`));
    this.complementary = this.complementary.filter(([a, b]) => !opposite.has(`${a}|${b}`));
    this.exclusive = this.exclusive.filter((s) => !sets.has(s.id));
    this.implies = this.implies.filter((r) => !rules.has(`${r.if}|${r.then}`));
    return this.rebuild();
  }

  universe(): UniverseView {
    const specs = this.specs;
    const retired = this.retired;
    return {
      markets: retired.size === 0 ? this.marketOrder : this.marketOrder.filter((m) => !retired.has(refOf(m))),
      equivalent: this.equivalent,
      complementary: this.complementary,
      exclusive: this.exclusive,
      implies: this.implies,
      market: (ref) => (retired.has(ref) ? undefined : specs.get(ref)),
    };
  }

  market(ref: MarketRef): MarketSpec | undefined {
    return this.retired.has(ref) ? undefined : this.specs.get(ref);
  }

  /** The current relations (equivalences, exclusive sets, implications). */
  relations(): Relations {
    return { equivalent: this.equivalent, complementary: this.complementary, exclusive: this.exclusive, implies: this.implies };
  }

  baskets(): readonly Basket[] {
    if (this.slots.holes === 0) return this.slots.list as Basket[];
    return (this.liveList ??= this.slots.list.filter((b) => b !== null));
  }

  basket(id: string): Basket | undefined {
    return this.basketsById.get(id);
  }

  /** Re-draws every basket from the strategies, keeping the ids (and states) of those that stay. */
  private rebuild(): ScanDelta {
    const universe = this.universe();
    const next: Basket[] = [];
    const seen = new Set<string>();
    this.strategies.forEach((strategy, si) => {
      let position = 0;
      for (const spec of strategy.baskets(universe)) {
        const identity = basketIdentity(spec.strategy, spec.legs);
        if (seen.has(identity)) continue;
        seen.add(identity);
        if (buysAnOutcomeTwice(spec.legs)) continue;
        const order = si * ORDER_BLOCK + position++;
        const existing = this.basketsByIdentity.get(identity);
        if (existing) {
          existing.order = order;
          next.push(existing);
          continue;
        }
        next.push(this.newBasket(spec, identity, order));
      }
      this.nextOrder[si] = position;
    });

    const closed: Basket[] = [];
    const keep = new Set(next.map((b) => b.id));
    for (const old of this.slots.list) {
      if (old === null || keep.has(old.id)) continue;
      this.basketsById.delete(old.id);
      this.basketsByIdentity.delete(basketIdentity(old.strategy, old.legs));
      if (this.current.delete(old.id)) closed.push(old);
    }
    this.slots.list = next;
    this.slots.holes = 0;
    this.liveList = null;
    for (const basket of next) this.basketsById.set(basket.id, basket);
    this.index.build(next, this.books.size * 2);
    // Every basket is sized below: nothing deferred is left to size (and the indices moved).
    this.slots.pending.length = 0;
    this.slots.pendingMark = new Uint8Array(next.length);
    this.slots.open = new Uint8Array(next.length);
    for (let i = 0; i < next.length; i++) if (this.current.has(next[i]!.id)) this.slots.open[i] = 1;
    this.stats.evaluations += next.length;
    const delta = this.reevaluate([], next.map((_, i) => i));
    return closed.length === 0 ? delta : { ...delta, closed: [...closed, ...delta.closed] };
  }

  /**
   * Adds the baskets a universe of only additions (new markets, new relations) draws, after the
   * existing ones: each strategy's new baskets are numbered after its existing ones, as a redraw
   * would number them. Only the new baskets are sized.
   */
  private append(delta: UniverseView): ScanDelta {
    const added: Basket[] = [];
    const seen = new Set<string>();
    this.strategies.forEach((strategy, si) => {
      for (const spec of strategy.baskets(delta)) {
        const identity = basketIdentity(spec.strategy, spec.legs);
        if (seen.has(identity) || this.basketsByIdentity.has(identity)) continue;
        seen.add(identity);
        if (buysAnOutcomeTwice(spec.legs)) continue;
        added.push(this.newBasket(spec, identity, si * ORDER_BLOCK + this.nextOrder[si]!++));
      }
    });
    const list = this.slots.list;
    const first = list.length;
    this.liveList = null;
    for (const basket of added) {
      list.push(basket);
      this.basketsById.set(basket.id, basket);
    }
    // The index, and the per-basket flags, grow by the new baskets only.
    this.index.add(list, this.books.size * 2);
    if (added.length === 0) return NO_CHANGE;
    this.slots.open = withRoom(this.slots.open, list.length);
    this.slots.pendingMark = withRoom(this.slots.pendingMark, list.length);
    this.stats.evaluations += added.length;
    return this.reevaluate([], added.map((_, k) => first + k));
  }

  /**
   * Takes out the baskets buying from retired markets, and only those: every basket drawn from a
   * dropped relation names a retired market, so what stays is what a redraw of the rest draws,
   * in the same order.
   */
  private dropBaskets(gone: ReadonlySet<MarketRef>): ScanDelta {
    const ladders: LadderId[] = [];
    for (const ref of gone) {
      const slot = this.books.get(ref)!.slot;
      ladders.push(ladderId(slot, 'yes'), ladderId(slot, 'no'));
    }
    const slots: number[] = [];
    this.index.collect(ladders, this.slots.open, 0, slots, slots);
    const closed: Basket[] = [];
    for (const basket of emptySlots(this.slots, this.index, slots)) {
      this.basketsById.delete(basket.id);
      this.basketsByIdentity.delete(basketIdentity(basket.strategy, basket.legs));
      if (this.current.delete(basket.id)) closed.push(basket);
    }
    this.liveList = null;
    return closed.length === 0 ? NO_CHANGE : { opened: [], updated: [], closed };
  }

  private newBasket(spec: BasketSpec, identity: string, order: number): Basket {
    const legs: BasketLeg[] = spec.legs.map((l) => {
      const book = this.books.get(l.market)!;
      const side = book.outcome(l.outcome);
      const mspec = this.specs.get(l.market)!;
      // The book's own ref: one string per market, however many baskets name it.
      return { market: book.ref, outcome: l.outcome, spec: mspec, book, side, asks: side.asks, ladder: ladderId(book.slot, l.outcome), fee: mspec.fee };
    });
    const basket: Basket = {
      id: basketIdFromIdentity(spec.strategy, identity),
      key: basketKey(spec.strategy, spec.legs),
      strategy: spec.strategy,
      legs,
      payout: spec.payout,
      label: spec.label,
      order,
    };
    this.basketsByIdentity.set(identity, basket);
    return basket;
  }

  // ---- books ----------------------------------------------------------------------------------

  /**
   * Applies one market-data message of a venue exactly as it sent it, through the venue's decoder.
   * `sequenceChecked`: the live feed already tracked the venue's sequence numbers.
   */
  apply(venue: VenueId, message: unknown, now = this.now(), sequenceChecked = false): ScanResult {
    this.stats.messages++;
    const book = this.decoder(venue).apply(message, now, sequenceChecked);
    return { book, delta: this.onLadders(book.changed, now) };
  }

  /**
   * Applies one message to the books and only marks the baskets buying from what moved (the
   * top-of-book test included); `flush` sizes them. A live feed applies every message of a turn
   * of the event loop this way and sizes once after them: the message path stays a book update,
   * and a basket moved by several messages is sized once, on the latest books.
   */
  applyDeferred(venue: VenueId, message: unknown, now = this.now(), sequenceChecked = false): BookUpdate {
    this.stats.messages++;
    const book = this.decoder(venue).apply(message, now, sequenceChecked);
    this.defer(book.changed);
    return book;
  }

  /** Whether baskets wait for `flush`. */
  get deferred(): number {
    return this.slots.pending.length;
  }

  /** Sizes the baskets marked since the last flush on the current books; what opened, changed and closed. */
  flush(now = this.now()): ScanDelta {
    const pending = this.slots.pending;
    if (pending.length === 0) return NO_CHANGE;
    const evaluate = this.evalQueue;
    const check = this.checkQueue;
    evaluate.length = 0;
    check.length = 0;
    const mark = this.slots.pendingMark;
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k]!;
      // 0: retired since it was marked.
      if (mark[i] !== 0) (mark[i] === 1 ? evaluate : check).push(i);
      mark[i] = 0;
    }
    pending.length = 0;
    return this.reevaluate(evaluate, check, now);
  }

  private defer(ladders: readonly LadderId[]): void {
    if (ladders.length === 0) return;
    const evaluate = this.evalQueue;
    const check = this.checkQueue;
    evaluate.length = 0;
    check.length = 0;
    this.stats.evaluations += this.index.collect(ladders, this.slots.open, this.options.minProfit, evaluate, check);
    const mark = this.slots.pendingMark;
    const pending = this.slots.pending;
    for (let k = 0; k < evaluate.length; k++) {
      const i = evaluate[k]!;
      if (mark[i] === 0) pending.push(i);
      mark[i] = 1;
    }
    for (let k = 0; k < check.length; k++) {
      const i = check[k]!;
      if (mark[i] !== 0) continue;
      pending.push(i);
      mark[i] = 2;
    }
  }

  /** The venue's wire decoder bound to these books (its settlement reader too). */
  decoder(venue: VenueId): MarketDataDecoder {
    let decoder = this.decoders.get(venue);
    if (decoder === undefined) {
      decoder = this.venues.get(venue).marketData.decoder(this.books);
      this.decoders.set(venue, decoder);
    }
    return decoder;
  }

  /**
   * Applies a message a venue's byte reader read straight from its text (wireDecoder.ts): the
   * same result as the parsed message. Null when the message needs the parsed route after all (a
   * market or token these books do not track, a token quoted under another market, a venue with
   * no markets here yet): nothing was applied then.
   */
  applyDecoded(m: WireMessage, now = this.now()): ScanResult | null {
    const book = this.decoders.get(m.venue)?.applyWire?.(m, now, false) ?? null;
    if (book === null) return null;
    this.stats.messages++;
    return { book, delta: this.onLadders(book.changed, now) };
  }

  /** The byte readers of the venues that have one (each a fresh reader), for a WireDecoder. */
  wireReaders(): WireMessageReader[] {
    return this.venues.all().flatMap((v) => (v.marketData.wire ? [v.marketData.wire()] : []));
  }

  /** Ladders changed by something other than a message (a decoder's REST load): re-size their baskets. */
  applied(update: BookUpdate, now = this.now()): ScanResult {
    return { book: update, delta: this.onLadders(update.changed, now) };
  }

  /** The feed layer's verdict on a market's books (stale after silence, unknown after a reconnect). */
  setHealth(market: MarketRef, health: BookHealth, now = this.now(), outcome?: 'yes' | 'no'): ScanDelta {
    return this.onLadders(this.books.setHealth(market, health, now, outcome), now);
  }

  /**
   * Re-sizes the baskets buying from these ladders after their books changed outside the message
   * functions: paper trading's consumed liquidity appearing or decaying (PriceLevels.consume).
   */
  reevaluateLadders(ladders: readonly LadderId[], now = this.now()): ScanDelta {
    return this.onLadders(ladders, now);
  }

  // ---- opportunities --------------------------------------------------------------------------

  /** Current opportunities, best net profit first. */
  opportunities(): SizedBasket[] {
    return [...this.current.values()].sort(byProfitThenOrder);
  }

  opportunity(id: string): SizedBasket | undefined {
    return this.current.get(id);
  }

  /** Current opportunities as the contract's `Opportunity`, best first. */
  contractOpportunities(): Opportunity[] {
    return this.opportunities().map(toContractOpportunity);
  }

  /**
   * The pre-trade analysis of a basket (open opportunity or not) at a target size on the current
   * books; undefined for an unknown id. `maxLoss` (micro-dollars): the per-trade loss limit its
   * worst case is held against.
   */
  analyze(basketId: string, targetSize: number, now = this.now(), maxLoss?: number): Analysis | undefined {
    const basket = this.basketsById.get(basketId);
    return basket ? analyzeBasket(basket, targetSize, { now, ...(maxLoss !== undefined ? { maxLoss } : {}) }) : undefined;
  }

  /** Re-sizes the baskets buying from the given ladders. */
  private onLadders(ladders: readonly LadderId[], now: number): ScanDelta {
    if (ladders.length === 0) return NO_CHANGE;
    const evaluate = this.evalQueue;
    const check = this.checkQueue;
    evaluate.length = 0;
    check.length = 0;
    this.stats.evaluations += this.index.collect(ladders, this.slots.open, this.options.minProfit, evaluate, check);
    if (evaluate.length === 0 && check.length === 0) return NO_CHANGE;
    return this.reevaluate(evaluate, check, now);
  }

  /**
   * Sizes `evaluate` fully; pre-checks `check` from the basket records first. Returns what
   * opened, changed and closed.
   */
  private reevaluate(evaluate: readonly number[], check: readonly number[], now = this.now()): ScanDelta {
    let opened: SizedBasket[] | null = null;
    let updated: SizedBasket[] | null = null;
    let closed: Basket[] | null = null;
    const minProfit = this.options.minProfit;
    const list = this.slots.list;
    const open = this.slots.open;
    const total = evaluate.length + check.length;
    for (let q = 0; q < total; q++) {
      const i = q < evaluate.length ? evaluate[q]! : check[q - evaluate.length]!;
      if (q >= evaluate.length && open[i] === 0 && minProfit > 0 && !this.index.couldNet(i)) continue;
      const basket = list[i]!;
      this.stats.sizings++;
      const figures = evaluateBasket(basket, this.options);
      if (figures === null) {
        if (open[i] === 1) {
          open[i] = 0;
          this.current.delete(basket.id);
          (closed ??= []).push(basket);
        }
        continue;
      }
      const before = open[i] === 1 ? this.current.get(basket.id) : undefined;
      if (before === undefined) {
        const sized: SizedBasket = { ...figures, openedAt: now, updatedAt: now };
        open[i] = 1;
        this.current.set(basket.id, sized);
        (opened ??= []).push(sized);
      } else if (!sameFigures(before, figures)) {
        const sized: SizedBasket = { ...figures, openedAt: before.openedAt, updatedAt: now };
        this.current.set(basket.id, sized);
        (updated ??= []).push(sized);
      }
    }
    if (opened === null && updated === null && closed === null) return NO_CHANGE;
    return { opened: opened ?? [], updated: updated ?? [], closed: closed ?? [] };
  }
}
