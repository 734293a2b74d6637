import type { VenueManifest } from '../../../src/engine';

export const ACME = 'acme';

export const ACME_MANIFEST: VenueManifest = {
  id: ACME,
  name: 'Acme',
  secrets: [{ key: 'apiKey', label: 'Acme API key' }],
  // No sandbox: production, or the simulated exchange the tests run in-process.
  environments: [{ id: 'production', endpoints: { exchange: 'production' } }, { id: 'simulator' }],
  webHosts: ['acme.example'],
  labels: {
    shortName: 'A',
    color: '#b45309',
    immediateOrder: 'IOC',
    exclusiveSetBasis: 'An Acme event with exactly one winner',
    seriesTerm: 'event id',
  },
};
