// Which side of the US border a venue serves, and which sides the trader may use: the setting
// `traderJurisdiction` (engine/venues/jurisdiction.ts applies it). Shared by the settings file and
// the venues' manifests.

/** A venue's restriction: `us` — US persons only; `non_us` — not for US persons. Absent: either. */
export type VenueJurisdiction = 'us' | 'non_us';

/** The setting `traderJurisdiction`: which restricted venues the trader may use. */
export const TRADER_JURISDICTIONS = ['non_us', 'us', 'both'] as const;
export type TraderJurisdiction = (typeof TRADER_JURISDICTIONS)[number];
/** Outside the US by default: the international venues. */
export const DEFAULT_TRADER_JURISDICTION: TraderJurisdiction = 'non_us';
