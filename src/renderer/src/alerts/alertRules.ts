import type { AppState } from '../../../shared/contract';
import { formatUsd } from '../format';
import { compareDecimal } from '../lib/decimal';
import type { AlertSettings } from './alertSettings';

export interface Alert {
  kind: 'opportunity' | 'trip' | 'venue' | 'link';
  title: string;
  body: string;
  /** Same tag: the newer notification replaces the older one. */
  tag: string;
}

/**
 * What to tell the trader about the change from `prev` to `next`: opportunities that opened above
 * the thresholds, the breaker tripping, a venue going down, a confirmed link suspended. `alerted` holds the opportunity ids
 * already announced (updated in place; pruned to the open ones) so one opening alerts once. The
 * first snapshot (prev null) announces nothing: what was already there is not news.
 */
export function detectAlerts(prev: AppState | null, next: AppState, settings: AlertSettings, alerted: Set<string>): Alert[] {
  const alerts: Alert[] = [];
  const open = new Set(next.opportunities.map((o) => o.id));
  for (const id of alerted) if (!open.has(id)) alerted.delete(id);

  // The trader's minimum return per year (Settings) holds for alerts too: a basket that locks capital
  // for too little a year, or resolves at an unknown time, or relies on a suspended link, is not news.
  const minYear = next.preferences?.minAnnualisedReturn ?? null;
  const fresh = next.opportunities.filter(
    (o) =>
      !o.stale &&
      !o.suspended &&
      !alerted.has(o.id) &&
      compareDecimal(o.netProfit, settings.minProfit) >= 0 &&
      (minYear === null || (!!o.annualisedReturn && compareDecimal(o.annualisedReturn, minYear) >= 0)),
  );
  for (const o of fresh) alerted.add(o.id);
  if (prev === null || !settings.enabled) return [];

  if (settings.opportunities && fresh.length > 0) {
    const best = fresh.reduce((a, b) => (compareDecimal(b.netProfit, a.netProfit) > 0 ? b : a));
    const title = fresh.length === 1
      ? `Opportunity ${formatUsd(best.netProfit, { sign: true })}`
      : `${fresh.length} opportunities at or above ${formatUsd(settings.minProfit)}`;
    const markets = best.legs.map((l) => `${l.outcome.toUpperCase()} ${l.title}`).join(' + ');
    alerts.push({ kind: 'opportunity', title, body: `Best ${formatUsd(best.netProfit, { sign: true })} on ${best.size} × ${markets}`, tag: 'arbdesk-opportunity' });
  }

  if (settings.trips) {
    const wasBlocked = prev.breaker.state === 'open' || prev.breaker.killSwitch;
    const isBlocked = next.breaker.state === 'open' || next.breaker.killSwitch;
    if (!wasBlocked && isBlocked) {
      const why = next.breaker.killSwitch ? 'Kill switch engaged' : (next.breaker.reason ?? 'no reason given');
      alerts.push({ kind: 'trip', title: 'Breaker tripped: orders blocked', body: why, tag: 'arbdesk-breaker' });
    }
  }

  if (settings.venueDown) {
    for (const v of next.venues) {
      const before = prev.venues.find((p) => p.venue === v.venue);
      if (v.connection === 'down' && before && before.connection !== 'down') {
        alerts.push({ kind: 'venue', title: `${v.name} is down`, body: v.detail ?? 'The connection was lost; books are stale until it returns.', tag: `arbdesk-venue-${v.venue}` });
      }
    }
  }
  if (settings.linkSuspended) alerts.push(...suspendedLinkAlerts(prev, next));
  return alerts;
}

/** A confirmed link the watch just suspended: its baskets are no longer traded until it is confirmed again. */
function suspendedLinkAlerts(prev: AppState, next: AppState): Alert[] {
  const before = new Map(prev.links.map((l) => [l.id, l.status]));
  return next.links
    .filter((l) => l.status === 'suspended' && before.get(l.id) === 'confirmed')
    .map((l) => ({
      kind: 'link' as const,
      title: 'Link suspended: not traded',
      body: `${l.sides.map((s) => s.name ?? s.title).join(' ⇔ ')} — ${l.suspension?.changes.join('; ') ?? 'its terms changed'}. Confirm it again in Links to trade it.`,
      tag: `arbdesk-link-${l.id}`,
    }));
}
