import type { PositionsView } from '../../../shared/contract';
import { formatUsd, signOf } from '../format';
import { VenueChip } from '../names/VenueChip';

export function PositionsVenueTable({ venues }: { venues: PositionsView['venues'] }) {
  if (venues.length === 0) return null;
  return (
    <table aria-label="Positions by venue" className="data-table positions-venues">
      <thead>
        <tr>
          <th scope="col">Venue</th>
          <th scope="col" className="num">Contracts</th>
          <th scope="col" className="num">Cost</th>
          <th scope="col" className="num">Fees</th>
          <th scope="col" className="num">Realised</th>
          <th scope="col" className="num">Open exposure</th>
        </tr>
      </thead>
      <tbody>
        {venues.map((v) => (
          <tr key={v.venue}>
            <td><VenueChip venue={v.venue} long /></td>
            <td className="num">{v.contracts}</td>
            <td className="num">{formatUsd(v.cost)}</td>
            <td className="num">{formatUsd(v.fees)}</td>
            <td className={`num pnl-${signOf(v.realised)}`}>{formatUsd(v.realised, { sign: true })}</td>
            <td className={`num${signOf(v.openExposure) !== 0 ? ' warn' : ''}`}>{formatUsd(v.openExposure)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
