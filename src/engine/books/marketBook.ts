import type { BookHealth } from '../../shared/contract/primitives';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import { BestFirstBids, ComplementAsks, DirectAsks, type AskLadder, type BidLadder } from './ladders';
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
  abstract readonly venue: VenueId;
  abstract readonly yes: OutcomeBook;
  abstract readonly no: OutcomeBook;

  constructor(
    readonly slot: number,
    readonly id: string,
    public title: string,
    venue: VenueId,
  ) {
    this.ref = `${venue}:${id}`;
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
}

/**
 * A Kalshi market: YES bids and NO bids only (Kalshi publishes bids). The YES ask ladder is the
 * NO bids at 1 − q and the NO ask ladder the YES bids at 1 − q. Both outcomes share one health.
 */
export class KalshiBook extends MarketBook {
  readonly venue = 'kalshi' as const;
  readonly yesBids = new PriceLevels(true);
  readonly noBids = new PriceLevels(true);
  readonly yes: OutcomeBook;
  readonly no: OutcomeBook;
  /** Kalshi subscriptions (sid) this market has appeared in. */
  readonly sids = new Set<number>();
  /** The sid of its last message: skips the set lookups while it stays on one subscription. */
  lastSid = -1;

  constructor(slot: number, ticker: string, title: string, health: BookHealth, cache: LadderCache) {
    super(slot, ticker, title, 'kalshi');
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
}

/** One Polymarket outcome token's book: its own bids and asks. */
export class TokenBook {
  readonly bids = new PriceLevels(true);
  readonly asks = new PriceLevels(false);
  constructor(readonly tokenId: string) {}
}

/** A Polymarket market (conditionId): one book per outcome token, each with bids and asks. */
export class PolymarketBook extends MarketBook {
  readonly venue = 'polymarket' as const;
  readonly yesToken: TokenBook;
  readonly noToken: TokenBook;
  readonly yes: OutcomeBook;
  readonly no: OutcomeBook;

  constructor(slot: number, conditionId: string, title: string, tokens: { yes: string; no: string }, health: BookHealth, cache: LadderCache) {
    super(slot, conditionId, title, 'polymarket');
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
}

export type AnyMarketBook = KalshiBook | PolymarketBook;
