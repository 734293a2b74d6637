// The contract spec of one market, read deterministically from the venue's fields and rules text
// (model.ts) with the tables of subjects.ts, sources.ts, phrases.ts and comparison.ts. Every field
// the words do not state is "unknown"; where structured fields and words disagree, the field is
// unknown too, with both in the evidence. Nothing here knows which venue wrote the market.
import { NOT_APPLICABLE, UNKNOWN, type ContractSpec, type Threshold } from '../../shared/contract/spec';
import { iso } from './clock';
import { fedChange, findComparison, firstAmount, type Found } from './comparison';
import type { SpecInput } from './model';
import { MEASURES, VOID_RULES } from './phrases';
import { sourceOf } from './sources';
import { subjectOf } from './subjects';
import { timingOf } from './timing';

/** Curly quotes straightened, non-breaking spaces and runs of whitespace made one space. */
export function normalise(text: string): string {
  return text
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2018\u2019\u201a]/g, "'")
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseSpec(input: SpecInput): ContractSpec {
  const rules = input.rules.map((r) => ({ field: r.field, text: normalise(r.text) })).filter((r) => r.text !== '');
  const title = normalise(input.title);
  const outcome = normalise(input.outcomeLabel);
  const ruleTexts = rules.map((r) => r.text);
  const evidence: Record<string, string> = {};
  const fieldOf = (text: string) => rules.find((r) => r.text === text)?.field ?? (text === title ? 'title' : 'outcome');

  const subject = subjectOf([...ruleTexts, title, normalise(input.eventTitle), outcome], outcome);
  if (subject) evidence.subject = subject.evidence;
  const event = subject?.kind === 'event';

  let measure: ContractSpec['measure'] = event ? NOT_APPLICABLE : UNKNOWN;
  if (!event) {
    const found = firstMatch(MEASURES, ruleTexts);
    if (found) {
      measure = found.value;
      evidence.measure = found.evidence;
    } else if (subject?.measure) {
      measure = subject.measure;
      evidence.measure = `${subject.subject}: ${subject.measure}`;
    }
  }

  const { comparator, threshold } = event ? { comparator: NOT_APPLICABLE, threshold: NOT_APPLICABLE } : comparisonOf(input, ruleTexts, title, outcome, subject?.subject ?? null, evidence);

  let time: ContractSpec['time'] = UNKNOWN;
  let timezone: ContractSpec['timezone'] = UNKNOWN;
  let window: ContractSpec['window'] = UNKNOWN;
  if (subject?.periodInSubject) {
    time = 'n/a';
    timezone = 'n/a';
    window = { kind: 'period', start: null };
    evidence.time = `the period is part of the subject: ${subject.subject}`;
  } else {
    const daily = measure === 'daily maximum' || measure === 'daily minimum';
    const timing = timingOf([...ruleTexts, title], title, input.closeTime, daily);
    if (timing) {
      time = timing.time;
      if (timing.timezone) timezone = timing.timezone;
      window = timing.kind === 'instant' ? { kind: 'instant' } : timing.kind === 'day' ? { kind: 'day', date: timing.start! } : { kind: 'period', start: timing.start };
      evidence.time = timing.evidence;
    }
  }

  const source = sourceOf(ruleTexts, input.sources);
  if (source) evidence.source = `${fieldOfSource(source.evidence, rules, input.sources)}: ${source.evidence}`;

  const voids: string[] = [];
  for (const [re, tag] of VOID_RULES) {
    for (const text of ruleTexts) {
      const m = re.exec(text);
      if (m) {
        voids.push(tag);
        evidence[`void_rules.${tag}`] = `${fieldOf(text)}: ${m[0]}`;
        break;
      }
    }
  }
  if (input.resolveByField) evidence.resolve_by = input.resolveByField;

  return {
    venue: input.venue,
    market: input.market,
    title: input.title,
    subject: subject?.subject ?? UNKNOWN,
    measure,
    comparator,
    threshold,
    time,
    timezone,
    window,
    source: source?.source ?? UNKNOWN,
    void_rules: voids,
    close_time: input.closeTime === null ? UNKNOWN : iso(input.closeTime),
    resolve_by: input.resolveBy === null ? UNKNOWN : iso(input.resolveBy),
    status: input.status,
    dispute: input.dispute ?? UNKNOWN,
    early_close: input.earlyClose,
    evidence,
  };
}

