// The phrase tables: how the rules say what is measured, how it is compared with the threshold,
// and what happens when the outcome cannot be read. Longer phrases come first, so "equal to or
// greater than" is never read as "greater than".
import type { Comparator } from '../../shared/contract/spec';

export const MEASURES: readonly [RegExp, string][] = [
  [/\b(?:simple\s+)?average of the (?:sixty|60) seconds\b|\b60[- ]second average\b|\b(?:sixty|60) RTI prices are collected\b/i, '60-second average'],
  [/\btrimmed mean\b/i, 'trimmed mean'],
  [/\btwap\b|\btime[- ]weighted average\b/i, 'time-weighted average'],
  [/"High" price|\bfinal high price\b/i, '1-minute candle high'],
  [/"Low" price|\bfinal low price\b/i, '1-minute candle low'],
  [/\b1[- ]?hour candle\b|"1H" candle/i, '1-hour candle close'],
  [/\b1[- ]?minute candle\b|"Close" price/i, '1-minute candle close'],
  [/\b(?:at any (?:time|point)|trades at or above)\b/i, 'any value in the window'],
];

/** Phrases before the number: "above 77999.99", "equal to or greater than $150,000". */
export const PREFIX: readonly [string, Comparator][] = [
  ['equal to or greater than', '>='],
  ['greater than or equal to', '>='],
  ['equal to or higher than', '>='],
  ['equal to or more than', '>='],
  ['equal to or less than', '<='],
  ['less than or equal to', '<='],
  ['equal to or lower than', '<='],
  ['at or above', '>='],
  ['at or below', '<='],
  ['no less than', '>='],
  ['no more than', '<='],
  ['at least', '>='],
  ['at most', '<='],
  ['greater than', '>'],
  ['higher than', '>'],
  ['more than', '>'],
  ['exceeds', '>'],
  ['exceed', '>'],
  ['above', '>'],
  ['less than', '<'],
  ['lower than', '<'],
  ['fewer than', '<'],
  ['below', '<'],
  ['reaches', '>='],
  ['reach', '>='],
  ['hits', '>='],
  ['hit', '>='],
  ['exactly', 'exactly'],
];

/** Phrases after the number: "$78,000 or above", "84°F or higher", "50+ bps". */
export const SUFFIX: readonly [string, Comparator][] = [
  ['or above', '>='],
  ['or higher', '>='],
  ['or more', '>='],
  ['or greater', '>='],
  ['or over', '>='],
  ['or below', '<='],
  ['or lower', '<='],
  ['or less', '<='],
  ['or fewer', '<='],
];

/** What happens when the outcome cannot be read, in the rules' own words (tags compared across venues). */
export const VOID_RULES: readonly [RegExp, string][] = [
  [/\bresolve[sd]?\s+(?:to\s+)?50[- ]50\b/i, 'resolves 50-50'],
  [/\bif no data is available\b[^.]*\bresolves? to no\b/i, 'no data: resolves No'],
  [/\blast fair price\b/i, 'may settle at the last fair price'],
  [/\bresolve to the "?no change"? bracket\b/i, 'no statement: resolves "No change"'],
  [/\bdeath does not\b/i, 'death does not count'],
  [/\brevisions?\b[^.]{0,120}\b(?:will not|won't|are not|is not)\s+(?:be\s+)?considered\b/i, 'later revisions ignored'],
];
