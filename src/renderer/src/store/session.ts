import type { ContractEvent } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { useAppStore } from './appStore';
import { coalesceOpportunityDeltas } from './coalesce';

/**
 * Connects the store to the engine: a snapshot on every (re)connect, then pushed events applied in
 * batches, once per animation frame, so a burst of updates costs one render. A snapshot from an
 * engine that started since the last one (a restart) is said on screen.
 */
export function startSession(client: ArbdeskClient): () => void {
  const store = useAppStore.getState();
  let queue: ContractEvent[] = [];
  let frame: number | null = null;
  let loading = false;
  let buffered: ContractEvent[] = [];
  let engineStartedAt: number | null = null;

  const flush = () => {
    frame = null;
    const batch = queue;
    queue = [];
    if (batch.length > 0) useAppStore.getState().applyEvents(coalesceOpportunityDeltas(batch));
  };

  const offEvent = client.onEvent((event) => {
    if (loading) {
      buffered.push(event);
      return;
    }
    queue.push(event);
    frame ??= requestAnimationFrame(flush);
  });

  const load = async () => {
    loading = true;
    buffered = [];
    try {
      const snapshot = await client.call('getState', {});
      if (engineStartedAt !== null && snapshot.engine.startedAt !== engineStartedAt) store.setEngineRestarted(snapshot.engine.startedAt);
      engineStartedAt = snapshot.engine.startedAt;
      store.setSnapshot(snapshot);
      store.applyEvents(buffered);
    } catch (e) {
      store.setLoadError(e instanceof Error ? e.message : String(e));
    } finally {
      loading = false;
      buffered = [];
    }
  };

  const offConnection = client.onConnection((state) => {
    useAppStore.getState().setConnection(state);
    if (state === 'open') void load();
  });

  return () => {
    offEvent();
    offConnection();
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
