import { memo } from 'react';
import { formatAge, formatUsd, signOf } from '../format';
import { STRATEGY_LABEL, VENUE_SHORT, shortMarket } from '../trade/labels';
import type { Row } from '../trade/opportunityRows';

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
  const leg = row.opportunity.legs.find((l) => l.health !== 'live');
  return row.opportunity.stale ? `Stale: the ${leg?.market ?? 'leg'} book is ${leg?.health ?? 'not live'}` : undefined;
}

export const OpportunityRow = memo(function OpportunityRow({ row, index, selected, nowSecond, onSelect }: Props) {
  const o = row.opportunity;
  const inactive = row.closed || o.stale;
  return (
    <tr
      id={`opportunity-${row.id}`}
      data-id={row.id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={inactive ? 'stale' : undefined}
      title={staleReason(row)}
      onClick={() => onSelect(row.id)}
    >
      <td>{STRATEGY_LABEL[o.strategy]}</td>
      <td className="markets" title={o.legs.map((l) => `${l.outcome.toUpperCase()} ${l.title} (${l.market})`).join('\n')}>
        {row.closed ? <span className="row-tag">closed</span> : o.stale ? <span className="row-tag">stale</span> : null}
        {o.legs.map((l, i) => (
          <span key={i} className={`leg-chip venue-${l.venue}`}>
            <b>{VENUE_SHORT[l.venue]}</b> {l.outcome.toUpperCase()} {shortMarket(l.market)}
          </span>
        ))}
      </td>
      <td className="num">{o.size}</td>
      <td className="num">{formatUsd(o.cost)}</td>
      <td className="num">{formatUsd(o.fees)}</td>
      <td className={`num pnl-${signOf(o.netProfit)}`}>{formatUsd(o.netProfit, { sign: true })}</td>
      <td className="num">{formatUsd(o.edge, { decimals: 4 })}</td>
      <td className="num">{formatAge(nowSecond * 1000 - o.firstSeenAt)}</td>
    </tr>
  );
});
