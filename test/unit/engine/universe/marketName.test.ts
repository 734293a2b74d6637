// Human market names, from the fields the venues publish. Kalshi: the OpenAPI `Market` schema
// (shared/reference/upstream/kalshi.openapi.yaml) gives `yes_sub_title` ("Shortened title for the
// yes side of this market"), the deprecated `subtitle`, `strike_type` / `floor_strike` /
// `cap_strike`, and the series' `settlement_sources` ({name, url}). Public captures of live
// markets show what those hold: KXXRPD-26AUG2721-T2.1399 "$2.13991 or above" (strike_type
// greater, floor 2.1399), KXHIGHMIA-26JUL21-B92.5 "91° to 94°, Miami Intl (MIA)" (floor 91,
// cap 94), KXNBAGAME-26MAR31NYKHOU-NYK "New York". Polymarket: Gamma `groupItemTitle` and
// `resolutionSource` (polymarket-gamma.openapi.yaml); its group titles use "___" for the blank.
import { describe, expect, it } from 'vitest';
import { compactTerm, joinName, marketName, settlementSources } from '../../../../src/engine/universe/marketName';
import { mapMarketStatus, toMarketInfo, toSeriesInfo } from '../../../../src/engine/venues/kalshi/mapping';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import { kalshiMarket, polymarketMarket } from '../../../helpers/fakeVenue';
import { simCatalog } from '../../../helpers/simMarkets';

const SEP_12 = Date.UTC(2031, 8, 12, 23, 0);

