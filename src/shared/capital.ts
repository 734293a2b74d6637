// Capital and time: what a basket locks until its legs resolve, and what it returns per year of
// that, computed in the engine for every opportunity and analysis (the UI words them in
// src/renderer/src/trade/capitalLabels.ts). Returns are fractions ("0.0523" is 5.23 %), exact decimals.
// Exact rational arithmetic on the decimal strings (BigInt), so the shared module stays light enough
// for `arbdesk scan` to load: no binary float, no decimal.js.

export const DAY_MS = 86_400_000;
/**
 * The shortest holding period a return is annualised over. Settlement and withdrawal take about a
 * day on either venue, so a basket resolving in an hour does not free its capital sooner than that
 * (and annualising over minutes would show absurd figures).
 */
export const MIN_HOLD_DAYS = 1;
const PLACES = 6;

export interface CapitalReturn {
  /** Net profit ÷ capital locked; null without capital. */
  returnOnCapital: string | null;
  /** returnOnCapital × 365 ÷ days until resolution (at least MIN_HOLD_DAYS); null when the resolution time is unknown. */
  annualisedReturn: string | null;
}

/** `net` and `capital` are decimal strings ("0.10", "-1.5"); times are wall milliseconds. */
export function capitalReturn(net: string, capital: string, resolveBy: number | null, now: number): CapitalReturn {
  const n = rational(net, 'net');
  const c = rational(capital, 'capital');
  if (c.num <= 0n) return { returnOnCapital: null, annualisedReturn: null };
  // roc = (n.num / n.den) / (c.num / c.den)
  const rocNum = n.num * c.den;
  const rocDen = n.den * c.num;
  if (resolveBy === null) return { returnOnCapital: rounded(rocNum, rocDen), annualisedReturn: null };
  const heldMs = BigInt(Math.max(MIN_HOLD_DAYS * DAY_MS, Math.round(resolveBy - now)));
  return { returnOnCapital: rounded(rocNum, rocDen), annualisedReturn: rounded(rocNum * 365n * BigInt(DAY_MS), rocDen * heldMs) };
}

function rational(text: string, field: string): { num: bigint; den: bigint } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`${field}: expected a decimal string, got ${JSON.stringify(text)}`);
  const frac = m[3] ?? '';
  const num = BigInt(m[2]! + frac);
  return { num: m[1] === '-' ? -num : num, den: 10n ** BigInt(frac.length) };
}

/** num ÷ den (den > 0) rounded half to even at PLACES decimals, in plain notation without trailing zeros. */
function rounded(num: bigint, den: bigint): string {
  const negative = num < 0n;
  const scaled = (negative ? -num : num) * 10n ** BigInt(PLACES);
  let q = scaled / den;
  const twice = (scaled % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  if (q === 0n) return '0';
  const digits = q.toString().padStart(PLACES + 1, '0');
  const whole = digits.slice(0, -PLACES);
  const frac = digits.slice(-PLACES).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
