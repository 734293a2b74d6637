import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../store/appStore';
import { startRowsSync } from '../trade/rowsSync';
import { useTradeStore } from '../trade/tradeStore';
import { OpportunitiesFilters } from './OpportunitiesFilters';
import { OpportunitiesTable } from './OpportunitiesTable';
import './Opportunities.css';

function openDetail() {
  document.getElementById('detail-pane')?.focus();
}

export function OpportunitiesPane() {
  useEffect(() => startRowsSync(), []);
  const total = useAppStore((s) => s.app?.opportunities.length ?? 0);
  const noVenues = useAppStore((s) => (s.app ? s.app.venues.length === 0 : false));
  const rowCount = useTradeStore((s) => s.rows.length);
  const shown = useTradeStore((s) => s.rows.filter((r) => !r.closed).length);
  return (
    <section className="pane pane-opportunities" aria-labelledby="opportunities-heading">
      <h2 id="opportunities-heading" className="pane-title">Opportunities</h2>
      <OpportunitiesFilters shown={shown} total={total} />
      <OpportunitiesTable onOpenDetail={openDetail} />
      {rowCount > 0 ? null : total === 0 ? (
        <EmptyState title="No opportunities right now">
          {noVenues
            ? 'No venue is connected yet. Baskets that pay more than they cost after fees appear here as soon as books arrive.'
            : 'Baskets that pay more than they cost after fees appear here the moment they open.'}
        </EmptyState>
      ) : (
        <EmptyState title="No opportunity matches the filters">Loosen the strategy, minimum profit or venue filter to see the {total} open.</EmptyState>
      )}
    </section>
  );
}
