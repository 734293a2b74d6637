// Each listed market's spec, parsed once per listing object: a discovery replaces a market's
// MarketInfo, and with it its spec; nothing else holds parsed specs alive.
import type { ContractSpec } from '../../shared/contract/spec';
import type { MarketInfo } from '../venues/venue';
import { specInputOf } from './specInput';
import { parseSpec } from '../specs/parse';

const cache = new WeakMap<MarketInfo, ContractSpec>();

export function specOfMarket(info: MarketInfo): ContractSpec {
  let spec = cache.get(info);
  if (spec === undefined) {
    spec = parseSpec(specInputOf(info));
    cache.set(info, spec);
  }
  return spec;
}
