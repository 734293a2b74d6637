// Kalshi's wire decoder: market WebSocket messages (orderbook_snapshot / orderbook_delta, and the
// `ok` replies that may spend a seq) and REST order books, applied to the books of a store.
// Hand-written checks, no schema library: this runs for every message. Never throws on malformed
// input; the result says why a message was not applied. The same decoder serves the live pump and
// `arbdesk replay`; the sequence tracker is sequence.ts, the one the live feed uses too.
import { applied, ignored, rejected, type BookStore, type BookUpdate } from '../../books/bookStore';
import { BidPairBook, ladderId, type LadderId } from '../../books/marketBook';
import { readArrayLevels, readPrice, readSignedSize } from '../../books/parseLevels';
import { MAX_LEVEL_QTY } from '../../books/priceLevels';
import { ByteKeyIndex } from '../../books/byteKeys';
import type { WireMessage } from '../../books/wireDecoder';
import type { KalshiDeltaBytes } from './deltaBytes';
import type { MarketDataDecoder, Resolution } from '../contribution';
import { readKalshiResolution } from './settlement';
import { SubscriptionSequences } from './sequence';
import { KALSHI } from './manifest';

interface KalshiEnvelope {
  type?: unknown;
  sid?: unknown;
  seq?: unknown;
  msg?: unknown;
}

interface KalshiBookMsg {
  market_ticker?: unknown;
  yes_dollars_fp?: unknown;
  no_dollars_fp?: unknown;
  price_dollars?: unknown;
  delta_fp?: unknown;
  side?: unknown;
}

function isSeqNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

const NONE: readonly Resolution[] = Object.freeze([]);

/**
 * Applies Kalshi messages to a store's Kalshi books.
 *
 * Sequencing (spec §8), when no live feed has checked it: `seq` counts per `sid`. A seq that is not
 * the previous one + 1 is a gap: every book of that subscription becomes `unknown` until its next
 * snapshot, and the delta that revealed the gap is ignored. A message whose envelope is unreadable
 * is rejected without touching the sequence, so the next message reveals the loss as a gap. A
 * malformed payload for a tracked market is rejected and marks that market `unknown`: an update
 * was lost.
 */
export class KalshiDecoder implements MarketDataDecoder {
  private readonly byTicker = new Map<string, BidPairBook>();
  /** The same books by the bytes of their ticker, for the byte reader's deltas (deltaBytes.ts). */
  private readonly byBytes = new ByteKeyIndex<BidPairBook>();
  private readonly sequences = new SubscriptionSequences();
  /** Per book slot, the sid of its last message: skips the tracker's set while it stays on one. */
  private readonly lastSid: number[] = [];

  constructor(private readonly store: BookStore) {
    store.onDidAdd((book) => {
      if (book.venue !== KALSHI) return;
      if (!(book instanceof BidPairBook)) throw new Error(`market ${book.ref}: a Kalshi book has YES and NO bids (bid_pair), not ${book.shape}`);
      this.byTicker.set(book.id, book);
      this.byBytes.set(book.id, book);
    });
  }

  /** The book of a tracked ticker. */
  book(ticker: string): BidPairBook | undefined {
    return this.byTicker.get(ticker);
  }

  apply(message: unknown, now: number, sequenceChecked = false): BookUpdate {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return rejected('message is not an object');
    const env = message as KalshiEnvelope;
    const type = env.type;
    if (type === 'ok') return sequenceChecked ? ignored('ok reply: sequence checked by the feed') : this.okReply(env);
    const isSnapshot = type === 'orderbook_snapshot';
    if (!isSnapshot && type !== 'orderbook_delta') {
      return rejected(typeof type === 'string' ? `type "${type}" is not an order-book message` : 'type is missing');
    }
    if (!isSeqNumber(env.sid)) return rejected('sid is not a whole number');
    if (!isSeqNumber(env.seq)) return rejected('seq is not a whole number');
    const body = env.msg as KalshiBookMsg | null | undefined;
    if (typeof body !== 'object' || body === null) return rejected('msg is not an object');
    const ticker = body.market_ticker;
    if (typeof ticker !== 'string' || ticker.length === 0) return rejected('msg.market_ticker is missing');

    const book = this.byTicker.get(ticker);
    this.sequence(book, ticker, env.sid, env.seq, isSnapshot, now, sequenceChecked);
    const { changed, markets } = this;

    if (book === undefined) {
      const reason = `unknown market "${ticker}"`;
      return changed && changed.length > 0 ? { status: 'rejected', reason, changed, markets: markets! } : rejected(reason);
    }

    if (isSnapshot) {
      const problem = this.applySnapshot(book, body.yes_dollars_fp, body.no_dollars_fp, now);
      if (problem !== null) return lostUpdate(book, `msg.${problem}`, now, changed, markets);
      if (changed === null) return this.store.appliedToMarket(book.slot);
      return applied(mergeLadders(changed, ladderId(book.slot, 'yes'), ladderId(book.slot, 'no')), mergeSlot(markets, book.slot));
    }

    // orderbook_delta
    const side = body.side;
    if (side !== 'yes' && side !== 'no') return lostUpdate(book, 'msg.side is not "yes" or "no"', now, changed, markets);
    const price = readPrice(body.price_dollars);
    if (typeof price === 'string') return lostUpdate(book, `msg.price_dollars: ${price}`, now, changed, markets);
    const delta = readSignedSize(body.delta_fp);
    if (typeof delta === 'string') return lostUpdate(book, `msg.delta_fp: ${delta}`, now, changed, markets);
    return this.applyDelta(book, side, price, delta, now);
  }

