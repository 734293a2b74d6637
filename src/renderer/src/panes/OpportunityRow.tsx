import { memo } from 'react';
import { formatAge, formatUsd, signOf } from '../format';
import { nameParts, rowLines, sharedSubject } from '../names/marketNames';
import { VenueChip } from '../names/VenueChip';
import { STRATEGY_LABEL, STRATEGY_SHORT, legLabel } from '../trade/labels';
import type { Row } from '../trade/opportunityRows';
import { rowHeight } from '../trade/rowLayout';
import { capitalSummary, percentLabel } from '../trade/capitalLabels';

interface Props {
  row: Row;
  index: number;
  selected: boolean;
  /** Whole seconds, so a row re-renders once a second for its age, not on every clock read. */
  nowSecond: number;
  onSelect(id: string): void;
}

function staleReason(row: Row): string | undefined {
  if (row.closed) return 'Closed: no longer offered by the books';
  if (row.opportunity.suspended) return `Suspended: ${row.opportunity.suspended}`;
  const leg = row.opportunity.legs.find((l) => l.health !== 'live');
  return row.opportunity.stale ? `Stale: the ${leg ? nameParts(leg).name : 'leg'} book is ${leg?.health ?? 'not live'}` : undefined;
}

export const OpportunityRow = memo(function OpportunityRow({ row, index, selected, nowSecond, onSelect }: Props) {
  const o = row.opportunity;
  const inactive = row.closed || o.stale || Boolean(o.suspended);
  const parts = o.legs.map(nameParts);
  const shared = sharedSubject(parts);
  return (
    <tr
      id={`opportunity-${row.id}`}
      data-id={row.id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={inactive ? 'stale' : undefined}
      style={{ height: rowHeight(rowLines(o.legs)) }}
      title={staleReason(row)}
      onClick={() => onSelect(row.id)}
    >
      <td className="strategy" title={STRATEGY_LABEL[o.strategy]}>
        {STRATEGY_SHORT[o.strategy]}
        {row.closed ? <span className="row-tag">closed</span> : o.suspended ? <span className="row-tag">suspended</span> : o.stale ? <span className="row-tag">stale</span> : null}
      </td>
      <td className="markets" title={o.legs.map((l) => `${legLabel(l)} — ${l.market}`).join('\n')}>
        {shared ? (
          <div className="leg-line leg-group">
            <span className="leg-subject">{shared.subject}</span>
            {shared.date !== null ? <span className="leg-date">{shared.date}</span> : null}
          </div>
        ) : null}
        {o.legs.map((l, i) => {
          const p = parts[i]!;
          // Legs of one group share their subject and day, said once above: each line keeps room for its term.
          return (
            <div key={i} className="leg-line">
              <VenueChip venue={l.venue} />
              <span className={`leg-outcome outcome-${l.outcome}`}>{l.outcome.toUpperCase()}</span>
              {shared ? null : <span className="leg-subject">{p.subject}</span>}
              {p.term !== null ? <b className="leg-term">{p.term}</b> : null}
              {p.date !== null && !shared ? <span className="leg-date">{p.date}</span> : null}
            </div>
          );
        })}
      </td>
      <td className="num">{o.size.toLocaleString('en-US')}</td>
      <td className="num">{formatUsd(o.cost)}</td>
      <td className="num col-fees">{formatUsd(o.fees)}</td>
      <td className={`num pnl-${signOf(o.netProfit)}`}>{formatUsd(o.netProfit, { sign: true })}</td>
      <td className="num">{formatUsd(o.edge, { decimals: 4 })}</td>
      <td className="num col-annualised" title={capitalSummary(o, nowSecond * 1000)}>{o.annualisedReturn ? percentLabel(o.annualisedReturn) : '—'}</td>
      <td className="num">{formatAge(nowSecond * 1000 - o.firstSeenAt)}</td>
    </tr>
  );
});
