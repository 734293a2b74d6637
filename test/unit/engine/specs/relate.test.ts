// The relation two specs support, on one real rules text varied in one field at a time: the same
// contract, its complement, a higher strike implying a lower one, and what an override must name.
import { describe, expect, it } from 'vitest';
import { compareField, conflicts, parseSpec, relateSpecs } from '../../../../src/engine/specs';
import { specInputOf } from '../../../../src/engine/universe/specInput';
import { kalshiMarket, polymarketMarket } from '../../../helpers/fakeVenue';
import { kalshiSpecInput } from '../../../../src/engine/venues/kalshi/contractSpec';
import { CORPUS } from './corpus';

const base = CORPUS.kalshiBtcDaily!.payload.market as Record<string, unknown>;
const SOURCES = [{ name: 'CF Benchmarks', url: null }];

/** The real KXBTCD market with its strike (and the words that state it) changed. */
function strike(type: string, value: number, words: string) {
  const rules = (base.rules_primary as string).replace('is above 115749.99', `is ${words} ${value}`);
  return parseSpec(kalshiSpecInput({ ...base, ticker: `K-${type}-${value}`, strike_type: type, floor_strike: value, cap_strike: value, rules_primary: rules }, { sources: SOURCES }));
}

describe('relateSpecs', () => {
  it('the same contract read twice is identical, with nothing differing or unknown', () => {
    expect(relateSpecs(strike('greater', 100, 'above'), strike('greater', 100, 'above'))).toEqual({ relation: 'identical', differing: [], unknown: [] });
  });

  it('"above 100" and "at or below 100" are complementary: YES on one is NO on the other', () => {
    expect(relateSpecs(strike('greater', 100, 'above'), strike('less_or_equal', 100, 'at or below')).relation).toBe('complementary');
    // "at least 100" vs "below 100" too; "above 100" vs "below 100" leaves exactly 100 to neither: different.
    expect(relateSpecs(strike('greater_or_equal', 100, 'at least'), strike('less', 100, 'below')).relation).toBe('complementary');
    expect(relateSpecs(strike('greater', 100, 'above'), strike('less', 100, 'below')).relation).toBe('different');
  });

  it('a higher strike implies a lower one, in either order', () => {
    const high = strike('greater', 120, 'above');
    const low = strike('greater', 100, 'above');
    expect(relateSpecs(high, low)).toMatchObject({ relation: 'implies_a_to_b', differing: ['threshold'] });
    expect(relateSpecs(low, high).relation).toBe('implies_b_to_a');
  });

  it('≥ vs > on one strike: "at least 100" includes 100 where "above 100" does not — not identical', () => {
    const r = relateSpecs(strike('greater_or_equal', 100, 'at least'), strike('greater', 100, 'above'));
    expect(r.relation).toBe('implies_b_to_a');
    expect(r.differing).toEqual(['comparator']);
  });

  it('structured fields that contradict the words make the field unknown, both in the evidence', () => {
    const s = strike('greater', 100, 'at least');
    expect(s.comparator).toBe('unknown');
    expect(s.evidence.comparator).toMatch(/strike_type greater \(floor_strike 100\) says >, the rules say "at least 100"/);
  });
});

describe('conflicts: what confirming a relation would override', () => {
  it('nothing to override when the specs support the relation', () => {
    expect(conflicts(strike('greater', 100, 'above'), strike('greater', 100, 'above'), 'identical')).toEqual([]);
    expect(conflicts(strike('greater', 120, 'above'), strike('greater', 100, 'above'), 'implies_a_to_b')).toEqual([]);
  });

  it('confirming different thresholds as identical names the threshold; a different source names the source', () => {
    expect(conflicts(strike('greater', 120, 'above'), strike('greater', 100, 'above'), 'identical')).toEqual(['threshold']);
    const kalshi = parseSpec(kalshiSpecInput(CORPUS.kalshiBtcSep18!.payload, { sources: SOURCES }));
    const binance = { ...kalshi, source: { kind: 'exchange' as const, id: 'binance:BTC/USDT', name: 'Binance BTC/USDT' } };
    expect(conflicts(kalshi, binance, 'identical')).toEqual(['source']);
  });

  it('unknown fields are not conflicts: the trader confirms them knowingly, no override needed', () => {
    const a = strike('greater', 100, 'above');
    const b = { ...a, source: 'unknown' as const };
    expect(relateSpecs(a, b)).toEqual({ relation: 'unknown', differing: [], unknown: ['source'] });
    expect(conflicts(a, b, 'identical')).toEqual([]);
  });
});

describe('deadlines stated as bare dates', () => {
  // Kalshi writes "before Jun 1", Polymarket "by May 31": the same last day, not a day apart.
  const deadline = (venue: 'kalshi' | 'polymarket', words: string) =>
    parseSpec(specInputOf(venue === 'kalshi'
      ? kalshiMarket('KXSHUT-31MAY', { title: `Will the US government shut down ${words}?`, closeTime: Date.UTC(2031, 4, 31, 23, 59) })
      : polymarketMarket('0xshut', '1', '2', { title: `US government shutdown ${words}?`, closeTime: Date.UTC(2031, 4, 31, 23, 59) })));

  it('"before Jun 1, 2031" ends on May 31, as "by May 31, 2031" does', () => {
    expect(deadline('kalshi', 'before Jun 1, 2031').time).toBe('2031-05-31');
    expect(compareField('time', deadline('kalshi', 'before Jun 1, 2031'), deadline('polymarket', 'by May 31, 2031'))).toBe('equal');
  });

  it('"by Jun 1" is a day longer than "before Jun 1"', () => {
    expect(compareField('time', deadline('kalshi', 'before Jun 1, 2031'), deadline('polymarket', 'by Jun 1, 2031'))).toBe('differ');
  });
});

describe('sources named in words the table does not know', () => {
  const stated = (name: string) => ({ kind: 'other' as const, id: `stated:${name.toLowerCase()}`, name });
  const base = () => parseSpec(kalshiSpecInput(CORPUS.kalshiBtcSep18!.payload, { sources: SOURCES }));

  it('two phrasings are unknown, never "different": the trader reads them', () => {
    const a = { ...base(), source: stated('US Office of Management and Budget') };
    const b = { ...base(), source: stated('announcements from the US Office of Management and Budget') };
    expect(compareField('source', a, b)).toBe('unknown');
    expect(compareField('source', a, { ...a })).toBe('equal');
  });

  it('a known index against words the table does not know still differs', () => {
    const known = base();
    expect(compareField('source', known, { ...known, source: stated('a poll of traders') })).toBe('differ');
  });
});
