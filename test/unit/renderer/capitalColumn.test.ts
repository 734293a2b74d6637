// The table's Per year column and a suspended link in the UI: sorting with unknown resolution
// times last, the figures in words, and Execute blocked with the engine's reason.
import { describe, expect, it } from 'vitest';
import type { Opportunity } from '../../../src/shared/contract';
import { capitalSummary, DAY_MS, fractionOfPercent, percentLabel } from '../../../src/shared/capital';
import { comparator, NO_FILTER, passes } from '../../../src/renderer/src/trade/opportunityRows';
import { executeBlockedReason } from '../../../src/renderer/src/trade/executeGate';

const opp = (id: string, annualisedReturn: string | null, extra: Partial<Opportunity> = {}) =>
  ({ id, strategy: 'cross_venue', legs: [], stale: false, annualisedReturn, ...extra }) as unknown as Opportunity;

describe('the Per year column', () => {
  it('sorts by annualised return, an unknown one below every known one in either direction', () => {
    const rows = [opp('a', '0.05'), opp('b', null), opp('c', '2.5'), opp('d', '0.3')];
    expect([...rows].sort(comparator({ key: 'annualised', direction: 'descending' })).map((o) => o.id)).toEqual(['c', 'd', 'a', 'b']);
    expect([...rows].sort(comparator({ key: 'annualised', direction: 'ascending' })).map((o) => o.id)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('filters by a least return per year typed in per cent; an unknown one never passes', () => {
    const f = { ...NO_FILTER, minAnnualised: fractionOfPercent('10') };
    expect(f.minAnnualised).toBe('0.1');
    expect(passes(opp('a', '0.1'), f)).toBe(true);
    expect(passes(opp('b', '0.0999'), f)).toBe(false);
    expect(passes(opp('c', null), f)).toBe(false);
    expect(passes(opp('c', null), NO_FILTER)).toBe(true);
  });

  it('shows a fraction as a percentage and says what it rests on', () => {
    expect(percentLabel('0.167959')).toBe('16.8 %');
    expect(percentLabel('12.5')).toBe('1,250 %');
    expect(percentLabel('-0.049')).toBe('-4.9 %');
    const now = Date.UTC(2031, 0, 1);
    expect(capitalSummary({ returnOnCapital: '0.033592', resolveBy: now + 73 * DAY_MS, capital: [{ venue: 'kalshi', amount: '18.70' }, { venue: 'polymarket', amount: '20.00' }] }, now))
      .toBe('3.4 % on capital · resolves in 73 d · locks $18.70 on Kalshi · locks $20.00 on Polymarket');
    expect(capitalSummary({ returnOnCapital: null, resolveBy: null, capital: [] }, now)).toBe('Return on capital unknown · resolution time unknown');
  });
});

describe('a suspended link in the UI', () => {
  it('blocks Execute with the engine’s reason', () => {
    const o = opp('s', '0.1', { suspended: 'the link it relies on is suspended (Polymarket rules text changed); confirm it again in Links to trade it' });
    expect(executeBlockedReason({ breaker: null, opportunity: o, closed: false, running: false, connected: true })).toBe(`Suspended: ${o.suspended}`);
    expect(executeBlockedReason({ breaker: null, opportunity: opp('t', '0.1'), closed: false, running: false, connected: true })).toBeNull();
  });
});