  /**
   * An `orderbook_delta` the byte reader read (deltaBytes.ts): the same sequencing and the same
   * update as `apply` on the parsed message. Null for a market this store does not track (the
   * parsed route then says why).
   */
  applyWire(message: WireMessage, now: number, sequenceChecked: boolean): BookUpdate | null {
    if (message.kind !== 'kalshi_delta') return null;
    const m = message as KalshiDeltaBytes;
    const book = this.byBytes.get(m.bytes, m.keyFrom, m.keyTo, m.keyHash);
    if (book === undefined) return null;
    this.sequence(book, book.id, m.sid, m.seq, false, now, sequenceChecked);
    return this.applyDelta(book, m.side, m.price, m.quantity, now);
  }

  /** The gap the message being applied revealed, and what it made unknown (scratch, per message). */
  private gap: string | null = null;
  private changed: LadderId[] | null = null;
  private markets: number[] | null = null;

  /** The sequence step of one book message, unless the live feed has checked it already. */
  private sequence(book: BidPairBook | undefined, ticker: string, sid: number, seq: number, isSnapshot: boolean, now: number, sequenceChecked: boolean): void {
    this.gap = null;
    this.changed = null;
    this.markets = null;
    if (sequenceChecked) return;
    if (book === undefined) this.sequences.learn(sid, null);
    else if (this.lastSid[book.slot] !== sid) {
      this.lastSid[book.slot] = sid;
      this.sequences.learn(sid, ticker);
    }
    const verdict = this.sequences.onMessage(sid, seq, isSnapshot ? 'orderbook_snapshot' : 'orderbook_delta', ticker);
    if (verdict.kind !== 'gap') return;
    this.gap = `sequence gap on sid ${sid}: expected seq ${verdict.expected}, got ${verdict.got}`;
    const changed: LadderId[] = [];
    const markets: number[] = [];
    for (const t of verdict.invalidated) {
      const b = this.byTicker.get(t);
      if (b) markBookUnknown(b, now, changed, markets);
    }
    this.changed = changed;
    this.markets = markets;
  }

  /** A delta's update once sequenced. */
  private applyDelta(book: BidPairBook, side: 'yes' | 'no', price: number, delta: number, now: number): BookUpdate {
    const { gap, changed, markets } = this;
    if (gap !== null) return ignored(gap, changed!, markets!);
    const cache = this.store.cache;
    const yesLadder = book.slot * 2;
    if (cache.isUnknown(yesLadder)) {
      return ignored(`book kalshi:${book.id} is unknown until its next snapshot`, changed ?? undefined, markets ?? undefined);
    }
    const moved = book.bidsFor(side).add(price, delta);
    if (moved < 0) return lostUpdate(book, `msg.delta_fp: the level would exceed ${MAX_LEVEL_QTY / 100} contracts`, now, changed, markets);
    if (moved === 0) return applied(changed ?? [], markets ?? []);
    cache.setUpdatedAt(yesLadder, now);
    cache.setUpdatedAt(yesLadder + 1, now);
    // A YES bid is an offer of NO: a change on the YES side moves the NO ask ladder, and vice versa.
    if (changed === null) return this.store.appliedToLadder(ladderId(book.slot, side === 'yes' ? 'no' : 'yes'));
    return applied(mergeLadders(changed, ladderId(book.slot, side === 'yes' ? 'no' : 'yes')), mergeSlot(markets, book.slot));
  }

