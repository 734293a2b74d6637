import type { BookHealth } from '../../shared/contract/primitives';
import { marketRef, otherOutcome, type MarketRef, type Outcome, type VenueId } from '../../shared/ids';
import { BestFirstBids, ComplementAsks, ComplementBids, DirectAsks, type AskLadder, type BidLadder } from './ladders';
import type { LadderCache } from './ladderCache';
import { PriceLevels } from './priceLevels';

/**
 * One ask ladder of one market: `slot × 2` for YES, `slot × 2 + 1` for NO. Strategies and the
 * scanner index baskets by ladder, so a book change re-evaluates only what buys from it.
 */
export type LadderId = number;

export function ladderId(slot: number, outcome: Outcome): LadderId {
  return slot * 2 + (outcome === 'no' ? 1 : 0);
}

export function ladderSlot(id: LadderId): number {
  return id >> 1;
}

export function ladderOutcome(id: LadderId): Outcome {
  return (id & 1) === 1 ? 'no' : 'yes';
}

/**
 * How a venue publishes a binary market's book. The generic layers know these shapes, never the
 * venues: a venue's contribution names its shape.
 * - `bid_pair`: bids for YES and bids for NO; each outcome's asks are the other's bids at 1 − q.
 * - `token_pair`: each outcome is its own token with its own bids and asks.
 * - `yes_book`: one two-sided book of YES; NO's asks are YES bids at 1 − q, NO's bids YES asks at 1 − p.
 */
export type BookShape = 'bid_pair' | 'token_pair' | 'yes_book';

/** Levels as integer units, any order: a side of a book as a file or a snapshot gives it. */
export interface Levels {
  readonly prices: readonly number[];
  readonly qtys: readonly number[];
}

/** A whole book's levels, by shape: what scenario files load and recordings write. */
export type BookLevels =
  | { readonly shape: 'bid_pair'; readonly yesBids: Levels; readonly noBids: Levels }
  | { readonly shape: 'token_pair'; readonly yes: { readonly bids: Levels; readonly asks: Levels }; readonly no: { readonly bids: Levels; readonly asks: Levels } }
  | { readonly shape: 'yes_book'; readonly bids: Levels; readonly asks: Levels };

/** Where a taker order's liquidity comes from in a book (see liquidity.ts). */
export interface LiquiditySource {
  /** The levels a taker of this side trades against. */
  readonly levels: PriceLevels;
  /** The levels are the other side's, read at 1 − price. */
  readonly complement: boolean;
  /** The ask ladder whose view changes when these levels do (baskets buy from it); null if none. */
  readonly ladder: LadderId | null;
}

/** What a trader buys and sees for one outcome of one market. */
export class OutcomeBook {
  constructor(
    readonly outcome: Outcome,
    readonly asks: AskLadder,
    readonly bids: BidLadder,
    health: BookHealth,
    private readonly cache: LadderCache,
    readonly ladder: LadderId,
  ) {
    cache.setHealth(ladder, health);
    cache.setUpdatedAt(ladder, null);
  }

  /** live: fed and fresh; stale: feed silent or down; unknown: never loaded or lost after a gap. */
  get health(): BookHealth {
    return this.cache.health(this.ladder);
  }

  set health(value: BookHealth) {
    this.cache.setHealth(this.ladder, value);
  }

  /** Wall-clock ms of the last change to this outcome's levels or health; null before any. */
  get updatedAt(): number | null {
    return this.cache.updatedAt(this.ladder);
  }

  set updatedAt(at: number | null) {
    this.cache.setUpdatedAt(this.ladder, at);
  }
}

export abstract class MarketBook {
  readonly ref: MarketRef;
  abstract readonly shape: BookShape;
  abstract readonly yes: OutcomeBook;
  abstract readonly no: OutcomeBook;

  constructor(
    readonly slot: number,
    readonly venue: VenueId,
    readonly id: string,
    public title: string,
  ) {
    this.ref = marketRef(venue, id);
  }

  outcome(outcome: Outcome): OutcomeBook {
    return outcome === 'yes' ? this.yes : this.no;
  }

  /** The latest change of either outcome, or null. */
  get updatedAt(): number | null {
    const a = this.yes.updatedAt;
    const b = this.no.updatedAt;
    if (a === null) return b;
    if (b === null) return a;
    return a > b ? a : b;
  }

