// The table's Per year column and a suspended link in the UI: sorting with unknown resolution
// times last, the figures in words, and Execute blocked with the engine's reason.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../../src/shared/contract';
import { DAY_MS } from '../../../src/shared/capital';
import { capitalSummary, fractionOfPercent, percentLabel, percentOfFraction, timeLeft } from '../../../src/renderer/src/trade/capitalLabels';
import { comparator, NO_FILTER, passes } from '../../../src/renderer/src/trade/opportunityRows';
import { executeBlockedReason } from '../../../src/renderer/src/trade/executeGate';
import { setVenueManifests } from '../../../src/renderer/src/names/venues';
import { venueManifestViews } from '../../../src/engine/live/venueStatus';
import { venueRegistry } from '../../../src/engine/venues/registry';

// The venues' names reach the UI from the engine's state.
beforeAll(() => setVenueManifests(venueManifestViews(venueRegistry)));

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

  it('moves per cent to a fraction and back exactly, digit for digit', () => {
    expect(['10', '0.5', '12.345', '-4.9', '0', '1000'].map(fractionOfPercent)).toEqual(['0.1', '0.005', '0.12345', '-0.049', '0', '10']);
    expect(['0.1', '0.000062', '3.65', '-0.049'].map(percentOfFraction)).toEqual(['10', '0.0062', '365', '-4.9']);
    expect(() => fractionOfPercent('ten')).toThrow(/not a decimal/);
  });

  it('says how long is left in hours, days or years', () => {
    const now = Date.UTC(2031, 0, 1);
    expect(timeLeft(now + 5 * 3_600_000, now)).toBe('5 h');
    expect(timeLeft(now + 41 * DAY_MS, now)).toBe('41 d');
    expect(timeLeft(now + 5 * 365 * DAY_MS, now)).toBe('5.0 y');
    expect(timeLeft(now - 1, now)).toBe('due');
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
