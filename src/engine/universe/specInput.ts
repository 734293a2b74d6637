// A listed market → the parser's input and the terms a link watch compares. The venue's own input
// (MarketInfo.specInput, from its contractSpec.ts) when it gave one; else the plain listing fields.
import type { MarketInfo, MarketTerms } from '../venues/venue';
import type { SpecInput } from '../specs/model';

export function specInputOf(info: MarketInfo): SpecInput {
  if (info.specInput) return info.specInput;
  return {
    venue: info.venue,
    market: info.id,
    title: info.title,
    eventTitle: info.eventTitle,
    outcomeLabel: info.outcomeLabel ?? '',
    rules: [{ field: 'rules', text: info.rules }],
    strike: null,
    sources: info.sources ?? [],
    closeTime: info.closeTime,
    resolveBy: info.closeTime,
    resolveByField: info.closeTime === null ? null : 'close time',
    status: info.status,
    dispute: null,
    earlyClose: null,
  };
}

/** The terms of a listed market a confirmed link is watched on. */
export function termsOf(info: MarketInfo): MarketTerms {
  return { ref: info.ref, rules: info.rules, closeTime: info.closeTime, status: info.status, dispute: info.specInput?.dispute ?? null };
}
