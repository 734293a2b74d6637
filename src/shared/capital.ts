// Capital and time: what a basket locks until its legs resolve, and what it returns per year of
// that, computed in the engine for every opportunity and analysis (the UI words them in
// src/renderer/src/trade/capitalLabels.ts). Returns are fractions ("0.0523" is 5.23 %), exact decimals:
// computed as exact ratios of integers (this runs for every opportunity a scan prints, which loads
// no decimal library) and rounded half to even at 6 places.

export const DAY_MS = 86_400_000;
/**
 * The shortest holding period a return is annualised over. Settlement and withdrawal take about a
 * day on either venue, so a basket resolving in an hour does not free its capital sooner than that
 * (and annualising over minutes would show absurd figures).
 */
export const MIN_HOLD_DAYS = 1;

export interface CapitalReturn {
  /** Net profit ÷ capital locked; null without capital. */
  returnOnCapital: string | null;
  /** returnOnCapital × 365 ÷ days until resolution (at least MIN_HOLD_DAYS); null when the resolution time is unknown. */
  annualisedReturn: string | null;
}

/** A decimal text ("-1.30") as an exact ratio n / d (d a power of ten). */
function ratio(value: string | number, field: string): { n: bigint; d: bigint } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(typeof value === 'number' ? String(value) : value.trim());
  if (!m) throw new Error(`${field}: "${value}" is not a decimal`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac);
  return { n: m[1] === '-' ? -n : n, d: 10n ** BigInt(frac.length) };
}

/** n / d rounded half to even at 6 places, as the shortest decimal text ("0.01", "-3.65", "0"). */
function sixPlaces(n: bigint, d: bigint): string {
  const negative = n < 0n !== d < 0n && n !== 0n;
  const a = (n < 0n ? -n : n) * 1_000_000n;
  const b = d < 0n ? -d : d;
  let q = a / b;
  const r2 = (a % b) * 2n;
  if (r2 > b || (r2 === b && q % 2n === 1n)) q++;
  if (q === 0n) return '0';
  const digits = q.toString().padStart(7, '0');
  const text = `${digits.slice(0, -6)}.${digits.slice(-6)}`.replace(/0+$/, '').replace(/\.$/, '');
  return negative ? `-${text}` : text;
}

export function capitalReturn(net: string | number, capital: string | number, resolveBy: number | null, now: number): CapitalReturn {
  const c = ratio(capital, 'capital');
  if (c.n <= 0n) return { returnOnCapital: null, annualisedReturn: null };
  const p = ratio(net, 'net');
  // roc = (p.n / p.d) ÷ (c.n / c.d)
  const rocN = p.n * c.d;
  const rocD = p.d * c.n;
  // Held for at least MIN_HOLD_DAYS: days = max(MIN_HOLD_DAYS, (resolveBy − now) / DAY_MS).
  const heldMs = resolveBy === null ? null : BigInt(Math.max(MIN_HOLD_DAYS * DAY_MS, resolveBy - now));
  return {
    returnOnCapital: sixPlaces(rocN, rocD),
    annualisedReturn: heldMs === null ? null : sixPlaces(rocN * 365n * BigInt(DAY_MS), rocD * heldMs),
  };
}