function firstMatch(table: readonly [RegExp, string][], texts: readonly string[]): { value: string; evidence: string } | null {
  for (const [re, value] of table) {
    for (const text of texts) {
      const m = re.exec(text);
      if (m) return { value, evidence: m[0] };
    }
  }
  return null;
}

function fieldOfSource(evidence: string, rules: readonly { field: string; text: string }[], named: SpecInput['sources']): string {
  const clean = evidence.replace(/…$/, '');
  const r = rules.find((x) => x.text.startsWith(clean) || x.text.includes(clean));
  if (r) return r.field;
  return named.length > 0 ? 'named sources' : 'rules';
}

/**
 * Comparator and threshold: the venue's structured strike when it has one, checked against the
 * words; otherwise the words of the rules, then of the title and the outcome label.
 */
function comparisonOf(
  input: SpecInput,
  ruleTexts: readonly string[],
  title: string,
  outcome: string,
  subject: string | null,
  evidence: Record<string, string>,
): { comparator: ContractSpec['comparator']; threshold: ContractSpec['threshold'] } {
  let found: Omit<Found, 'at'> | null = null;
  if (subject?.startsWith('Fed funds')) {
    for (const text of [outcome, title, ...ruleTexts]) {
      found = fedChange(text);
      if (found) break;
    }
  }
  if (!found) {
    for (const text of ruleTexts) {
      found = findComparison(text);
      if (found) break;
    }
  }
  if (found && found.values === null) {
    // "higher than the price specified in the title"
    const amount = firstAmount(title) ?? firstAmount(outcome);
    found = amount ? { ...found, values: [amount.value], unit: amount.unit, evidence: `${found.evidence} (title: ${amount.evidence})` } : null;
  }
  if (!found) {
    for (const text of [title, outcome]) {
      found = findComparison(text);
      if (found?.values === null) found = null;
      if (found) break;
    }
  }
  const unitHint = found?.unit ?? firstAmount(outcome)?.unit ?? firstAmount(title)?.unit ?? null;

  const strike = input.strike;
  if (strike && strike.comparator !== null && strike.values.length > 0) {
    const threshold: Threshold = { values: [...strike.values], unit: unitHint };
    evidence.comparator = `${strike.field}${found ? `; rules: "${found.evidence}"` : ''}`;
    evidence.threshold = evidence.comparator;
    if (found && found.values && found.comparator !== strike.comparator) {
      evidence.comparator = `${strike.field} says ${strike.comparator}, the rules say "${found.evidence}" (${found.comparator})`;
      return { comparator: UNKNOWN, threshold: agreeingValues(found, threshold) ? threshold : UNKNOWN };
    }
    if (found && found.values && !agreeingValues(found, threshold)) {
      evidence.threshold = `${strike.field} says ${strike.values.join('–')}, the rules say "${found.evidence}"`;
      return { comparator: strike.comparator, threshold: UNKNOWN };
    }
    return { comparator: strike.comparator, threshold };
  }
  if (!found || !found.values) return { comparator: UNKNOWN, threshold: UNKNOWN };
  evidence.comparator = found.evidence;
  evidence.threshold = found.evidence;
  return { comparator: found.comparator, threshold: { values: found.values, unit: found.unit ?? unitHint } };
}

function agreeingValues(found: Omit<Found, 'at'>, threshold: Threshold): boolean {
  if (!found.values || found.values.length !== threshold.values.length) return false;
  return found.values.every((v, i) => Number(v) === Number(threshold.values[i]));
}
