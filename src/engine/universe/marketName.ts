// The one place a market's human name is derived: what it is about (subject), what tells it apart
// inside its group (the strike, threshold or outcome: Kalshi `yes_sub_title` / strikes, Polymarket
// `groupItemTitle`), and its day. Every view — table, detail, charts, confirmation, positions,
// activity, alerts — shows this name; the ticker or condition id is the secondary line.
//
// Kalshi's ladder markets often share one title ("Highest temperature in X on Sep 12?") and differ
// only in `yes_sub_title` ("88° or above"); a name built from the title alone drops the strike.
import type { MarketName, SettlementSource } from '../../shared/contract';
import type { MarketInfo } from '../venues/venue';
import { extractDates } from './marketText';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_WORDS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/**
 * " on Sep 12, 2031 at 5pm EDT", " on September 12" at the end of a subject: a day the name shows
 * apart. A month ("CPI in Mar 2031") is what the market is about and stays.
 */
const TRAILING_DAY = new RegExp(`\\s+on\\s+(?:${MONTH_WORDS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?(?:\\s+at\\s+[\\w: ]+)?$`, 'i');
/** Polymarket's blank in a group's title: "Bitcoin above ___ on March 3?". */
const BLANK = /\s*_{2,}\s*/;
const COMPARATOR_TAIL = /\s+(at or above|at or below|above|over|below|under)$/i;
const COMPARATOR: Record<string, string> = { 'at or above': '≥', 'at or below': '≤', above: '>', over: '>', below: '<', under: '<' };
/** Outcome labels that name nothing beyond the question itself. */
const PLAIN = /^(yes|no|)$/i;

/** "Sep 12 '31" in UTC, the venues' settlement calendar. */
export function shortDay(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} '${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
}

/** A quantity: "88°", "$105,000", "2.8%", "-0.5" (a film called "Under Juniper Skies" is not one). */
const QUANTITY = String.raw`[-+]?[$€£]?\d[\d,.]*\S*`;
const OR_ABOVE = new RegExp(`^(${QUANTITY})\\s+or\\s+(?:above|higher|more)$`, 'i');
const OR_BELOW = new RegExp(`^(${QUANTITY})\\s+or\\s+(?:below|lower|less)$`, 'i');
const ABOVE = new RegExp(`^(?:above|over|more than|greater than|>)\\s*(${QUANTITY})$`, 'i');
const BELOW = new RegExp(`^(?:below|under|less than|<)\\s*(${QUANTITY})$`, 'i');
const IS_QUANTITY = new RegExp(`^${QUANTITY}$`);

/**
 * The market's day: the one its wording names ("…on September 12?"), else the day it closes.
 * The venues close the same question at different hours (Polymarket an hour later, past midnight
 * UTC), so the named day is what a trader compares.
 */
function dayOf(info: Pick<MarketInfo, 'title' | 'eventTitle' | 'closeTime'>): string | null {
  const named = [...extractDates(info.title), ...extractDates(info.eventTitle)].find((d) => d.day !== null);
  if (named && (named.year !== null || info.closeTime !== null)) {
    const year = named.year ?? new Date(info.closeTime!).getUTCFullYear();
    return shortDay(Date.UTC(year, named.month, named.day!));
  }
  return info.closeTime !== null ? shortDay(info.closeTime) : null;
}

/** "88° or above" → "≥ 88°", "Above 2.8%" → "> 2.8%", "$105,000 or below" → "≤ $105,000"; anything else as given. */
export function compactTerm(label: string): string {
  const t = label.trim().replace(/\s+/g, ' ');
  let m = OR_ABOVE.exec(t);
  if (m) return `≥ ${m[1]}`;
  m = OR_BELOW.exec(t);
  if (m) return `≤ ${m[1]}`;
  m = ABOVE.exec(t);
  if (m) return `> ${m[1]}`;
  m = BELOW.exec(t);
  if (m) return `< ${m[1]}`;
  return t;
}

function strikeTerm(strike: NonNullable<MarketInfo['strike']>): string | null {
  const fmt = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) && Number.isInteger(Number(s)) ? Number(s).toLocaleString('en-US') : s);
  const { type, floor, cap } = strike;
  if (floor !== null && cap !== null) return `${fmt(floor)}–${fmt(cap)}`;
  if (floor !== null) return `${type === 'greater_or_equal' ? '≥' : '>'} ${fmt(floor)}`;
  if (cap !== null) return `${type === 'less_or_equal' ? '≤' : '<'} ${fmt(cap)}`;
  return null;
}

function clean(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\?+$/, '').trim();
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function capitalised(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/**
 * The name in parts. A market that names an outcome inside its event takes the event as its
 * subject and the outcome (compacted) as its term; a lone question keeps its own wording.
 */
export function marketName(info: Pick<MarketInfo, 'title' | 'eventTitle' | 'outcomeLabel' | 'strike' | 'closeTime'>): MarketName {
  const title = clean(info.title);
  const label = info.outcomeLabel?.trim() ?? '';
  const named = !PLAIN.test(label) && normalised(label) !== normalised(title);
  const strike = info.strike ? strikeTerm(info.strike) : null;
  const date = dayOf(info);
  if (named || strike !== null) {
    let subject = (clean(info.eventTitle) || title).replace(/^will\s+/i, '');
    let term = named ? compactTerm(label) : strike!;
    // "Bitcoin above ___ on March 3" + "$105,000": the outcome fills the blank.
    if (BLANK.test(subject)) subject = subject.split(BLANK)[0]!;
    subject = subject.replace(TRAILING_DAY, '').trim();
    const tail = COMPARATOR_TAIL.exec(subject);
    if (tail && IS_QUANTITY.test(term)) {
      subject = subject.slice(0, tail.index);
      term = `${COMPARATOR[tail[1]!.toLowerCase()]} ${term}`;
    }
    return { subject: capitalised(subject) || title, term, date };
  }
  // A lone question: its own words, with the day shown apart when the title names none.
  const own = info.title.trim().replace(/\s+/g, ' ');
  return { subject: own, term: null, date: extractDates(own).length > 0 ? null : date };
}

/** "Highest temperature in Brightwater ≥ 88° · Sep 12 '31", "Fed decision in Mar 2031: Cut 25bps · Mar 17 '31". */
export function joinName(name: MarketName): string {
  let head = name.subject;
  if (name.term !== null) head += /^[≥≤<>]/.test(name.term) ? ` ${name.term}` : `: ${name.term}`;
  return name.date !== null ? `${head} · ${name.date}` : head;
}

/** "The resolution source for this market will be X." / "…is X." in a venue's rules. */
const SOURCE_SENTENCE = /resolution source (?:for this market )?(?:will be|is)\s+(.+?)(?:\.(?:\s|$)|\n|$)/i;

/** The sources the venue names, or the one the rules state when the venue's field is empty. */
export function settlementSources(info: Pick<MarketInfo, 'sources' | 'rules'>): SettlementSource[] {
  if (info.sources && info.sources.length > 0) return info.sources.map((s) => ({ name: s.name, url: s.url }));
  const m = SOURCE_SENTENCE.exec(info.rules);
  const name = m?.[1]?.trim();
  return name ? [{ name, url: /^https?:\/\//i.test(name) ? name : null }] : [];
}
