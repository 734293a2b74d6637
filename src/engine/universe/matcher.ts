// Suggests cross-venue equivalences: a market of one venue (side a) and one of another (side b)
// that look like the same proposition, scored 0…1 from their close dates, strikes and numbers,
// proper names, words and category, with the reasons in plain words. Side a's strikes, when its
// venue lists them, are compared with the numbers in side b's titles. A suggestion is only that:
// the trader confirms it before anything trades on it (LinkBook).
import type { MarketRef, VenueId } from '../../shared/ids';
import { venueRegistry } from '../venues/registry';
import type { MarketInfo } from '../venues/venue';
import { sourcesAgree, type NamedSource } from '../../shared/sources';
import { settlementSources } from './marketName';
import { marketText, mentions, type DateMention, type MarketText } from './marketText';
import { relateSpecs } from '../specs/relate';
import { SlicedSort } from './slicedSort';
import type { ContractSpec } from '../../shared/contract/spec';
import { parseSpec } from '../specs/parse';
import { cachedSpec, keepSpec, specOfMarket } from './specCache';
import { specInputOf } from './specInput';

export interface LinkSuggestion {
  a: MarketRef;
  b: MarketRef;
  score: number;
  reasons: string[];
}

export interface MatchOptions {
  /** Lowest score worth showing the trader. */
  threshold?: number;
  /** Pairs never to suggest (rejected ones). */
  exclude?: (a: MarketRef, b: MarketRef) => boolean;
  /** Markets already in a confirmed link: not suggested again. */
  taken?: ReadonlySet<MarketRef>;
  /** Side b candidates scored per side a market. */
  candidates?: number;
  /** A venue's name in the reasons (the registered name by default). */
  name?: (venue: VenueId) => string;
}

export const DEFAULT_SUGGEST_THRESHOLD = 0.5;
/**
 * The highest score a pair whose contract specs differ in a known field can have, however alike
 * their titles: it is shown (to be rejected, or confirmed with an override), never as a match.
 */
export const SPEC_DIFFERENT_CAP = 0.5;
const DAY = 86_400_000;
/** Markets closing within this many days of each other are compared even without a rare word. */
const CANDIDATE_DAYS = 3;

interface Prepared {
  info: MarketInfo;
  ref: MarketRef;
  text: MarketText;
  /** Strikes (floor / cap) when the venue lists them. */
  strikes: number[];
  /** The venue's name, for reasons. */
  venueName: string;
  /** The settlement sources the venue names (or the rules state). */
  sources: NamedSource[];
}

