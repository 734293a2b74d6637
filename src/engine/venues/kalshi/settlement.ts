// Kalshi's settlement reader: a `market_lifecycle_v2` message with event_type "settled" and a
// result (when the connector forwards that channel). Anything else is not a resolution.
import type { Resolution } from '../contribution';
import { KALSHI } from './manifest';

export function readKalshiResolution(data: unknown, now: number): Resolution | null {
  const env = data as { type?: unknown; msg?: { market_ticker?: unknown; event_type?: unknown; result?: unknown; settled_ts?: unknown } } | null;
  if (typeof env !== 'object' || env === null || env.type !== 'market_lifecycle_v2') return null;
  const msg = env.msg;
  if (typeof msg !== 'object' || msg === null || msg.event_type !== 'settled' || typeof msg.market_ticker !== 'string') return null;
  if (msg.result !== 'yes' && msg.result !== 'no') return null;
  const settledAt = typeof msg.settled_ts === 'number' && Number.isSafeInteger(msg.settled_ts) ? msg.settled_ts * 1000 : now;
  return { venue: KALSHI, market: `${KALSHI}:${msg.market_ticker}`, result: msg.result, settledAt, source: 'kalshi market_lifecycle_v2' };
}
