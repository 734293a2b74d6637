// The venues' real endpoints (shared/reference/venues.md §1.1, §2.1). Production and Kalshi's demo
// are reached with the trader's own keys; the simulator's endpoints come from `arbdesk sim`.
export const KALSHI_ENDPOINTS = {
  production: { rest: 'https://external-api.kalshi.com/trade-api/v2', ws: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2' },
  demo: { rest: 'https://external-api.demo.kalshi.co/trade-api/v2', ws: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2' },
} as const;

export const POLYMARKET_ENDPOINTS = {
  production: {
    clob: 'https://clob.polymarket.com',
    gamma: 'https://gamma-api.polymarket.com',
    ws: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
    userWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/user',
    chainId: 137,
  },
} as const;
