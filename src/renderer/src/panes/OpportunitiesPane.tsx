import { useEffect } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../store/appStore';
import { startRowsSync } from '../trade/rowsSync';
import { useTradeStore } from '../trade/tradeStore';
import { FirstRunHelp } from './FirstRunHelp';
import { OpportunitiesFilters } from './OpportunitiesFilters';
import { OpportunitiesTable } from './OpportunitiesTable';
import './Opportunities.css';

function openDetail() {
  document.getElementById('detail-pane')?.focus();
}

/** Says the order is held without taking any room: it never moves the table under the pointer. */
function HeldIndicator() {
  const held = useTradeStore((s) => s.held);
  return (
    <span className="held-indicator" aria-live="polite" data-held={held}>
      {held ? 'Order held while you point at the table' : ''}
    </span>
  );
}

export function OpportunitiesPane({ client }: { client: ArbdeskClient }) {
  useEffect(() => startRowsSync(), []);
  const total = useAppStore((s) => s.app?.opportunities.length ?? 0);
  const rowCount = useTradeStore((s) => s.rows.length);
  const shown = useTradeStore((s) => s.rows.filter((r) => !r.closed).length);
  return (
    <section className="pane pane-opportunities" aria-labelledby="opportunities-heading">
      <div className="pane-title opp-title">
        <h2 id="opportunities-heading">Opportunities</h2>
        <HeldIndicator />
      </div>
      <OpportunitiesFilters shown={shown} total={total} />
      <OpportunitiesTable onOpenDetail={openDetail} />
      {rowCount > 0 ? null : total === 0 ? (
        <FirstRunHelp client={client} />
      ) : (
        <EmptyState title="No opportunity matches the filters">Loosen the strategy, minimum profit or venue filter to see the {total} open.</EmptyState>
      )}
    </section>
  );
}
