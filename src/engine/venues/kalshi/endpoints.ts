// Where Kalshi listens (venues.md §1.1). Only the path is signed, so the host never changes a
// signature; demo has its own accounts and keys.
import type { VenueEnvironment } from '../../../shared/contract';

export interface KalshiEndpoints {
  /** REST base URL, ending in /trade-api/v2. */
  rest: string;
  /** Market WebSocket URL, ending in /trade-api/ws/v2. */
  ws: string;
}

export const KALSHI_ENDPOINTS: Readonly<Record<Exclude<VenueEnvironment, 'simulator'>, KalshiEndpoints>> = {
  production: {
    rest: 'https://external-api.kalshi.com/trade-api/v2',
    ws: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
  },
  demo: {
    rest: 'https://external-api.demo.kalshi.co/trade-api/v2',
    ws: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2',
  },
};

/** Checks the two URLs before anything connects: a typo here would otherwise surface as a 404 loop. */
export function checkEndpoints(endpoints: KalshiEndpoints): string | null {
  let rest: URL;
  let ws: URL;
  try {
    rest = new URL(endpoints.rest);
  } catch {
    return `endpoints.rest is not a URL: "${endpoints.rest}"`;
  }
  try {
    ws = new URL(endpoints.ws);
  } catch {
    return `endpoints.ws is not a URL: "${endpoints.ws}"`;
  }
  if (rest.protocol !== 'https:' && rest.protocol !== 'http:') return `endpoints.rest must be http(s), got ${rest.protocol}`;
  if (ws.protocol !== 'wss:' && ws.protocol !== 'ws:') return `endpoints.ws must be ws(s), got ${ws.protocol}`;
  if (rest.search !== '' || ws.search !== '') return 'endpoints must not carry a query string';
  return null;
}
