// What a market's wording says, reduced to comparable features: content words (with venue
// synonyms folded together), the numbers it is about (strikes, thresholds), the dates it names,
// and its proper names. Kalshi and Polymarket describe the same proposition in different voices
// ("Will the Fed cut rates by 25 bps…?" / "Fed decreases interest rates by 25 bps…?"), so the
// matcher compares meaning through these, never raw strings.

const MONTHS: Record<string, number> = {
  jan: 0, january: 0, feb: 1, february: 1, mar: 2, march: 2, apr: 3, april: 3, may: 4, jun: 5, june: 5,
  jul: 6, july: 6, aug: 7, august: 7, sep: 8, sept: 8, september: 8, oct: 9, october: 9, nov: 10, november: 10,
  dec: 11, december: 11,
};

const STOPWORDS = new Set([
  'a', 'an', 'the', 'will', 'be', 'is', 'are', 'was', 'of', 'in', 'on', 'at', 'by', 'to', 'for', 'and', 'or', 'if', 'then',
  'this', 'that', 'it', 'its', 'as', 'with', 'from', 'after', 'before', 'than', 'any', 'market', 'resolves', 'resolve',
  'yes', 'no', 'what', 'which', 'who', 'how', 'when', 'there', 'their', 'do', 'does', 'did', 'has', 'have', 'up',
  'pm', 'am', 'et', 'edt', 'est', 'utc', 'pt', 'ct', 'between', 'into', 'about', 'same', 'other', 'otherwise',
]);

/** Words the two venues use for the same thing. */
const SYNONYMS: Record<string, string> = {
  decrease: 'cut', decreases: 'cut', lower: 'cut', lowers: 'cut', cuts: 'cut', reduce: 'cut',
  increase: 'hike', increases: 'hike', raise: 'hike', raises: 'hike', hikes: 'hike',
  unchanged: 'hold', holds: 'hold', pause: 'hold',
  hit: 'reach', hits: 'reach', reaches: 'reach', touch: 'reach',
  launch: 'release', launches: 'release', releases: 'release', released: 'release', ship: 'release', ships: 'release',
  winner: 'win', wins: 'win', won: 'win', winning: 'win',
  over: 'above', higher: 'above', exceed: 'above', exceeds: 'above', greater: 'above', more: 'above',
  under: 'below', less: 'below', fewer: 'below',
  title: 'championship', champion: 'championship', champions: 'championship',
  shutdown: 'shutdown', shut: 'shutdown',
  rainfall: 'rain', precipitation: 'rain',
  temp: 'temperature', high: 'highest', highs: 'highest',
  btc: 'bitcoin', eth: 'ethereum',
  inflation: 'cpi',
  us: 'us', usa: 'us', 'u.s.': 'us',
};

/** Capitalised words that are not names (sentence starts, venue boilerplate). */
const NOT_NAMES = new Set([
  'will', 'the', 'what', 'which', 'who', 'when', 'how', 'if', 'yes', 'no', 'is', 'are', 'does', 'do', 'us', 'otherwise',
  'this', 'market', 'price', 'highest', 'lowest', 'above', 'below', 'or', 'and', 'any', 'other', 'another',
]);

export interface DateMention {
  month: number;
  /** Day of month, when the text names one. */
  day: number | null;
  year: number | null;
}

export interface MarketText {
  /** Folded content words of the title and the event title. */
  readonly words: ReadonlySet<string>;
  /**
   * The folded content words of the rules that are not among `words`, each between newlines
   * ("\nword\nword\n"): one flat string instead of a set per market, since thousands of markets'
   * texts are held at once while matching and this is only asked of a few names (`mentions`).
   */
  readonly ruleWords: string;
  /** Numbers the title is about, dates and times of day excluded. */
  readonly numbers: readonly number[];
  readonly dates: readonly DateMention[];
  /** Proper names in the title (lower-cased words). */
  readonly names: ReadonlySet<string>;
}

const DATE_RE = new RegExp(
  `\\b(${Object.keys(MONTHS).join('|')})\\.?(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?(?:,?\\s+(\\d{4}))?\\b`,
  'gi',
);
const TIME_RE = /\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b/gi;
const NUMBER_RE = /[-+]?\$?\d[\d,]*(?:\.\d+)?/g;
const YEAR_RE = /^(19|20)\d{2}$/;

