// Polymarket (international) as the engine and the trader's screen know it: the single source of its
// name, key, environments and labels. It has no demo environment.
import type { VenueManifest } from '../contribution';
import { POLYGON_CHAIN_ID, PRODUCTION_ENDPOINTS } from './config';

export const POLYMARKET = 'polymarket';

export const POLYMARKET_MANIFEST: VenueManifest = {
  id: POLYMARKET,
  name: 'Polymarket',
  secrets: [{ key: 'privateKey', label: 'Polymarket wallet private key' }],
  environments: [
    { id: 'production', endpoints: { ...PRODUCTION_ENDPOINTS, chainId: POLYGON_CHAIN_ID } },
    { id: 'simulator' },
  ],
  webHosts: ['polymarket.com'],
  jurisdiction: 'non_us',
  jurisdictionNote: 'the international exchange (polymarket.com); it blocks US residents',
  labels: {
    shortName: 'P',
    color: '#6f4fb0',
    immediateOrder: 'FAK',
    exclusiveSetBasis: 'A Polymarket negative-risk event (one winner)',
    seriesTerm: 'event slug',
  },
};
