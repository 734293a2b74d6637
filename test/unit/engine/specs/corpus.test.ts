// The spec parser against real rules texts of both venues (corpus.ts cites where each was read),
// and the traps that lose cross-venue traders money: ≥ vs >, time zones and daylight saving,
// different sources or indices, bucket vs cumulative, intraday high vs close.
import { describe, expect, it } from 'vitest';
import { parseSpec, relateSpecs } from '../../../../src/engine/specs';
import { readMarketJson } from '../../../../src/engine/venues/contractSpecs';
import type { ContractSpec } from '../../../../src/shared/contract/spec';
import { CORPUS } from './corpus';

// Each venue's reader loads on demand (VenueContribution.contractSpec): read every payload once.
const INPUTS = new Map(await Promise.all(Object.entries(CORPUS).map(async ([key, c]) => [key, await readMarketJson(c!.payload)] as const)));
const spec = (key: keyof typeof CORPUS): ContractSpec => parseSpec(INPUTS.get(key)!);

describe('the parser reads each field of real Kalshi markets', () => {
  it('a daily Bitcoin strike: CF Benchmarks BRTI, 60-second average, strictly above, 5 PM EDT', () => {
    const s = spec('kalshiBtcDaily');
    expect(s).toMatchObject({
      venue: 'kalshi',
      market: 'KXBTCD-25SEP2117-T115749.99',
      subject: 'Bitcoin price',
      measure: '60-second average',
      comparator: '>',
      threshold: { values: ['115749.99'], unit: 'USD' },
      time: '2025-09-21T21:00:00.000Z',
      timezone: 'America/New_York',
      window: { kind: 'instant' },
      source: { kind: 'index', id: 'cfbenchmarks:BRTI' },
      void_rules: [],
      close_time: '2025-09-21T21:00:00.000Z',
      resolve_by: '2025-09-21T21:05:00.000Z',
      dispute: 'none',
    });
    expect(s.evidence.comparator).toContain('strike_type greater');
  });

  it('the 15-minute series is "at least" (≥) where the dailies are "above" (>)', () => {
    expect(spec('kalshiBtc15m')).toMatchObject({ comparator: '>=', threshold: { values: ['63485.16'] }, time: '2026-08-17T05:30:00.000Z', source: { id: 'cfbenchmarks:BRTI' }, measure: '60-second average' });
    expect(spec('kalshiEthDaily')).toMatchObject({ comparator: '>', threshold: { values: ['2594.99'] }, time: '2026-08-17T06:00:00.000Z', source: { id: 'cfbenchmarks:ETHUSD_RTI' }, subject: 'Ethereum price' });
  });

  it('a custom strike reads its comparator from the words; a time of day without a date stays unknown', () => {
    const s = spec('kalshiDogeCustom');
    expect(s).toMatchObject({ subject: 'Dogecoin price', comparator: '>', threshold: { values: ['0.2449999'], unit: null }, time: 'unknown', source: { id: 'cfbenchmarks:DOGEUSD_RTI' } });
  });

  it('a year-long barrier: a period from listing-time to Dec 31 11:59 PM ET (EST), trimmed mean, no data → No', () => {
    const s = spec('kalshiBtcMaxYear');
    expect(s).toMatchObject({
      comparator: '>',
      threshold: { values: ['199999.99'], unit: 'USD' },
      window: { kind: 'period', start: '2025-10-01T14:00:00.000Z' },
      time: '2027-01-01T04:59:00.000Z',
      measure: 'trimmed mean',
      void_rules: ['no data: resolves No'],
    });
  });

  it('temperature buckets and the station: CLINYC per The Weather Company, or Central Park per the NWS report', () => {
    expect(spec('kalshiNycTwc')).toMatchObject({
      subject: 'Highest temperature · New York City',
      measure: 'daily maximum',
      comparator: 'between',
      threshold: { values: ['72', '73'], unit: '°F' },
      window: { kind: 'day', date: '2026-09-15' },
      time: '2026-09-15',
      timezone: 'unknown',
      source: { id: 'twc:CLINYC' },
    });
    expect(spec('kalshiNycNws')).toMatchObject({ comparator: '>', threshold: { values: ['90'], unit: '°F' }, source: { id: 'nws-cli:NYC' }, window: { kind: 'day', date: '2026-08-12' } });
  });

  it('a CPI print names its month in the subject; no source stated is unknown, never guessed', () => {
    const s = spec('kalshiCpi');
    expect(s).toMatchObject({ subject: 'US CPI inflation, year over year · Sep 2026', comparator: 'exactly', threshold: { values: ['3.5'], unit: '%' }, time: 'n/a', source: 'unknown' });
  });

  it('a nomination is an event: no comparator or threshold applies', () => {
    expect(spec('kalshiVance')).toMatchObject({ subject: '2028 Republican presidential nomination — J.D. Vance', comparator: 'n/a', threshold: 'n/a', measure: 'n/a' });
  });
});

