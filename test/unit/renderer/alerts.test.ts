import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { AppStateSchema, type AppState, type Opportunity, type VenueStatus } from '../../../src/shared/contract';
import { detectAlerts } from '../../../src/renderer/src/alerts/alertRules';
import { ALERT_SETTINGS_KEY, DEFAULT_ALERT_SETTINGS, loadAlertSettings, saveAlertSettings, type AlertSettings } from '../../../src/renderer/src/alerts/alertSettings';
import { venueManifestViews } from '../../../src/engine/live/venueStatus';
import { venueRegistry } from '../../../src/engine/venues/registry';

const venue = (v: 'kalshi' | 'polymarket', connection: VenueStatus['connection']): VenueStatus => ({
  venue: v, name: v === 'kalshi' ? 'Kalshi' : 'Polymarket', environment: 'simulator', selectedEnvironment: 'production',
  environments: ['simulator', 'production'], connection, messageRate: 10, lastMessageAgeMs: 100, lagMs: null, markets: 5,
  staleBooks: 0, unknownBooks: 0, keysSet: false, detail: connection === 'down' ? 'socket closed (1006)' : null,
});

const opportunity = (id: string, netProfit: string, stale = false): Opportunity => ({
  id, strategy: 'single_market', size: 10, payout: '10', cost: '9', fees: '0.1', netProfit, edge: '0.09', firstSeenAt: 1, updatedAt: 1, stale,
  legs: [{ market: 'kalshi:KXFED-1', venue: 'kalshi', title: 'Fed cuts', outcome: 'yes', size: 10, cost: '4', fee: '0.05', avgPrice: '0.4', worstPrice: '0.41', health: 'live' }],
});

function appState(over: Partial<AppState> = {}): AppState {
  const base: AppState = {
    protocol: 1,
    engine: { version: 't', startedAt: 0, host: 'serve', now: 0 },
    mode: 'paper',
    venueManifests: venueManifestViews(venueRegistry),
    venues: [venue('kalshi', 'connected'), venue('polymarket', 'connected')],
    breaker: { state: 'closed', killSwitch: false, reason: null, trippedAt: null, cooldownEndsAt: null, consecutiveErrors: 0, dailyLoss: '0', trips: [] },
    limits: DEFAULT_LIMITS,
    opportunities: [],
    positions: { mode: 'paper', baskets: [], venues: [], totals: { lockedIn: '0', realised: '0', fees: '0', openExposure: '0', pnlToday: '0' } },
    activity: [],
    links: [],
    catalog: { categories: [], series: [], watchlist: { categories: [], series: [] }, marketsListed: 0, marketsWatched: 0, refreshedAt: { kalshi: null, polymarket: null } },
    stats: { since: 0, opportunitiesSeen: 0, executions: 0, fills: 0, fillRate: null, pnlToday: '0', trips: 0 },
    secrets: { keychain: { available: false, backend: 'none', detail: null }, set: { 'kalshi.keyId': false, 'kalshi.privateKey': false, 'polymarket.privateKey': false } },
  };
  return AppStateSchema.parse({ ...base, ...over });
}

const on: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, enabled: true, minProfit: '5' };

