// Builds the simulated universe from the seed: groups of propositions, each listed on Kalshi
// and/or Polymarket with venue-specific identifiers, wording, tick sizes and fee parameters,
// plus the ground-truth relations between them. Same seed and size, same universe.
import { createHash } from 'node:crypto';
import type { Price } from '../../shared/units';
import { Rng } from '../core/rng';
import { CREATED_AT, slugify } from './names';
import { BINARY_TOPICS, EXCLUSIVE_TOPICS, LADDER_TOPICS, type GroupDraft } from './topics';
import { RULES_VARIANTS } from './variants';
import type {
  Group,
  KalshiEvent,
  KalshiListing,
  KalshiSeries,
  PolymarketEvent,
  PolymarketListing,
  Proposition,
  Universe,
} from './types';

/** Polymarket taker fee rates by category, in 1/10_000 (venues.md §2.10). */
const POLY_FEE_RATE: Record<string, number> = {
  Crypto: 700,
  Sports: 300,
  Finance: 400,
  Politics: 400,
  Economics: 500,
  Culture: 500,
  Weather: 500,
  Tech: 400,
};

type Plan = 'exclusive' | 'ladder' | 'binary' | 'lookalike' | 'kalshi-only' | 'polymarket-only';
/** A scale world's group: its shape and where it is listed. */
interface ScalePlan {
  shape: 'exclusive' | 'ladder' | 'binary';
  venues: 'both' | 'kalshi' | 'polymarket';
}

class IdFactory {
  private gamma = 512_000;
  private event = 31_000;
  constructor(private readonly seed: string) {}
  hex(label: string): string {
    return createHash('sha256').update(`${this.seed}|${label}`).digest('hex');
  }
  bytes32(label: string): string {
    return `0x${this.hex(label)}`;
  }
  /** A uint256 token id as a decimal string, like the CTF position ids. */
  tokenId(label: string): string {
    return BigInt(`0x${this.hex(label)}`).toString(10);
  }
  nextGammaId(): string {
    return String(++this.gamma);
  }
  nextEventId(): string {
    return String(++this.event);
  }
}

/**
 * The universe for a seed: about `targetMarkets` Kalshi markets, and as many on Polymarket. With
 * `polymarketMarkets` (a world at the venues' real scale), Polymarket lists that many instead:
 * groups then go to both venues only now and then (cross-venue links at a realistic density) and
 * otherwise to the venue further from its count.
 */
export function buildUniverse(seed: string, targetMarkets: number, polymarketMarkets?: number): Universe {
  const rng = new Rng(seed).fork('catalog');
  const ids = new IdFactory(seed);
  const builder = new UniverseBuilder(ids, rng);
  if (polymarketMarkets !== undefined) {
    for (let i = 0; builder.kalshiCount < targetMarkets || builder.polymarketCount < polymarketMarkets; i++) builder.add(pickScalePlan(rng, builder, targetMarkets, polymarketMarkets), i);
    return builder.build();
  }
  const opening: Plan[] = ['exclusive', 'ladder', 'binary', 'lookalike', 'exclusive', 'binary', 'ladder'];
  let i = 0;
  while (builder.kalshiCount < targetMarkets || i < 3) {
    const plan = i < opening.length ? opening[i]! : pickPlan(rng);
    builder.add(plan, i);
    i++;
    if (i > 10_000) break;
  }
  // After the seed's own groups, so adding a variant never shifts them.
  RULES_VARIANTS.forEach((variant, n) => builder.place(builder.fresh(() => variant(rng.fork(`variant-${n}`))), 'both'));
  return builder.build();
}

/** Share of a scale world's groups listed on both venues (the rest go to one venue). */
const SCALE_BOTH_VENUES = 0.15;

function pickScalePlan(rng: Rng, builder: UniverseBuilder, kalshiTarget: number, polymarketTarget: number): ScalePlan {
  const r = rng.next();
  const shape = r < 0.3 ? 'exclusive' : r < 0.55 ? 'ladder' : 'binary';
  const kalshiShort = Math.max(0, kalshiTarget - builder.kalshiCount) / kalshiTarget;
  const polyShort = Math.max(0, polymarketTarget - builder.polymarketCount) / polymarketTarget;
  const venues = kalshiShort > 0 && polyShort > 0 && rng.chance(SCALE_BOTH_VENUES) ? 'both' : rng.next() * (kalshiShort + polyShort) < kalshiShort ? 'kalshi' : 'polymarket';
  return { shape, venues };
}

