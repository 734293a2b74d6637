// Acme's exchange, in-process: what the tests script in place of a real venue. It lists events of
// markets, keeps each market's one book of YES, and sends its subscribers JSON text — a snapshot
// when they subscribe, then changes — with no sequence numbers, as the wire would.

export interface AcmeListedMarket {
  slug: string;
  question: string;
  /** The outcome this market names inside its event. */
  outcome: string;
  rules: string;
  /** The fee coefficient Θ of this market, as a decimal string. */
  theta: string;
  closesAt: string;
}

export interface AcmeListedEvent {
  id: string;
  title: string;
  category: string;
  /** At most one market of the event resolves YES; `exhaustive`: exactly one. */
  exclusive: boolean;
  exhaustive: boolean;
  markets: AcmeListedMarket[];
}

/** A side of a book as the wire writes it: `[["0.31", "120"], …]` (price, contracts). */
export type AcmeLevels = [string, string][];

interface Book {
  bids: AcmeLevels;
  offers: AcmeLevels;
}

type Subscriber = (text: string) => void;

/** Exchanges by name: a connection's `exchange` endpoint picks one. */
const exchanges = new Map<string, AcmeExchange>();

export class AcmeExchange {
  readonly events: AcmeListedEvent[] = [];
  private readonly books = new Map<string, Book>();
  private readonly subscribers = new Map<Subscriber, Set<string>>();

  private constructor(readonly name: string) {}

  static open(name: string): AcmeExchange {
    const exchange = new AcmeExchange(name);
    exchanges.set(name, exchange);
    return exchange;
  }

  static get(name: string): AcmeExchange | null {
    return exchanges.get(name) ?? null;
  }

  close(): void {
    exchanges.delete(this.name);
    this.subscribers.clear();
  }

  list(event: AcmeListedEvent): void {
    this.events.push(event);
    for (const m of event.markets) this.books.set(m.slug, { bids: [], offers: [] });
  }

  /** The listing as its REST endpoint returns it. */
  listing(): string {
    return JSON.stringify({ events: this.events });
  }

  /** Replaces a market's book and sends the snapshot. */
  setBook(slug: string, bids: AcmeLevels, offers: AcmeLevels): void {
    this.books.set(slug, { bids, offers });
    this.send(slug, { type: 'book', market: slug, bids, offers });
  }

  /** Sets one level's new total size ("0" removes it) and sends the change. */
  change(slug: string, side: 'bid' | 'offer', price: string, size: string): void {
    const book = this.books.get(slug)!;
    const levels = side === 'bid' ? book.bids : book.offers;
    const rest = levels.filter(([p]) => p !== price);
    if (size !== '0') rest.push([price, size]);
    if (side === 'bid') book.bids = rest;
    else book.offers = rest;
    this.send(slug, { type: 'change', market: slug, side, price, size });
  }

  resolve(slug: string, winner: 'yes' | 'no'): void {
    this.send(slug, { type: 'resolved', market: slug, winner });
  }

  /** Raw text to every subscriber of the market (a malformed message, say). */
  sendRaw(slug: string, text: string): void {
    for (const [subscriber, markets] of this.subscribers) if (markets.has(slug)) subscriber(text);
  }

  /** Subscribes to these markets (replacing the subscriber's set); each new one's book arrives first. */
  subscribe(subscriber: Subscriber, slugs: readonly string[]): void {
    const before = this.subscribers.get(subscriber) ?? new Set<string>();
    const now = new Set(slugs);
    this.subscribers.set(subscriber, now);
    for (const slug of now) {
      const book = this.books.get(slug);
      if (!before.has(slug) && book) queueMicrotask(() => subscriber(JSON.stringify({ type: 'book', market: slug, ...book })));
    }
  }

  unsubscribe(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  private send(slug: string, message: object): void {
    this.sendRaw(slug, JSON.stringify(message));
  }
}
