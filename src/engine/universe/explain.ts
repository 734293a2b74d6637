// "Why this pays": for a basket, the relation it relies on (the same market, a link the trader
// confirmed, an implication, an exclusive set), what one basket pays in every way the world can
// turn out — the least of which is its guaranteed payout — and each leg's market facts (rules,
// sources, close time), so equivalence can be checked where the decision is made.
import type { BasketExplanation, BasketRelation, MarketFacts, MarketLink, StrategyId, VenueEnvironment } from '../../shared/contract';
import { venueOf, type MarketRef, type Outcome, type VenueId } from '../../shared/ids';
import type { Relations } from '../strategies/universe';
import { venueRegistry, type VenueRegistry } from '../venues/registry';
import type { MarketInfo } from '../venues/venue';
import { specOfMarket } from './specCache';
import { joinName, marketName, settlementSources } from './marketName';

export interface ExplainLeg {
  market: MarketRef;
  outcome: Outcome;
}

export interface ExplainDeps {
  market(ref: MarketRef): MarketInfo | undefined;
  /** The relations the scanner trades on now. */
  relations: Relations;
  links: readonly MarketLink[];
  environment(venue: VenueId): VenueEnvironment | null;
  now: number;
  /** The venues' names and labels (the process's registry by default). */
  venues?: VenueRegistry;
}

export function marketFacts(ref: MarketRef, info: MarketInfo | undefined, environment: VenueEnvironment | null): MarketFacts {
  const venue = venueOf(ref);
  if (!info) {
    const id = ref.slice(ref.indexOf(':') + 1);
    return { market: ref, venue, name: id, label: { subject: id, term: null, date: null }, title: id, eventTitle: '', rules: '', sources: [], closeTime: null, environment };
  }
  const label = marketName(info);
  return {
    market: ref,
    venue,
    name: joinName(label),
    label,
    title: info.title,
    eventTitle: info.eventTitle,
    rules: info.rules,
    sources: settlementSources(info),
    closeTime: info.closeTime,
    environment,
    spec: specOfMarket(info),
  };
}

function linkOf(links: readonly MarketLink[], a: MarketRef | undefined, b: MarketRef | undefined): MarketLink | undefined {
  return links.find((l) => (l.sides[0].market === a && l.sides[1].market === b) || (l.sides[0].market === b && l.sides[1].market === a));
}

/** A possible state of the world: the markets' results. */
type World = { outcome: string; results: Map<MarketRef, Outcome> };

function worlds(strategy: StrategyId, legs: readonly ExplainLeg[], names: ReadonlyMap<MarketRef, string>, exhaustive: boolean | null, opposite: boolean): World[] {
  const markets = [...new Set(legs.map((l) => l.market))];
  const all = (outcome: Outcome) => new Map(markets.map((m) => [m, outcome] as const));
  const name = (m: MarketRef) => names.get(m) ?? m;
  if (strategy === 'cross_venue' && opposite && markets.length === 2) {
    const [a, b] = markets as [MarketRef, MarketRef];
    return [
      { outcome: `${name(a)} YES, so ${name(b)} NO`, results: new Map([[a, 'yes'], [b, 'no']]) },
      { outcome: `${name(a)} NO, so ${name(b)} YES`, results: new Map([[a, 'no'], [b, 'yes']]) },
    ];
  }
  switch (strategy) {
    case 'single_market':
    case 'cross_venue':
      return [
        { outcome: markets.length === 1 ? `${name(markets[0]!)} resolves YES` : 'The proposition is true: both resolve YES', results: all('yes') },
        { outcome: markets.length === 1 ? `${name(markets[0]!)} resolves NO` : 'The proposition is false: both resolve NO', results: all('no') },
      ];
    case 'conditional': {
      const [a, b] = markets as [MarketRef, MarketRef];
      return [
        { outcome: `${name(a)} YES, so ${name(b)} YES`, results: new Map([[a, 'yes'], [b, 'yes']]) },
        { outcome: `${name(a)} NO, ${name(b)} YES`, results: new Map([[a, 'no'], [b, 'yes']]) },
        { outcome: `Both NO`, results: new Map([[a, 'no'], [b, 'no']]) },
      ];
    }
    case 'multi_outcome': {
      const out: World[] = markets.map((winner) => ({
        outcome: `${name(winner)} wins`,
        results: new Map(markets.map((m) => [m, m === winner ? 'yes' : 'no'] as const)),
      }));
      if (exhaustive !== true) out.push({ outcome: 'None of them wins', results: all('no') });
      return out;
    }
  }
}

