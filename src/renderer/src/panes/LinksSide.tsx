import type { LinkSide } from '../../../shared/contract';
import { formatCloseTime } from '../format';
import { VenueChip } from '../names/VenueChip';

export function LinksSide({ side }: { side: LinkSide }) {
  return (
    <div className="link-side">
      <div className="link-venue"><VenueChip venue={side.venue} long /></div>
      <div className="link-title">“{side.title}”</div>
      {side.closeTime !== null ? <div className="muted">Closes {formatCloseTime(side.closeTime)}</div> : <div className="warn">No close time</div>}
      <div className="muted">Source: {side.sources && side.sources.length > 0 ? side.sources.map((s) => s.name).join(', ') : 'not named — read the rules'}</div>
      <div className="link-rules">{side.rules || <span className="muted">No rules text.</span>}</div>
    </div>
  );
}
