// Applies Kalshi market WebSocket messages (orderbook_snapshot / orderbook_delta) and REST order
// books to the store. Hand-written checks, no schema library: this runs for every message.
// Never throws on malformed input; the result says why a message was not applied.
import { ladderId, type KalshiBook, type LadderId } from './marketBook';
import { applied, ignored, rejected, type BookStore, type BookUpdate, type KalshiSubscription } from './bookStore';
import { readKalshiLevels, readPrice, readSignedSize } from './parseLevels';
import { MAX_LEVEL_QTY } from './priceLevels';

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

/**
 * Applies one Kalshi order-book message.
 *
 * Sequencing (spec §8): `seq` counts per `sid`. A seq that is not the previous one + 1 is a gap:
 * every book of that subscription becomes `unknown` until its next snapshot, and the delta that
 * revealed the gap is ignored. A message whose envelope is unreadable is rejected without touching
 * the sequence, so the next message reveals the loss as a gap. A malformed payload for a tracked
 * market is rejected and marks that market `unknown`: an update was lost.
 */
export function applyKalshiMessage(store: BookStore, message: unknown, now: number): BookUpdate {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return rejected('message is not an object');
  const env = message as KalshiEnvelope;
  const type = env.type;
  if (type === 'ok') return okReply(store, env);
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

  const sub = sequence(store, env.sid, env.seq, now);
  const book = store.kalshiByTicker.get(ticker);
  if (book === undefined) return unknownMarket(ticker);
  bind(sub, book, env.sid, now);
  const { changed, markets } = tracked;

  if (isSnapshot) {
    const problem = applySnapshot(store, book, body.yes_dollars_fp, body.no_dollars_fp, now);
    if (problem !== null) return lostUpdate(book, `msg.${problem}`, now, changed, markets);
    if (changed === null) return store.appliedToMarket(book.slot);
    return applied(mergeLadders(changed, ladderId(book.slot, 'yes'), ladderId(book.slot, 'no')), mergeSlot(markets, book.slot));
  }

  // orderbook_delta
  const side = body.side;
  if (side !== 'yes' && side !== 'no') return lostUpdate(book, 'msg.side is not "yes" or "no"', now, changed, markets);
  const price = readPrice(body.price_dollars);
  if (typeof price === 'string') return lostUpdate(book, `msg.price_dollars: ${price}`, now, changed, markets);
  const delta = readSignedSize(body.delta_fp);
  if (typeof delta === 'string') return lostUpdate(book, `msg.delta_fp: ${delta}`, now, changed, markets);
  return applyDelta(store, book, side, price, delta, now);
}

/**
 * An `orderbook_delta` of a tracked market whose fields a decoder has already read and checked
 * (wireDecoder.ts): the same sequencing and the same update as `applyKalshiMessage` on the parsed
 * message.
 */
export function applyKalshiDelta(store: BookStore, sid: number, seq: number, book: KalshiBook, side: 'yes' | 'no', price: number, delta: number, now: number): BookUpdate {
  bind(sequence(store, sid, seq, now), book, sid, now);
  return applyDelta(store, book, side, price, delta, now);
}

/** The sequence state of the message being applied (module scratch: no allocation per message). */
const tracked: { gap: string | null; changed: LadderId[] | null; markets: number[] | null } = { gap: null, changed: null, markets: null };

/** The sequence step of one book message (spec §8): a gap makes every book of the sid unknown. */
function sequence(store: BookStore, sid: number, seq: number, now: number): KalshiSubscription {
  let sub = store.kalshiSubscriptions.get(sid);
  tracked.gap = null;
  tracked.changed = null;
  tracked.markets = null;
  if (sub === undefined) {
    sub = { lastSeq: seq, books: new Set() };
    store.kalshiSubscriptions.set(sid, sub);
    return sub;
  }
  const replySlot = sub.okSlot ?? null;
  sub.okSlot = null;
  if (seq !== sub.lastSeq + 1 && seq !== replySlot) {
    tracked.gap = `sequence gap on sid ${sid}: expected seq ${sub.lastSeq + 1}, got ${seq}`;
    tracked.changed = [];
    tracked.markets = [];
    markUnknown(sub, now, tracked.changed, tracked.markets);
  }
  sub.lastSeq = seq;
  return sub;
}

/** A message about a market we do not track: rejected (a gap it revealed is still reported). */
function unknownMarket(ticker: string): BookUpdate {
  const reason = `unknown market "${ticker}"`;
  const { changed, markets } = tracked;
  return changed && changed.length > 0 ? { status: 'rejected', reason, changed, markets: markets! } : rejected(reason);
}

