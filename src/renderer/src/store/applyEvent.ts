import type { AppState, ContractEvent, LinksDelta, MarketLink } from '../../../shared/contract';

const ACTIVITY_KEPT = 1000;

/**
 * Folds one pushed event into the state snapshot. Every event states a current value (or, for
 * opportunities, an upsert/remove by id; for activity, an append by id), so replaying events in
 * order from before a snapshot converges on the same state.
 */
export function applyEvent(state: AppState, { event, payload }: ContractEvent): AppState {
  switch (event) {
    case 'opportunities': {
      if (payload.upserts.length === 0 && payload.removed.length === 0) return state;
      const byId = new Map(state.opportunities.map((o) => [o.id, o]));
      for (const id of payload.removed) byId.delete(id);
      for (const o of payload.upserts) byId.set(o.id, o);
      return { ...state, opportunities: [...byId.values()] };
    }
    case 'activity': {
      if (state.activity.some((a) => a.id === payload.id)) return state;
      return { ...state, activity: [payload, ...state.activity].slice(0, ACTIVITY_KEPT) };
    }
    case 'positions':
      return { ...state, positions: payload };
    case 'breaker':
      return { ...state, breaker: payload };
    case 'limits':
      return { ...state, limits: payload };
    case 'venues':
      return { ...state, venues: payload };
    case 'mode':
      return { ...state, mode: payload.mode, positions: { ...state.positions, mode: payload.mode } };
    case 'links':
      return { ...state, links: applyLinksDelta(state.links, payload) };
    case 'catalog':
      return { ...state, catalog: payload };
    case 'stats':
      return { ...state, stats: payload };
    case 'secrets':
      return { ...state, secrets: payload };
    case 'limitsConfirmedAt':
      return { ...state, limitsConfirmedAt: payload.at };
    case 'simulator':
      return { ...state, simulator: payload };
    case 'preferences':
      return { ...state, preferences: payload };
    case 'book':
    case 'execution':
      // Held by their own views (depth charts, the execution panel), not in the snapshot.
      return state;
  }
}

/** The links with a delta applied: a changed link keeps its place, a new one is added at the end. */
export function applyLinksDelta(links: readonly MarketLink[], { upserts, removed }: LinksDelta): MarketLink[] {
  if (upserts.length === 0 && removed.length === 0) return links as MarketLink[];
  const byId = new Map(links.map((l) => [l.id, l]));
  for (const id of removed) byId.delete(id);
  for (const l of upserts) byId.set(l.id, l);
  return [...byId.values()];
}
