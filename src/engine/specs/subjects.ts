// What a market is about, table-driven: each row a pattern over the market's own words and the
// subject it names. A level subject (a price, a temperature, an inflation print) is compared
// against a threshold; an event subject (a nomination, an election, a shutdown) happens or not.
// No row matches: the subject is unknown. Order matters: the first row that matches wins.

export interface SubjectMatch {
  subject: string;
  kind: 'level' | 'event';
  /** How the level is read when the rules name no measure of their own. */
  measure?: string;
  /** The subject names its own period (a CPI month, an FOMC meeting): no observation time applies. */
  periodInSubject?: boolean;
  evidence: string;
}

interface SubjectRow {
  id: string;
  match(text: string, outcome: string): SubjectMatch | null;
}

const ASSETS: readonly [RegExp, string][] = [
  [/\b(?:bitcoin|btc)\b/i, 'Bitcoin'],
  [/\b(?:ethereum|ether|eth)\b/i, 'Ethereum'],
  [/\b(?:solana)\b/i, 'Solana'],
  [/\bxrp\b/i, 'XRP'],
  [/\b(?:dogecoin|doge)\b/i, 'Dogecoin'],
];

/** Places a weather or rain market names, as the venues spell them; unknown places keep their own name. */
const PLACES: ReadonlyMap<string, string> = new Map([
  ['new york city', 'New York City'],
  ['nyc', 'New York City'],
  ['new york', 'New York City'],
  ['central park', 'New York City'],
  ['central park, new york', 'New York City'],
  ['laguardia', 'New York City'],
  ['laguardia airport', 'New York City'],
  ['laguardia airport station', 'New York City'],
  ['chicago', 'Chicago'],
  ['chicago midway', 'Chicago'],
  ['miami', 'Miami'],
  ['austin', 'Austin'],
  ['denver', 'Denver'],
  ['los angeles', 'Los Angeles'],
  ['philadelphia', 'Philadelphia'],
]);

function place(raw: string): string {
  const cleaned = raw.replace(/^the\s+/i, '').replace(/\s+(?:airport station|airport|station)$/i, '').trim();
  return PLACES.get(cleaned.toLowerCase()) ?? PLACES.get(raw.trim().toLowerCase()) ?? cleaned;
}

const MONTH_YEAR = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{4})\b/i;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthYear(text: string): string | null {
  const m = MONTH_YEAR.exec(text);
  if (!m) return null;
  const i = MONTH_NAMES.findIndex((n) => m[1]!.toLowerCase().startsWith(n.toLowerCase()));
  return i < 0 ? null : `${MONTH_NAMES[i]} ${m[2]}`;
}

function titleCase(s: string): string {
  return s.replace(/\b([a-z])/g, (c) => c.toUpperCase());
}

function withOutcome(base: string, outcome: string): string | null {
  const o = outcome.trim().replace(/^the\s+/i, '');
  return o === '' || /^(yes|no)$/i.test(o) ? null : `${base} — ${o}`;
}

