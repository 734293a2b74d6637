// Kalshi, as one contribution (contribution.ts): everything the engine knows of Kalshi reaches it
// from here. The connector (connector.ts: REST, WebSocket, signing) loads only when the venue starts.
import type { Qty } from '../../../shared/units';
import type { VenueContribution } from '../contribution';
import { KalshiDeltaReader } from './deltaBytes';
import { kalshiFees } from './fees';
import { KALSHI_MANIFEST } from './manifest';
import { KalshiDecoder } from './marketData';
import { kalshiOrderProblem } from './orderRules';
import { kalshiScenario } from './scenario';
import { validateKalshiSecret } from './secrets';

/** `arbdesk sim` prints `{rest, ws, keyId, privateKeyPem}` for Kalshi. */
function simulatorConnection(printed: unknown): ReturnType<NonNullable<VenueContribution['simulatorConnection']>> {
  const p = printed as { rest?: unknown; ws?: unknown; keyId?: unknown; privateKeyPem?: unknown } | null;
  if (typeof p !== 'object' || p === null || typeof p.rest !== 'string' || typeof p.ws !== 'string') return null;
  const secrets: Record<string, string> = {};
  if (typeof p.keyId === 'string' && typeof p.privateKeyPem === 'string') Object.assign(secrets, { keyId: p.keyId, privateKey: p.privateKeyPem });
  return { endpoints: { rest: p.rest, ws: p.ws }, secrets };
}

export const kalshi: VenueContribution = {
  manifest: KALSHI_MANIFEST,
  marketData: { shape: 'bid_pair', wire: () => new KalshiDeltaReader(), decoder: (store) => new KalshiDecoder(store) },
  fees: kalshiFees,
  scenario: kalshiScenario,
  orders: {
    problem: (order, market) => kalshiOrderProblem(order, market),
    // Whole contracts unless the market allows fractions (its minimum is then 0.01).
    lot: (market) => Math.max(1, market.minOrderSize) as Qty,
    wholeContracts: true,
  },
  validateSecret: (key, value) => Promise.resolve(validateKalshiSecret(key, value)),
  simulatorConnection,
  contractSpec: async () => (await import('./contractSpec')).kalshiSpecReader,
  connect: async (connection, context) => (await import('./connector')).createKalshiVenue(connection, context),
};

