// The confirmation's view of cash: what each venue of a basket can spend against what the
// analysed size needs there (its capital: cost plus fees), and the largest size the cash pays for.
// The executor's plan checks the same at the legs' limit prices before anything is sent.
import type { Analysis, BalanceCheck } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Money, microsToText } from '../../shared/money';
import type { VenueCash } from './plan';

export function balanceCheckOf(analysis: Analysis, cash: (venue: VenueId) => VenueCash | null): BalanceCheck | null {
  const locks = analysis.capital?.byVenue ?? [];
  if (locks.length === 0 || analysis.size === 0) return null;
  let maxSize: number | null = analysis.size;
  let limitedBy: VenueId | null = null;
  const byVenue = locks.map(({ venue, amount }) => {
    const c = cash(venue);
    const needed = new Money(amount);
    if (c === null) return { venue, spendable: null, needed: amount, enough: null };
    const spendable = new Money(microsToText(c.micros));
    if (needed.gt(0)) {
      // Per-contract cost only falls as the size shrinks: this many at least are paid for.
      const fits = spendable.gte(needed) ? analysis.size : spendable.times(analysis.size).div(needed).floor().toNumber();
      if (maxSize === null || fits < maxSize) {
        maxSize = fits;
        limitedBy = fits < analysis.size ? venue : limitedBy;
      }
    }
    return { venue, spendable: spendable.toFixed(), needed: amount, enough: spendable.gte(needed) };
  });
  return { maxSize, limitedBy, byVenue };
}