const TEMPERATURE = /\b(highest|maximum|max|high|lowest|minimum|min|low)\s+temp(?:erature)?(?:\s+recorded)?\s+(?:in|at)\s+(.+?)(?=\s*\(|,|\s+for\b|\s+on\b|\s+is\b|\s+in degrees|\s+be\b|\s+airport station|\?|\.|$)/i;

const ROWS: readonly SubjectRow[] = [
  {
    id: 'temperature',
    match(text) {
      const m = TEMPERATURE.exec(text);
      if (!m) return null;
      const high = /^(highest|maximum|max|high)$/i.test(m[1]!);
      return { subject: `${high ? 'Highest' : 'Lowest'} temperature · ${place(m[2]!)}`, kind: 'level', measure: high ? 'daily maximum' : 'daily minimum', evidence: m[0] };
    },
  },
  {
    id: 'precipitation',
    match(text) {
      const m = /\b(?:total\s+(?:monthly\s+)?precipitation|inches of rain|rainfall)\b.*?\b(?:at|in)\s+(?:the\s+)?([A-Z][\w' -]*?)\s+(?:airport station|station)\b/i.exec(text);
      if (!m) return null;
      const period = monthYear(text);
      return period ? { subject: `Precipitation · ${place(m[1]!)} · ${period}`, kind: 'level', measure: 'monthly total', periodInSubject: true, evidence: m[0] } : null;
    },
  },
  {
    id: 'cpi',
    match(text) {
      const m = /\b(?:cpi(?:-u)?|consumer price index|inflation)\b/i.exec(text);
      if (!m) return null;
      const yoy = /year[- ]over[- ]year|\bannual\b|12-month/i.exec(text);
      const mom = /month[- ]over[- ]month|\bmonthly\b/i.exec(text);
      if (!yoy === !mom) return null;
      const period = monthYear(text);
      if (period === null) return null;
      return { subject: `US CPI inflation, ${yoy ? 'year over year' : 'month over month'} · ${period}`, kind: 'level', measure: 'published figure', periodInSubject: true, evidence: `${m[0]} … ${(yoy ?? mom)![0]} … ${period}` };
    },
  },
  {
    // Kalshi KXU3 "the U-3 unemployment rate for <month>"; Polymarket "the U.S. unemployment rate … for <month>".
    id: 'unemployment',
    match(text) {
      const m = /\b(?:U-?3\s+)?unemployment rate\b/i.exec(text);
      if (!m) return null;
      const period = monthYear(text);
      if (period === null) return null;
      return { subject: `US unemployment rate (U-3) · ${period}`, kind: 'level', measure: 'published figure', periodInSubject: true, evidence: `${m[0]} … ${period}` };
    },
  },
  {
    id: 'fed-decision',
    match(text) {
      const m = /\b(?:federal funds|fed funds|fomc|federal reserve|the fed)\b/i.exec(text);
      if (!m || !/\b(?:bps|basis points|cut|hike|decrease|increase|raise|lower|unchanged|no change)\b/i.test(text)) return null;
      const meeting = /(?:its|the|federal reserve's|fed's)\s+([a-z]+\.?\s+\d{4})\s+(?:fomc\s+)?meeting/i.exec(text);
      const period = meeting ? monthYear(meeting[1]!) : null;
      if (period === null) return null;
      return { subject: `Fed funds target range change · ${period} FOMC meeting`, kind: 'level', measure: 'change of the upper bound', periodInSubject: true, evidence: `${m[0]} … ${meeting![0]}` };
    },
  },
  {
    id: 's&p-500',
    match(text) {
      const m = /\bS&P\s?500\b|\bSPX\b/i.exec(text);
      if (!m) return null;
      const close = /\bclos(?:es|ing value|ing price|e)\b/i.test(text);
      return { subject: 'S&P 500 index', kind: 'level', ...(close ? { measure: 'official close' } : {}), evidence: m[0] };
    },
  },
  {
    id: 'crypto',
    match(text) {
      for (const [pattern, asset] of ASSETS) {
        const m = pattern.exec(text);
        if (m) return { subject: `${asset} price`, kind: 'level', evidence: m[0] };
      }
      return null;
    },
  },
  {
    id: 'nomination',
    match(text, outcome) {
      const m =
        /\b(\d{4})\s+(democratic|republican)\s+(?:party\s+)?(?:presidential\s+)?nomination\b/i.exec(text) ??
        /\bnomination for the presidency for the (democratic|republican) party in (\d{4})/i.exec(text);
      if (!m) return null;
      const [year, party] = /^\d/.test(m[1]!) ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
      const subject = withOutcome(`${year} ${titleCase(party.toLowerCase())} presidential nomination`, outcome);
      return subject ? { subject, kind: 'event', evidence: m[0] } : null;
    },
  },
  {
    id: 'election',
    match(text, outcome) {
      const m = /\b(?:winner of|wins?|win)\s+the\s+(\d{4})\s+([A-Z][\w.' -]*?\s+(?:mayoral|presidential|gubernatorial|senate)\s+(?:election|race))\b/i.exec(text);
      if (!m) return null;
      const subject = withOutcome(`${m[1]} ${m[2]}`, outcome);
      return subject ? { subject, kind: 'event', evidence: m[0] } : null;
    },
  },
  {
    id: 'championship',
    match(text, outcome) {
      const m = /\bwins?\s+the\s+(\d{4})\s+([A-Z][\w.' -]*?)\s+(?:championship|title)\b/i.exec(text);
      if (!m) return null;
      const subject = withOutcome(`${m[1]} ${m[2]} championship`, outcome);
      return subject ? { subject, kind: 'event', evidence: m[0] } : null;
    },
  },
  {
    id: 'best-picture',
    match(text, outcome) {
      const m = /\bbest picture\b.*?\b(\d{4})\s+([A-Z][\w' -]*?)\s+awards\b/i.exec(text);
      if (!m) return null;
      const subject = withOutcome(`${m[1]} ${m[2]} Best Picture`, outcome);
      return subject ? { subject, kind: 'event', evidence: m[0] } : null;
    },
  },
  {
    id: 'shutdown',
    match(text) {
      const m = /\bgovernment\s+(?:enters\s+a\s+)?shut\s?down\b|\blapse in (?:us )?(?:federal )?appropriations\b/i.exec(text);
      return m ? { subject: 'US federal government shutdown', kind: 'event', evidence: m[0] } : null;
    },
  },
];

/** The subject of a market from its words: the rules first (they are the contract), then the title. */
export function subjectOf(texts: readonly string[], outcome: string): SubjectMatch | null {
  for (const row of ROWS) {
    for (const text of texts) {
      const m = row.match(text, outcome);
      if (m) return m;
    }
  }
  return null;
}

/** Subjects compared without case, spacing or punctuation ("J.D. Vance" is "JD Vance"). */
export function subjectKey(subject: string): string {
  return subject.toLowerCase().replace(/[^a-z0-9°]+/g, '');
}