describe('alerts', () => {
  it('announces nothing on the first snapshot, then each opportunity at or above the threshold once', () => {
    const alerted = new Set<string>();
    const first = appState({ opportunities: [opportunity('a', '9')] });
    expect(detectAlerts(null, first, on, alerted)).toEqual([]);

    const second = appState({ opportunities: [opportunity('a', '9'), opportunity('b', '5.00'), opportunity('c', '4.99'), opportunity('d', '50', true)] });
    const alerts = detectAlerts(first, second, on, alerted);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'opportunity', title: 'Opportunity +$5.00' });

    // Same set again: already announced.
    expect(detectAlerts(second, second, on, alerted)).toEqual([]);
    // Several new ones at once: one notification naming the best.
    const third = appState({ opportunities: [opportunity('e', '6'), opportunity('f', '12.5'), opportunity('g', '7')] });
    const many = detectAlerts(second, third, on, alerted);
    expect(many).toHaveLength(1);
    expect(many[0]!.title).toBe('3 opportunities at or above $5.00');
    expect(many[0]!.body).toContain('+$12.50');
  });

  it('announces a trip and a kill switch once, with the reason, and a venue going down', () => {
    const alerted = new Set<string>();
    const calm = appState();
    const tripped = appState({ breaker: { ...calm.breaker, state: 'open', reason: 'Daily loss $510 over the $500 limit', trippedAt: 5 } });
    expect(detectAlerts(calm, tripped, on, alerted)).toEqual([
      { kind: 'trip', title: 'Breaker tripped: orders blocked', body: 'Daily loss $510 over the $500 limit', tag: 'arbdesk-breaker' },
    ]);
    expect(detectAlerts(tripped, tripped, on, alerted)).toEqual([]);
    const killed = appState({ breaker: { ...calm.breaker, state: 'open', killSwitch: true, reason: 'Kill switch engaged by the trader' } });
    expect(detectAlerts(calm, killed, on, alerted).map((a) => a.body)).toEqual(['Kill switch engaged']);

    const down = appState({ venues: [venue('kalshi', 'down'), venue('polymarket', 'reconnecting')] });
    expect(detectAlerts(calm, down, on, alerted)).toEqual([
      { kind: 'venue', title: 'Kalshi is down', body: 'socket closed (1006)', tag: 'arbdesk-venue-kalshi' },
    ]);
    expect(detectAlerts(down, down, on, alerted)).toEqual([]);
  });

  it('stays quiet when disabled or when a kind is switched off, without saving up old news for later', () => {
    const alerted = new Set<string>();
    const before = appState();
    const after = appState({ opportunities: [opportunity('a', '100')], venues: [venue('kalshi', 'down'), venue('polymarket', 'connected')] });
    expect(detectAlerts(before, after, DEFAULT_ALERT_SETTINGS, alerted)).toEqual([]);
    expect(detectAlerts(after, after, on, alerted)).toEqual([]);
    expect(detectAlerts(before, after, { ...on, venueDown: false, opportunities: false }, new Set())).toEqual([]);
  });

  it('keeps settings in storage, falling back field by field on anything malformed', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadAlertSettings(storage)).toEqual(DEFAULT_ALERT_SETTINGS);
    saveAlertSettings(storage, { ...on, sound: true, minProfit: '2.50' });
    expect(loadAlertSettings(storage)).toEqual({ ...on, sound: true, minProfit: '2.50' });
    store.set(ALERT_SETTINGS_KEY, JSON.stringify({ enabled: 'yes', sound: true, minProfit: '-3' }));
    expect(loadAlertSettings(storage)).toEqual({ ...DEFAULT_ALERT_SETTINGS, sound: true });
    store.set(ALERT_SETTINGS_KEY, '{not json');
    expect(loadAlertSettings(storage)).toEqual(DEFAULT_ALERT_SETTINGS);
  });
});

describe('alerts against the minimum return per year and on suspended links', () => {
  const yearly = (id: string, netProfit: string, annualisedReturn: string | null, suspended: string | null = null): Opportunity => ({ ...opportunity(id, netProfit), annualisedReturn, suspended });
  const prefs = (minAnnualisedReturn: string | null) => ({ preferences: { minAnnualisedReturn } });

  it('only an opportunity at or above the minimum per year alerts; one that resolves at an unknown time or relies on a suspended link does not', () => {
    const alerted = new Set<string>();
    const first = appState(prefs('0.2'));
    detectAlerts(null, first, on, alerted);
    const next = appState({ ...prefs('0.2'), opportunities: [yearly('low', '20', '0.19'), yearly('unknown', '30', null), yearly('held', '40', '3', 'the link it relies on is suspended'), yearly('ok', '6', '0.2')] });
    const alerts = detectAlerts(first, next, on, alerted);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'opportunity', title: 'Opportunity +$6.00' });
    // Below the minimum now, above it later: it alerts then.
    const later = appState({ ...prefs('0.2'), opportunities: [yearly('low', '20', '0.25'), yearly('ok', '6', '0.2')] });
    expect(detectAlerts(next, later, on, alerted)).toEqual([expect.objectContaining({ title: 'Opportunity +$20.00' })]);
    // No minimum: every profitable one, whatever its return per year.
    const none = appState({ ...prefs(null), opportunities: [yearly('x', '7', null)] });
    expect(detectAlerts(later, none, on, alerted)).toHaveLength(1);
  });

  it('a confirmed link suspended by the watch raises an urgent alert naming both markets and what changed, once', () => {
    const side = (market: string, venue: 'kalshi' | 'polymarket', name: string) => ({ market, venue, title: name, name, rules: 'r', closeTime: null });
    const link = (status: 'confirmed' | 'suspended') => ({
      id: 'L1', sides: [side('kalshi:KXFED-1', 'kalshi', 'Fed cuts 25 bps'), side('polymarket:0xabc', 'polymarket', 'Fed decreases 25 bps')], score: 0.9, reasons: [], status, decidedAt: 1,
      relation: 'identical', comparison: { relation: 'identical', differing: [], unknown: [] }, conflicts: [], override: null,
      suspension: status === 'suspended' ? { since: 2, changes: ['Polymarket rules text changed'] } : null,
    });
    const a = appState({ links: [link('confirmed')] as unknown as AppState['links'] });
    const b = appState({ links: [link('suspended')] as unknown as AppState['links'] });
    const alerts = detectAlerts(a, b, on, new Set());
    expect(alerts).toEqual([{ kind: 'link', title: 'Link suspended: not traded', body: 'Fed cuts 25 bps ⇔ Fed decreases 25 bps — Polymarket rules text changed. Confirm it again in Links to trade it.', tag: 'arbdesk-link-L1' }]);
    expect(detectAlerts(b, b, on, new Set())).toEqual([]);
    expect(detectAlerts(a, b, { ...on, linkSuspended: false }, new Set())).toEqual([]);
  });
});
