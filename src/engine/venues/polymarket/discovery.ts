// Discovery over Gamma: every active event and its markets, validated, filtered by the trader's
// categories and series, mapped to MarketInfo; missing tick / size / fee / neg-risk facts read
// from the CLOB's compact market info (`/clob-markets/{conditionId}`: mts, mos, nr, fd); and the
// exclusive sets of neg-risk events.
//
// Exclusive sets (one per neg-risk group of an event):
//  - members are the *named* outcomes still undecided: an augmented event's "Other" and its
//    unnamed placeholders are never members (their meaning can change), and a member known to
//    have resolved NO is dropped (the winner is among the rest);
//  - exhaustive (exactly one member resolves YES) only when the event is not augmented, and every
//    market of the group is a member or resolved NO — none failed validation, none is closed
//    without a known result, none sits outside the neg-risk group;
//  - a group with a member already resolved YES is decided and yields no set.
import { marketRef, type MarketRef } from '../../../shared/ids';
import { polymarketSpecInput } from './contractSpec';
import type { Discovery, DiscoveryFilter, ExclusiveSet, MarketInfo, MarketStatus } from '../venue';
import type { VenueLog } from './config';
import type { GammaClient } from './gamma';
import { decimalText, parseEvent, parseMinSize, parseTick, type ParsedEvent, type ParsedMarket, type PolyFeeParams } from './gammaParse';

export interface DiscoveredMarket {
  info: MarketInfo;
  exchange: 'v2' | 'v3';
}

export interface PolymarketDiscovery extends Discovery {
  /** Per market, what the registry needs beyond MarketInfo. */
  details: DiscoveredMarket[];
  /** Events and markets the app cannot use, with the reason (logged too). */
  skipped: { id: string; reason: string }[];
}

export interface DiscoveryDeps {
  gamma: GammaClient;
  /** GET /clob-markets/{conditionId} (public). */
  clobMarketInfo(conditionId: string): Promise<unknown>;
  /** GET /neg-risk?token_id= (public; polymarket-clob.openapi.yaml getNegRisk → `{neg_risk}`). */
  negRiskOf?(tokenId: string): Promise<unknown>;
  log: VenueLog;
  signal?: AbortSignal;
}

const FALLBACK_CONCURRENCY = 8;

export function matchesFilter(event: ParsedEvent, filter: DiscoveryFilter | undefined): boolean {
  const categories = (filter?.categories ?? []).map((c) => c.trim().toLowerCase()).filter(Boolean);
  const series = (filter?.series ?? []).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (categories.length > 0 && !categories.some((c) => event.keywords.includes(c))) return false;
  if (series.length > 0 && !series.some((s) => s === event.slug.toLowerCase() || event.seriesSlugs.some((x) => x.toLowerCase() === s))) return false;
  return true;
}

export function statusOf(m: ParsedMarket): MarketStatus {
  if (m.closed) return m.resolved !== null ? 'settled' : 'closed';
  if (!m.active || m.archived || !m.enableOrderBook) return 'closed';
  if (!m.acceptingOrders) return 'paused';
  return 'open';
}

const OTHER = /^(others?|another\b.*|any other\b.*|someone else|field)$/i;
const PLACEHOLDER = /^(person|player|team|candidate|option|outcome|company|country|film|movie|nominee|party|individual|driver|club|horse|song|artist|book|show)\s+[a-z]{1,2}\d*$/i;

/** An augmented event's "Other" or an unnamed placeholder outcome (docs: Augmented Negative Risk). */
export function isUnnamedOutcome(m: ParsedMarket): boolean {
  const label = (m.groupItemTitle || '').trim();
  return m.negRiskOther || OTHER.test(label) || PLACEHOLDER.test(label) || /\bplaceholder\b/i.test(label) || /^will (another|any other|someone else)\b/i.test(m.question.trim());
}

