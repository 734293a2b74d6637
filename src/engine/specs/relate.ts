// Two contract specs compared field by field, and the relation they support:
// identical (YES on A is YES on B), complementary (YES on A is NO on B), A implies B (or B implies
// A), different, or unknown while a field that matters cannot be read on one side.
// `conflicts` says which known fields contradict a relation the trader asserts (an override).
import Decimal from 'decimal.js';
import { NOT_APPLICABLE, SPEC_FIELDS, UNKNOWN, type Comparator, type ContractSpec, type Relation, type SpecComparison, type SpecField, type Threshold } from '../../shared/contract/spec';
import { subjectKey } from './subjects';

type Verdict = 'equal' | 'differ' | 'unknown';

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function isInstant(t: string): boolean {
  return t.includes('T');
}

function compareTime(a: string, b: string): Verdict {
  if (isInstant(a) && isInstant(b)) return Date.parse(a) === Date.parse(b) ? 'equal' : 'differ';
  if (!isInstant(a) && !isInstant(b)) return a === b ? 'equal' : 'differ';
  // A bare date against an instant: the same day might be the same moment; days apart never are.
  const day = (t: string) => Date.parse(isInstant(t) ? t.slice(0, 10) : t);
  return Math.abs(day(a) - day(b)) > 86_400_000 ? 'differ' : 'unknown';
}

function sameThreshold(a: Threshold, b: Threshold): boolean {
  return a.unit === b.unit && a.values.length === b.values.length && a.values.every((v, i) => new Decimal(v).eq(b.values[i]!));
}

export function compareField(field: SpecField, a: ContractSpec, b: ContractSpec): Verdict {
  const x = a[field];
  const y = b[field];
  if (x === UNKNOWN || y === UNKNOWN) return 'unknown';
  if (x === NOT_APPLICABLE || y === NOT_APPLICABLE) return x === y ? 'equal' : 'differ';
  switch (field) {
    case 'subject':
      return subjectKey(x as string) === subjectKey(y as string) ? 'equal' : 'differ';
    case 'measure':
    case 'comparator':
    case 'timezone':
      return sameText(x as string, y as string) ? 'equal' : 'differ';
    case 'threshold':
      return sameThreshold(x as Threshold, y as Threshold) ? 'equal' : 'differ';
    case 'time':
      return compareTime(x as string, y as string);
    case 'window': {
      const wa = a.window as Exclude<ContractSpec['window'], 'unknown'>;
      const wb = b.window as Exclude<ContractSpec['window'], 'unknown'>;
      if (wa.kind !== wb.kind) return 'differ';
      if (wa.kind === 'day' && wb.kind === 'day') return wa.date === wb.date ? 'equal' : 'differ';
      if (wa.kind === 'period' && wb.kind === 'period') {
        if (wa.start === null || wb.start === null) return wa.start === wb.start ? 'equal' : 'unknown';
        return compareTime(wa.start, wb.start);
      }
      return 'equal';
    }
    case 'source': {
      const sa = a.source as Exclude<ContractSpec['source'], 'unknown'>;
      const sb = b.source as Exclude<ContractSpec['source'], 'unknown'>;
      if (sa.id.includes('?') || sb.id.includes('?')) return sa.id.split(':')[0] === sb.id.split(':')[0] ? 'unknown' : 'differ';
      // Two bodies named in words the source table does not know ("the US Office of Management and
      // Budget" vs "announcements from the US Office of Management and Budget"): one body in two
      // phrasings cannot be told from two bodies, so the field is unknown, not different.
      if (sa.kind === 'other' && sb.kind === 'other' && sa.id !== sb.id) return 'unknown';
      return sa.id === sb.id ? 'equal' : 'differ';
    }
    case 'void_rules': {
      const va = new Set(a.void_rules as string[]);
      const vb = new Set(b.void_rules as string[]);
      return va.size === vb.size && [...va].every((v) => vb.has(v)) ? 'equal' : 'differ';
    }
  }
}

/** The values where a market resolves YES, as one interval of the threshold's axis. */
interface Interval {
  lo: Decimal | null;
  loOpen: boolean;
  hi: Decimal | null;
  hiOpen: boolean;
}

