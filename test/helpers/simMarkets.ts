// The simulator's catalog as `MarketInfo`, worded the way each venue lists it (Kalshi market title
// and rules_primary, Polymarket question and description), for universe and matcher unit tests
// that do not need sockets. The end-to-end tests get the same from the real connectors.
import type { MarketRef } from '../../src/shared/ids';
import type { Price, Qty } from '../../src/shared/units';
import type { Discovery, ExclusiveSet, MarketInfo } from '../../src/engine/venues/venue';
import { buildUniverse } from '../../src/sim/world/catalog';
import type { Universe } from '../../src/sim/world/types';

export interface SimCatalog {
  universe: Universe;
  kalshi: MarketInfo[];
  polymarket: MarketInfo[];
  /** Discoveries as a connector would report them. */
  discovery: { kalshi: Discovery; polymarket: Discovery };
}

/** `polymarketMarkets`: a world at the venues' real scale, Polymarket listing that many (see buildUniverse). */
export function simCatalog(seed: string, markets = 40, opts: { kalshiTitleWithSubtitle?: boolean; polymarketMarkets?: number } = {}): SimCatalog {
  const universe = buildUniverse(seed, markets, opts.polymarketMarkets);
  const kEvents = new Map(universe.kalshi.events.map((e) => [e.eventTicker, e]));
  const series = new Map(universe.kalshi.series.map((s) => [s.ticker, s]));
  const kalshi: MarketInfo[] = universe.kalshi.markets.map((l) => {
    const e = kEvents.get(l.eventTicker)!;
    const s = series.get(l.seriesTicker)!;
    return {
      ref: `kalshi:${l.ticker}` as MarketRef,
      venue: 'kalshi',
      id: l.ticker,
      title: opts.kalshiTitleWithSubtitle && l.yesSubTitle !== 'Yes' ? `${l.title} ${l.yesSubTitle}` : l.title,
      outcomeLabel: l.yesSubTitle,
      rules: l.rulesPrimary,
      eventId: l.eventTicker,
      eventTitle: e.title,
      seriesId: l.seriesTicker,
      category: e.category,
      status: 'open',
      closeTime: l.closeTime,
      fee: { venue: 'kalshi', feeType: s.feeType, multiplier: String(s.feeMultiplier / 10_000) },
      tickSize: l.tick,
      minOrderSize: 100 as Qty,
      sources: s.settlementSources.map((x) => ({ name: x.name, url: x.url })),
      ...(l.floorStrike !== undefined ? { strike: { type: 'greater', floor: String(l.floorStrike), cap: null } } : {}),
    };
  });
  const pEvents = new Map(universe.polymarket.events.map((e) => [e.id, e]));
  const polymarket: MarketInfo[] = universe.polymarket.markets.map((l) => {
    const e = pEvents.get(l.eventId)!;
    return {
      ref: `polymarket:${l.conditionId}` as MarketRef,
      venue: 'polymarket',
      id: l.conditionId,
      title: l.question,
      rules: l.description,
      eventId: l.eventId,
      eventTitle: e.title,
      seriesId: e.slug,
      category: l.category,
      status: 'open',
      closeTime: l.endDate,
      fee: { venue: 'polymarket', rate: String(l.feeRate / 10_000), exponent: l.feeExponent, takerOnly: true },
      tickSize: l.tick,
      minOrderSize: (l.minOrderSize * 100) as Qty,
      tokens: { yes: l.yesTokenId, no: l.noTokenId },
      negRisk: l.negRisk,
      ...(l.groupItemTitle ? { outcomeLabel: l.groupItemTitle } : {}),
    };
  });
  const exclusive = (venue: 'kalshi' | 'polymarket'): ExclusiveSet[] =>
    universe.relations.exclusive
      .filter((s) => s.members[0]!.startsWith(`${venue}:`))
      .map((s) => ({ id: s.id, members: s.members as MarketRef[], exhaustive: s.exhaustive }));
  const implies = (venue: 'kalshi' | 'polymarket') =>
    universe.relations.implies.filter((r) => r.if.startsWith(`${venue}:`)).map((r) => ({ if: r.if as MarketRef, then: r.then as MarketRef }));
  return {
    universe,
    kalshi,
    polymarket,
    discovery: {
      kalshi: { markets: kalshi, exclusiveSets: exclusive('kalshi'), implications: implies('kalshi') },
      polymarket: { markets: polymarket, exclusiveSets: exclusive('polymarket'), implications: [] },
    },
  };
}

export const asPrice = (n: number) => n as Price;
