// Every order request that reached an exchange, accepted or refused, with its wall time: what the
// chaos run counts to prove nothing reaches a venue after the kill switch returned.
export interface OrderArrival {
  /** Wall ms when the exchange received it. */
  at: number;
  /** The client order id (Kalshi) or the order hash (Polymarket). */
  id: string;
}

const KEPT = 200_000;

export class OrderArrivals {
  private readonly list: OrderArrival[] = [];

  constructor(private readonly now: () => number) {}

  record(id: string): void {
    this.list.push({ at: this.now(), id });
    if (this.list.length > KEPT) this.list.splice(0, this.list.length - KEPT);
  }

  /** Arrivals with from < at ≤ to. */
  between(from: number, to: number): OrderArrival[] {
    return this.list.filter((a) => a.at > from && a.at <= to);
  }
}