function pickPlan(rng: Rng): Plan {
  const r = rng.next();
  if (r < 0.3) return 'binary';
  if (r < 0.55) return 'exclusive';
  if (r < 0.8) return 'ladder';
  if (r < 0.9) return 'lookalike';
  return r < 0.95 ? 'kalshi-only' : 'polymarket-only';
}

class UniverseBuilder {
  private readonly groups: Group[] = [];
  private readonly propositions = new Map<string, Proposition>();
  private readonly series = new Map<string, KalshiSeries>();
  private readonly kEvents: KalshiEvent[] = [];
  private readonly kMarkets: KalshiListing[] = [];
  private readonly pEvents: PolymarketEvent[] = [];
  private readonly pMarkets: PolymarketListing[] = [];
  private readonly equivalent: [string, string][] = [];
  private readonly exclusive: { id: string; members: string[]; exhaustive: boolean }[] = [];
  private readonly implies: { if: string; then: string }[] = [];
  private readonly lookalikes: [string, string][] = [];
  private readonly differentSource: [string, string][] = [];
  private readonly differentRules: { kalshi: string; polymarket: string; differs: readonly string[] }[] = [];
  private readonly usedEventTickers = new Set<string>();
  private readonly usedSlugs = new Set<string>();
  /** Group titles listed so far: a venue never lists the same event twice. */
  private readonly usedTitles = new Set<string>();
  private binaryTopicTurn = 0;

  constructor(
    private readonly ids: IdFactory,
    private readonly rng: Rng,
  ) {}

  get kalshiCount(): number {
    return this.kMarkets.length;
  }

  get polymarketCount(): number {
    return this.pMarkets.length;
  }

  add(plan: Plan | ScalePlan, index: number): void {
    const rng = this.rng.fork(`group-${index}`);
    if (typeof plan === 'object') {
      if (plan.shape === 'exclusive') this.place(this.fresh(() => rng.pick(EXCLUSIVE_TOPICS)(rng)), plan.venues);
      else if (plan.shape === 'ladder') this.place(this.fresh(() => rng.pick(LADDER_TOPICS)(rng)), plan.venues);
      else {
        const topic = BINARY_TOPICS[this.binaryTopicTurn++ % BINARY_TOPICS.length]!;
        this.place(this.fresh(() => topic(rng, { month: rng.intBetween(1, 10), threshold: rng.intBetween(0, 7) })), plan.venues);
      }
      return;
    }
    if (plan === 'exclusive') this.place(this.fresh(() => rng.pick(EXCLUSIVE_TOPICS)(rng)), 'both');
    else if (plan === 'ladder') this.place(this.fresh(() => rng.pick(LADDER_TOPICS)(rng)), 'both');
    else if (plan === 'binary' || plan === 'kalshi-only' || plan === 'polymarket-only') {
      const topic = BINARY_TOPICS[this.binaryTopicTurn++ % BINARY_TOPICS.length]!;
      const draft = this.fresh(() => topic(rng, { month: rng.intBetween(1, 10), threshold: rng.intBetween(0, 7) }));
      this.place(draft, plan === 'binary' ? 'both' : plan === 'kalshi-only' ? 'kalshi' : 'polymarket');
    } else {
      // The same topic with a different date or threshold on each venue: similar titles,
      // different propositions.
      const topic = BINARY_TOPICS[this.binaryTopicTurn++ % BINARY_TOPICS.length]!;
      let month = rng.intBetween(1, 8);
      let threshold = rng.intBetween(0, 6);
      // A topic that ignores the threshold (a shutdown) only differs by its month.
      const bVariantOf = () => {
        const other = { month, threshold: threshold + 1 };
        return rng.chance(0.5) || topic(rng, other).title === topic(rng, { month, threshold }).title ? { month: month + rng.intBetween(1, 2), threshold } : other;
      };
      let bVariant = bVariantOf();
      for (let i = 0; i < 8 && (this.usedTitles.has(topic(rng, { month, threshold }).title) || this.usedTitles.has(topic(rng, bVariant).title)); i++) {
        month = rng.intBetween(1, 8);
        threshold = rng.intBetween(0, 6);
        bVariant = bVariantOf();
      }
      const a = this.place(topic(rng, { month, threshold }), 'kalshi');
      const b = this.place(topic(rng, bVariant), 'polymarket');
      const k = a.kalshi[0];
      const p = b.polymarket[0];
      if (k && p) this.lookalikes.push([k.ticker, p.conditionId]);
    }
  }