function strikeNumbers(info: MarketInfo): number[] {
  const out: number[] = [];
  for (const s of [info.strike?.floor, info.strike?.cap]) {
    if (s === null || s === undefined) continue;
    const n = Number(s);
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

export function prepareMarket(info: MarketInfo, name: (venue: VenueId) => string = (v) => venueRegistry.name(v)): Prepared {
  return {
    info,
    ref: info.ref,
    // A venue may name a ladder's or a field's outcome apart from the title ("$105,000 or above").
    text: marketText({ title: info.title, eventTitle: info.eventTitle, rules: info.rules, extra: info.outcomeLabel && !info.title.includes(info.outcomeLabel) ? info.outcomeLabel : '' }),
    strikes: strikeNumbers(info),
    sources: settlementSources(info),
    venueName: name(info.venue),
  };
}

function near(a: number, b: number): boolean {
  // One venue states "above 104,999.99" where another says "above $105,000".
  return Math.abs(a - b) <= 0.0100001 || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

function fmtDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Inverse document frequency of every word over both venues' markets. */
export function wordWeights(markets: readonly Prepared[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const m of markets) for (const w of m.text.words) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.max(1, markets.length);
  const idf = new Map<string, number>();
  for (const [w, count] of df) idf.set(w, Math.log(1 + n / count));
  return idf;
}

function weightedJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>, idf: ReadonlyMap<string, number>): number {
  let inter = 0;
  let union = 0;
  for (const w of a) {
    const weight = idf.get(w) ?? 1;
    union += weight;
    if (b.has(w)) inter += weight;
  }
  for (const w of b) if (!a.has(w)) union += idf.get(w) ?? 1;
  return union === 0 ? 0 : inter / union;
}

/** The shared words, rarest first. */
function sharedWords(a: ReadonlySet<string>, b: ReadonlySet<string>, idf: ReadonlyMap<string, number>): string[] {
  return [...a].filter((w) => b.has(w)).sort((x, y) => (idf.get(y) ?? 1) - (idf.get(x) ?? 1));
}

function dateDistanceDays(a: DateMention, b: DateMention, yearA: number, yearB: number): number {
  if (a.day !== null && b.day !== null) {
    return Math.abs(Date.UTC(a.year ?? yearA, a.month, a.day) - Date.UTC(b.year ?? yearB, b.month, b.day)) / DAY;
  }
  return Math.abs((a.year ?? yearA) * 12 + a.month - ((b.year ?? yearB) * 12 + b.month)) * 30;
}

/** A factor of the score, and (only when asked: reasons cost more than scores) why. */
interface Factor {
  value: number;
  reason: (() => string) | null;
}

function closeTimeFactor(k: MarketInfo, p: MarketInfo): Factor {
  const kc = k.closeTime;
  const pc = p.closeTime;
  if (kc === null || pc === null) return { value: 0.7, reason: () => 'a close time is missing' };
  const days = Math.abs(kc - pc) / DAY;
  const span = () => (days < 1 ? `${Math.round(days * 24)} h` : `${days.toFixed(days < 10 ? 1 : 0)} days`);
  if (days <= 2) return { value: 1, reason: () => `close times ${span()} apart (${fmtDate(kc)} / ${fmtDate(pc)})` };
  if (days <= 7) return { value: 0.6, reason: () => `close times ${span()} apart: check both rules` };
  if (days <= 20) return { value: 0.25, reason: () => `close times ${span()} apart` };
  return { value: 0.05, reason: () => `close times ${span()} apart (${fmtDate(kc)} / ${fmtDate(pc)}): likely different dates` };
}

function titleDateFactor(k: Prepared, p: Prepared): Factor {
  const kd = k.text.dates;
  const pd = p.text.dates;
  if (kd.length === 0 || pd.length === 0) return { value: 1, reason: null };
  const yk = new Date(k.info.closeTime ?? Date.now()).getUTCFullYear();
  const yp = new Date(p.info.closeTime ?? Date.now()).getUTCFullYear();
  let best = Infinity;
  for (const a of kd) for (const b of pd) best = Math.min(best, dateDistanceDays(a, b, yk, yp));
  if (best <= 3) return { value: 1, reason: null };
  return { value: 0.3, reason: () => `the titles name different dates (${Math.round(best)} days apart)` };
}

function numberFactor(k: Prepared, p: Prepared): Factor {
  const pn = p.text.numbers;
  if (k.strikes.length > 0) {
    const missing = k.strikes.filter((s) => !pn.some((n) => near(n, s)));
    if (missing.length === 0) return { value: 1, reason: () => `strike ${k.strikes.map(fmt).join('–')} on both` };
    if (pn.length === 0) return { value: 0.5, reason: () => `${k.venueName} strike ${k.strikes.map(fmt).join('–')}; no number in the ${p.venueName} title` };
    return { value: 0.08, reason: () => `strikes differ: ${k.venueName} ${k.strikes.map(fmt).join('–')}, ${p.venueName} ${pn.map(fmt).join(', ')}` };
  }
  const kn = k.text.numbers;
  if (kn.length === 0 && pn.length === 0) return { value: 1, reason: null };
  if (kn.length === 0 || pn.length === 0) return { value: 0.7, reason: () => `numbers on one side only (${[...kn, ...pn].map(fmt).join(', ')})` };
  const kMatched = kn.filter((a) => pn.some((b) => near(a, b)));
  const pMatched = pn.filter((b) => kn.some((a) => near(a, b)));
  if (kMatched.length === kn.length && pMatched.length === pn.length) return { value: 1, reason: () => `same numbers: ${kn.map(fmt).join(', ')}` };
  if (kMatched.length > 0) return { value: 0.6, reason: () => `numbers partly differ: ${k.venueName} ${kn.map(fmt).join(', ')}, ${p.venueName} ${pn.map(fmt).join(', ')}` };
  return { value: 0.1, reason: () => `numbers differ: ${k.venueName} ${kn.map(fmt).join(', ')}, ${p.venueName} ${pn.map(fmt).join(', ')}` };
}

function nameFactor(k: Prepared, p: Prepared): Factor {
  const onlyK = [...k.text.names].filter((n) => !mentions(p.text, n));
  const onlyP = [...p.text.names].filter((n) => !mentions(k.text, n));
  const missing = Math.min(3, onlyK.length + onlyP.length);
  if (missing === 0) return { value: 1, reason: k.text.names.size > 0 ? () => `same names: ${[...k.text.names].slice(0, 4).join(', ')}` : null };
  const parts = [onlyK.length > 0 ? `only on ${k.venueName}: ${onlyK.join(', ')}` : null, onlyP.length > 0 ? `only on ${p.venueName}: ${onlyP.join(', ')}` : null];
  return { value: 0.25 ** missing, reason: () => `names differ (${parts.filter(Boolean).join('; ')})` };
}

/** Words that say opposite things: a pair using one each is about different outcomes. */
const OPPOSITES: readonly [string, string][] = [
  ['cut', 'hike'],
  ['above', 'below'],
  ['win', 'lose'],
];

function directionFactor(k: Prepared, p: Prepared): Factor {
  for (const [a, b] of OPPOSITES) {
    const kA = k.text.words.has(a) && !k.text.words.has(b);
    const kB = k.text.words.has(b) && !k.text.words.has(a);
    const pA = p.text.words.has(a) && !p.text.words.has(b);
    const pB = p.text.words.has(b) && !p.text.words.has(a);
    if ((kA && pB) || (kB && pA)) return { value: 0.1, reason: () => `opposite directions: ${kA ? a : b} on ${k.venueName}, ${pA ? a : b} on ${p.venueName}` };
  }
  return { value: 1, reason: null };
}

/** A market's contract spec. */
type SpecOf = (info: MarketInfo) => ContractSpec;

/** The score alone (cheap); null when it cannot reach `floor`. */
function scoreValue(k: Prepared, p: Prepared, idf: ReadonlyMap<string, number>, floor: number, specOf: SpecOf): number | null {
  const words = weightedJaccard(k.text.words, p.text.words, idf);
  let score = (0.2 + 0.8 * Math.sqrt(words)) * closeTimeFactor(k.info, p.info).value;
  if (score < floor) return null;
  for (const f of [titleDateFactor(k, p), numberFactor(k, p), nameFactor(k, p), directionFactor(k, p), sourceFactor(k, p), categoryFactor(k, p)]) {
    score *= f.value;
    if (score < floor) return null;
  }
  if (specsDiffer(k, p, specOf) !== null) score = Math.min(score, SPEC_DIFFERENT_CAP);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

/**
 * The known spec fields that make the pair not the same contract (relation "different", or one
 * only implying the other: "above 4.3%" ⇒ "4.3% or higher"), or null. Complements are the same
 * contract read the other way round.
 */
function specsDiffer(k: Prepared, p: Prepared, specOf: SpecOf): string[] | null {
  const r = relateSpecs(specOf(k.info), specOf(p.info));
  return r.relation === 'different' || r.relation === 'implies_a_to_b' || r.relation === 'implies_b_to_a' ? r.differing : null;
}

/**
 * Two venues settling on different sources (CF Benchmarks' index vs a Binance candle) can resolve
 * differently however alike the titles: never a green match, always said.
 */
function sourceFactor(k: Prepared, p: Prepared): Factor {
  if (sourcesAgree(k.sources, p.sources) !== false) return { value: 1, reason: null };
  return { value: 0.6, reason: () => `settlement sources differ: ${k.sources.map((s) => s.name).join(', ')} / ${p.sources.map((s) => s.name).join(', ')}` };
}

function categoryFactor(k: Prepared, p: Prepared): Factor {
  return k.info.category.trim().toLowerCase() === p.info.category.trim().toLowerCase()
    ? { value: 1, reason: null }
    : { value: 0.85, reason: () => `categories differ (${k.info.category} / ${p.info.category})` };
}

/** Scores one pair with its reasons; `idf` weighs the words (rarer words say more). */
export function scorePair(k: Prepared, p: Prepared, idf: ReadonlyMap<string, number>, specOf: SpecOf = specOfMarket): { score: number; reasons: string[] } {
  const words = weightedJaccard(k.text.words, p.text.words, idf);
  const factors = [closeTimeFactor(k.info, p.info), titleDateFactor(k, p), numberFactor(k, p), nameFactor(k, p), directionFactor(k, p), sourceFactor(k, p), categoryFactor(k, p)];
  let score = 0.2 + 0.8 * Math.sqrt(words);
  for (const f of factors) score *= f.value;
  const differ = specsDiffer(k, p, specOf);
  if (differ !== null) score = Math.min(score, SPEC_DIFFERENT_CAP);
  const shared = sharedWords(k.text.words, p.text.words, idf);
  const reasons = [
    ...(differ !== null ? [`contract specs differ in ${differ.join(', ')}: at most ${SPEC_DIFFERENT_CAP * 100}%, never a match`] : []),
    `titles ${Math.round(words * 100)}% alike${shared.length > 0 ? ` (shared: ${shared.slice(0, 6).join(', ')})` : ''}`,
    ...factors.map((f) => f.reason?.()).filter((r): r is string => typeof r === 'string'),
  ];
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000, reasons };
}

/**
 * The best one-to-one suggestions between two venues' markets, best first. Candidates for a side a
 * market are the side b markets closing within a few days that share a word, and any sharing a
 * rare word (a name), so the cost grows with the markets, not with their product.
 */
export function suggestLinks(a: readonly MarketInfo[], b: readonly MarketInfo[], options: MatchOptions = {}): LinkSuggestion[] {
  const run = matchRun(a, b, options);
  while (!run.step(Infinity));
  return run.result();
}

/**
 * The same, in slices of about `sliceMs` of work with the event loop turning in between: matching
 * thousands of markets must not hold up the feeds.
 */
export async function suggestLinksInSlices(
  a: readonly MarketInfo[],
  b: readonly MarketInfo[],
  options: MatchOptions = {},
  sliceMs = 20,
  cancelled: () => boolean = () => false,
): Promise<LinkSuggestion[] | null> {
  const run = matchRun(a, b, options);
  for (;;) {
    if (cancelled()) return null;
    if (run.step(sliceMs)) return run.result();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

interface MatchRun {
  /** Works for about `ms`; true when finished. */
  step(ms: number): boolean;
  result(): LinkSuggestion[];
}

/**
 * The whole match as work that can stop after any market: preparing every market's text, indexing
 * side b, scoring each side-a market's candidates, then writing the reasons of the suggestions
 * kept. With tens of thousands of markets each phase is seconds of work, so none of it runs in
 * one piece.
 */
function matchRun(a: readonly MarketInfo[], b: readonly MarketInfo[], options: MatchOptions): MatchRun {
  const threshold = options.threshold ?? DEFAULT_SUGGEST_THRESHOLD;
  const taken = options.taken ?? new Set<MarketRef>();
  const prepare = (m: MarketInfo) => prepareMarket(m, options.name);
  const kIn = a.filter((m) => !taken.has(m.ref));
  const pIn = b.filter((m) => !taken.has(m.ref));
  const ks: Prepared[] = [];
  const ps: Prepared[] = [];
  const idf = new Map<string, number>();
  const rareIndex = new Map<string, number[]>();
  const byDay = new Map<number, number[]>();
  const perMarket = options.candidates ?? 100;
  const scored: { k: number; p: number; score: number }[] = [];
  const out: LinkSuggestion[] = [];
  let phase: 'prepare' | 'weigh' | 'index' | 'match' | 'sort' | 'keep' | 'reasons' | 'done' = 'prepare';
  let next = 0;
  const usedK = new Set<number>();
  const usedP = new Set<number>();
  const kept: { k: number; p: number; score: number }[] = [];
  const df = new Map<string, number>();
  let rare: (w: string) => boolean = () => false;
  /** The side-a market being scored, its ranked candidates, and the next one to score. */
  let rankedFor = -1;
  let ranked: [number, number][] = [];
  let nextCandidate = 0;
  /** The scored pairs, best first (ties: side a's market in ref order), once sorted. */
  let sorter: SlicedSort<{ k: number; p: number; score: number }> | null = null;
  let best: { k: number; p: number; score: number }[] = [];
  /**
   * Specs parsed for this run only: scoring parses most markets' specs, but only the suggestions
   * kept need theirs afterwards (the Links list shows them), so the rest go with the run instead
   * of staying with every listing (tens of MB at a whole universe).
   */
  const runSpecs = new Map<MarketInfo, ContractSpec>();
  const specOf: SpecOf = (info) => {
    let spec = cachedSpec(info) ?? runSpecs.get(info);
    if (spec === undefined) runSpecs.set(info, (spec = parseSpec(specInputOf(info))));
    return spec;
  };
  const keep = (info: MarketInfo) => {
    const spec = runSpecs.get(info);
    if (spec !== undefined) keepSpec(info, spec);
  };

  // Word weights as wordWeights computes them, counted a slice of markets at a time.
  const weigh = (m: Prepared) => {
    for (const w of m.text.words) df.set(w, (df.get(w) ?? 0) + 1);
  };
  const weighed = () => {
    const n = Math.max(1, ks.length + ps.length);
    let maxIdf = 0;
    for (const [w, count] of df) {
      const weight = Math.log(1 + n / count);
      idf.set(w, weight);
      if (weight > maxIdf) maxIdf = weight;
    }
    const rareFrom = Math.max(Math.log(1 + 5), maxIdf * 0.6);
    rare = (w) => (idf.get(w) ?? 0) >= rareFrom;
  };
  const indexOne = (i: number) => {
    const p = ps[i]!;
    for (const w of p.text.words) if (rare(w)) (rareIndex.get(w) ?? rareIndex.set(w, []).get(w)!).push(i);
    if (p.info.closeTime !== null) {
      const day = Math.floor(p.info.closeTime / DAY);
      (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(i);
    }
  };

  /** Side b candidates of one side-a market, best first (the scoring of each is separate work). */
  const rank = (k: Prepared): [number, number][] => {
    const pool = new Set<number>();
    for (const w of k.text.words) for (const i of rareIndex.get(w) ?? []) pool.add(i);
    if (k.info.closeTime !== null) {
      const day = Math.floor(k.info.closeTime / DAY);
      for (let d = day - CANDIDATE_DAYS; d <= day + CANDIDATE_DAYS; d++) for (const i of byDay.get(d) ?? []) pool.add(i);
    }
    const out: [number, number][] = [];
    for (const i of pool) {
      const p = ps[i]!;
      let overlap = 0;
      for (const w of k.text.words) if (p.text.words.has(w)) overlap += idf.get(w) ?? 1;
      if (overlap > 0) out.push([i, overlap * closeTimeFactor(k.info, p.info).value]);
    }
    out.sort((a, b) => b[1] - a[1]);
    if (out.length > perMarket) out.length = perMarket;
    return out;
  };
  const scoreCandidate = (ki: number, pi: number) => {
    const k = ks[ki]!;
    const p = ps[pi]!;
    if (options.exclude?.(k.ref, p.ref)) return;
    // Scoring may parse both markets' contract specs (the first time): the costly part of a match.
    const score = scoreValue(k, p, idf, threshold, specOf);
    if (score !== null && score >= threshold) scored.push({ k: ki, p: pi, score });
  };

  return {
    step(ms) {
      const until = performance.now() + ms;
      const timeUp = () => performance.now() >= until;
      for (;;) {
        switch (phase) {
          case 'prepare':
            while (next < kIn.length + pIn.length) {
              if (next < kIn.length) ks.push(prepare(kIn[next]!));
              else ps.push(prepare(pIn[next - kIn.length]!));
              next++;
              if ((next & 7) === 0 && timeUp()) return false;
            }
            phase = 'weigh';
            next = 0;
            break;
          case 'weigh':
            while (next < ks.length + ps.length) {
              weigh(next < ks.length ? ks[next]! : ps[next - ks.length]!);
              next++;
              if ((next & 63) === 0 && timeUp()) return false;
            }
            weighed();
            phase = 'index';
            next = 0;
            if (timeUp()) return false;
            break;
          case 'index':
            while (next < ps.length) {
              indexOne(next++);
              if ((next & 63) === 0 && timeUp()) return false;
            }
            phase = 'match';
            next = 0;
            break;
          case 'match':
            while (next < ks.length) {
              if (rankedFor !== next) {
                rankedFor = next;
                ranked = rank(ks[next]!);
                nextCandidate = 0;
                if (timeUp()) return false;
              }
              while (nextCandidate < ranked.length) {
                scoreCandidate(next, ranked[nextCandidate++]![0]);
                if (timeUp()) return false;
              }
              next++;
            }
            phase = 'sort';
            sorter = new SlicedSort(scored, (a, b) => b.score - a.score || (ks[a.k]!.ref < ks[b.k]!.ref ? -1 : 1));
            break;
          case 'sort': {
            const sorted = sorter!.step(timeUp);
            if (sorted === null) return false;
            best = sorted;
            phase = 'keep';
            next = 0;
            break;
          }
          case 'keep':
            // One to one: the best pair first, and neither of its markets in another.
            while (next < best.length) {
              const s = best[next++]!;
              if (usedK.has(s.k) || usedP.has(s.p)) continue;
              usedK.add(s.k);
              usedP.add(s.p);
              kept.push(s);
              if ((next & 1023) === 0 && timeUp()) return false;
            }
            phase = 'reasons';
            next = 0;
            if (timeUp()) return false;
            break;
          case 'reasons':
            // Reasons only for what is kept: they cost more than the scores.
            while (next < kept.length) {
              const s = kept[next++]!;
              const k = ks[s.k]!;
              const p = ps[s.p]!;
              out.push({ a: k.ref, b: p.ref, score: s.score, reasons: scorePair(k, p, idf, specOf).reasons });
              keep(k.info);
              keep(p.info);
              if (timeUp()) return false;
            }
            phase = 'done';
            break;
          case 'done':
            return true;
        }
      }
    },
    result() {
      return out;
    },
  };
}

/** For tests and tools: the score of one given pair in the context of both market lists. */
export function scoreOf(a: MarketInfo, b: MarketInfo, context: readonly MarketInfo[]): { score: number; reasons: string[] } {
  const prepared = context.map((m) => prepareMarket(m));
  return scorePair(prepareMarket(a), prepareMarket(b), wordWeights(prepared));
}