describe('the parser reads each field of real Polymarket markets', () => {
  it('"Bitcoin above ___": Binance BTC/USDT 1-minute close at noon ET on the title\'s date, above the title\'s price', () => {
    expect(spec('polymarketBtcSep18')).toMatchObject({
      venue: 'polymarket',
      subject: 'Bitcoin price',
      measure: '1-minute candle close',
      comparator: '>',
      threshold: { values: ['78000'], unit: 'USD' },
      time: '2026-09-18T16:00:00.000Z',
      timezone: 'America/New_York',
      source: { kind: 'exchange', id: 'binance:BTC/USDT' },
      dispute: 'none',
      resolve_by: '2026-09-18T16:00:00.000Z',
    });
  });

  it('noon ET is 17:00Z in January (EST) and 16:00Z in September (EDT)', () => {
    expect(spec('polymarketBtcJan19').time).toBe('2026-01-19T17:00:00.000Z');
    expect(spec('polymarketBtcSep18').time).toBe('2026-09-18T16:00:00.000Z');
  });

  it('"reach": any 1-minute high ≥ the title\'s price in a window stated in ET', () => {
    expect(spec('polymarketBtcReach')).toMatchObject({
      comparator: '>=',
      threshold: { values: ['150000'], unit: 'USD' },
      measure: '1-minute candle high',
      window: { kind: 'period', start: '2025-11-24T19:00:00.000Z' },
      time: '2027-01-01T04:59:00.000Z',
      source: { id: 'binance:BTC/USDT' },
    });
  });

  it('a Chainlink TWAP stream named only in resolutionSource', () => {
    expect(spec('polymarketBtcTwap')).toMatchObject({ source: { kind: 'oracle', id: 'chainlink:BTC/USD' }, dispute: 'unknown', status: 'active' });
  });

  it('NYC temperature: LaGuardia on Wunderground, whole degrees, revisions after finalising ignored', () => {
    expect(spec('polymarketNycApr26')).toMatchObject({
      subject: 'Highest temperature · New York City',
      comparator: 'between',
      threshold: { values: ['64', '65'], unit: '°F' },
      window: { kind: 'day', date: '2026-04-26' },
      source: { id: 'wunderground:KLGA' },
      void_rules: ['later revisions ignored'],
    });
  });

  it('a bucket ("76-77°F") and a cumulative bracket ("84°F or higher") of one event', () => {
    expect(spec('polymarketNycJun2Bucket')).toMatchObject({ comparator: 'between', threshold: { values: ['76', '77'] } });
    expect(spec('polymarketNycJun2Cumulative')).toMatchObject({ comparator: '>=', threshold: { values: ['84'], unit: '°F' } });
  });

  it('annual CPI: the month from the description, exactly the title\'s figure, the BLS as source', () => {
    expect(spec('polymarketCpi')).toMatchObject({ subject: 'US CPI inflation, year over year · Sep 2026', comparator: 'exactly', threshold: { values: ['3.5'], unit: '%' }, source: { id: 'bls' } });
  });

  it('an FOMC bracket: exactly −25 bps; no statement resolves to "No change" (2025) or 50-50 (2023)', () => {
    expect(spec('polymarketFed')).toMatchObject({
      subject: 'Fed funds target range change · Dec 2025 FOMC meeting',
      comparator: 'exactly',
      threshold: { values: ['-25'], unit: 'bps' },
      source: { id: 'federal-reserve' },
      void_rules: ['no statement: resolves "No change"'],
    });
    expect(spec('polymarketFed2023')).toMatchObject({ subject: 'Fed funds target range change · Dec 2023 FOMC meeting', void_rules: ['resolves 50-50'] });
  });

  it('a nomination with a stated source, and an empty UMA history read as no dispute', () => {
    expect(spec('polymarketNewsom')).toMatchObject({
      subject: '2028 Democratic presidential nomination — Gavin Newsom',
      source: { kind: 'other', name: 'consensus of official Democratic Party sources' },
      dispute: 'none',
      resolve_by: '2028-11-07T00:00:00.000Z',
    });
  });
});

describe('the traps, pair by pair', () => {
  it('BRTI "above 77999.99 at 5 PM EDT" vs Binance close "above $78,000 at noon ET": different on source, measure, threshold and time', () => {
    const r = relateSpecs(spec('kalshiBtcSep18'), spec('polymarketBtcSep18'));
    expect(r.relation).toBe('different');
    expect(r.differing).toEqual(expect.arrayContaining(['source', 'measure', 'threshold', 'time']));
    expect(r.differing).not.toContain('comparator');
  });

  it('Wunderground KLGA vs The Weather Company CLINYC on the same day and bucket: different on the source alone', () => {
    const kalshi = spec('kalshiNycTwc');
    const poly = spec('polymarketNycSep15');
    const r = relateSpecs(kalshi, poly);
    expect(r.relation).toBe('different');
    expect(r.differing).toContain('source');
    expect(r.differing).not.toContain('threshold');
    expect(r.differing).not.toContain('window');
  });

  it('bucket vs cumulative of one event are disjoint: different, on the comparator and threshold', () => {
    const r = relateSpecs(spec('polymarketNycJun2Bucket'), spec('polymarketNycJun2Cumulative'));
    expect(r).toEqual({ relation: 'different', differing: ['comparator', 'threshold'], unknown: ['timezone'] });
  });

  it('intraday high vs close: the "reach" market and the "above" market measure different things', () => {
    const r = relateSpecs(spec('polymarketBtcReach'), spec('polymarketBtcSep18'));
    expect(r.relation).toBe('different');
    expect(r.differing).toEqual(expect.arrayContaining(['measure', 'window']));
  });

  it('the same CPI bracket on both venues, the Kalshi side silent on its source: unknown, never identical', () => {
    const r = relateSpecs(spec('kalshiCpi'), spec('polymarketCpi'));
    expect(r).toEqual({ relation: 'unknown', differing: [], unknown: ['source'] });
  });

  it('one nomination on both venues: nothing known differs, what is unread stays listed', () => {
    const r = relateSpecs(spec('kalshiVance'), spec('polymarketVance'));
    expect(r.relation).toBe('unknown');
    expect(r.differing).toEqual([]);
    expect(r.unknown).toContain('source');
  });

  it('relate is symmetric in what differs, and reverses implications', () => {
    const a = spec('kalshiBtcSep18');
    const b = spec('polymarketBtcSep18');
    expect(relateSpecs(b, a).differing).toEqual(relateSpecs(a, b).differing);
  });
});
