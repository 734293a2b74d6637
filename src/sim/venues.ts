// The venues this simulator speaks. The engine learns its venues from its registration list; the
// simulator, which stands in for them, names its own.
export const SIM_VENUES = ['kalshi', 'polymarket'] as const;
export type VenueId = (typeof SIM_VENUES)[number];

export function isSimVenue(value: unknown): value is VenueId {
  return typeof value === 'string' && (SIM_VENUES as readonly string[]).includes(value);
}
