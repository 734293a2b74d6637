import type { VenueId } from '../../../shared/ids';
import { useAppStore } from '../store/appStore';
import { VENUE_LABEL, VENUE_SHORT } from '../trade/labels';
import './names.css';

/**
 * A venue as a chip: "K" / "P" (or the full name), and SIM while the venue runs against the
 * built-in simulator — shown wherever a venue is, so simulated books are never mistaken for real ones.
 */
export function VenueChip({ venue, long = false }: { venue: VenueId; long?: boolean }) {
  const simulated = useAppStore((s) => s.app?.venues.find((v) => v.venue === venue)?.environment === 'simulator');
  const label = `${VENUE_LABEL[venue]}${simulated ? ' (simulator)' : ''}`;
  return (
    <span className={`venue-chip venue-${venue}${simulated ? ' venue-sim' : ''}`} title={label} aria-label={label}>
      <b>{long ? VENUE_LABEL[venue] : VENUE_SHORT[venue]}</b>
      {simulated ? <span className="sim-tag">SIM</span> : null}
    </span>
  );
}
