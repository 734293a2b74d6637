// Scanner deltas → the contract's `opportunities` events, coalesced: at most one push per
// interval (10 per second by default), merging what opened, changed and closed in between. A
// close of anything the UI may have seen is always sent; something that opened and closed within
// one interval is never shown (it was never tradable at human speed) but still counts as seen.
//
// Staleness: an opportunity that closed only because a leg's book went stale or unknown stays in
// the list, greyed (`stale: true`, from the legs' health), until its books are live again — then
// the scanner has re-evaluated it: it is either open again (sent fresh) or removed — or until
// STALE_HOLD_MS passes. Thirty seconds: long enough to ride out a reconnect and its snapshots
// (Kalshi and Polymarket heartbeats are 10 s; reconnect backoff starts at ~1 s), short enough
// that the trader is not left looking at prices from a feed that is gone.
import type { Opportunity } from '../../shared/contract';
import { Disposable, Emitter } from '../../shared/lifecycle';
import type { Basket, SizedBasket } from '../scanner/basket';
import type { Scanner, ScanDelta } from '../scanner/scanner';
import { toContractOpportunity } from '../scanner/toContract';

export const DEFAULT_PUBLISH_INTERVAL_MS = 100;
export const STALE_HOLD_MS = 30_000;

export interface PublisherOptions {
  scanner: Scanner;
  /** Wall-clock ms. */
  now: () => number;
  intervalMs?: number;
  staleHoldMs?: number;
  /** Why a basket may not be executed beyond its books (a suspended link), or null: shown on the opportunity. */
  suspended?: (basket: Basket) => string | null;
}

export interface OpportunitiesEvent {
  upserts: Opportunity[];
  removed: string[];
}

function allLegsLive(basket: Basket): boolean {
  for (const leg of basket.legs) if (leg.side.health !== 'live') return false;
  return true;
}

export class OpportunityPublisher extends Disposable {
  private readonly scanner: Scanner;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly staleHoldMs: number;
  private readonly suspended: (basket: Basket) => string | null;
  /** Opened or changed since the last push. */
  private readonly pendingUpsert = new Map<string, SizedBasket>();
  /** Closed since the last push. */
  private readonly pendingClose = new Set<string>();
  /** Held greyed since a leg went stale; value: the last figures and when the hold began. */
  private readonly held = new Map<string, { last: SizedBasket; since: number; sent: boolean }>();
  /** Ids a UI may be showing: pushed, or handed out in a snapshot. */
  private readonly shown = new Set<string>();
  /** The last figures of everything shown, for holding it greyed when it closes stale. */
  private readonly lastFigures = new Map<string, SizedBasket>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** While opportunities are held greyed: a slower timer that releases them on time. */
  private reviewTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPush = 0;
  private seen = 0;
  private readonly onDidPublishEmitter = this.register(new Emitter<OpportunitiesEvent>());
  readonly onDidPublish = this.onDidPublishEmitter.event;

  constructor(options: PublisherOptions) {
    super();
    this.scanner = options.scanner;
    this.now = options.now;
    this.intervalMs = options.intervalMs ?? DEFAULT_PUBLISH_INTERVAL_MS;
    this.staleHoldMs = options.staleHoldMs ?? STALE_HOLD_MS;
    this.suspended = options.suspended ?? (() => null);
  }

  /** The contract's opportunity, with what the books cannot say (a suspended link). */
  private toContract(o: SizedBasket): Opportunity {
    const opportunity = toContractOpportunity(o);
    const suspended = this.suspended(o.basket);
    return suspended === null ? opportunity : { ...opportunity, suspended };
  }

  /** Sends every open opportunity again (what `suspended` says of them changed). */
  republish(): void {
    for (const o of this.scanner.opportunities()) this.pendingUpsert.set(o.basket.id, o);
    for (const h of this.held.values()) h.sent = false;
    this.schedule();
  }

