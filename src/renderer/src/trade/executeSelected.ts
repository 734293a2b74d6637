// The selected opportunity's Execute, outside React: whether it may run now (the same gate the
// Execute button shows) and opening its confirmation. The Execute action is made of these.
import { useAppStore } from '../store/appStore';
import { executeBlockedReason } from './executeGate';
import { useTradeStore } from './tradeStore';

export function selectedExecuteBlockedReason(): string | null {
  const trade = useTradeStore.getState();
  const app = useAppStore.getState();
  const opportunity = trade.lastSelected;
  return executeBlockedReason({
    breaker: app.app?.breaker ?? null,
    opportunity,
    closed: trade.selectedClosed,
    running: opportunity ? (trade.running[opportunity.id] ?? false) : false,
    connected: app.connection === 'open',
  });
}

export function openSelectedConfirm(): void {
  const store = useTradeStore.getState();
  const id = store.lastSelected?.id;
  if (id === undefined) return;
  // Executing again plans again: the confirmation waits for a fresh analysis at this size.
  if (store.sent[id]) store.setSent(id, null);
  store.openConfirm(id);
}
