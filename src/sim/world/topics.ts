// Topic drafts: what a group is about and how each venue words it. The two venues describe the
// same proposition in their own voice (Kalshi: "Will … before Apr 1?", rules "If …, then the
// market resolves to Yes."; Polymarket: "… by March 31?", 'This market will resolve to "Yes" if
// …'), so an engine has to match meaning, not strings.
import type { Rng } from '../core/rng';
import {
  CITIES,
  commas,
  COMPANIES,
  FILMS,
  FIRST_NAMES,
  kalshiDateCode,
  LAST_NAMES,
  LEAGUES,
  longDate,
  money,
  MONTHS,
  monthEnd,
  dayOf,
  shortDate,
  TEAMS,
  WORLD_YEAR,
} from './names';
import type { GroupKind } from './types';

export interface OutcomeDraft {
  label: string;
  /** Kalshi market-ticker suffix. */
  code: string;
  strike?: number;
  /** Polymarket-only "Other" of an augmented neg-risk event. */
  isOther?: boolean;
}

export interface KalshiDraft {
  seriesTicker: string;
  seriesTitle: string;
  frequency: string;
  feeType: 'quadratic' | 'quadratic_with_maker_fees';
  feeMultiplier: number;
  eventTicker: string;
  eventTitle: string;
  eventSubTitle: string;
  /** Single-market events reuse the event ticker as the market ticker. */
  singleMarket: boolean;
  marketTitle(o: OutcomeDraft): string;
  yesSubTitle(o: OutcomeDraft): string;
  rules(o: OutcomeDraft): string;
  rulesSecondary: string;
  /** Kalshi `settlement_sources` of the series. */
  source: { name: string; url: string };
  strike: boolean;
}

export interface PolymarketDraft {
  eventTitle: string;
  description: string;
  negRisk: boolean;
  augmented: boolean;
  question(o: OutcomeDraft): string;
  groupItemTitle(o: OutcomeDraft): string;
  marketDescription(o: OutcomeDraft): string;
}

export interface GroupDraft {
  kind: GroupKind;
  category: string;
  title: string;
  exhaustive: boolean;
  closeTime: number;
  outcomes: OutcomeDraft[];
  ladder?: { strikes: number[]; start: number; width: number; vol: number };
  kalshi?: KalshiDraft;
  poly?: PolymarketDraft;
  /**
   * false: the venues settle this on different sources (Kalshi on CF Benchmarks' index, Polymarket
   * on a Binance candle), so their listings are NOT the same proposition.
   */
  sameSource?: boolean;
  /**
   * Spec fields (shared/contract/spec SPEC_FIELDS) in which the two venues' rules differ although the
   * titles say the same thing (variants.ts): the listings can resolve differently, so they are
   * NOT equivalent, and a spec comparison must name these fields.
   */
  differs?: readonly string[];
}

const YY = String(WORLD_YEAR % 100);
/** Kalshi's secondary rules, naming the settlement source as its series lists it. */
function kalshiRules2(source: string): string {
  return `The market closes early if the outcome becomes known before the close time. The settlement source is ${source}, as named in the contract terms.`;
}

/** A settlement source with its (invented, never fetched) address. */
function src(name: string): { name: string; url: string } {
  return { name, url: `https://example.invalid/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` };
}

const CF_BENCHMARKS = 'CF Benchmarks Bitcoin Real-Time Index';

function polyResolves(body: string, source: string): string {
  return `This market will resolve to "Yes" if ${body}. Otherwise, this market will resolve to "No".\n\nThe resolution source for this market will be ${source}.`;
}

function distinctNames(rng: Rng, n: number): string[] {
  const firsts = rng.shuffle(FIRST_NAMES);
  const lasts = rng.shuffle(LAST_NAMES);
  return Array.from({ length: n }, (_, i) => `${firsts[i]} ${lasts[i]}`);
}

function codeOf(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 5);
}

// ---------------------------------------------------------------- exclusive groups