function relationOf(strategy: StrategyId, legs: readonly ExplainLeg[], deps: ExplainDeps, names: ReadonlyMap<MarketRef, string>): BasketRelation {
  const venues = deps.venues ?? venueRegistry;
  const venueName = (ref: MarketRef) => venues.name(venueOf(ref));
  const labels = (ref: MarketRef) => venues.find(venueOf(ref))?.manifest.labels;
  const markets = [...new Set(legs.map((l) => l.market))];
  const none = { linkId: null, decidedAt: null, exhaustive: null } as const;
  const name = (m: MarketRef) => `“${names.get(m) ?? m}”`;
  switch (strategy) {
    case 'single_market':
      return { kind: 'same_market', summary: 'YES and NO of one market: exactly one of them pays $1.', basis: `${venueName(markets[0]!)} settles every market YES or NO`, current: true, ...none };
    case 'cross_venue': {
      const [a, b] = markets;
      const link = linkOf(deps.links, a, b);
      const confirmed = link?.status === 'confirmed';
      const opposite = link?.relation === 'complementary';
      return {
        kind: 'confirmed_link',
        summary: opposite
          ? `You confirmed that ${name(a!)} and ${name(b!)} always resolve opposite ways (YES on one is NO on the other); the basket holds the same side of both, so exactly one leg pays $1.`
          : `You confirmed that ${name(a!)} and ${name(b!)} settle the same way; the basket holds YES on one and NO on the other, so exactly one leg pays $1.`,
        basis: confirmed ? `Your confirmation in the Links pane${link?.override ? ', with an override' : ''}` : link ? `The link is now ${link.status}: the engine ${link.status === 'suspended' ? 'does not trade it until you confirm it again' : 'no longer trades it'}` : 'The link is no longer listed',
        current: confirmed,
        linkId: link?.id ?? null,
        decidedAt: link?.decidedAt ?? null,
        exhaustive: null,
        comparison: link?.comparison ?? null,
        override: link?.override ? { reason: link.override.reason, fields: link.override.fields } : null,
      };
    }
    case 'conditional': {
      const [a, b] = markets as [MarketRef, MarketRef];
      const held = deps.relations.implies.some((r) => r.if === a && r.then === b);
      // Two strikes of one venue's event, on a venue that lists ladders; otherwise the venue listed it.
      const ladder = venueOf(a) === venueOf(b) ? labels(a)?.ladderBasis : undefined;
      const link = venueOf(a) !== venueOf(b) ? linkOf(deps.links, a, b) : undefined;
      return {
        kind: link ? 'confirmed_link' : 'implication',
        summary: `If ${name(a)} resolves YES, ${name(b)} resolves YES too. NO of the first plus YES of the second pays at least $1 whatever happens.`,
        basis: link
          ? link.status === 'confirmed'
            ? `Your confirmation in the Links pane that the first implies the second${link.override ? ', with an override' : ''}`
            : `The link is now ${link.status}: the engine does not trade it`
          : (ladder ?? `Listed by ${venueName(a)}`),
        current: link ? link.status === 'confirmed' && held : held,
        linkId: link?.id ?? null,
        decidedAt: link?.decidedAt ?? null,
        exhaustive: null,
        comparison: link?.comparison ?? null,
        override: link?.override ? { reason: link.override.reason, fields: link.override.fields } : null,
      };
    }
    case 'multi_outcome': {
      const set = deps.relations.exclusive.find((s) => s.members.length === markets.length && markets.every((m) => s.members.includes(m)));
      const exhaustive = set?.exhaustive ?? null;
      const n = markets.length;
      const yes = legs.every((l) => l.outcome === 'yes');
      return {
        kind: 'exclusive_set',
        summary: `${exhaustive ? 'Exactly' : 'At most'} one of these ${n} outcomes wins. ${yes ? 'Holding YES of each, exactly one leg pays $1.' : `Holding NO of each, at least ${n - 1} legs pay $1.`}`,
        basis: labels(markets[0]!)?.exclusiveSetBasis ?? `An event of ${venueName(markets[0]!)} whose markets are mutually exclusive`,
        current: set !== undefined,
        linkId: null,
        decidedAt: null,
        exhaustive,
      };
    }
  }
}

export function explainBasket(strategy: StrategyId, legs: readonly ExplainLeg[], deps: ExplainDeps): BasketExplanation {
  const markets = legs.map((l) => marketFacts(l.market, deps.market(l.market), deps.environment(venueOf(l.market))));
  // Inside a group the term alone tells the outcomes apart ("≥ 88°"); across groups, the whole name.
  const subjects = new Set(markets.map((m) => m.label.subject));
  const names = new Map<MarketRef, string>(markets.map((m) => [m.market as MarketRef, subjects.size === 1 && m.label.term !== null ? m.label.term : m.name]));
  const relation = relationOf(strategy, legs, deps, names);
  const [first, second] = [...new Set(legs.map((l) => l.market))];
  const opposite = strategy === 'cross_venue' && linkOf(deps.links, first, second)?.relation === 'complementary';
  const payoff = worlds(strategy, legs, names, relation.exhaustive, opposite).map((w) => {
    const legsPaying = legs.map((l) => w.results.get(l.market) === l.outcome);
    return { outcome: w.outcome, legsPaying, payoutPerBasket: String(legsPaying.filter(Boolean).length) };
  });
  const min = Math.min(...payoff.map((p) => Number(p.payoutPerBasket)));
  return { strategy, relation, markets, payoff, minPayoutPerBasket: String(min), at: deps.now };
}
