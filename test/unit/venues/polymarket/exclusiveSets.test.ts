// The exclusive-set rule of neg-risk events, case by case (discovery.ts states it), and the
// trader's category/series filter.
import { describe, expect, it } from 'vitest';
import { exclusiveSetsOf, isUnnamedOutcome, matchesFilter, statusOf } from '../../../../src/engine/venues/polymarket/discovery';
import type { ParsedEvent, ParsedMarket } from '../../../../src/engine/venues/polymarket/gammaParse';
import type { Price, Qty } from '../../../../src/shared/units';

let n = 0;
function m(label: string, over: Partial<ParsedMarket> = {}): ParsedMarket {
  n++;
  return {
    gammaId: String(n),
    conditionId: `0x${n.toString(16).padStart(64, '0')}`,
    question: `Will ${label} win?`,
    description: '',
    groupItemTitle: label,
    tokens: { yes: `${n}1`, no: `${n}2` },
    outcomePrices: null,
    endTime: null,
    active: true,
    closed: false,
    archived: false,
    acceptingOrders: true,
    enableOrderBook: true,
    negRisk: true,
    negRiskMarketId: '0xnr',
    negRiskOther: false,
    tick: 100 as Price,
    minOrderSize: 500 as Qty,
    fee: { rate: '0.04', exponent: 1, takerOnly: true },
    exchange: 'v2',
    resolved: null,
    ...over,
  };
}

function event(markets: ParsedMarket[], over: Partial<ParsedEvent> = {}): ParsedEvent {
  return { id: 'e1', slug: 'who-wins', title: 'Who wins?', description: '', category: 'Politics', keywords: ['politics', 'elections'], seriesSlugs: ['mayor'], negRisk: true, negRiskAugmented: false, markets, rejected: [], ...over };
}

const ref = (x: ParsedMarket) => `polymarket:${x.conditionId}`;

describe('exclusive sets of neg-risk events', () => {
  it('a plain neg-risk event: every outcome, exhaustive (an explicit "Other" included)', () => {
    const [a, b, other] = [m('Ann'), m('Bob'), m('Other', { negRiskOther: true })];
    expect(exclusiveSetsOf(event([a, b, other]))).toEqual([{ id: 'polymarket:e1', members: [ref(a), ref(b), ref(other)], exhaustive: true }]);
  });

  it('an augmented event: named outcomes only — never its "Other" or placeholders — and not exhaustive', () => {
    const [a, b] = [m('Ann'), m('Bob')];
    const unnamed = [m('Other'), m('Person C'), m('Someone', { negRiskOther: true }), m('Team AB'), m('Cara', { question: 'Will another candidate win?' })];
    expect(unnamed.every(isUnnamedOutcome)).toBe(true);
    expect(isUnnamedOutcome(a)).toBe(false);
    expect(exclusiveSetsOf(event([a, ...unnamed, b], { negRiskAugmented: true }))).toEqual([{ id: 'polymarket:e1', members: [ref(a), ref(b)], exhaustive: false }]);
  });

  it('drops members resolved NO and stays exhaustive; a YES resolution ends the set', () => {
    const [a, b, c] = [m('Ann'), m('Bob', { closed: true, resolved: 'no' }), m('Cal')];
    expect(exclusiveSetsOf(event([a, b, c]))).toEqual([{ id: 'polymarket:e1', members: [ref(a), ref(c)], exhaustive: true }]);
    expect(exclusiveSetsOf(event([a, m('Dee', { closed: true, resolved: 'yes' }), c]))).toEqual([]);
  });

  it('is not exhaustive when a member is closed without a result, failed validation or is outside the group', () => {
    const [a, b, c] = [m('Ann'), m('Bob'), m('Cal')];
    expect(exclusiveSetsOf(event([a, b, m('Dee', { closed: true })]))[0]).toMatchObject({ members: [ref(a), ref(b)], exhaustive: false });
    expect(exclusiveSetsOf(event([a, b, c], { rejected: [{ id: 'x', reason: 'bad' }] }))[0]!.exhaustive).toBe(false);
    expect(exclusiveSetsOf(event([a, b, m('Eve', { negRisk: false })]))[0]).toMatchObject({ members: [ref(a), ref(b)], exhaustive: false });
  });

  it('keeps paused members (they cannot be bought now, but they are outcomes)', () => {
    const [a, b] = [m('Ann'), m('Bob', { acceptingOrders: false })];
    expect(statusOf(b)).toBe('paused');
    expect(exclusiveSetsOf(event([a, b]))[0]).toMatchObject({ members: [ref(a), ref(b)], exhaustive: true });
  });

  it('makes no set of a non-neg-risk event or of fewer than two members', () => {
    expect(exclusiveSetsOf(event([m('Ann'), m('Bob')], { negRisk: false }))).toEqual([]);
    expect(exclusiveSetsOf(event([m('Ann'), m('Other')], { negRiskAugmented: true }))).toEqual([]);
  });

  it('splits groups with different neg-risk market ids, none of them exhaustive', () => {
    const [a, b, c, d] = [m('Ann'), m('Bob'), m('Cal', { negRiskMarketId: '0xother' }), m('Dee', { negRiskMarketId: '0xother' })];
    const sets = exclusiveSetsOf(event([a, b, c, d]));
    expect(sets.map((s) => [s.members.length, s.exhaustive])).toEqual([
      [2, false],
      [2, false],
    ]);
    expect(new Set(sets.map((s) => s.id)).size).toBe(2);
  });
});

describe('market status and the trader’s filter', () => {
  it('streams only markets with a book that accept orders', () => {
    expect(statusOf(m('a'))).toBe('open');
    expect(statusOf(m('a', { enableOrderBook: false }))).toBe('closed');
    expect(statusOf(m('a', { closed: true, resolved: 'yes' }))).toBe('settled');
    expect(statusOf(m('a', { archived: true }))).toBe('closed');
  });

  it('matches categories and tags case-insensitively, and series by event or series slug', () => {
    const e = event([]);
    expect(matchesFilter(e, undefined)).toBe(true);
    expect(matchesFilter(e, { categories: ['POLITICS'] })).toBe(true);
    expect(matchesFilter(e, { categories: ['elections', 'sports'] })).toBe(true);
    expect(matchesFilter(e, { categories: ['sports'] })).toBe(false);
    expect(matchesFilter(e, { series: ['who-wins'] })).toBe(true);
    expect(matchesFilter(e, { series: ['MAYOR'] })).toBe(true);
    expect(matchesFilter(e, { categories: ['politics'], series: ['other'] })).toBe(false);
  });
});