  /** The levels a buy (ask side) or a sell (bid side) of `outcome` takes from. */
  abstract takerSource(outcome: Outcome, side: 'buy' | 'sell'): LiquiditySource;

  /** Every level the venue shows, in the book's own terms. */
  abstract levels(): BookLevels;

  /** Replaces every level (a scenario's book); throws when the shapes differ. */
  abstract load(levels: BookLevels): void;

  /** The venue's own sides, named, in a fixed order: for digests of what the book holds. */
  abstract sides(): readonly (readonly [string, PriceLevels])[];
}

function levelsOf(side: PriceLevels): Levels {
  const prices: number[] = [];
  const qtys: number[] = [];
  for (let i = 0; i < side.length; i++) {
    prices.push(side.priceAt(i));
    qtys.push(side.qtyAt(i));
  }
  return { prices, qtys };
}

function shapeError(book: MarketBook, levels: BookLevels): Error {
  return new Error(`market ${book.ref} has a ${book.shape} book; ${levels.shape} levels cannot be loaded into it`);
}

/**
 * YES bids and NO bids only (Kalshi's shape). The YES ask ladder is the NO bids at 1 − q and the
 * NO ask ladder the YES bids at 1 − q. Both outcomes share one health.
 */
export class BidPairBook extends MarketBook {
  readonly shape = 'bid_pair' as const;
  readonly yesBids = new PriceLevels(true);
  readonly noBids = new PriceLevels(true);
  readonly yes: OutcomeBook;
  readonly no: OutcomeBook;

  constructor(slot: number, venue: VenueId, id: string, title: string, health: BookHealth, cache: LadderCache) {
    super(slot, venue, id, title);
    const yes = ladderId(slot, 'yes');
    const no = ladderId(slot, 'no');
    this.yes = new OutcomeBook('yes', new ComplementAsks(this.noBids), new BestFirstBids(this.yesBids), health, cache, yes);
    this.no = new OutcomeBook('no', new ComplementAsks(this.yesBids), new BestFirstBids(this.noBids), health, cache, no);
    // NO bids back the YES asks and YES bids the NO asks, at 1 − q.
    this.noBids.bindAsks(cache, yes, true);
    this.yesBids.bindAsks(cache, no, true);
  }

  bidsFor(side: Outcome): PriceLevels {
    return side === 'yes' ? this.yesBids : this.noBids;
  }

  /** Buy YES at p takes a NO bid at 1 − p; sell YES at q takes a YES bid at q (the NO ask ladder at 1 − q). */
  takerSource(outcome: Outcome, side: 'buy' | 'sell'): LiquiditySource {
    return side === 'buy'
      ? { levels: this.bidsFor(otherOutcome(outcome)), complement: true, ladder: ladderId(this.slot, outcome) }
      : { levels: this.bidsFor(outcome), complement: false, ladder: ladderId(this.slot, otherOutcome(outcome)) };
  }

  levels(): BookLevels {
    return { shape: 'bid_pair', yesBids: levelsOf(this.yesBids), noBids: levelsOf(this.noBids) };
  }

  load(levels: BookLevels): void {
    if (levels.shape !== 'bid_pair') throw shapeError(this, levels);
    this.yesBids.replace(levels.yesBids.prices, levels.yesBids.qtys);
    this.noBids.replace(levels.noBids.prices, levels.noBids.qtys);
  }

  sides(): readonly (readonly [string, PriceLevels])[] {
    return [['yes', this.yesBids], ['no', this.noBids]];
  }
}

/** One outcome token's book: its own bids and asks. */
export class TokenBook {
  readonly bids = new PriceLevels(true);
  readonly asks = new PriceLevels(false);
  constructor(readonly tokenId: string) {}
}

/** A market of two outcome tokens (Polymarket's shape), each with its own bids and asks. */
export class TokenPairBook extends MarketBook {
  readonly shape = 'token_pair' as const;
  readonly yesToken: TokenBook;
  readonly noToken: TokenBook;
  readonly yes: OutcomeBook;
  readonly no: OutcomeBook;

