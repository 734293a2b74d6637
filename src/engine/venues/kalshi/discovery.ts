// Kalshi discovery over REST: open events with their nested markets, every page of them, the
// series' fee schedules and categories, then exclusive sets and strike ladders (relations.ts).
import type { Discovery, DiscoveryFilter, MarketInfo } from '../venue';
import { KalshiApiError, KalshiProtocolError } from './errors';
import { kalshiSpecInput } from './contractSpec';
import { toMarketInfo, toSeriesInfo, type KalshiEventJson, type KalshiMarketJson, type SeriesInfo } from './mapping';
import { exclusiveSets, ladderImplications, type EventGroup } from './relations';
import type { KalshiRest } from './rest';
import type { VenueLog } from './types';

export interface DiscoveryOptions {
  /** Events per page (1–200; default 200). */
  pageSize: number;
  log: VenueLog;
  signal?: AbortSignal;
}

export interface DiscoveryReport extends Discovery {
  /** Markets left out, and why (a scalar market, a malformed field). */
  skipped: { ticker: string; reason: string }[];
  /** Events read (after the filter). */
  events: number;
}

const norm = (s: string) => s.trim().toLowerCase();

export async function discoverKalshi(rest: KalshiRest, filter: DiscoveryFilter = {}, options: DiscoveryOptions): Promise<DiscoveryReport> {
  const pageSize = Math.max(1, Math.min(200, Math.floor(options.pageSize)));
  const wantSeries = (filter.series ?? []).map((s) => s.trim()).filter((s) => s !== '');
  const wantCategories = new Set((filter.categories ?? []).map(norm).filter((s) => s !== ''));
  const call = { ...(options.signal ? { signal: options.signal } : {}) };

  const series = new Map<string, SeriesInfo>();
  const loadOne = async (ticker: string): Promise<SeriesInfo | undefined> => {
    try {
      const res = await rest.call(`GET /series/${ticker}`, 'read', 10, (r) => rest.market.getSeries(ticker, undefined, r), call);
      const info = toSeriesInfo((res.data as { series?: unknown }).series);
      if (info) series.set(ticker, info);
      else options.log('warn', `Kalshi series ${ticker}: no readable fee schedule; its markets are not traded until it can be read`);
      return info ?? undefined;
    } catch (e) {
      if (e instanceof KalshiApiError && e.status === 404) return undefined;
      throw e;
    }
  };

  if (wantSeries.length > 0) {
    for (const t of wantSeries) await loadOne(t);
  } else {
    try {
      const res = await rest.call('GET /series', 'read', 10, (r) => rest.market.getSeriesList(undefined, undefined, undefined, undefined, undefined, r), call);
      const list = (res.data as { series?: unknown }).series;
      if (!Array.isArray(list)) throw new KalshiProtocolError('Kalshi GET /series: no series list');
      for (const s of list) {
        const info = toSeriesInfo(s);
        if (info) series.set(info.ticker, info);
      }
    } catch (e) {
      // Series are then read one by one below, as events name them.
      options.log('warn', `Kalshi series list unavailable (${e instanceof Error ? e.message : String(e)}); reading series one by one`);
    }
  }

  const events: KalshiEventJson[] = [];
  const fetchEvents = (seriesTicker: string | undefined) =>
    rest.paginate(
      seriesTicker ? `GET /events?series_ticker=${seriesTicker}` : 'GET /events',
      (cursor, r) => rest.events.getEvents(pageSize, cursor, true, undefined, 'open', seriesTicker, undefined, undefined, undefined, r),
      (page) => (page as { events?: KalshiEventJson[] }).events,
      call,
    );
  if (wantSeries.length > 0) for (const t of wantSeries) events.push(...(await fetchEvents(t)));
  else events.push(...(await fetchEvents(undefined)));

  const markets: MarketInfo[] = [];
  const skipped: { ticker: string; reason: string }[] = [];
  const groups: EventGroup[] = [];
  const seenTickers = new Set<string>();
  const seenEvents = new Set<string>();
  let eventCount = 0;
  for (const event of events) {
    const eventTicker = typeof event.event_ticker === 'string' ? event.event_ticker : '';
    if (eventTicker === '' || seenEvents.has(eventTicker)) continue;
    seenEvents.add(eventTicker);
    const seriesTicker = typeof event.series_ticker === 'string' ? event.series_ticker : '';
    let info = series.get(seriesTicker);
    if (!info && seriesTicker !== '' && wantSeries.length === 0) info = await loadOne(seriesTicker);
    const category = info?.category || (typeof event.category === 'string' ? event.category : '');
    if (wantCategories.size > 0 && !wantCategories.has(norm(category))) continue;
    eventCount++;
    const members: MarketInfo[] = [];
    for (const m of Array.isArray(event.markets) ? (event.markets as KalshiMarketJson[]) : []) {
      const mapped = toMarketInfo(event, m, info);
      if ('reason' in mapped) {
        skipped.push(mapped);
        continue;
      }
      if (seenTickers.has(mapped.id)) continue;
      seenTickers.add(mapped.id);
      withSpecInput(mapped, () => kalshiSpecInput(m, { sources: info?.sources, event }));
      shareRulesText(mapped);
      markets.push(mapped);
      members.push(mapped);
    }
    groups.push({ eventId: eventTicker, mutuallyExclusive: event.mutually_exclusive === true, markets: members });
  }
  if (skipped.length > 0) options.log('info', `Kalshi discovery skipped ${skipped.length} market(s), e.g. ${skipped[0]!.ticker}: ${skipped[0]!.reason}`);
  return { markets, exclusiveSets: exclusiveSets(groups), implications: ladderImplications(groups), skipped, events: eventCount };
}

/**
 * The spec input's rules texts (rules_primary, rules_secondary) made pieces of the listing's rules,
 * which join them: a piece of a string refers into it, so each market's rules are held once, not
 * twice, across a universe of thousands.
 */
function shareRulesText(info: MarketInfo): void {
  const input = info.specInput;
  if (!input) return;
  const joined = info.rules;
  const [primary, secondary] = input.rules;
  if (input.rules.length !== 2 || primary === undefined || secondary === undefined) return;
  const first = primary.text === '' ? '' : joined.slice(0, primary.text.length);
  const second = secondary.text === '' ? '' : joined.slice(joined.length - secondary.text.length);
  if (first !== primary.text || second !== secondary.text) return;
  input.rules = [
    { field: primary.field, text: first },
    { field: secondary.field, text: second },
  ];
}

/** The market's fields for the spec parser; a field it cannot read leaves the parser the plain fields. */
function withSpecInput(info: MarketInfo, read: () => NonNullable<MarketInfo['specInput']>): void {
  try {
    info.specInput = read();
  } catch {
    // The listing itself was usable (toMarketInfo): its spec is read from title and rules instead.
  }
}
