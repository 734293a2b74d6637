// Polymarket US as the engine and the trader's screen know it: the single source of its name, keys,
// environments and labels. A CFTC-regulated exchange of its own (its own book, slugs and keys: no
// liquidity or identifiers shared with international Polymarket). No retail sandbox: production,
// or the simulator.
import type { VenueManifest } from '../contribution';

export const PM_US = 'polymarket-us';

/** The hosts the official SDK names (polymarket-us 0.1.1 dist/index.js:527-528; WS origin :667-672). */
export const PM_US_PRODUCTION = {
  gateway: 'https://gateway.polymarket.us',
  api: 'https://api.polymarket.us',
  ws: 'wss://api.polymarket.us',
} as const;

export const PM_US_MANIFEST: VenueManifest = {
  id: PM_US,
  name: 'Polymarket US',
  secrets: [
    { key: 'keyId', label: 'Polymarket US API key id' },
    { key: 'secretKey', label: 'Polymarket US secret key (Ed25519, base64)' },
  ],
  environments: [{ id: 'production', endpoints: { ...PM_US_PRODUCTION } }, { id: 'simulator' }],
  webHosts: ['polymarket.us'],
  jurisdiction: 'us',
  jurisdictionNote: 'the CFTC-regulated US exchange, in US dollars, with its own order book (no liquidity shared with the international exchange)',
  labels: {
    shortName: 'PU',
    color: '#1f7a5c',
    immediateOrder: 'IOC',
    exclusiveSetBasis: 'A Polymarket US event with exactly one winner',
    seriesTerm: 'event slug',
  },
};