export function fedDecision(rng: Rng): GroupDraft {
  const m = rng.intBetween(0, 10);
  const close = dayOf(m, 17, 18);
  const month = MONTHS[m]!;
  const options = [
    { label: 'Cut >25bps', code: 'C26', k: 'cut rates by more than 25 bps', p: 'Fed decreases interest rates by 50+ bps', g: '50+ bps decrease' },
    { label: 'Cut 25bps', code: 'C25', k: 'cut rates by 25 bps', p: 'Fed decreases interest rates by 25 bps', g: '25 bps decrease' },
    { label: 'Hold', code: 'H0', k: 'leave rates unchanged', p: 'No change in Fed interest rates', g: 'No change' },
    { label: 'Hike', code: 'H25', k: 'raise rates', p: 'Fed increases interest rates by 25+ bps', g: '25+ bps increase' },
  ];
  const byCode = new Map(options.map((o) => [o.code, o]));
  const eventTicker = `KXFEDDECISION-${YY}${month.slice(0, 3).toUpperCase()}`;
  return {
    kind: 'exclusive',
    category: 'Economics',
    title: `Fed decision in ${month} ${WORLD_YEAR}`,
    exhaustive: true,
    closeTime: close,
    outcomes: options.map((o) => ({ label: o.label, code: o.code })),
    kalshi: {
      seriesTicker: 'KXFEDDECISION',
      seriesTitle: 'Fed meeting decision',
      frequency: 'custom',
      feeType: 'quadratic',
      feeMultiplier: 10_000,
      eventTicker,
      eventTitle: `Fed decision in ${month.slice(0, 3)} ${WORLD_YEAR}`,
      eventSubTitle: `${month} ${WORLD_YEAR} FOMC meeting`,
      singleMarket: false,
      marketTitle: (o) => `Will the Fed ${byCode.get(o.code)!.k} at the ${month} ${WORLD_YEAR} meeting?`,
      yesSubTitle: (o) => o.label,
      rules: (o) => `If the Federal Reserve announces that it will ${byCode.get(o.code)!.k} at its ${month} ${WORLD_YEAR} meeting, as measured by the upper bound of the federal funds target range, then the market resolves to Yes.`,
      rulesSecondary: kalshiRules2('the Federal Reserve FOMC statement'),
      source: src('Federal Reserve FOMC statement'),
      strike: false,
    },
    poly: {
      eventTitle: `Fed decision in ${month}?`,
      description: `This event is about the Federal Reserve's interest rate decision at the ${month} ${WORLD_YEAR} FOMC meeting.`,
      negRisk: true,
      augmented: false,
      question: (o) => `${byCode.get(o.code)!.p} after ${month} ${WORLD_YEAR} meeting?`,
      groupItemTitle: (o) => byCode.get(o.code)!.g,
      marketDescription: (o) =>
        polyResolves(`the upper bound of the target federal funds rate changes as described ("${byCode.get(o.code)!.g}") following the Federal Reserve's ${month} ${WORLD_YEAR} meeting`, 'the Federal Reserve FOMC statement after the meeting'),
    },
  };
}

