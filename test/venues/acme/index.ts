// Acme as one contribution (src/engine/venues/contribution.ts): everything the engine knows of it
// reaches the engine from here. Registered by the tests in one line: `venueRegistry.register(acme)`.
import type { Price, Qty } from '../../../src/shared/units';
import type { VenueContribution } from '../../../src/engine';
import { AcmeFeeModel } from './feeModel';
import { ACME_MANIFEST } from './manifest';
import { AcmeDecoder } from './marketData';
import { acmeScenario } from './scenario';

const ONE_CONTRACT = 100 as Qty;

export const acme: VenueContribution = {
  manifest: ACME_MANIFEST,
  marketData: { shape: 'yes_book', decoder: (store) => new AcmeDecoder(store) },
  fees: {
    models(params) {
      if (typeof params.theta !== 'string') return 'Acme fee coefficient missing from the listing; not traded';
      const taker = AcmeFeeModel.parse(params.theta);
      // Makers pay nothing on Acme.
      return typeof taker === 'string' ? taker : { taker, maker: null, validUntil: null };
    },
  },
  scenario: acmeScenario,
  orders: {
    problem(order, market) {
      if (order.limitPrice % market.tickSize !== 0) return `price is not on the ${market.tickSize / 10_000} tick`;
      if (order.qty % ONE_CONTRACT !== 0) return 'Acme trades whole contracts';
      return order.qty < market.minOrderSize ? 'below the minimum order size' : null;
    },
    lot: () => ONE_CONTRACT,
    wholeContracts: true,
  },
  async validateSecret(key, value) {
    if (key !== 'apiKey') return { ok: false, message: `Acme has no key "${key}"` };
    return /^[0-9a-f]{32}$/.test(value.trim()) ? { ok: true, message: 'Looks like an Acme API key' } : { ok: false, message: 'An Acme API key is 32 hexadecimal characters' };
  },
  // Its simulated exchange runs in the test's own process: no `arbdesk sim` endpoints to read.
  simulatorConnection: () => ({ endpoints: { exchange: 'simulated' }, secrets: {} }),
  connect: async (connection, context) => (await import('./connector')).createAcmeVenue(connection, context),
};

export { AcmeExchange } from './exchange';
export type { Price };