  constructor(slot: number, venue: VenueId, id: string, title: string, tokens: { yes: string; no: string }, health: BookHealth, cache: LadderCache) {
    super(slot, venue, id, title);
    this.yesToken = new TokenBook(tokens.yes);
    this.noToken = new TokenBook(tokens.no);
    const yes = ladderId(slot, 'yes');
    const no = ladderId(slot, 'no');
    this.yes = new OutcomeBook('yes', new DirectAsks(this.yesToken.asks), new BestFirstBids(this.yesToken.bids), health, cache, yes);
    this.no = new OutcomeBook('no', new DirectAsks(this.noToken.asks), new BestFirstBids(this.noToken.bids), health, cache, no);
    this.yesToken.asks.bindAsks(cache, yes, false);
    this.noToken.asks.bindAsks(cache, no, false);
  }

  token(outcome: Outcome): TokenBook {
    return outcome === 'yes' ? this.yesToken : this.noToken;
  }

  /** The outcome token's own asks (buy) or bids (sell). */
  takerSource(outcome: Outcome, side: 'buy' | 'sell'): LiquiditySource {
    const token = this.token(outcome);
    return side === 'buy'
      ? { levels: token.asks, complement: false, ladder: ladderId(this.slot, outcome) }
      : { levels: token.bids, complement: false, ladder: null };
  }

  levels(): BookLevels {
    const side = (t: TokenBook) => ({ bids: levelsOf(t.bids), asks: levelsOf(t.asks) });
    return { shape: 'token_pair', yes: side(this.yesToken), no: side(this.noToken) };
  }

  load(levels: BookLevels): void {
    if (levels.shape !== 'token_pair') throw shapeError(this, levels);
    for (const o of ['yes', 'no'] as const) {
      this.token(o).bids.replace(levels[o].bids.prices, levels[o].bids.qtys);
      this.token(o).asks.replace(levels[o].asks.prices, levels[o].asks.qtys);
    }
  }

  sides(): readonly (readonly [string, PriceLevels])[] {
    return [['yes.bids', this.yesToken.bids], ['yes.asks', this.yesToken.asks], ['no.bids', this.noToken.bids], ['no.asks', this.noToken.asks]];
  }
}

/**
 * One two-sided book of YES (one instrument per market, every price a YES price): buying NO at q
 * is selling YES at 1 − q. NO's asks are the YES bids at 1 − q, NO's bids the YES asks at 1 − p.
 */
export class YesBook extends MarketBook {
  readonly shape = 'yes_book' as const;
  readonly bids = new PriceLevels(true);
  readonly asks = new PriceLevels(false);
  readonly yes: OutcomeBook;
  readonly no: OutcomeBook;

  constructor(slot: number, venue: VenueId, id: string, title: string, health: BookHealth, cache: LadderCache) {
    super(slot, venue, id, title);
    const yes = ladderId(slot, 'yes');
    const no = ladderId(slot, 'no');
    this.yes = new OutcomeBook('yes', new DirectAsks(this.asks), new BestFirstBids(this.bids), health, cache, yes);
    this.no = new OutcomeBook('no', new ComplementAsks(this.bids), new ComplementBids(this.asks), health, cache, no);
    this.asks.bindAsks(cache, yes, false);
    this.bids.bindAsks(cache, no, true);
  }

  /** YES trades the book itself; NO trades its mirror: a buy of NO hits YES bids, a sale of NO lifts YES asks. */
  takerSource(outcome: Outcome, side: 'buy' | 'sell'): LiquiditySource {
    const yesLadder = ladderId(this.slot, 'yes');
    const noLadder = ladderId(this.slot, 'no');
    if (outcome === 'yes') return side === 'buy' ? { levels: this.asks, complement: false, ladder: yesLadder } : { levels: this.bids, complement: false, ladder: noLadder };
    return side === 'buy' ? { levels: this.bids, complement: true, ladder: noLadder } : { levels: this.asks, complement: true, ladder: yesLadder };
  }

  levels(): BookLevels {
    return { shape: 'yes_book', bids: levelsOf(this.bids), asks: levelsOf(this.asks) };
  }

  load(levels: BookLevels): void {
    if (levels.shape !== 'yes_book') throw shapeError(this, levels);
    this.bids.replace(levels.bids.prices, levels.bids.qtys);
    this.asks.replace(levels.asks.prices, levels.asks.qtys);
  }

  sides(): readonly (readonly [string, PriceLevels])[] {
    return [['bids', this.bids], ['asks', this.asks]];
  }
}

export type AnyMarketBook = BidPairBook | TokenPairBook | YesBook;
