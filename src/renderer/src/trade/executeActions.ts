import type { ArbdeskClient } from '../bridge/client';
import { useTradeStore } from './tradeStore';

/** Sends the execute command and keeps its outcome (result, or the engine's refusal) for the detail. */
export async function runExecution(client: ArbdeskClient, opportunityId: string, size: number): Promise<void> {
  const store = useTradeStore.getState();
  store.closeConfirm();
  const analysis = store.analyses[opportunityId];
  // What the trader confirmed, frozen: the books move after the send, the plan shown with the result must not.
  store.setSent(opportunityId, { analysis: analysis && analysis.targetSize === size ? analysis : null, size, at: Date.now() });
  const worst = analysis?.worstCase;
  const asked = { requested: size, ...(worst && worst.limit !== null && worst.maxSize !== null ? { lossLimit: { limit: worst.limit, maxSize: worst.maxSize } } : {}) };
  store.setRunning(opportunityId, true);
  try {
    const result = await client.call('execute', { opportunityId, size });
    useTradeStore.getState().setOutcome(opportunityId, { ok: true, result, ...asked });
  } catch (e) {
    useTradeStore.getState().setOutcome(opportunityId, { ok: false, error: e instanceof Error ? e.message : String(e), ...asked });
  } finally {
    useTradeStore.getState().setRunning(opportunityId, false);
  }
}
