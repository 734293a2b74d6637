// Polymarket (international), as one contribution (contribution.ts): everything the engine knows of
// Polymarket reaches it from here. The connector (connector.ts: the CLOB client, viem signing, the
// WebSockets) loads only when the venue starts.
import type { Qty } from '../../../shared/units';
import type { VenueContribution } from '../contribution';
import { PolymarketChangeReader } from './changeBytes';
import { polymarketFees } from './fees';
import { POLYMARKET_MANIFEST } from './manifest';
import { PolymarketDecoder } from './marketData';
import { polymarketOrderProblem } from './orderRules';
import { polymarketScenario } from './scenario';
import { normalisePolymarketSecret, validatePolymarketSecret } from './secrets';

/** `arbdesk sim` prints `{clob, gamma, ws, userWs, privateKey, chainId}` for Polymarket. */
function simulatorConnection(printed: unknown): ReturnType<NonNullable<VenueContribution['simulatorConnection']>> {
  const p = printed as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null) return null;
  const { clob, gamma, ws, userWs, chainId, privateKey } = p;
  if (typeof clob !== 'string' || typeof gamma !== 'string' || typeof ws !== 'string' || typeof userWs !== 'string' || typeof chainId !== 'number') return null;
  return { endpoints: { clob, gamma, ws, userWs, chainId }, secrets: typeof privateKey === 'string' ? { privateKey } : {} };
}

export const polymarket: VenueContribution = {
  manifest: POLYMARKET_MANIFEST,
  marketData: { shape: 'token_pair', wire: () => new PolymarketChangeReader(), decoder: (store) => new PolymarketDecoder(store) },
  fees: polymarketFees,
  scenario: polymarketScenario,
  orders: {
    problem: (order, market) => polymarketOrderProblem(order, market, market.tickSize),
    lot: () => 1 as Qty,
    wholeContracts: false,
  },
  validateSecret: validatePolymarketSecret,
  normaliseSecret: normalisePolymarketSecret,
  simulatorConnection,
  contractSpec: async () => (await import('./contractSpec')).polymarketSpecReader,
  connect: async (connection, context) => (await import('./connector')).createPolymarketVenue(connection, context),
};