function namedField(rng: Rng, kind: 'election' | 'championship' | 'award'): GroupDraft {
  const close = monthEnd(rng.intBetween(2, 11));
  if (kind === 'election') {
    const city = rng.pick(CITIES);
    const names = distinctNames(rng, rng.intBetween(3, 5));
    const augmented = rng.chance(0.5);
    const cityCode = codeOf(city).slice(0, 4);
    return fieldDraft({
      kSource: `${city} election office`,
      category: 'Politics',
      title: `${city} mayoral election ${WORLD_YEAR}`,
      close,
      labels: names,
      augmented,
      kSeries: `KXMAYOR${cityCode}`,
      kSeriesTitle: `${city} mayor`,
      kEventTitle: `${city} mayoral election`,
      kTitle: (n) => `Will ${n} win the ${city} mayoral election?`,
      kRules: (n) => `If ${n} is certified as the winner of the ${WORLD_YEAR} ${city} mayoral election, then the market resolves to Yes.`,
      pEventTitle: `${city} Mayoral Election Winner ${WORLD_YEAR}`,
      pQuestion: (n) => `Will ${n} win the ${WORLD_YEAR} ${city} mayoral election?`,
      pOtherQuestion: `Will another candidate win the ${WORLD_YEAR} ${city} mayoral election?`,
      pBody: (n) => `${n} wins the ${WORLD_YEAR} ${city} mayoral election`,
      source: `the official certified results published by the ${city} election office`,
    });
  }
  if (kind === 'championship') {
    const league = rng.pick(LEAGUES);
    const teams = rng.shuffle(TEAMS).slice(0, rng.intBetween(4, 6));
    return fieldDraft({
      kSource: `${league} official results`,
      category: 'Sports',
      title: `${league} champion ${WORLD_YEAR}`,
      close,
      labels: teams,
      augmented: rng.chance(0.3),
      kSeries: `KX${codeOf(league).slice(0, 3)}CHAMP`,
      kSeriesTitle: `${league} champion`,
      kEventTitle: `${WORLD_YEAR} ${league} champion`,
      kTitle: (n) => `Will the ${n} win the ${WORLD_YEAR} ${league} title?`,
      kRules: (n) => `If the ${n} win the ${WORLD_YEAR} ${league} championship, then the market resolves to Yes.`,
      pEventTitle: `${league} Champion ${WORLD_YEAR}`,
      pQuestion: (n) => `Will the ${n} win the ${WORLD_YEAR} ${league} Championship?`,
      pOtherQuestion: `Will another team win the ${WORLD_YEAR} ${league} Championship?`,
      pBody: (n) => `the ${n} win the ${WORLD_YEAR} ${league} Championship`,
      source: `the official ${league} website`,
    });
  }
  const films = rng.shuffle(FILMS).slice(0, 5);
  return fieldDraft({
    kSource: 'Film Academy',
    category: 'Culture',
    title: `Best Picture ${WORLD_YEAR}`,
    close,
    labels: films,
    augmented: false,
    kSeries: 'KXBESTPIC',
    kSeriesTitle: 'Best Picture winner',
    kEventTitle: `Best Picture winner ${WORLD_YEAR}`,
    kTitle: (n) => `Will "${n}" win Best Picture?`,
    kRules: (n) => `If "${n}" is announced as the Best Picture winner at the ${WORLD_YEAR} Film Academy awards, then the market resolves to Yes.`,
    pEventTitle: `Best Picture Winner ${WORLD_YEAR}`,
    pQuestion: (n) => `Will ${n} win Best Picture at the ${WORLD_YEAR} Film Academy Awards?`,
    pOtherQuestion: 'Will another film win Best Picture?',
    pBody: (n) => `"${n}" wins Best Picture at the ${WORLD_YEAR} Film Academy Awards`,
    source: 'the Film Academy',
  });
}

interface FieldSpec {
  /** The settlement source Kalshi's series names. */
  kSource: string;
  category: string;
  title: string;
  close: number;
  labels: string[];
  augmented: boolean;
  kSeries: string;
  kSeriesTitle: string;
  kEventTitle: string;
  kTitle(name: string): string;
  kRules(name: string): string;
  pEventTitle: string;
  pQuestion(name: string): string;
  pOtherQuestion: string;
  pBody(name: string): string;
  source: string;
}

function fieldDraft(f: FieldSpec): GroupDraft {
  const outcomes: OutcomeDraft[] = f.labels.map((label) => ({ label, code: codeOf(label.split(' ').pop()!) }));
  if (f.augmented) outcomes.push({ label: 'Other', code: 'OTHER', isOther: true });
  return {
    kind: 'exclusive',
    category: f.category,
    title: f.title,
    exhaustive: true,
    closeTime: f.close,
    outcomes,
    kalshi: {
      seriesTicker: f.kSeries,
      seriesTitle: f.kSeriesTitle,
      frequency: 'annual',
      feeType: 'quadratic',
      feeMultiplier: 10_000,
      eventTicker: `${f.kSeries}-${YY}`,
      eventTitle: f.kEventTitle,
      eventSubTitle: `${WORLD_YEAR}`,
      singleMarket: false,
      marketTitle: (o) => f.kTitle(o.label),
      yesSubTitle: (o) => o.label,
      rules: (o) => f.kRules(o.label),
      rulesSecondary: kalshiRules2(f.kSource),
      source: src(f.kSource),
      strike: false,
    },
    poly: {
      eventTitle: f.pEventTitle,
      description: `This is a multi-outcome event about ${f.title}.`,
      negRisk: true,
      augmented: f.augmented,
      question: (o) => (o.isOther ? f.pOtherQuestion : f.pQuestion(o.label)),
      groupItemTitle: (o) => o.label,
      marketDescription: (o) => polyResolves(o.isOther ? `the winner is not any of the other listed outcomes` : f.pBody(o.label), f.source),
    },
  };
}

