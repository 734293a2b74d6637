import type { VenueId } from '../../../shared/ids';
import { useAppStore } from '../store/appStore';
import { venueColor, venueName, venueShort } from './venues';
import './names.css';

/**
 * A venue as a chip: its letters ("K") or its full name, in its colour, and SIM while it runs against the
 * built-in simulator — shown wherever a venue is, so simulated books are never mistaken for real ones.
 */
export function VenueChip({ venue, long = false }: { venue: VenueId; long?: boolean }) {
  const simulated = useAppStore((s) => s.app?.venues.find((v) => v.venue === venue)?.environment === 'simulator');
  const label = `${venueName(venue)}${simulated ? ' (simulator)' : ''}`;
  const color = venueColor(venue);
  return (
    <span className={`venue-chip venue-${venue}${simulated ? ' venue-sim' : ''}`} title={label} aria-label={label}>
      <b style={color ? { background: color } : undefined}>{long ? venueName(venue) : venueShort(venue)}</b>
      {simulated ? <span className="sim-tag">SIM</span> : null}
    </span>
  );
}
