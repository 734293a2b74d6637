import type { ContractEvent } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { useAppStore } from './appStore';
import { coalesceOpportunityDeltas } from './coalesce';
import { readLinksInPages } from './linkPages';

/**
 * Connects the store to the engine: a snapshot on every (re)connect, then pushed events applied in
 * batches, once per animation frame, so a burst of updates costs one render. The snapshot leaves
 * the links list out; it follows in pages, queued among the pushed events. A snapshot from an
 * engine that started since the last one (a restart) is said on screen.
 */
export function startSession(client: ArbdeskClient): () => void {
  const store = useAppStore.getState();
  let queue: ContractEvent[] = [];
  let frame: number | null = null;
  let loading = false;
  let buffered: ContractEvent[] = [];
  let engineStartedAt: number | null = null;
  let loads = 0;

  const flush = () => {
    frame = null;
    const batch = queue;
    queue = [];
    if (batch.length > 0) useAppStore.getState().applyEvents(coalesceOpportunityDeltas(batch));
  };

  const enqueue = (event: ContractEvent) => {
    queue.push(event);
    frame ??= requestAnimationFrame(flush);
  };
  const offEvent = client.onEvent((event) => {
    if (loading) {
      buffered.push(event);
      return;
    }
    enqueue(event);
  });

  const load = async () => {
    const load = ++loads;
    loading = true;
    buffered = [];
    let loaded = false;
    try {
      const snapshot = await client.call('getState', { linksInPages: true });
      if (engineStartedAt !== null && snapshot.engine.startedAt !== engineStartedAt) store.setEngineRestarted(snapshot.engine.startedAt);
      engineStartedAt = snapshot.engine.startedAt;
      store.setSnapshot(snapshot);
      store.applyEvents(buffered);
      loaded = true;
    } catch (e) {
      store.setLoadError(e instanceof Error ? e.message : String(e));
    } finally {
      loading = false;
      buffered = [];
    }
    if (!loaded) return;
    try {
      await readLinksInPages(client, (payload) => enqueue({ event: 'links', payload }), () => load === loads);
    } catch (e) {
      // A dropped connection says so itself, and the reconnect reads the list again.
      if (load === loads && useAppStore.getState().connection === 'open') store.setLoadError(`The links list could not be read: ${e instanceof Error ? e.message : String(e)}`);
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
