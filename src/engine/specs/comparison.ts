// Comparator and threshold from the rules' words: "above 77999.99", "between 72-73°",
// "$78,000 or above", "equal to or greater than the price specified in the title", "be 3.5%".
// The first comparison in the text is the market's; numbers that are times or dates never are.
import type { Comparator } from '../../shared/contract/spec';
import { PREFIX, SUFFIX } from './phrases';

export interface Found {
  comparator: Comparator;
  /** null: the rules refer to a number stated in the title. */
  values: string[] | null;
  unit: string | null;
  evidence: string;
  at: number;
}

const NUM = String.raw`(\$\s?)?(-?\d[\d,]*(?:\.\d+)?)(k\b)?(?![\d:]|\s?(?:[ap]\.?m\.?)\b|\s?(?:st|nd|rd|th)\b)`;
const UNIT = String.raw`(\s?%|\s?°\s?[FC]?|\s?(?:degrees\s+)?fahrenheit\b|\s?(?:degrees\s+)?celsius\b|\s?(?:bps|basis points)\b|\s?inch(?:es)?\b)?`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIX_ALT = PREFIX.map(([p]) => p).sort((a, b) => b.length - a.length).map(escape).join('|');
const SUFFIX_ALT = SUFFIX.map(([p]) => p).map(escape).join('|');
const PREFIX_OF = new Map(PREFIX);
const SUFFIX_OF = new Map(SUFFIX);

const PATTERNS: { re: RegExp; read(m: RegExpExecArray): Omit<Found, 'evidence' | 'at'> | null }[] = [
  {
    re: new RegExp(String.raw`\bbetween\s+${NUM}${UNIT}\s*(?:-|–|and|to)\s*${NUM}${UNIT}`, 'gi'),
    read: (m) => ({ comparator: 'between', values: [num(m[2]!, m[3]), num(m[6]!, m[7])], unit: unitOf(m[1], m[4]) ?? unitOf(m[5], m[8]) }),
  },
  {
    re: new RegExp(String.raw`\b(${PREFIX_ALT})\s+${NUM}${UNIT}`, 'gi'),
    read: (m) => ({ comparator: PREFIX_OF.get(m[1]!.toLowerCase())!, values: [num(m[3]!, m[4])], unit: unitOf(m[2], m[5]) }),
  },
  {
    re: new RegExp(String.raw`\b(${PREFIX_ALT})\s+the\s+(?:[a-z"]+\s+){0,2}(?:specified|listed|stated|shown|named)\s+in\s+the\s+title`, 'gi'),
    read: (m) => ({ comparator: PREFIX_OF.get(m[1]!.toLowerCase())!, values: null, unit: null }),
  },
  {
    re: new RegExp(String.raw`${NUM}${UNIT}\s*(?:(${SUFFIX_ALT})\b|\+)`, 'gi'),
    read: (m) => ({ comparator: m[5] ? SUFFIX_OF.get(m[5].toLowerCase())! : '>=', values: [num(m[2]!, m[3])], unit: unitOf(m[1], m[4]) }),
  },
  {
    re: new RegExp(String.raw`(?<![\d/])${NUM}\s*[-–]\s*${NUM}${UNIT}`, 'gi'),
    read: (m) => (m[7] ? { comparator: 'between', values: [num(m[2]!, m[3]), num(m[5]!, m[6])], unit: unitOf(m[1] ?? m[4], m[7]) } : null),
  },
  {
    re: new RegExp(String.raw`\bbe\s+${NUM}${UNIT}`, 'gi'),
    // "be 84°F or higher" is the suffix's; "be 72-73°F" the range's.
    read: (m) => (/^[°FC%a-z]*\s*(?:or\s|\+|[-–]\s*\d)/i.test(m.input.slice(m.index + m[0].length)) ? null : m[4] || m[1] ? { comparator: 'exactly', values: [num(m[2]!, m[3])], unit: unitOf(m[1], m[4]) } : null),
  },
];

function num(text: string, k: string | undefined): string {
  const plain = text.replace(/,/g, '');
  return k && /^\d+$/.test(plain) ? `${plain}000` : plain;
}

function unitOf(dollar: string | undefined, unit: string | undefined): string | null {
  if (dollar) return 'USD';
  const u = (unit ?? '').trim().toLowerCase();
  if (u === '') return null;
  if (u === '%') return '%';
  if (u.includes('celsius') || u.endsWith('c')) return '°C';
  if (u.startsWith('°') || u.includes('fahrenheit')) return '°F';
  if (u.startsWith('bps') || u.startsWith('basis')) return 'bps';
  if (u.startsWith('inch')) return 'in';
  return null;
}

/** The first comparison stated in a text, or null. */
export function findComparison(text: string): Found | null {
  let best: Found | null = null;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const read = p.read(m);
      if (read === null) continue;
      if (best === null || m.index < best.at) best = { ...read, evidence: m[0].trim(), at: m.index };
      break;
    }
  }
  return best;
}

/** The first number with a unit or a dollar sign in a text (a title that states the threshold). */
export function firstAmount(text: string): { value: string; unit: string | null; evidence: string } | null {
  const re = new RegExp(`${NUM}${UNIT}`, 'gi');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const unit = unitOf(m[1], m[4]);
    if (unit !== null) return { value: num(m[2]!, m[3]), unit, evidence: m[0].trim() };
  }
  return null;
}

/** An FOMC decision bracket in basis points: "25 bps decrease", "50+ bps decrease", "No change", "cut rates by 50 bps or more". */
export function fedChange(text: string): Omit<Found, 'at'> | null {
  const t = text.toLowerCase();
  const bps = String.raw`(?:bps|basis points)`;
  let m = new RegExp(String.raw`\bno change\b|\bunchanged\b|\bleave rates unchanged\b`).exec(t);
  if (m) return { comparator: 'exactly', values: ['0'], unit: 'bps', evidence: m[0] };
  m = new RegExp(String.raw`(\d+)\+\s*${bps}\s+(decrease|cut|increase|hike)`).exec(t);
  if (m) return signed(m, Number(m[1]), m[2]!, 'atLeast');
  m = new RegExp(String.raw`(\d+)\s*${bps}\s+(decrease|cut|increase|hike)`).exec(t);
  if (m) return signed(m, Number(m[1]), m[2]!, 'exactly');
  m = new RegExp(String.raw`\b(decrease|cut|lower|reduce|increase|hike|raise)s?\s+(?:interest\s+)?rates?\s+by\s+(more than\s+|at least\s+)?(\d+)(\+)?\s*${bps}(\s+or more)?`).exec(t);
  if (m) return signed(m, Number(m[3]), m[1]!, m[2]?.startsWith('more') ? 'moreThan' : m[2] || m[4] || m[5] ? 'atLeast' : 'exactly');
  m = /\b(raise|hike|increase)s?\s+(?:interest\s+)?rates\b(?!\s+by)/.exec(t);
  if (m) return { comparator: '>', values: ['0'], unit: 'bps', evidence: m[0] };
  return null;
}

function signed(m: RegExpExecArray, n: number, verb: string, how: 'exactly' | 'atLeast' | 'moreThan'): Omit<Found, 'at'> {
  const down = /decrease|cut|lower|reduce/.test(verb);
  const value = String(down ? -n : n);
  const comparator: Comparator = how === 'exactly' ? 'exactly' : how === 'atLeast' ? (down ? '<=' : '>=') : down ? '<' : '>';
  return { comparator, values: [value], unit: 'bps', evidence: m[0] };
}
