// Each listed market's spec, parsed once per listing object: a discovery replaces a market's
// MarketInfo, and with it its spec; nothing else holds parsed specs alive. A market listed again
// word for word may take its spec over from its previous listing (specOfRelisted).
import type { ContractSpec } from '../../shared/contract/spec';
import type { MarketInfo } from '../venues/venue';
import { sameJson } from './sameJson';
import { specInputOf } from './specInput';
import { parseSpec } from '../specs/parse';

const cache = new WeakMap<MarketInfo, ContractSpec>();

/** The spec this listing already has, if any: parsing is left to the caller. */
export function cachedSpec(info: MarketInfo): ContractSpec | undefined {
  return cache.get(info);
}

/** Keeps a spec parsed elsewhere (a match run's own) as this listing's, unless it has one. */
export function keepSpec(info: MarketInfo, spec: ContractSpec): void {
  if (!cache.has(info)) cache.set(info, spec);
}

export function specOfMarket(info: MarketInfo): ContractSpec {
  let spec = cache.get(info);
  if (spec === undefined) {
    spec = parseSpec(specInputOf(info));
    cache.set(info, spec);
  }
  return spec;
}

/**
 * The spec of a market listed again (`info`), the same object as its previous listing's
 * (`earlier`) when both give the parser the same input: a discovery lists every market anew, and
 * parsing all of a universe's linked markets again would hold the event loop for hundreds of ms.
 */
export function specOfRelisted(info: MarketInfo, earlier: MarketInfo | undefined): ContractSpec {
  const known = cache.get(info);
  if (known !== undefined) return known;
  const previous = earlier === undefined ? undefined : cache.get(earlier);
  if (previous !== undefined && sameJson(specInputOf(info), specInputOf(earlier!))) {
    cache.set(info, previous);
    return previous;
  }
  return specOfMarket(info);
}
