// How markets are named on screen, from what the engine sends: the human name in parts (subject,
// distinguishing term, date), the venue, and the ticker or condition id as a secondary line. Every
// view reads names through here, so one change of wording changes every view.
import type { AppState, MarketName } from '../../../shared/contract';
import { parseMarketRef, type VenueId } from '../../../shared/ids';

export interface NamedMarket {
  /** `venue:id` */
  market: string;
  title: string;
  label?: MarketName;
}

export interface NameParts extends MarketName {
  /** The whole name, one line. */
  name: string;
}

/** The venue's own id: a Kalshi ticker or a Polymarket condition id. */
export function marketId(market: string): string {
  return parseMarketRef(market)?.id ?? market;
}

/** A long hex id shortened in the middle ("0x7fbb8d84…55535d"); tickers stay whole. */
export function shortId(market: string): string {
  const id = marketId(market);
  return id.length > 24 ? `${id.slice(0, 10)}…${id.slice(-6)}` : id;
}

export function venueOfMarket(market: string): VenueId | null {
  return parseMarketRef(market)?.venue ?? null;
}

/** The parts of a market's name; a market known only by its id is named by it. */
export function nameParts(m: NamedMarket): NameParts {
  if (m.label) return { ...m.label, name: m.title };
  const title = m.title.trim();
  const name = title === '' || title === m.market || title === marketId(m.market) ? shortId(m.market) : title;
  return { subject: name, term: null, date: null, name };
}

export interface NameSources {
  opportunities?: AppState['opportunities'];
  positions?: AppState['positions'];
  links?: AppState['links'];
}

/** Every market the app has a name for, from opportunities, positions and links. */
export function nameIndex({ opportunities = [], positions, links = [] }: NameSources): Map<string, NameParts> {
  const out = new Map<string, NameParts>();
  const add = (m: NamedMarket) => {
    const known = out.get(m.market);
    if (known && (known.term !== null || !m.label)) return;
    out.set(m.market, nameParts(m));
  };
  for (const o of opportunities) for (const l of o.legs) add(l);
  for (const b of positions?.baskets ?? []) for (const l of b.legs) add(l);
  for (const link of links) {
    for (const side of link.sides) if (side.name) add({ market: side.market, title: side.name, label: side.label });
  }
  return out;
}

/** `venue:id` of any venue (only references the app knows a name for are replaced). */
const REF = /\b([a-z][a-z0-9-]{0,31}):([A-Za-z0-9][\w.-]*)/g;

export type MessagePart = { text: string } | { market: string; name: string };

/** Splits an engine message so that every `venue:id` in it can be shown by its name. */
export function withNames(message: string, names: ReadonlyMap<string, NameParts>): MessagePart[] {
  const parts: MessagePart[] = [];
  let at = 0;
  for (const m of message.matchAll(REF)) {
    const market = m[0];
    const known = names.get(market);
    if (!known) continue;
    if (m.index > at) parts.push({ text: message.slice(at, m.index) });
    parts.push({ market, name: known.name });
    at = m.index + market.length;
  }
  if (at < message.length) parts.push({ text: message.slice(at) });
  return parts;
}

/** Legs that name outcomes of one group (same subject and day) share it: said once, then each term. */
export function sharedSubject(parts: readonly NameParts[]): { subject: string; date: string | null } | null {
  if (parts.length < 2) return null;
  const first = parts[0]!;
  return parts.every((p) => p.term !== null && p.subject === first.subject && p.date === first.date) ? { subject: first.subject, date: first.date } : null;
}

/** Lines a row of the table takes: one per leg, plus one for a shared subject. */
export function rowLines(legs: readonly NamedMarket[]): number {
  return legs.length + (sharedSubject(legs.map(nameParts)) ? 1 : 0);
}