export const election = (rng: Rng) => namedField(rng, 'election');
export const championship = (rng: Rng) => namedField(rng, 'championship');
export const award = (rng: Rng) => namedField(rng, 'award');

// ---------------------------------------------------------------- ladders

interface LadderSpec {
  /** Kalshi's settlement source; false sameSource when Polymarket's `source` is another one. */
  kSource: string;
  sameSource?: boolean;
  category: string;
  title: string;
  close: number;
  strikes: number[];
  start: number;
  step: number;
  kSeries: string;
  kSeriesTitle: string;
  kFee?: { type: 'quadratic' | 'quadratic_with_maker_fees'; multiplier: number };
  kEventTitle: string;
  kTitle: string;
  kYes(strike: number): string;
  kRules(strike: number): string;
  pEventTitle: string;
  pQuestion(strike: number): string;
  pItem(strike: number): string;
  pBody(strike: number): string;
  source: string;
  fmtCode(strike: number): string;
}

function ladderDraft(s: LadderSpec): GroupDraft {
  const code = kalshiDateCode(s.close);
  return {
    kind: 'ladder',
    category: s.category,
    title: s.title,
    exhaustive: false,
    closeTime: s.close,
    outcomes: s.strikes.map((k) => ({ label: s.kYes(k), code: `T${s.fmtCode(k)}`, strike: k })),
    ladder: { strikes: s.strikes, start: s.start, width: s.step * 1.3, vol: s.step * 0.035 },
    sameSource: s.sameSource ?? true,
    kalshi: {
      seriesTicker: s.kSeries,
      seriesTitle: s.kSeriesTitle,
      frequency: 'daily',
      feeType: s.kFee?.type ?? 'quadratic',
      feeMultiplier: s.kFee?.multiplier ?? 10_000,
      eventTicker: `${s.kSeries}-${code}`,
      eventTitle: s.kEventTitle,
      eventSubTitle: `On ${shortDate(s.close)}`,
      singleMarket: false,
      marketTitle: () => s.kTitle,
      yesSubTitle: (o) => s.kYes(o.strike!),
      rules: (o) => s.kRules(o.strike!),
      rulesSecondary: kalshiRules2(s.kSource),
      source: src(s.kSource),
      strike: true,
    },
    poly: {
      eventTitle: s.pEventTitle,
      description: `Markets on where ${s.title.toLowerCase()} will land.`,
      negRisk: false,
      augmented: false,
      question: (o) => s.pQuestion(o.strike!),
      groupItemTitle: (o) => s.pItem(o.strike!),
      marketDescription: (o) => polyResolves(s.pBody(o.strike!), s.source),
    },
  };
}

