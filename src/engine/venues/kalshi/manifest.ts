// Kalshi as the engine and the trader's screen know it: the single source of its name, keys,
// environments and labels.
import type { VenueManifest } from '../contribution';
import { KALSHI_ENDPOINTS } from './endpoints';

export const KALSHI = 'kalshi';

export const KALSHI_MANIFEST: VenueManifest = {
  id: KALSHI,
  name: 'Kalshi',
  secrets: [
    { key: 'keyId', label: 'Kalshi API key id' },
    { key: 'privateKey', label: 'Kalshi private key (PEM)', multiline: true },
  ],
  environments: [
    { id: 'production', endpoints: { ...KALSHI_ENDPOINTS.production } },
    { id: 'demo', endpoints: { ...KALSHI_ENDPOINTS.demo } },
    { id: 'simulator' },
  ],
  webHosts: ['kalshi.com'],
  labels: {
    shortName: 'K',
    color: '#2f6f9f',
    immediateOrder: 'IOC',
    exclusiveSetBasis: 'A Kalshi event whose markets are mutually exclusive',
    ladderBasis: 'The two markets’ strikes on one Kalshi event (a higher “above” strike implies the lower)',
    seriesTerm: 'series ticker',
  },
};
