import { describe, expect, it } from 'vitest';
import { parseEvent, parseRequest, parseResponse } from '../../../src/shared/contract';

describe('contract validation', () => {
  it('accepts a well-formed request', () => {
    const r = parseRequest({ type: 'request', id: 7, command: 'execute', payload: { opportunityId: 'o1', size: 10 } });
    expect(r).toEqual({ ok: true, id: 7, command: 'execute', payload: { opportunityId: 'o1', size: 10 } });
  });

  it('names the offending field of a bad payload', () => {
    const r = parseRequest({ type: 'request', id: 'a', command: 'execute', payload: { opportunityId: 'o1', size: -3 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.response).toMatchObject({ id: 'a', ok: false, error: { code: 'invalid_payload', field: 'payload.size' } });
    expect(r.response.ok === false && r.response.error.message).toMatch(/^payload\.size: /);
  });

  it('rejects unknown fields instead of ignoring them', () => {
    const r = parseRequest({ type: 'request', id: 1, command: 'killSwitch', payload: { force: true } });
    expect(r.ok === false && r.response.ok === false && r.response.error.message).toContain('force');
  });

  it('rejects unknown commands and malformed envelopes', () => {
    const unknown = parseRequest({ type: 'request', id: 1, command: 'getSecret', payload: {} });
    expect(unknown.ok === false && unknown.response.ok === false && unknown.response.error.code).toBe('unknown_command');
    for (const raw of [null, 42, 'x', [], { id: 1 }, { type: 'request', command: 'getState' }, { type: 'request', id: {}, command: 'getState' }]) {
      const r = parseRequest(raw);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.response.ok === false && r.response.error.code).toBe('invalid_request');
    }
  });

  it('has no command that reads a secret', () => {
    for (const command of ['getSecret', 'readSecret', 'secret']) {
      const r = parseRequest({ type: 'request', id: 1, command, payload: { name: 'kalshi.privateKey' } });
      expect(r.ok).toBe(false);
    }
  });

  it('validates limits money as positive decimals', () => {
    const limits = {
      maxPositionPerMarket: 1, maxTotalContracts: 1, maxTotalDollars: '10', maxDailyLoss: '0', maxLossPerTrade: '1',
      maxConsecutiveErrors: 1, cooldownSeconds: 0, probeSize: 1,
    };
    const r = parseRequest({ type: 'request', id: 1, command: 'setLimits', payload: { limits } });
    expect(r.ok === false && r.response.ok === false && r.response.error.field).toBe('payload.limits.maxDailyLoss');
  });

  it('turns a malformed response or event into an error, never data', () => {
    expect(parseResponse('rearm', { type: 'response', id: 1, ok: true, result: { state: 'broken' } }).ok).toBe(false);
    expect(parseEvent({ type: 'event', event: 'breaker', payload: {} }).ok).toBe(false);
    expect(parseEvent({ type: 'event', event: 'nope', payload: {} }).ok).toBe(false);
    expect(parseEvent({ type: 'event', event: 'mode', payload: { mode: 'paper' } })).toEqual({ ok: true, event: { event: 'mode', payload: { mode: 'paper' } } });
  });

  it('validates the watchlist and the venue environment switch strictly, naming the field', () => {
    const ok = parseRequest({ type: 'request', id: 1, command: 'setWatchlist', payload: { watchlist: { categories: ['Crypto'], series: ['kalshi:KXBTCD', 'polymarket:fed-decision-in-march'] } } });
    expect(ok.ok).toBe(true);
    const badSeries = parseRequest({ type: 'request', id: 1, command: 'setWatchlist', payload: { watchlist: { categories: [], series: ['KXBTCD'] } } });
    expect(badSeries.ok === false && badSeries.response.ok === false && badSeries.response.error.field).toBe('payload.watchlist.series.0');
    const extra = parseRequest({ type: 'request', id: 1, command: 'setWatchlist', payload: { watchlist: { categories: [], series: [], venues: [] } } });
    expect(extra.ok === false && extra.response.ok === false && extra.response.error.message).toContain('venues');
    expect(parseRequest({ type: 'request', id: 1, command: 'setVenueEnvironment', payload: { venue: 'kalshi', environment: 'demo' } }).ok).toBe(true);
    const badEnv = parseRequest({ type: 'request', id: 1, command: 'setVenueEnvironment', payload: { venue: 'kalshi', environment: 'staging' } });
    expect(badEnv.ok === false && badEnv.response.ok === false && badEnv.response.error.field).toBe('payload.environment');
    const badVenue = parseRequest({ type: 'request', id: 1, command: 'setVenueEnvironment', payload: { venue: 'limitless', environment: 'production' } });
    expect(badVenue.ok === false && badVenue.response.ok === false && badVenue.response.error.field).toBe('payload.venue');
  });

  it('accepts a catalog event and refuses one without its watchlist', () => {
    const catalog = { categories: [{ name: 'Crypto', venues: ['kalshi'], markets: 3, watched: true }], series: [], watchlist: { categories: [], series: [] }, marketsListed: 3, marketsWatched: 3, refreshedAt: { kalshi: 1, polymarket: null } };
    expect(parseEvent({ type: 'event', event: 'catalog', payload: catalog }).ok).toBe(true);
    expect(parseEvent({ type: 'event', event: 'catalog', payload: { ...catalog, watchlist: undefined } }).ok).toBe(false);
  });
});
