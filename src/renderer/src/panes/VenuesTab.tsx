import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../store/appStore';

export function VenuesTab() {
  const venues = useAppStore((s) => s.app?.venues ?? []);
  if (venues.length === 0) {
    return <EmptyState title="No venues connected">With no keys, ArbDesk connects to its built-in simulator of Kalshi and Polymarket; venue status appears here.</EmptyState>;
  }
  return (
    <table aria-label="Venues" className="data-table">
      <thead>
        <tr>
          <th scope="col">Venue</th><th scope="col">Environment</th><th scope="col">Connection</th>
          <th scope="col" className="num">Msg/s</th><th scope="col" className="num">Last msg</th>
          <th scope="col" className="num">Markets</th><th scope="col" className="num">Stale</th><th scope="col">Keys</th>
        </tr>
      </thead>
      <tbody>
        {venues.map((v) => (
          <tr key={v.venue}>
            <td>{v.name}</td><td>{v.environment}</td><td>{v.connection}</td>
            <td className="num">{v.messageRate.toFixed(1)}</td>
            <td className="num">{v.lastMessageAgeMs === null ? '—' : `${(v.lastMessageAgeMs / 1000).toFixed(1)} s`}</td>
            <td className="num">{v.markets}</td><td className="num">{v.staleBooks}</td>
            <td>{v.keysSet ? 'set' : 'not set'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