export function bitcoinLadder(rng: Rng): GroupDraft {
  const m = rng.intBetween(0, 11);
  const close = dayOf(m, rng.intBetween(1, 28), 21);
  const step = rng.pick([2500, 5000]);
  const center = rng.pick([95_000, 100_000, 110_000, 120_000]);
  const n = rng.intBetween(4, 6);
  const strikes = Array.from({ length: n }, (_, i) => center + (i - Math.floor(n / 2)) * step);
  const day = `${MONTHS[m]} ${new Date(close).getUTCDate()}`;
  return ladderDraft({
    kSource: CF_BENCHMARKS,
    sameSource: false,
    category: 'Crypto',
    title: `Bitcoin price on ${longDate(close)}`,
    close,
    strikes,
    start: center + rng.between(-0.6, 0.6) * step,
    step,
    kSeries: 'KXBTCD',
    kSeriesTitle: 'Bitcoin price above/below',
    kEventTitle: `Bitcoin price on ${shortDate(close)} at 5pm EDT?`,
    kTitle: `Bitcoin price on ${shortDate(close)} at 5pm EDT?`,
    kYes: (k) => `${money(k)} or above`,
    kRules: (k) => `If the simple average of the sixty seconds of CF Benchmarks' Bitcoin Real-Time Index before 5 PM EDT on ${longDate(close)} is above ${money(k - 0.01)}, then the market resolves to Yes.`,
    pEventTitle: `Bitcoin above ___ on ${day}?`,
    pQuestion: (k) => `Will the price of Bitcoin be above ${money(k)} on ${day}?`,
    pItem: (k) => money(k),
    pBody: (k) => `the Binance BTC/USDT 1 minute candle for 12:00 ET on ${day} has a final "Close" price higher than ${money(k)}`,
    source: 'Binance, BTC/USDT',
    fmtCode: (k) => String(k),
  });
}

export function cpiLadder(rng: Rng): GroupDraft {
  const m = rng.intBetween(0, 10);
  const close = dayOf(m + 1, 12, 12);
  const month = MONTHS[m]!;
  const center = rng.pick([2.6, 2.8, 3.0]);
  const strikes = [-0.4, -0.2, 0, 0.2, 0.4].map((d) => Math.round((center + d) * 10) / 10);
  return ladderDraft({
    kSource: 'US Bureau of Labor Statistics',
    category: 'Economics',
    title: `CPI inflation for ${month} ${WORLD_YEAR}`,
    close,
    strikes,
    start: center + rng.between(-0.15, 0.15),
    step: 0.2,
    kSeries: 'KXCPIYOY',
    kSeriesTitle: 'Inflation (CPI, year over year)',
    kEventTitle: `CPI year-over-year in ${month.slice(0, 3)} ${WORLD_YEAR}`,
    kTitle: `CPI year-over-year in ${month.slice(0, 3)} ${WORLD_YEAR}?`,
    kYes: (k) => `Above ${k.toFixed(1)}%`,
    kRules: (k) => `If the year-over-year change in CPI-U for ${month} ${WORLD_YEAR}, as first reported by the BLS, is above ${k.toFixed(1)}%, then the market resolves to Yes.`,
    pEventTitle: `${month} inflation US - annual`,
    pQuestion: (k) => `Will annual inflation be above ${k.toFixed(1)}% in ${month}?`,
    pItem: (k) => `>${k.toFixed(1)}%`,
    pBody: (k) => `the annual (12-month) US CPI inflation rate for ${month} ${WORLD_YEAR}, rounded to one decimal place, is greater than ${k.toFixed(1)}%`,
    source: 'the US Bureau of Labor Statistics',
    fmtCode: (k) => k.toFixed(1),
  });
}

export function temperatureLadder(rng: Rng): GroupDraft {
  const m = rng.intBetween(4, 8);
  const d = rng.intBetween(1, 28);
  const close = dayOf(m, d, 23);
  const city = rng.pick(CITIES);
  const base = rng.pick([72, 76, 80]);
  const strikes = [0, 3, 6, 9, 12].map((x) => base + x);
  const day = `${MONTHS[m]} ${d}`;
  return ladderDraft({
    kSource: `National Weather Service, ${city} airport station`,
    category: 'Weather',
    title: `Highest temperature in ${city} on ${longDate(close)}`,
    close,
    strikes,
    start: base + 6 + rng.between(-2, 2),
    step: 3,
    kSeries: `KXHIGH${codeOf(city).slice(0, 3)}`,
    kSeriesTitle: `Highest temperature in ${city}`,
    kEventTitle: `Highest temperature in ${city} on ${shortDate(close)}`,
    kTitle: `Highest temperature in ${city} on ${shortDate(close)}?`,
    kYes: (k) => `${k}° or above`,
    kRules: (k) => `If the highest temperature recorded at the ${city} airport station on ${longDate(close)} is ${k}°F or above, then the market resolves to Yes.`,
    pEventTitle: `Highest temperature in ${city} on ${day}?`,
    pQuestion: (k) => `Will the highest temperature in ${city} be ${k}°F or higher on ${day}?`,
    pItem: (k) => `${k}°F or higher`,
    pBody: (k) => `the highest temperature recorded at the ${city} airport station on ${day} is ${k}°F or higher`,
    source: `the national weather service climate report for ${city}`,
    fmtCode: (k) => String(k),
  });
}

