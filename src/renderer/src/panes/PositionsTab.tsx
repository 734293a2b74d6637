import { EmptyState } from '../components/EmptyState';
import { formatUsd } from '../format';
import { useAppStore } from '../store/appStore';

export function PositionsTab() {
  const positions = useAppStore((s) => s.app?.positions);
  if (!positions) return null;
  return (
    <div className="tab-body">
      <div className="totals" aria-label="Totals">
        <span>Locked in {formatUsd(positions.totals.lockedIn, { sign: true })}</span>
        <span>Realised {formatUsd(positions.totals.realised, { sign: true })}</span>
        <span>Fees {formatUsd(positions.totals.fees)}</span>
        <span>Open exposure {formatUsd(positions.totals.openExposure)}</span>
      </div>
      <table aria-label="Positions" className="data-table">
        <thead>
          <tr>
            <th scope="col">Basket</th>
            <th scope="col">Legs</th>
            <th scope="col" className="num">Matched</th>
            <th scope="col" className="num">Locked in</th>
            <th scope="col" className="num">Fees</th>
            <th scope="col" className="num">Exposure</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {positions.baskets.map((b) => (
            <tr key={b.id}>
              <td>{b.strategy}</td>
              <td>{b.legs.map((l) => `${l.contracts} ${l.outcome.toUpperCase()} ${l.market}`).join(' · ')}</td>
              <td className="num">{b.matched}</td>
              <td className="num">{formatUsd(b.lockedIn, { sign: true })}</td>
              <td className="num">{formatUsd(b.fees)}</td>
              <td className="num">{formatUsd(b.openExposure)}</td>
              <td>{b.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {positions.baskets.length === 0 ? (
        <EmptyState title={`No ${positions.mode} positions`}>Executed baskets, their locked-in profit and any open exposure appear here.</EmptyState>
      ) : null}
    </div>
  );
}
