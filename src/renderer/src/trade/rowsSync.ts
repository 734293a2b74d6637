// Keeps the table's rows, the edge history and the last-seen selected opportunity in step with the
// app store, outside React: one pass per store change (the store changes at most once a frame).
import type { Opportunity } from '../../../shared/contract';
import { useAppStore } from '../store/appStore';
import { EdgeHistory } from './edgeHistory';
import { heldRows, resortedRows, sortedRows } from './opportunityRows';
import { useTradeStore } from './tradeStore';

export const edgeHistory = new EdgeHistory();

const NONE: readonly Opportunity[] = [];

export function startRowsSync(): () => void {
  let opportunities: readonly Opportunity[] | null = null;
  let filter = useTradeStore.getState().filter;
  let sort = useTradeStore.getState().sort;
  let held = useTradeStore.getState().held;
  let selected: string | null = null;
  let sortedLive = false;

  const sync = () => {
    const app = useAppStore.getState();
    const trade = useTradeStore.getState();
    const current = app.app?.opportunities ?? NONE;
    // A new filter or sort is the trader's own request: it re-sorts even while held.
    const asked = trade.filter !== filter || trade.sort !== sort;
    const changed = current !== opportunities || asked || trade.held !== held;
    if (changed) {
      if (current !== opportunities) edgeHistory.record(current);
      opportunities = current;
      filter = trade.filter;
      sort = trade.sort;
      held = trade.held;
      const keep = held && !asked;
      // The previous rows are in live sort order unless the order was held or the trader re-sorted.
      const wasSorted = sortedLive && !asked;
      sortedLive = !keep;
      trade.setRows(keep ? heldRows(trade.rows, current, filter, sort) : wasSorted ? resortedRows(trade.rows, current, filter, sort) : sortedRows(current, filter, sort));
    }
    if (changed || app.selectedOpportunityId !== selected) {
      selected = app.selectedOpportunityId;
      const found = selected === null ? null : (current.find((o) => o.id === selected) ?? null);
      const last = trade.lastSelected;
      if (selected === null) {
        if (last !== null) trade.setLastSelected(null);
      } else if (found && found !== last) {
        trade.setLastSelected(found);
      } else if (!found && last?.id !== selected) {
        trade.setLastSelected(null);
      }
      trade.setSelectedClosed(selected !== null && !found && useTradeStore.getState().lastSelected?.id === selected);
    }
  };

  sync();
  const offApp = useAppStore.subscribe(sync);
  const offTrade = useTradeStore.subscribe((s, prev) => {
    if (s.filter !== prev.filter || s.sort !== prev.sort || s.held !== prev.held) sync();
  });
  return () => {
    offApp();
    offTrade();
  };
}
