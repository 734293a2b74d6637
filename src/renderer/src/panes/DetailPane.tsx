import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../store/appStore';

export function DetailPane() {
  const selected = useAppStore((s) => s.app?.opportunities.find((o) => o.id === s.selectedOpportunityId) ?? null);
  return (
    <section className="pane pane-detail" aria-labelledby="detail-heading">
      <h2 id="detail-heading" className="pane-title">Detail</h2>
      {selected ? (
        <div className="detail-summary">{selected.legs.length}-leg {selected.strategy} basket, {selected.size} contracts</div>
      ) : (
        <EmptyState title="Nothing selected">
          Select an opportunity to see the depth chart of every leg, its edge over time, and the execution plan.
        </EmptyState>
      )}
    </section>
  );
}