export function exclusiveSetsOf(event: ParsedEvent): ExclusiveSet[] {
  if (!event.negRisk) return [];
  const groups = new Map<string, ParsedMarket[]>();
  for (const m of event.markets) {
    if (m.negRisk !== true) continue;
    const key = m.negRiskMarketId ?? '';
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const outsideGroup = event.markets.some((m) => m.negRisk !== true);
  const sets: ExclusiveSet[] = [];
  for (const [key, markets] of groups) {
    let exhaustive = !event.negRiskAugmented && event.rejected.length === 0 && !outsideGroup && groups.size === 1;
    let decided = false;
    const members: MarketRef[] = [];
    for (const m of markets) {
      if (event.negRiskAugmented && isUnnamedOutcome(m)) continue;
      if (m.resolved === 'yes') decided = true;
      if (m.resolved === 'no') continue;
      if (statusOf(m) === 'closed') {
        exhaustive = false;
        continue;
      }
      members.push(marketRef('polymarket', m.conditionId));
    }
    if (decided || members.length < 2) continue;
    sets.push({ id: `polymarket:${event.id}${groups.size > 1 ? `:${key}` : ''}`, members, exhaustive });
  }
  return sets;
}

function toMarketInfo(event: ParsedEvent, m: ParsedMarket, facts: { tick: NonNullable<ParsedMarket['tick']>; minOrderSize: NonNullable<ParsedMarket['minOrderSize']>; fee: PolyFeeParams; negRisk: boolean }): MarketInfo {
  const status = statusOf(m);
  return {
    ref: marketRef('polymarket', m.conditionId),
    venue: 'polymarket',
    id: m.conditionId,
    title: m.question || m.groupItemTitle || event.title,
    rules: m.description || event.description,
    eventId: event.id,
    eventTitle: event.title,
    seriesId: event.slug,
    category: event.category,
    status,
    closeTime: m.endTime,
    fee: { venue: 'polymarket', rate: facts.fee.rate, exponent: facts.fee.exponent, takerOnly: facts.fee.takerOnly },
    tickSize: facts.tick,
    minOrderSize: facts.minOrderSize,
    tokens: { yes: m.tokens.yes, no: m.tokens.no },
    negRisk: facts.negRisk,
    ...(m.groupItemTitle.trim() !== '' ? { outcomeLabel: m.groupItemTitle.trim() } : {}),
    ...sourcesOf(m.resolutionSource || event.resolutionSource || ''),
    ...(status === 'settled' ? { result: m.resolved } : {}),
    specInput: polymarketSpecInput({
      conditionId: m.conditionId,
      question: m.question,
      description: m.description,
      eventTitle: event.title,
      eventDescription: event.description,
      groupItemTitle: m.groupItemTitle,
      resolutionSource: m.resolutionSource || event.resolutionSource || '',
      endTime: m.endTime,
      closed: m.closed,
      active: m.active,
      umaStatus: m.umaStatus ?? null,
    }),
  };
}

/** Gamma's `resolutionSource`: a URL or a name. */
function sourcesOf(text: string): Pick<MarketInfo, 'sources'> {
  const t = text.trim();
  if (t === '') return {};
  return { sources: [/^https?:\/\//i.test(t) ? { name: t.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/.*$/, ''), url: t } : { name: t, url: null }] };
}

/** Fills a market's missing facts from the CLOB's compact info, or says why it cannot. */
async function completeFacts(m: ParsedMarket, deps: DiscoveryDeps): Promise<{ ok: true; facts: Parameters<typeof toMarketInfo>[2] } | { ok: false; reason: string }> {
  let tick = m.tick;
  let minOrderSize = m.minOrderSize;
  let fee = m.fee;
  let negRisk = m.negRisk;
  if (tick === null || minOrderSize === null || fee === null || negRisk === null) {
    const where = `market ${m.conditionId}: /clob-markets`;
    let info: unknown;
    try {
      info = await deps.clobMarketInfo(m.conditionId);
    } catch (e) {
      return { ok: false, reason: `${where}: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (typeof info !== 'object' || info === null) return { ok: false, reason: `${where}: not an object` };
    const i = info as Record<string, unknown>;
    if (tick === null) {
      const t = parseTick(i.mts, `${where}.mts`);
      if (!t.ok) return { ok: false, reason: t.reason };
      tick = t.value;
    }
    if (minOrderSize === null) {
      const q = parseMinSize(i.mos, `${where}.mos`);
      if (!q.ok) return { ok: false, reason: q.reason };
      minOrderSize = q.value;
    }
    if (negRisk === null) {
      // `nr` is not in the CLOB schema (ClobMarketDetails): used when present, else the documented /neg-risk.
      if (typeof i.nr === 'boolean') negRisk = i.nr;
      else {
        const flag = await negRiskOf(m, deps);
        if (typeof flag === 'string') return { ok: false, reason: flag };
        negRisk = flag;
      }
    }
    if (fee === null) {
      const fd = i.fd;
      if (typeof fd !== 'object' || fd === null) return { ok: false, reason: `${where}.fd (fee schedule) is missing` };
      const f = fd as Record<string, unknown>;
      const rate = decimalText(f.r, `${where}.fd.r`);
      if (!rate.ok) return { ok: false, reason: rate.reason };
      const exponent = Number(f.e ?? 1);
      if (!Number.isInteger(exponent) || exponent < 0 || exponent > 8) return { ok: false, reason: `${where}.fd.e: ${String(f.e)} is not a whole number from 0 to 8` };
      fee = { rate: rate.value, exponent, takerOnly: typeof f.to === 'boolean' ? f.to : true };
    }
  }
  return { ok: true, facts: { tick, minOrderSize, fee, negRisk } };
}

async function negRiskOf(m: ParsedMarket, deps: DiscoveryDeps): Promise<boolean | string> {
  const where = `market ${m.conditionId}: neither Gamma nor /clob-markets says whether it is neg-risk, and /neg-risk`;
  if (!deps.negRiskOf) return `${where} is not available`;
  try {
    const r = (await deps.negRiskOf(m.tokens.yes)) as { neg_risk?: unknown } | null;
    if (typeof r?.neg_risk === 'boolean') return r.neg_risk;
    return `${where}.neg_risk is not a boolean: ${JSON.stringify(r)?.slice(0, 80)}`;
  } catch (e) {
    return `${where}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function discoverPolymarket(deps: DiscoveryDeps, filter?: DiscoveryFilter): Promise<PolymarketDiscovery> {
  // Each page is parsed as it arrives: the raw JSON of tens of thousands of markets is never held at once.
  const parsed = await deps.gamma.activeEvents(deps.signal, parseEvent);
  const skipped: PolymarketDiscovery['skipped'] = [];
  const events: ParsedEvent[] = [];
  for (const e of parsed) {
    if (!e.ok) {
      skipped.push({ id: '?', reason: e.reason });
      continue;
    }
    if (!matchesFilter(e.value, filter)) continue;
    skipped.push(...e.value.rejected);
    events.push(e.value);
  }

  const pairs = events.flatMap((event) => event.markets.map((market) => ({ event, market })));
  const completed = await mapLimited(pairs, FALLBACK_CONCURRENCY, (p) => completeFacts(p.market, deps));
  const markets: MarketInfo[] = [];
  const details: DiscoveredMarket[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < pairs.length; i++) {
    const { event, market } = pairs[i]!;
    const facts = completed[i]!;
    if (!facts.ok) {
      skipped.push({ id: market.conditionId, reason: facts.reason });
      // A group member the app cannot read makes its set not exhaustive.
      event.rejected.push({ id: market.conditionId, reason: facts.reason });
      continue;
    }
    if (seen.has(market.conditionId.toLowerCase())) continue;
    seen.add(market.conditionId.toLowerCase());
    const info = toMarketInfo(event, market, facts.facts);
    markets.push(info);
    details.push({ info, exchange: market.exchange });
  }
  const usable = new Set(markets.map((m) => m.ref));
  const exclusiveSets = events.flatMap((e) =>
    exclusiveSetsOf({ ...e, markets: e.markets.filter((m) => usable.has(marketRef('polymarket', m.conditionId))) }),
  );
  if (skipped.length > 0) {
    const examples = skipped.slice(0, 5).map((s) => `${s.id}: ${s.reason}`).join('; ');
    deps.log('warn', `Polymarket discovery skipped ${skipped.length} market(s) it cannot use, e.g. ${examples}`);
  }
  return { markets, exclusiveSets, implications: [], details, skipped };
}
