// The opportunities a `getOpportunities` query asks for: by strategy, a least net profit, a least
// annualised return on the capital locked (those whose resolution time is unknown are left out of
// that filter's answer), sorted by net profit or by annualised return, best first.
import type { CommandPayload, Opportunity } from '../../shared/contract';
import { Money } from '../../shared/money';

export function selectOpportunities(all: readonly Opportunity[], query: CommandPayload<'getOpportunities'>): Opportunity[] {
  const floor = query.minProfit === undefined ? null : new Money(query.minProfit);
  const yearly = query.minAnnualisedReturn === undefined ? null : new Money(query.minAnnualisedReturn);
  const picked = all.filter(
    (o) =>
      (query.strategy === undefined || o.strategy === query.strategy) &&
      (floor === null || new Money(o.netProfit).gte(floor)) &&
      (yearly === null || (o.annualisedReturn !== undefined && o.annualisedReturn !== null && new Money(o.annualisedReturn).gte(yearly))),
  );
  const byYear = (o: Opportunity) => (o.annualisedReturn === undefined || o.annualisedReturn === null ? new Money(-Infinity) : new Money(o.annualisedReturn));
  const sorted = query.sort === 'annualisedReturn' ? [...picked].sort((a, b) => byYear(b).comparedTo(byYear(a))) : [...picked].sort((a, b) => new Money(b.netProfit).comparedTo(new Money(a.netProfit)));
  return sorted.slice(0, query.limit ?? 100);
}