/** Notes that the market is on this subscription (a gap revealed by its first message includes it). */
function bind(sub: KalshiSubscription, book: KalshiBook, sid: number, now: number): void {
  if (book.lastSid === sid) return;
  book.lastSid = sid;
  if (sub.books.has(book)) return;
  sub.books.add(book);
  book.sids.add(sid);
  if (tracked.gap !== null) markBookUnknown(book, now, (tracked.changed ??= []), (tracked.markets ??= []));
}

/** The delta's update once sequenced. */
function applyDelta(store: BookStore, book: KalshiBook, side: 'yes' | 'no', price: number, delta: number, now: number): BookUpdate {
  const { gap, changed, markets } = tracked;
  if (gap !== null) return ignored(gap, changed!, markets!);
  const cache = store.cache;
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
  if (changed === null) return store.appliedToLadder(ladderId(book.slot, side === 'yes' ? 'no' : 'yes'));
  return applied(mergeLadders(changed, ladderId(book.slot, side === 'yes' ? 'no' : 'yes')), mergeSlot(markets, book.slot));
}

/**
 * An `ok` reply to update_subscription carries the subscription's `sid` and a `seq`
 * (kalshi.asyncapi.yaml okResponsePayload; the example `{"id":123,"sid":456,"seq":222,"type":"ok"}`).
 * Whether it takes a slot of the sequence is not documented. A reply carrying the next seq is
 * taken to have used it — and the next book message may then carry that seq or the one after;
 * any other seq (the current one, or a stale one) changes nothing. The feed forwards these replies
 * (and a recording keeps them) so every add_markets is not read as a gap.
 */
function okReply(store: BookStore, env: KalshiEnvelope): BookUpdate {
  if (!isSeqNumber(env.sid) || !isSeqNumber(env.seq)) return ignored('ok reply without a sid and seq');
  const sub = store.kalshiSubscriptions.get(env.sid);
  if (sub === undefined || env.seq !== sub.lastSeq + 1) return ignored('ok reply: no sequence slot taken');
  sub.lastSeq = env.seq;
  sub.okSlot = env.seq;
  return ignored('ok reply: sequence advanced');
}

/**
 * Loads a REST order book (`GET /markets/{ticker}/orderbook` → `orderbook_fp`, bids on both sides)
 * and marks the market live. Returns null, or the reason it was rejected (nothing changed then).
 */
export function loadKalshiOrderbook(store: BookStore, ticker: string, orderbookFp: unknown, now: number): BookUpdate {
  const book = store.kalshiByTicker.get(ticker);
  if (book === undefined) return rejected(`unknown market "${ticker}"`);
  if (orderbookFp !== undefined && (typeof orderbookFp !== 'object' || orderbookFp === null)) return rejected('orderbook_fp is not an object');
  const ob = (orderbookFp ?? {}) as { yes_dollars?: unknown; no_dollars?: unknown };
  const problem = applySnapshot(store, book, ob.yes_dollars, ob.no_dollars, now);
  if (problem !== null) return rejected(problem.replace('yes_dollars_fp', 'yes_dollars').replace('no_dollars_fp', 'no_dollars'));
  return store.appliedToMarket(book.slot);
}

function applySnapshot(store: BookStore, book: KalshiBook, yes: unknown, no: unknown, now: number): string | null {
  const { a, b } = store.scratch;
  const yesProblem = readKalshiLevels(yes, a);
  if (yesProblem !== null) return `yes_dollars_fp: ${yesProblem}`;
  const noProblem = readKalshiLevels(no, b);
  if (noProblem !== null) return `no_dollars_fp: ${noProblem}`;
  book.yesBids.replace(a.prices, a.qtys);
  book.noBids.replace(b.prices, b.qtys);
  book.yes.health = 'live';
  book.no.health = 'live';
  book.yes.updatedAt = now;
  book.no.updatedAt = now;
  return null;
}

function markUnknown(sub: KalshiSubscription, now: number, changed: LadderId[], markets: number[]): void {
  for (const book of sub.books) markBookUnknown(book, now, changed, markets);
}

function markBookUnknown(book: KalshiBook, now: number, changed: LadderId[], markets: number[]): void {
  if (book.yes.health === 'unknown') return;
  book.yes.health = 'unknown';
  book.no.health = 'unknown';
  book.yes.updatedAt = now;
  book.no.updatedAt = now;
  changed.push(ladderId(book.slot, 'yes'), ladderId(book.slot, 'no'));
  markets.push(book.slot);
}

function lostUpdate(book: KalshiBook, reason: string, now: number, changed: LadderId[] | null, markets: number[] | null): BookUpdate {
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