function interval(c: Comparator, t: Threshold): Interval {
  const v = t.values.map((x) => new Decimal(x));
  switch (c) {
    case '>':
      return { lo: v[0]!, loOpen: true, hi: null, hiOpen: true };
    case '>=':
      return { lo: v[0]!, loOpen: false, hi: null, hiOpen: true };
    case '<':
      return { lo: null, loOpen: true, hi: v[0]!, hiOpen: true };
    case '<=':
      return { lo: null, loOpen: true, hi: v[0]!, hiOpen: false };
    case 'between':
      return { lo: v[0]!, loOpen: false, hi: v[1] ?? v[0]!, hiOpen: false };
    case 'exactly':
      return { lo: v[0]!, loOpen: false, hi: v[0]!, hiOpen: false };
  }
}

/** Whether every value in `a` is in `b`. */
function within(a: Interval, b: Interval): boolean {
  const loOk = b.lo === null || (a.lo !== null && (a.lo.gt(b.lo) || (a.lo.eq(b.lo) && (!b.loOpen || a.loOpen))));
  const hiOk = b.hi === null || (a.hi !== null && (a.hi.lt(b.hi) || (a.hi.eq(b.hi) && (!b.hiOpen || a.hiOpen))));
  return loOk && hiOk;
}

/** a and b split the axis between them: a half-line and the other half. */
function complements(a: Interval, b: Interval): boolean {
  if (a.lo !== null && a.hi === null && b.lo === null && b.hi !== null) return a.lo.eq(b.hi) && a.loOpen !== b.hiOpen;
  if (b.lo !== null && b.hi === null && a.lo === null && a.hi !== null) return b.lo.eq(a.hi) && b.loOpen !== a.hiOpen;
  return false;
}

type ValueRelation = 'identical' | 'complementary' | 'implies_a_to_b' | 'implies_b_to_a' | 'none' | 'unknown';

function valueRelation(a: ContractSpec, b: ContractSpec): ValueRelation {
  if (a.comparator === NOT_APPLICABLE && b.comparator === NOT_APPLICABLE) return 'identical';
  if (a.comparator === UNKNOWN || b.comparator === UNKNOWN || a.threshold === UNKNOWN || b.threshold === UNKNOWN) return 'unknown';
  if (a.comparator === NOT_APPLICABLE || b.comparator === NOT_APPLICABLE || a.threshold === NOT_APPLICABLE || b.threshold === NOT_APPLICABLE) return 'none';
  if (a.threshold.unit !== b.threshold.unit) return 'none';
  const ia = interval(a.comparator, a.threshold);
  const ib = interval(b.comparator, b.threshold);
  const ab = within(ia, ib);
  const ba = within(ib, ia);
  if (ab && ba) return 'identical';
  if (complements(ia, ib)) return 'complementary';
  if (ab) return 'implies_a_to_b';
  if (ba) return 'implies_b_to_a';
  return 'none';
}

const VALUE_FIELDS: ReadonlySet<SpecField> = new Set(['comparator', 'threshold']);

export function relateSpecs(a: ContractSpec, b: ContractSpec): SpecComparison {
  const differing: SpecField[] = [];
  const unknown: SpecField[] = [];
  for (const f of SPEC_FIELDS) {
    const v = compareField(f, a, b);
    if (v === 'differ') differing.push(f);
    else if (v === 'unknown') unknown.push(f);
  }
  let relation: Relation;
  if (differing.some((f) => !VALUE_FIELDS.has(f))) relation = 'different';
  else {
    const value = valueRelation(a, b);
    if (value === 'none') relation = 'different';
    else if (value === 'unknown' || unknown.length > 0) relation = 'unknown';
    else relation = value;
  }
  return { relation, differing, unknown };
}

/**
 * The known fields that contradict `asserted` (the relation a trader confirms): confirming with
 * any of them needs an override with a reason.
 */
export function conflicts(a: ContractSpec, b: ContractSpec, asserted: Exclude<Relation, 'different' | 'unknown'>): SpecField[] {
  const { differing } = relateSpecs(a, b);
  const out = differing.filter((f) => !VALUE_FIELDS.has(f));
  const value = valueRelation(a, b);
  if (value === 'unknown') return out;
  const fits =
    value === asserted ||
    (value === 'identical' && (asserted === 'implies_a_to_b' || asserted === 'implies_b_to_a'));
  if (!fits) {
    const values = differing.filter((f) => VALUE_FIELDS.has(f));
    out.push(...(values.length > 0 ? values : (['comparator'] as const)));
  }
  return SPEC_FIELDS.filter((f) => out.includes(f));
}
