import type { LinkSide, MarketLink } from '../../../shared/contract';
import { formatCloseTime } from '../format';
import { VenueChip } from '../names/VenueChip';
import { specFieldText } from '../trade/specText';

const FIELDS = ['subject', 'measure', 'comparator', 'threshold', 'time', 'timezone', 'window', 'source', 'void_rules'] as const;

export function LinksSide({ side, comparison }: { side: LinkSide; comparison: MarketLink['comparison'] }) {
  return (
    <div className="link-side">
      <div className="link-venue"><VenueChip venue={side.venue} long /></div>
      <div className="link-title">“{side.title}”</div>
      {side.closeTime !== null ? <div className="muted">Closes {formatCloseTime(side.closeTime)}</div> : <div className="warn">No close time</div>}
      <div className="muted">Source: {side.sources && side.sources.length > 0 ? side.sources.map((s) => s.name).join(', ') : 'not named — read the rules'}</div>
      {side.spec ? (
        <dl className="link-spec" aria-label={`${side.venue} spec`}>
          {FIELDS.map((f) => {
            const tone = comparison.differing.includes(f) ? 'spec-differs' : comparison.unknown.includes(f) ? 'spec-unknown' : '';
            return (
              <div key={f} className={tone} data-field={f}>
                <dt>{f}</dt>
                <dd>{specFieldText(side.spec![f])}</dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      <div className="link-rules">{side.rules || <span className="muted">No rules text.</span>}</div>
    </div>
  );
}