describe('market names', () => {
  it('keeps the strike of each Kalshi ladder market, which its shared title drops', () => {
    const leg = (strike: number) =>
      kalshiMarket(`KXHIGHBRI-31SEP12-T${strike}`, {
        title: 'Highest temperature in Brightwater on Sep 12, 2031?',
        eventTitle: 'Highest temperature in Brightwater on Sep 12, 2031',
        outcomeLabel: `${strike}° or above`,
        strike: { type: 'greater', floor: String(strike), cap: null },
        closeTime: SEP_12,
      });
    expect(joinName(marketName(leg(88)))).toBe("Highest temperature in Brightwater ≥ 88° · Sep 12 '31");
    expect(joinName(marketName(leg(91)))).not.toBe(joinName(marketName(leg(88))));
    expect(marketName(leg(88))).toEqual({ subject: 'Highest temperature in Brightwater', term: '≥ 88°', date: "Sep 12 '31" });
  });

  it('reads the outcome from a live Kalshi market as the venue sends it', () => {
    const series = toSeriesInfo({ ticker: 'KXXRPD', category: 'Crypto', fee_type: 'quadratic', fee_multiplier: 0.07, settlement_sources: [{ name: 'CF Benchmarks', url: 'https://www.cfbenchmarks.com' }] })!;
    const info = toMarketInfo(
      { event_ticker: 'KXXRPD-26AUG2721', series_ticker: 'KXXRPD', title: 'XRP price on Aug 27, 2026 at 9pm EDT?' },
      { ticker: 'KXXRPD-26AUG2721-T2.1399', event_ticker: 'KXXRPD-26AUG2721', market_type: 'binary', yes_sub_title: '$2.13991 or above', status: 'active', close_time: '2026-08-28T01:00:00Z', strike_type: 'greater', floor_strike: 2.1399 },
      series,
    ) as MarketInfo;
    expect(mapMarketStatus('active')).toBe('open');
    // The day the title names (9pm EDT on Aug 27 is already Aug 28 in UTC, when it closes).
    expect(joinName(marketName(info))).toBe("XRP price ≥ $2.13991 · Aug 27 '26");
    expect(settlementSources(info)).toEqual([{ name: 'CF Benchmarks', url: 'https://www.cfbenchmarks.com' }]);
    // `subtitle` (deprecated) stands in when `yes_sub_title` is absent.
    const old = toMarketInfo({ event_ticker: 'E', title: 'Event' }, { ticker: 'E-1', subtitle: 'Cut 25bps', status: 'active' }, series) as MarketInfo;
    expect(old.outcomeLabel).toBe('Cut 25bps');
  });

  it('names bucket strikes, outcomes of a field, and strikes without a label', () => {
    const bucket = kalshiMarket('KXHIGHMIA-26JUL21-B92.5', { eventTitle: 'Highest temperature in Miami on Jul 21, 2026', outcomeLabel: '91° to 94°, Miami Intl (MIA)', strike: { type: 'between', floor: '91', cap: '94' }, closeTime: Date.UTC(2026, 6, 21, 23) });
    expect(joinName(marketName(bucket))).toBe("Highest temperature in Miami: 91° to 94°, Miami Intl (MIA) · Jul 21 '26");
    const game = kalshiMarket('KXNBAGAME-26MAR31NYKHOU-NYK', { title: 'New York at Houston Winner?', eventTitle: 'New York at Houston Winner?', outcomeLabel: 'New York', closeTime: Date.UTC(2026, 2, 31, 23) });
    expect(joinName(marketName(game))).toBe("New York at Houston Winner: New York · Mar 31 '26");
    const bare = kalshiMarket('KXINX-31SEP12-T6400', { eventTitle: 'S&P 500 on Sep 12, 2031', strike: { type: 'greater', floor: '6399.99', cap: null }, closeTime: SEP_12 });
    expect(marketName(bare).term).toBe('> 6399.99');
    const yes = kalshiMarket('KXGOVSHUT-31DEC31', { title: 'Will the US government shut down before Jan 1, 2032?', outcomeLabel: 'Yes', closeTime: SEP_12 });
    expect(marketName(yes)).toEqual({ subject: 'Will the US government shut down before Jan 1, 2032?', term: null, date: null });
  });

  it('fills a Polymarket group title’s blank with the outcome', () => {
    const p = polymarketMarket('0xabc', '1', '2', { title: 'Will the price of Bitcoin be above $105,000 on September 12?', eventTitle: 'Bitcoin above ___ on September 12?', outcomeLabel: '$105,000', closeTime: SEP_12 });
    expect(joinName(marketName(p))).toBe("Bitcoin > $105,000 · Sep 12 '31");
    const lone = polymarketMarket('0xdef', '3', '4', { title: 'US government shutdown?', eventTitle: 'US government shutdown?', closeTime: SEP_12 });
    expect(joinName(marketName(lone))).toBe("US government shutdown? · Sep 12 '31");
  });

  it('compacts comparison wording, and keeps everything else as the venue wrote it', () => {
    expect(compactTerm('88° or above')).toBe('≥ 88°');
    expect(compactTerm('$105,000 or below')).toBe('≤ $105,000');
    expect(compactTerm('Above 2.8%')).toBe('> 2.8%');
    expect(compactTerm('>2.8%')).toBe('> 2.8%');
    expect(compactTerm('Cut 25bps')).toBe('Cut 25bps');
  });

  it('finds the source a Polymarket description states when Gamma’s resolutionSource is empty', () => {
    const p = polymarketMarket('0x1', '1', '2', { rules: 'This market will resolve to "Yes" if X.\n\nThe resolution source for this market will be Binance, BTC/USDT.' });
    expect(settlementSources(p)).toEqual([{ name: 'Binance, BTC/USDT', url: null }]);
    expect(settlementSources(polymarketMarket('0x2', '1', '2', { rules: 'No source named.' }))).toEqual([]);
  });

  it('tells apart every market of the simulated world, on each venue', () => {
    for (const seed of ['arbdesk', 's1', 's2']) {
      const c = simCatalog(seed, 60);
      for (const list of [c.kalshi, c.polymarket]) {
        const names = list.map((m) => joinName(marketName(m)));
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n).not.toMatch(/_{2,}|KX[A-Z]+-|0x[0-9a-f]{8}/);
      }
    }
  });
});

describe('comparisons in a group title', () => {
  it('"at or above ___" reads as ≥, "above ___" as >', () => {
    const at = polymarketMarket('0xa', '1', '2', { eventTitle: 'S&P 500 at or above ___ on July 9?', outcomeLabel: '5,900', closeTime: Date.UTC(2031, 6, 9, 21) });
    expect(joinName(marketName(at))).toBe("S&P 500 ≥ 5,900 · Jul 9 '31");
    const over = polymarketMarket('0xb', '1', '2', { eventTitle: 'S&P 500 above ___ on July 9?', outcomeLabel: '5900', closeTime: Date.UTC(2031, 6, 9, 21) });
    expect(marketName(over).term).toBe('> 5900');
  });
});