export function indexLadder(rng: Rng): GroupDraft {
  const m = rng.intBetween(0, 11);
  const close = dayOf(m, rng.intBetween(1, 28), 20);
  const center = rng.pick([6000, 6200, 6400]);
  const step = 50;
  const strikes = [-2, -1, 0, 1, 2].map((x) => center + x * step);
  const day = `${MONTHS[new Date(close).getUTCMonth()]} ${new Date(close).getUTCDate()}`;
  return ladderDraft({
    kSource: 'S&P Dow Jones Indices',
    category: 'Finance',
    title: `S&P 500 close on ${longDate(close)}`,
    close,
    strikes,
    start: center + rng.between(-30, 30),
    step,
    kSeries: 'KXINX',
    kSeriesTitle: 'S&P 500 daily range',
    kFee: { type: 'quadratic_with_maker_fees', multiplier: 5_000 },
    kEventTitle: `S&P 500 on ${shortDate(close)}`,
    kTitle: `S&P 500 price on ${shortDate(close)} at 4pm EDT?`,
    kYes: (k) => `${commas(k)} or above`,
    kRules: (k) => `If the S&P 500 index closes above ${(k - 0.01).toFixed(2)} on ${longDate(close)}, then the market resolves to Yes.`,
    // Kalshi's "above k − 0.01" on a two-decimal index is "at or above k": worded so on both venues.
    pEventTitle: `S&P 500 at or above ___ on ${day}?`,
    pQuestion: (k) => `Will the S&P 500 close at or above ${commas(k)} on ${day}?`,
    pItem: (k) => commas(k),
    pBody: (k) => `the official closing value of the S&P 500 index on ${day} is ${commas(k)} or higher`,
    source: 'S&P Dow Jones Indices',
    fmtCode: (k) => String(k),
  });
}

// ---------------------------------------------------------------- binaries

export interface BinaryVariant {
  /** Date or threshold choice; lookalikes use two variants of one topic. */
  month: number;
  threshold: number;
}

export type BinaryTopic = (rng: Rng, v: BinaryVariant) => GroupDraft;

export function binaryDraft(
  category: string,
  close: number,
  kSeries: string,
  kSeriesTitle: string,
  kTitle: string,
  kRules: string,
  pQuestion: string,
  pBody: string,
  source: string,
  title: string,
  kSource: string,
  sameSource = true,
): GroupDraft {
  const eventTicker = `${kSeries}-${kalshiDateCode(close)}`;
  return {
    kind: 'binary',
    category,
    title,
    exhaustive: false,
    closeTime: close,
    sameSource,
    outcomes: [{ label: title, code: '' }],
    kalshi: {
      seriesTicker: kSeries,
      seriesTitle: kSeriesTitle,
      frequency: 'one_off',
      feeType: 'quadratic',
      feeMultiplier: 10_000,
      eventTicker,
      eventTitle: kTitle,
      eventSubTitle: `Before ${shortDate(close + 86_400_000)}`,
      singleMarket: true,
      marketTitle: () => kTitle,
      yesSubTitle: () => 'Yes',
      rules: () => kRules,
      rulesSecondary: kalshiRules2(kSource),
      source: src(kSource),
      strike: false,
    },
    poly: {
      eventTitle: pQuestion,
      description: pBody,
      negRisk: false,
      augmented: false,
      question: () => pQuestion,
      groupItemTitle: () => '',
      marketDescription: () => polyResolves(pBody, source),
    },
  };
}