function fold(word: string): string {
  const w = word.toLowerCase();
  return SYNONYMS[w] ?? w;
}

/** Phrases folded before splitting into words. */
const PHRASES: readonly [RegExp, string][] = [
  [/\bno change\b/gi, ' hold '],
  [/\bat least\b/gi, ' above '],
  [/\bor (?:higher|above|more)\b/gi, ' above '],
  [/\bor (?:lower|below|less)\b/gi, ' below '],
  [/\bmore than\b/gi, ' above '],
  [/\bless than\b/gi, ' below '],
];

/**
 * Rate decisions move in 25 bp steps, so "more than 25 bps" is "50+ bps" (Kalshi "Cut >25bps",
 * Polymarket "50+ bps decrease").
 */
export function foldRateSteps(text: string): string {
  return text.replace(/\b(?:more than|over|>)\s*(\d+)\s*(bps|basis points)\b/gi, (_, n: string, unit: string) => `${Number(n) + 25}+ ${unit}`);
}

/** Splits text into folded content words (no numbers, no month names, no stopwords). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  let folded = text;
  for (const [re, to] of PHRASES) folded = folded.replace(re, to);
  for (const raw of folded.normalize('NFC').split(/[^\p{L}\p{N}&']+/u)) {
    if (raw.length === 0) continue;
    const lower = raw.toLowerCase().replace(/'s$/, '').replace(/'/g, '');
    if (lower.length < 2 || /^\d/.test(lower) || STOPWORDS.has(lower) || MONTHS[lower] !== undefined) continue;
    out.push(fold(lower));
  }
  return out;
}

export function extractDates(text: string): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const name = m[1]!.toLowerCase();
    // "may" is also a verb: only a date when a day or a year follows.
    if (name === 'may' && m[2] === undefined && m[3] === undefined) continue;
    const day = m[2] !== undefined ? Number(m[2]) : null;
    out.push({ month: MONTHS[name]!, day: day !== null && day >= 1 && day <= 31 ? day : null, year: m[3] !== undefined ? Number(m[3]) : null });
  }
  return out;
}

/** The numbers a text is about: dates, years and times of day are not among them. */
export function extractNumbers(text: string): number[] {
  const cleaned = text.replace(DATE_RE, ' ').replace(TIME_RE, ' ');
  const out: number[] = [];
  for (const m of cleaned.matchAll(NUMBER_RE)) {
    const digits = m[0].replace(/[$,+]/g, '');
    if (YEAR_RE.test(digits)) continue;
    const value = Number(digits);
    if (Number.isFinite(value) && !out.includes(value)) out.push(value);
  }
  return out;
}

export function extractNames(text: string): Set<string> {
  const names = new Set<string>();
  const words = text.normalize('NFC').split(/[^\p{L}&'’]+/u);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.length < 2 || !/^\p{Lu}/u.test(w)) continue;
    const lower = w.toLowerCase().replace(/['’]s$/, '');
    if (NOT_NAMES.has(lower) || STOPWORDS.has(lower) || MONTHS[lower] !== undefined) continue;
    names.add(fold(lower));
  }
  return names;
}

/** Whether a folded word is anywhere in the market's text, rules included ("is this name mentioned at all"). */
export function mentions(text: MarketText, word: string): boolean {
  return text.words.has(word) || text.ruleWords.includes(`\n${word}\n`);
}

export function marketText(parts: { title: string; eventTitle: string; rules: string; extra?: string }): MarketText {
  const head = foldRateSteps(`${parts.title} ${parts.extra ?? ''}`);
  const words = new Set([...contentWords(head), ...contentWords(parts.eventTitle)]);
  const ruleWords = new Set<string>();
  for (const w of contentWords(parts.rules)) if (!words.has(w)) ruleWords.add(w);
  return {
    words,
    // join makes a flat string (a concatenation would keep every piece).
    ruleWords: ['', ...ruleWords, ''].join('\n'),
    numbers: extractNumbers(head),
    dates: [...extractDates(head), ...extractDates(parts.eventTitle)],
    names: extractNames(`${head} ${parts.eventTitle}`),
  };
}
