// The link watch's fresh read of a market's terms, per venue, against the venue's own payloads:
// the same rules text, close time and status discovery reads (else every poll would look like a
// change), and the dispute state from Kalshi `Market.status` (kalshi.openapi.yaml: initialized …
// determined, disputed, amended, finalized) and Polymarket `umaResolutionStatus` /
// `umaResolutionStatuses` (polymarket-gamma.openapi.yaml: nullable strings; the values "proposed",
// "disputed", "resolved" from nautilus_trader test_data gamma_market_live.json).
import { describe, expect, it } from 'vitest';
import { toMarketInfo, type KalshiMarketJson } from '../../../../src/engine/venues/kalshi/mapping';
import { kalshiTermsOf } from '../../../../src/engine/venues/kalshi/marketTerms';
import { polymarketTermsOf } from '../../../../src/engine/venues/polymarket/marketTerms';
import { CORPUS } from '../specs/corpus';

const kalshi = { ...(CORPUS.kalshiBtcSep18!.payload as Record<string, unknown>), market_type: 'binary', status: 'active', close_time: '2026-09-18T21:00:00Z', rules_secondary: 'Settlement source: CF Benchmarks.' } as KalshiMarketJson;

describe('a market’s terms read afresh for the link watch', () => {
  it('Kalshi: the rules and close time discovery reads; the dispute state from the status', () => {
    const listed = toMarketInfo({ event_ticker: 'KXBTCD-26SEP1817', series_ticker: 'KXBTCD' }, kalshi, undefined);
    expect('reason' in listed).toBe(false);
    const terms = kalshiTermsOf(kalshi)!;
    expect(terms).toMatchObject({ ref: 'kalshi:KXBTCD-26SEP1817-T77999.99', status: 'open', dispute: 'none' });
    expect(terms.rules).toBe((listed as { rules: string }).rules);
    expect(terms.closeTime).toBe((listed as { closeTime: number }).closeTime);
    expect(kalshiTermsOf({ ...kalshi, status: 'determined' })!.dispute).toBe('proposed');
    expect(kalshiTermsOf({ ...kalshi, status: 'disputed' })).toMatchObject({ status: 'closed', dispute: 'disputed' });
    expect(kalshiTermsOf({ ...kalshi, status: 'finalized' })).toMatchObject({ status: 'settled', dispute: 'resolved' });
    // Unreadable: left to the listing, never a made-up change.
    expect(kalshiTermsOf({ ...kalshi, close_time: 'soon' })).toBeNull();
    expect(kalshiTermsOf({ ...kalshi, ticker: undefined })).toBeNull();
  });

  it('Polymarket: the description, end date and status; the UMA state, or unknown when Gamma does not say', () => {
    const gamma = {
      id: '512001',
      conditionId: `0x${'ab'.repeat(32)}`,
      question: 'Will the price of Bitcoin be above $78,000 on September 18?',
      description: 'This market will resolve to "Yes" if the Binance 1 minute candle for BTC/USDT 12:00 in the ET timezone (noon) on the date specified in the title has a final "Close" price higher than the price specified in the title.',
      outcomes: '["Yes", "No"]',
      clobTokenIds: '["1", "2"]',
      endDate: '2026-09-18T16:00:00Z',
      active: true,
      closed: false,
      acceptingOrders: true,
      enableOrderBook: true,
    };
    expect(polymarketTermsOf(gamma)).toMatchObject({ rules: gamma.description, closeTime: Date.parse(gamma.endDate), status: 'open', dispute: null });
    expect(polymarketTermsOf({ ...gamma, umaResolutionStatus: '' })!.dispute).toBe('none');
    expect(polymarketTermsOf({ ...gamma, umaResolutionStatuses: '["proposed", "disputed"]' })!.dispute).toBe('disputed');
    expect(polymarketTermsOf({ ...gamma, umaResolutionStatus: 'resolved', closed: true })).toMatchObject({ dispute: 'resolved' });
    // The rules only on the event, which this payload does not carry: left to the listing.
    expect(polymarketTermsOf({ ...gamma, description: '' })).toBeNull();
    expect(polymarketTermsOf({ ...gamma, description: '', events: [{ description: 'event rules' }] })!.rules).toBe('event rules');
    expect(polymarketTermsOf({ ...gamma, conditionId: 'nope' })).toBeNull();
  });
});