  /** Opportunities that opened (reopenings after a stale hold excluded). */
  get opportunitiesSeen(): number {
    return this.seen;
  }

  /** Takes in one scanner delta. Cheap: the work happens at the next push. */
  add(delta: ScanDelta): void {
    if (delta.opened.length === 0 && delta.updated.length === 0 && delta.closed.length === 0) return;
    for (const o of delta.opened) {
      const id = o.basket.id;
      if (!this.held.delete(id)) this.seen++;
      this.pendingUpsert.set(id, o);
      this.pendingClose.delete(id);
    }
    for (const o of delta.updated) {
      this.pendingUpsert.set(o.basket.id, o);
      this.pendingClose.delete(o.basket.id);
    }
    for (const b of delta.closed) {
      const id = b.id;
      const last = this.pendingUpsert.get(id) ?? this.lastFigures.get(id);
      this.pendingUpsert.delete(id);
      if (last !== undefined && this.shown.has(id) && !allLegsLive(b) && this.scanner.basket(id) !== undefined) {
        this.held.set(id, { last, since: this.now(), sent: false });
      } else {
        this.pendingClose.add(id);
      }
    }
    this.schedule();
  }

  /** The list a new UI starts from: open opportunities, then those held greyed. Marks them shown. */
  snapshot(): Opportunity[] {
    this.reviewHolds();
    const open = this.scanner.opportunities();
    const out = open.map((o) => this.toContract(o));
    for (const o of open) {
      this.shown.add(o.basket.id);
      this.lastFigures.set(o.basket.id, o);
    }
    for (const [id, h] of this.held) {
      out.push(this.toContract(h.last));
      this.shown.add(id);
    }
    return out;
  }

  /** Pushes what is pending now (tests, shutdown). */
  flush(): void {
    this.clearTimers();
    this.push();
  }

  override dispose(): void {
    this.clearTimers();
    super.dispose();
  }

  private clearTimers(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.reviewTimer !== null) clearTimeout(this.reviewTimer);
    this.timer = null;
    this.reviewTimer = null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastPush + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.push();
    }, wait);
  }

  /** Drops holds whose books are live again (the scanner has had its say) or that timed out. */
  private reviewHolds(): string[] {
    const released: string[] = [];
    const now = this.now();
    for (const [id, h] of this.held) {
      const basket = this.scanner.basket(id);
      const gone = basket === undefined;
      const settled = !gone && allLegsLive(basket) && this.scanner.opportunity(id) === undefined;
      if (gone || settled || now - h.since >= this.staleHoldMs) {
        this.held.delete(id);
        released.push(id);
      }
    }
    return released;
  }

  private push(): void {
    this.lastPush = this.now();
    const upserts: Opportunity[] = [];
    const removed: string[] = [];
    for (const [id, o] of this.pendingUpsert) {
      upserts.push(this.toContract(o));
      this.shown.add(id);
      this.lastFigures.set(id, o);
    }
    this.pendingUpsert.clear();
    for (const h of this.held.values()) {
      if (h.sent) continue;
      h.sent = true;
      upserts.push(this.toContract(h.last));
    }
    const release = (id: string) => {
      this.lastFigures.delete(id);
      if (this.shown.delete(id)) removed.push(id);
    };
    for (const id of this.pendingClose) release(id);
    this.pendingClose.clear();
    for (const id of this.reviewHolds()) if (this.scanner.opportunity(id) === undefined) release(id);
    // Holds keep a timer going so they are released on time even when nothing else happens.
    if (this.held.size > 0) this.scheduleReview();
    if (upserts.length > 0 || removed.length > 0) this.onDidPublishEmitter.fire({ upserts, removed });
  }

  private scheduleReview(): void {
    if (this.reviewTimer !== null) return;
    this.reviewTimer = setTimeout(() => {
      this.reviewTimer = null;
      this.push();
    }, Math.max(this.intervalMs, 500));
  }
}
