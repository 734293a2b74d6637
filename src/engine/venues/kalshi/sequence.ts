// The sequence state machine of Kalshi order-book subscriptions (venues.md §1.8): `seq` counts
// every orderbook_snapshot / orderbook_delta of a subscription (sid) by one. A seq that is not the
// previous + 1 is a gap: every book of that subscription is invalid until a fresh snapshot of it
// arrives. Pure bookkeeping — the feed decides when to ask for snapshots and what to do when that
// fails; this says which tickers are still owed one.
//
//   live ──gap──▶ resyncing(pending = every ticker of the sid)
//   resyncing ──snapshot of t──▶ pending − t ──(pending empty)──▶ live
//   resyncing ──gap──▶ resyncing(pending = every ticker again: the lost message may have hit any)

export type SequenceVerdict =
  | { kind: 'ok' }
  /** The first message of a subscription: nothing to compare with. */
  | { kind: 'first' }
  /** A gap: `invalidated` are the tickers whose books can no longer be trusted. */
  | { kind: 'gap'; expected: number; got: number; invalidated: string[] }
  /** The last ticker owed a snapshot got it: the subscription is whole again. */
  | { kind: 'resynced' };

interface SidState {
  lastSeq: number | null;
  /** An `ok` reply carried this (next) seq: the next message may carry it or the one after (see onReply). */
  okSlot: number | null;
  readonly tickers: Set<string>;
  /** Tickers owed a snapshot since the last gap; null while live. */
  pending: Set<string> | null;
  /** get_snapshot requests sent since the last time the subscription was whole. */
  requests: number;
}

const OK: SequenceVerdict = Object.freeze({ kind: 'ok' });
const FIRST: SequenceVerdict = Object.freeze({ kind: 'first' });
const RESYNCED: SequenceVerdict = Object.freeze({ kind: 'resynced' });

/**
 * The one sequence tracker of Kalshi's book messages: the live feed (feed.ts) keeps one per
 * connection, and the decoder (marketData.ts) keeps one when it reads a stream no feed has checked
 * (`arbdesk replay`), learning each subscription's markets from its messages (`learn`).
 */
export class SubscriptionSequences {
  private readonly sids = new Map<number, SidState>();

  register(sid: number, tickers: Iterable<string>): void {
    this.sids.set(sid, { lastSeq: null, okSlot: null, tickers: new Set(tickers), pending: null, requests: 0 });
  }

  remove(sid: number): void {
    this.sids.delete(sid);
  }

  clear(): void {
    this.sids.clear();
  }

  /** Tracks `ticker` as a market of `sid` from now on, registering the sid on its first message (replay). */
  learn(sid: number, ticker: string | null): void {
    const s = this.sids.get(sid);
    if (!s) this.register(sid, ticker === null ? [] : [ticker]);
    else if (ticker !== null) s.tickers.add(ticker);
  }

  /** Subscriptions tracked. */
  get size(): number {
    return this.sids.size;
  }

  has(sid: number): boolean {
    return this.sids.has(sid);
  }

  addTickers(sid: number, tickers: Iterable<string>): void {
    const s = this.sids.get(sid);
    if (!s) return;
    for (const t of tickers) s.tickers.add(t);
  }

  removeTickers(sid: number, tickers: Iterable<string>): void {
    const s = this.sids.get(sid);
    if (!s) return;
    for (const t of tickers) {
      s.tickers.delete(t);
      s.pending?.delete(t);
    }
    if (s.pending !== null && s.pending.size === 0) this.heal(s);
  }

  tickers(sid: number): string[] {
    return [...(this.sids.get(sid)?.tickers ?? [])];
  }

  /** Tickers of `sid` still owed a snapshot (empty when live). */
  pending(sid: number): string[] {
    return [...(this.sids.get(sid)?.pending ?? [])];
  }

  isResyncing(sid: number): boolean {
    return (this.sids.get(sid)?.pending ?? null) !== null;
  }

  /** Counts a get_snapshot request; returns how many were sent since the sid was last whole. */
  noteRequest(sid: number): number {
    const s = this.sids.get(sid);
    if (!s) return 0;
    return ++s.requests;
  }

  /**
   * An `ok` reply to update_subscription with the subscription's `seq` (kalshi.asyncapi.yaml
   * okResponsePayload). Whether it takes a slot is undocumented: one that carries the next seq is
   * taken to have used it, and the next message may carry that seq or the one after; the current
   * seq or an older one changes nothing. Returns whether the sequence moved.
   */
  onReply(sid: number, seq: number): boolean {
    const s = this.sids.get(sid);
    if (!s || s.lastSeq === null || seq !== s.lastSeq + 1) return false;
    s.lastSeq = seq;
    s.okSlot = seq;
    return true;
  }

  /**
   * One orderbook_snapshot / orderbook_delta of `sid`. Unknown sids (a subscription we did not
   * make, or one already dropped) are not tracked and report `ok`.
   */
  onMessage(sid: number, seq: number, type: 'orderbook_snapshot' | 'orderbook_delta', ticker: string): SequenceVerdict {
    const s = this.sids.get(sid);
    if (!s) return OK;
    const last = s.lastSeq;
    const replySlot = s.okSlot;
    s.okSlot = null;
    s.lastSeq = seq;
    if (last !== null && seq !== last + 1 && seq !== replySlot) {
      s.pending = new Set(s.tickers);
      // The message that revealed the gap may itself be the snapshot a ticker needs.
      if (type === 'orderbook_snapshot') s.pending.delete(ticker);
      if (s.pending.size === 0) this.heal(s);
      return { kind: 'gap', expected: last + 1, got: seq, invalidated: [...s.tickers] };
    }
    if (type === 'orderbook_snapshot' && s.pending !== null && s.pending.delete(ticker) && s.pending.size === 0) {
      this.heal(s);
      return RESYNCED;
    }
    return last === null ? FIRST : OK;
  }

  private heal(s: SidState): void {
    s.pending = null;
    s.requests = 0;
  }
}
