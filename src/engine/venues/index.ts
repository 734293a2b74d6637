// The registration list: the venues ArbDesk runs, one line each (DESIGN.md "Extension-host
// pattern"). This is the only file outside a venue's own folder that names a venue; everything
// else reads the venues from the registry (registry.ts). To add a venue: add its folder and a line.
import { kalshi } from './kalshi';
import { polymarket } from './polymarket';
import { polymarketUs } from './polymarket-us';
import { venueRegistry } from './registry';
import type { VenueContribution } from './contribution';

export const BUILT_IN_VENUES: readonly VenueContribution[] = [
  kalshi,
  polymarket,
  polymarketUs,
];

for (const venue of BUILT_IN_VENUES) venueRegistry.register(venue);

export { venueRegistry };