  /**
   * A draft of an event not listed yet: a venue never lists the same event twice (two "Fed
   * decision in May" events would be indistinguishable to a trader too). After a few tries the
   * last draft is kept; its tickers are then suffixed.
   */
  fresh(draw: () => GroupDraft): GroupDraft {
    let draft = draw();
    for (let i = 0; i < 8 && this.usedTitles.has(draft.title); i++) draft = draw();
    return draft;
  }

  place(draft: GroupDraft, venues: 'both' | 'kalshi' | 'polymarket'): { kalshi: KalshiListing[]; polymarket: PolymarketListing[] } {
    const gid = `G${this.groups.length + 1}`;
    const props: Proposition[] = draft.outcomes.map((o, i) => ({
      id: `${gid}.${i + 1}`,
      groupId: gid,
      label: o.label,
      index: i,
      ...(o.strike !== undefined ? { strike: o.strike } : {}),
      ...(o.isOther ? { isOther: true } : {}),
    }));
    for (const p of props) this.propositions.set(p.id, p);
    this.usedTitles.add(draft.title);
    const group: Group = {
      id: gid,
      kind: draft.kind,
      category: draft.category,
      title: draft.title,
      propositions: props,
      exhaustive: draft.exhaustive,
      closeTime: draft.closeTime,
      ...(draft.ladder ? { ladder: draft.ladder } : {}),
    };
    this.groups.push(group);
    const kalshi = venues !== 'polymarket' && draft.kalshi ? this.listKalshi(draft, group) : [];
    const polymarket = venues !== 'kalshi' && draft.poly ? this.listPolymarket(draft, group) : [];
    for (const k of kalshi) {
      const p = polymarket.find((m) => m.propositionId === k.propositionId);
      // Settled on different sources, the two listings can resolve differently: not equivalent.
      if (!p) continue;
      const differs = draft.differs ?? (draft.sameSource === false ? ['source'] : []);
      if (differs.length > 0) this.differentRules.push({ kalshi: k.ticker, polymarket: p.conditionId, differs });
      if (draft.sameSource === false || draft.differs?.includes('source')) this.differentSource.push([k.ticker, p.conditionId]);
      else if (differs.length === 0) this.equivalent.push([k.ticker, p.conditionId]);
    }
    if (draft.kind === 'exclusive') {
      if (kalshi.length >= 2) {
        this.exclusive.push({ id: `${gid}:kalshi`, members: kalshi.map((k) => k.key), exhaustive: kalshi.length === props.length });
      }
      if (polymarket.length >= 2) {
        this.exclusive.push({ id: `${gid}:polymarket`, members: polymarket.map((p) => p.key), exhaustive: polymarket.length === props.length });
      }
    }
    if (draft.kind === 'ladder') {
      for (const list of [kalshi, polymarket] as const) {
        for (let i = 0; i + 1 < list.length; i++) {
          // "Above a higher strike" implies "above a lower strike".
          this.implies.push({ if: list[i + 1]!.key, then: list[i]!.key });
        }
      }
    }
    return { kalshi, polymarket };
  }

  private listKalshi(draft: GroupDraft, group: Group): KalshiListing[] {
    const k = draft.kalshi!;
    if (!this.series.has(k.seriesTicker)) {
      this.series.set(k.seriesTicker, {
        ticker: k.seriesTicker,
        title: k.seriesTitle,
        category: draft.category,
        frequency: k.frequency,
        feeType: k.feeType,
        feeMultiplier: k.feeMultiplier,
        settlementSources: [k.source],
      });
    }
    let eventTicker = k.eventTicker;
    // B, C, … Z, then 27, 28, …: a ticker keeps to letters and digits.
    for (let n = 2; this.usedEventTickers.has(eventTicker); n++) eventTicker = `${k.eventTicker}${n <= 26 ? String.fromCharCode(64 + n) : n}`;
    this.usedEventTickers.add(eventTicker);
    const rng = this.rng.fork(`kalshi-${group.id}`);
    const deci = rng.chance(0.2);
    const listings: KalshiListing[] = [];
    const usedCodes = new Set<string>();
    group.propositions.forEach((p, i) => {
      const o = draft.outcomes[i]!;
      if (o.isOther) return;
      let code = o.code;
      while (usedCodes.has(code)) code = `${code}${i}`;
      usedCodes.add(code);
      const ticker = k.singleMarket ? eventTicker : `${eventTicker}-${code}`;
      listings.push({
        venue: 'kalshi',
        key: `kalshi:${ticker}`,
        propositionId: p.id,
        ticker,
        eventTicker,
        seriesTicker: k.seriesTicker,
        title: k.marketTitle(o),
        subtitle: k.yesSubTitle(o),
        yesSubTitle: k.yesSubTitle(o),
        noSubTitle: k.yesSubTitle(o),
        rulesPrimary: k.rules(o),
        rulesSecondary: k.rulesSecondary,
        closeTime: group.closeTime,
        openTime: CREATED_AT,
        tick: (deci ? 10 : 100) as Price,
        priceLevelStructure: deci ? 'deci_cent' : 'linear_cent',
        ...(k.strike && o.strike !== undefined ? { strikeType: 'greater' as const, floorStrike: o.strike } : {}),
        liquidity: rng.intBetween(40, 400),
        halfSpreadTicks: deci ? rng.intBetween(5, 20) : rng.intBetween(1, 3),
      });
    });
    this.kEvents.push({
      eventTicker,
      seriesTicker: k.seriesTicker,
      title: k.eventTitle,
      subTitle: k.eventSubTitle,
      category: draft.category,
      mutuallyExclusive: draft.kind === 'exclusive',
      groupId: group.id,
      strikeDate: group.closeTime,
      marketTickers: listings.map((l) => l.ticker),
    });
    this.kMarkets.push(...listings);
    return listings;
  }

