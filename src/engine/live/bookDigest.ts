// A canonical text of books' levels (health left out), and its SHA-256: two runs that hold the same
// books — the live engine and a replay of its recording — give the same digest.
import { createHash } from 'node:crypto';
import type { BookStore } from '../books/bookStore';
import type { PriceLevels } from '../books/priceLevels';

function levels(l: PriceLevels): string {
  const parts: string[] = [];
  for (let i = 0; i < l.length; i++) parts.push(`${l.priceAt(i)}x${l.qtyAt(i)}`);
  return parts.join(',');
}

/** One line per market (sorted by reference): its levels, bids and asks of each side. */
export function bookLines(store: BookStore, refs?: Iterable<string>): string[] {
  const wanted = refs ? [...new Set(refs)] : store.markets().map((b) => b.ref);
  const out: string[] = [];
  for (const ref of wanted.sort()) {
    const b = store.get(ref);
    if (!b) continue;
    if (b.shape === 'bid_pair') out.push(`${ref} yes[${levels(b.yesBids)}] no[${levels(b.noBids)}]`);
    else if (b.shape === 'token_pair') out.push(`${ref} yes[${levels(b.yesToken.bids)}|${levels(b.yesToken.asks)}] no[${levels(b.noToken.bids)}|${levels(b.noToken.asks)}]`);
    else out.push(`${ref} bids[${levels(b.bids)}] asks[${levels(b.asks)}]`);
  }
  return out;
}

export function booksDigest(store: BookStore, refs?: Iterable<string>): string {
  return createHash('sha256').update(bookLines(store, refs).join('\n')).digest('hex');
}