export const shutdown: BinaryTopic = (_rng, v) => {
  const close = monthEnd(v.month);
  const next = close + 86_400_000;
  return binaryDraft(
    'Politics',
    close,
    'KXGOVSHUT',
    'Government shutdown',
    `Will the US government shut down before ${shortDate(next)}?`,
    `If the US federal government enters a shutdown (a lapse in appropriations causing furloughs) before ${longDate(next)}, then the market resolves to Yes.`,
    `US government shutdown by ${longDate(close)}?`,
    `a lapse in US federal appropriations begins on or before ${longDate(close)}, 11:59 PM ET`,
    'official announcements from the US Office of Management and Budget',
    `US government shutdown by ${longDate(close)}`,
    'US Office of Management and Budget',
  );
};

export const productLaunch: BinaryTopic = (rng, v) => {
  const c = COMPANIES[v.threshold % COMPANIES.length]!;
  void rng;
  const close = monthEnd(v.month);
  return binaryDraft(
    'Tech',
    close,
    `KX${codeOf(c.name).slice(0, 4)}LAUNCH`,
    `${c.name} launches`,
    `Will ${c.name} release ${c.product} before ${shortDate(close + 86_400_000)}?`,
    `If ${c.name} makes ${c.product} generally available to the public before ${longDate(close + 86_400_000)}, then the market resolves to Yes.`,
    `${c.name} releases ${c.product} by ${MONTHS[v.month]} ${new Date(close).getUTCDate()}?`,
    `${c.name} officially releases ${c.product} to the general public by ${longDate(close)}, 11:59 PM ET`,
    `official announcements from ${c.name}`,
    `${c.name} release of ${c.product} by ${longDate(close)}`,
    `${c.name} press releases`,
  );
};

export const bitcoinReach: BinaryTopic = (_rng, v) => {
  const close = monthEnd(v.month);
  const target = 150_000 + 10_000 * v.threshold;
  return binaryDraft(
    'Crypto',
    close,
    'KXBTCMAX',
    'Bitcoin highs',
    `Will Bitcoin reach ${money(target)} before ${shortDate(close + 86_400_000)}?`,
    `If the CF Benchmarks Bitcoin Real-Time Index trades at or above ${money(target)} at any time before ${longDate(close + 86_400_000)}, then the market resolves to Yes.`,
    `Will Bitcoin hit ${money(target)} by ${MONTHS[v.month]} ${new Date(close).getUTCDate()}?`,
    `any Binance 1 minute candle for BTC/USDT between now and ${longDate(close)}, 11:59 PM ET has a final "High" price of ${money(target)} or higher`,
    'Binance, BTC/USDT',
    `Bitcoin reaches ${money(target)} by ${longDate(close)}`,
    CF_BENCHMARKS,
    false,
  );
};

export const cityRecord: BinaryTopic = (rng, v) => {
  const city = CITIES[v.threshold % CITIES.length]!;
  void rng;
  const close = monthEnd(v.month);
  return binaryDraft(
    'Weather',
    close,
    `KXRAIN${codeOf(city).slice(0, 3)}`,
    `${city} rainfall`,
    `Will ${city} get more than 4 inches of rain in ${MONTHS[v.month]} ${WORLD_YEAR}?`,
    `If the total precipitation recorded at the ${city} airport station for ${MONTHS[v.month]} ${WORLD_YEAR} is above 4.00 inches, then the market resolves to Yes.`,
    `More than 4 inches of rain in ${city} in ${MONTHS[v.month]}?`,
    `the total monthly precipitation at the ${city} airport station for ${MONTHS[v.month]} ${WORLD_YEAR} exceeds 4 inches`,
    `the national weather service monthly climate report for ${city}`,
    `${city} rain above 4in in ${MONTHS[v.month]} ${WORLD_YEAR}`,
    `National Weather Service, ${city} airport station`,
  );
};

export const BINARY_TOPICS: readonly BinaryTopic[] = [shutdown, productLaunch, bitcoinReach, cityRecord];
export const EXCLUSIVE_TOPICS = [fedDecision, election, championship, award] as const;
export const LADDER_TOPICS = [bitcoinLadder, cpiLadder, temperatureLadder, indexLadder] as const;