  private listPolymarket(draft: GroupDraft, group: Group): PolymarketListing[] {
    const d = draft.poly!;
    const rng = this.rng.fork(`poly-${group.id}`);
    const eventId = this.ids.nextEventId();
    const baseSlug = slugify(d.eventTitle);
    let slug = baseSlug;
    for (let n = 2; this.usedSlugs.has(slug); n++) slug = `${baseSlug}-${n}`;
    this.usedSlugs.add(slug);
    const negRiskMarketId = d.negRisk ? this.ids.bytes32(`negrisk-market|${group.id}`).slice(0, 64) + '00' : null;
    const feeFree = rng.chance(0.15);
    const feeRate = feeFree ? 0 : (POLY_FEE_RATE[draft.category] ?? 500);
    const listings: PolymarketListing[] = group.propositions.map((p, i) => {
      const o = draft.outcomes[i]!;
      const question = d.question(o);
      const baseSlug = slugify(question);
      let mslug = baseSlug;
      for (let n = 2; this.usedSlugs.has(mslug); n++) mslug = `${baseSlug}-${n}`;
      this.usedSlugs.add(mslug);
      const conditionId = this.ids.bytes32(`condition|${p.id}`);
      return {
        venue: 'polymarket' as const,
        key: `polymarket:${conditionId}`,
        propositionId: p.id,
        gammaId: this.ids.nextGammaId(),
        eventId,
        conditionId,
        questionId: this.ids.bytes32(`question|${p.id}`),
        yesTokenId: this.ids.tokenId(`token-yes|${p.id}`),
        noTokenId: this.ids.tokenId(`token-no|${p.id}`),
        question,
        slug: mslug,
        description: d.marketDescription(o),
        groupItemTitle: d.groupItemTitle(o),
        category: draft.category,
        negRisk: d.negRisk,
        negRiskMarketId,
        negRiskRequestId: d.negRisk ? this.ids.bytes32(`negrisk-request|${p.id}`) : null,
        isOther: o.isOther === true,
        endDate: group.closeTime + 3_600_000,
        startDate: CREATED_AT,
        tick: 100 as Price,
        minOrderSize: 5,
        feeRate,
        feeExponent: 1,
        liquidity: rng.intBetween(100, 1500),
        halfSpreadTicks: rng.intBetween(1, 2),
      };
    });
    this.pEvents.push({
      id: eventId,
      slug,
      title: d.eventTitle,
      description: d.description,
      category: draft.category,
      negRisk: d.negRisk,
      negRiskAugmented: d.augmented,
      negRiskMarketId,
      groupId: group.id,
      endDate: group.closeTime + 3_600_000,
      conditionIds: listings.map((l) => l.conditionId),
    });
    this.pMarkets.push(...listings);
    return listings;
  }

  build(): Universe {
    return {
      groups: this.groups,
      propositions: this.propositions,
      kalshi: { series: [...this.series.values()], events: this.kEvents, markets: this.kMarkets },
      polymarket: { events: this.pEvents, markets: this.pMarkets },
      relations: { equivalent: this.equivalent, exclusive: this.exclusive, implies: this.implies, lookalikes: this.lookalikes, differentSource: this.differentSource, differentRules: this.differentRules },
    };
  }
}