  /** A new connection numbers its subscriptions afresh: old sequence state would read as gaps. */
  resetSession(): void {
    this.sequences.clear();
    this.lastSid.length = 0;
  }

  /** The sequence tracker of a stream no feed checked (for tests and tools). */
  get sequenceState(): Pick<SubscriptionSequences, 'has' | 'size'> {
    return this.sequences;
  }

  resolutions(message: unknown, now: number): readonly Resolution[] {
    const r = readKalshiResolution(message, now);
    return r === null ? NONE : [r];
  }

  /**
   * An `ok` reply to update_subscription carries the subscription's `sid` and a `seq`
   * (kalshi.asyncapi.yaml okResponsePayload; the example `{"id":123,"sid":456,"seq":222,"type":"ok"}`).
   * Whether it takes a slot of the sequence is not documented. A reply carrying the next seq is
   * taken to have used it — and the next book message may then carry that seq or the one after;
   * any other seq (the current one, or a stale one) changes nothing. The feed forwards these replies
   * (and a recording keeps them) so every add_markets is not read as a gap.
   */
  private okReply(env: KalshiEnvelope): BookUpdate {
    if (!isSeqNumber(env.sid) || !isSeqNumber(env.seq)) return ignored('ok reply without a sid and seq');
    return this.sequences.onReply(env.sid, env.seq) ? ignored('ok reply: sequence advanced') : ignored('ok reply: no sequence slot taken');
  }

  /**
   * Loads a REST order book (`GET /markets/{ticker}/orderbook` → `orderbook_fp`, bids on both sides)
   * and marks the market live. The result says why it was rejected (nothing changed then).
   */
  loadOrderbook(ticker: string, orderbookFp: unknown, now: number): BookUpdate {
    const book = this.byTicker.get(ticker);
    if (book === undefined) return rejected(`unknown market "${ticker}"`);
    if (orderbookFp !== undefined && (typeof orderbookFp !== 'object' || orderbookFp === null)) return rejected('orderbook_fp is not an object');
    const ob = (orderbookFp ?? {}) as { yes_dollars?: unknown; no_dollars?: unknown };
    const problem = this.applySnapshot(book, ob.yes_dollars, ob.no_dollars, now);
    if (problem !== null) return rejected(problem.replace('yes_dollars_fp', 'yes_dollars').replace('no_dollars_fp', 'no_dollars'));
    return this.store.appliedToMarket(book.slot);
  }

  private applySnapshot(book: BidPairBook, yes: unknown, no: unknown, now: number): string | null {
    const { a, b } = this.store.scratch;
    const yesProblem = readArrayLevels(yes, a);
    if (yesProblem !== null) return `yes_dollars_fp: ${yesProblem}`;
    const noProblem = readArrayLevels(no, b);
    if (noProblem !== null) return `no_dollars_fp: ${noProblem}`;
    book.yesBids.replace(a.prices, a.qtys);
    book.noBids.replace(b.prices, b.qtys);
    book.yes.health = 'live';
    book.no.health = 'live';
    book.yes.updatedAt = now;
    book.no.updatedAt = now;
    return null;
  }
}

function markBookUnknown(book: BidPairBook, now: number, changed: LadderId[], markets: number[]): void {
  if (book.yes.health === 'unknown') return;
  book.yes.health = 'unknown';
  book.no.health = 'unknown';
  book.yes.updatedAt = now;
  book.no.updatedAt = now;
  changed.push(ladderId(book.slot, 'yes'), ladderId(book.slot, 'no'));
  markets.push(book.slot);
}

function lostUpdate(book: BidPairBook, reason: string, now: number, changed: LadderId[] | null, markets: number[] | null): BookUpdate {
  const c = changed ?? [];
  const m = markets ?? [];
  markBookUnknown(book, now, c, m);
  return { status: 'rejected', reason, changed: c, markets: m };
}

function mergeLadders(existing: LadderId[] | null, ...ids: LadderId[]): LadderId[] {
  if (existing === null || existing.length === 0) return ids;
  for (const id of ids) if (!existing.includes(id)) existing.push(id);
  return existing;
}

function mergeSlot(existing: number[] | null, slot: number): number[] {
  if (existing === null || existing.length === 0) return [slot];
  if (!existing.includes(slot)) existing.push(slot);
  return existing;
}
