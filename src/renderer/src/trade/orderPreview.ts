// Exactly what Execute sends: one immediate-or-cancel buy per leg at its worst acceptable price
// (the engine's executor, see src/engine/execution/executor.ts), named as its venue names it (IOC, FAK).
import type { Analysis, Opportunity } from '../../../shared/contract';
import type { Outcome, VenueId } from '../../../shared/ids';
import { immediateOrderWord } from '../names/venues';

export interface OrderLine {
  venue: VenueId;
  market: string;
  title: string;
  label?: Opportunity['legs'][number]['label'];
  side: 'BUY';
  outcome: Outcome;
  size: number;
  /** Dollars per contract, decimal string. */
  limitPrice: string;
  /** The venue's word for an immediate-or-cancel order. */
  orderType: string;
}

/**
 * The orders at the analysed size (each leg's limit is the worst price its size reaches), or at the
 * opportunity's own size when the analysis is missing or for another opportunity.
 */
export function orderLines(o: Opportunity, analysis: Analysis | null): OrderLine[] {
  const useAnalysis = analysis !== null && analysis.opportunityId === o.id && analysis.size > 0;
  return o.legs.map((leg, i) => {
    const a = useAnalysis ? analysis.legs[i] : undefined;
    return {
      venue: leg.venue,
      market: leg.market,
      title: leg.title,
      label: leg.label,
      side: 'BUY',
      outcome: leg.outcome,
      size: a ? a.size : leg.size,
      limitPrice: a?.worstPrice ?? leg.worstPrice,
      orderType: immediateOrderWord(leg.venue),
    };
  });
}
