// Polymarket US, as one contribution (contribution.ts): everything the engine knows of it reaches the
// engine from here. The connector (connector.ts: the official SDK for REST, signed sockets) loads
// only when the venue starts.
import type { VenueContribution } from '../contribution';
import { pmUsFees } from './fees';
import { PM_US_MANIFEST } from './manifest';
import { PmUsDecoder } from './marketData';
import { pmUsLot, pmUsOrderProblem } from './orderRules';
import { pmUsScenario } from './scenario';
import { validatePmUsSecret } from './secrets';

/** `arbdesk sim` prints `{gateway, api, ws, keyId, secretKey}` for Polymarket US. */
function simulatorConnection(printed: unknown): ReturnType<NonNullable<VenueContribution['simulatorConnection']>> {
  const p = printed as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null) return null;
  const { gateway, api, ws, keyId, secretKey } = p;
  if (typeof gateway !== 'string' || typeof api !== 'string' || typeof ws !== 'string') return null;
  return { endpoints: { gateway, api, ws }, secrets: typeof keyId === 'string' && typeof secretKey === 'string' ? { keyId, secretKey } : {} };
}

export const polymarketUs: VenueContribution = {
  manifest: PM_US_MANIFEST,
  marketData: { shape: 'yes_book', decoder: (store) => new PmUsDecoder(store) },
  fees: pmUsFees,
  scenario: pmUsScenario,
  orders: {
    problem: (order, market) => pmUsOrderProblem(order, market),
    lot: pmUsLot,
    wholeContracts: true,
  },
  validateSecret: (key, value) => Promise.resolve(validatePmUsSecret(key, value)),
  normaliseSecret: (_key, value) => value.trim(),
  simulatorConnection,
  connect: async (connection, context) => (await import('./connector')).createPmUsVenue(connection, context),
};
