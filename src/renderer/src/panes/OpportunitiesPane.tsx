import { EmptyState } from '../components/EmptyState';
import { formatAge, formatUsd } from '../format';
import { useAppStore } from '../store/appStore';

const STRATEGY_LABEL = {
  single_market: 'Single market',
  cross_venue: 'Cross venue',
  multi_outcome: 'Multi outcome',
  conditional: 'Conditional',
} as const;

export function OpportunitiesPane() {
  const app = useAppStore((s) => s.app);
  const selected = useAppStore((s) => s.selectedOpportunityId);
  const select = useAppStore((s) => s.selectOpportunity);
  const opportunities = app?.opportunities ?? [];
  const now = app?.engine.now ?? 0;
  return (
    <section className="pane pane-opportunities" aria-labelledby="opportunities-heading">
      <h2 id="opportunities-heading" className="pane-title">Opportunities</h2>
      <div className="table-scroll">
        <table aria-label="Opportunities" className="data-table">
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Markets</th>
              <th scope="col" className="num">Size</th>
              <th scope="col" className="num">Cost</th>
              <th scope="col" className="num">Fees</th>
              <th scope="col" className="num">Net</th>
              <th scope="col" className="num">Edge</th>
              <th scope="col" className="num">Age</th>
            </tr>
          </thead>
          <tbody>
            {opportunities.map((o) => (
              <tr
                key={o.id}
                aria-selected={o.id === selected}
                className={o.stale ? 'stale' : undefined}
                onClick={() => select(o.id)}
              >
                <td>{STRATEGY_LABEL[o.strategy]}</td>
                <td className="markets">{o.legs.map((l) => `${l.outcome.toUpperCase()} ${l.market}`).join(' · ')}</td>
                <td className="num">{o.size}</td>
                <td className="num">{formatUsd(o.cost)}</td>
                <td className="num">{formatUsd(o.fees)}</td>
                <td className="num profit">{formatUsd(o.netProfit, { sign: true })}</td>
                <td className="num">{formatUsd(o.edge, { decimals: 4 })}</td>
                <td className="num">{formatAge(now - o.firstSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {opportunities.length === 0 ? (
          <EmptyState title="No opportunities right now">
            {app && app.venues.length === 0
              ? 'No venue is connected yet. Baskets that pay more than they cost after fees appear here as soon as books arrive.'
              : 'Baskets that pay more than they cost after fees appear here the moment they open.'}
          </EmptyState>
        ) : null}
      </div>
    </section>
  );
}
