import type { MarketLink } from '../../../shared/contract';

type Side = MarketLink['kalshi'];

export function LinksSide({ venue, side }: { venue: string; side: Side }) {
  return (
    <div className="link-side">
      <div className="link-venue">{venue}</div>
      <div className="link-title">{side.title}</div>
      <code className="link-market">{side.market}</code>
      {side.closeTime !== null ? <div className="muted">Closes {new Date(side.closeTime).toLocaleString(undefined, { hour12: false })}</div> : null}
      <div className="link-rules">{side.rules || <span className="muted">No rules text.</span>}</div>
    </div>
  );
}
