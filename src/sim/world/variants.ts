// Look-alike pairs whose rules differ: the same question on both venues, worded as each venue words
// it, that can still resolve differently — the traps a cross-venue arbitrageur loses money on.
// Every world lists one of each (catalog.ts appends them after its groups, so the rest of a seed's
// world is unchanged), and the truth records which spec fields differ (Relations.differentRules).
//   - source:     Kalshi on CF Benchmarks' BRTI, Polymarket on a Binance BTC/USDT 1-minute high
//   - comparator: "above 4.3%" against "4.3% or higher" — apart exactly when the print is 4.3%
//   - time:       one index at 12:00 PM ET against 12:00 PM UTC — four or five hours apart
// Wording after the venues' own (test/unit/engine/specs/corpus.ts: Kalshi KXBTCMAX / KXU3 /
// KXETHD rules_primary, Polymarket crypto and economics descriptions).
import type { Rng } from '../core/rng';
import { dayOf, longDate, money, MONTHS, shortDate, WORLD_YEAR } from './names';
import { binaryDraft, bitcoinReach, type GroupDraft } from './topics';

export type RulesVariant = (rng: Rng) => GroupDraft;

const differentSource: RulesVariant = (rng) => ({
  ...bitcoinReach(rng, { month: rng.intBetween(8, 10), threshold: 9 }),
  differs: ['source'],
});

const atOrAboveVersusAbove: RulesVariant = (rng) => {
  const m = rng.intBetween(0, 9);
  const month = MONTHS[m]!;
  // The BLS Employment Situation comes out on the first Friday or so of the next month, 8:30 AM ET.
  const close = dayOf(m + 1, 7, 12);
  const rate = rng.pick(['4.1', '4.3', '4.5']);
  const draft = binaryDraft(
    'Economics',
    close,
    'KXU3',
    'Unemployment rate',
    `Unemployment above ${rate}% in ${month} ${WORLD_YEAR}?`,
    `If the U-3 unemployment rate for ${month} ${WORLD_YEAR}, as first reported by the Bureau of Labor Statistics, is above ${rate}%, then the market resolves to Yes.`,
    `Will unemployment be ${rate}% or higher in ${month} ${WORLD_YEAR}?`,
    `the U.S. unemployment rate (U-3) for ${month} ${WORLD_YEAR}, as first reported by the Bureau of Labor Statistics, is ${rate}% or higher`,
    'the US Bureau of Labor Statistics',
    `Unemployment rate above ${rate}% in ${month} ${WORLD_YEAR}`,
    'US Bureau of Labor Statistics',
  );
  return { ...draft, differs: ['comparator'] };
};

const otherTimeZone: RulesVariant = (rng) => {
  const m = rng.intBetween(4, 8);
  const d = rng.intBetween(1, 28);
  // Noon ET in summer is 16:00 UTC: the Kalshi market closes then, Polymarket's is read at 12:00 UTC.
  const close = dayOf(m, d, 16);
  const level = rng.pick([4000, 4500, 5000]);
  const day = longDate(close);
  const draft = binaryDraft(
    'Crypto',
    close,
    'KXETHD',
    'Ethereum price above/below',
    `Ethereum above ${money(level)} on ${shortDate(close)} at noon EDT?`,
    `If the CF Benchmarks Ether-Dollar Real-Time Index (ETHUSD_RTI) value at 12:00 PM EDT on ${day} is above ${money(level)}.00, then the market resolves to Yes.`,
    `Ethereum above ${money(level)} at noon on ${MONTHS[m]} ${d}?`,
    `the CF Benchmarks Ether-Dollar Real-Time Index (ETHUSD_RTI) value at 12:00 PM UTC on ${day} is above ${money(level)}.00`,
    'CF Benchmarks, ETHUSD_RTI',
    `Ethereum above ${money(level)} at noon on ${day}`,
    'CF Benchmarks Ether-Dollar Real-Time Index',
  );
  return { ...draft, differs: ['time', 'timezone'] };
};

/** One of each, appended to every world built by size (not the venue-scale worlds). */
export const RULES_VARIANTS: readonly RulesVariant[] = [differentSource, atOrAboveVersusAbove, otherTimeZone];

/** Appended to a rules text by World.amendRules when no new text is given: a rule edit after listing. */
export function amendmentNotice(atMs: number): string {
  return `\n\nAmendment of ${longDate(atMs)}: if the settlement source is unavailable at the observation time, the market resolves on the first value published after it.`;
}
