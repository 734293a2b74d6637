import { useEffect } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { useTradeStore } from './tradeStore';

const REFRESH_MS = 2000;

/** Keeps an analysis of the opportunity at `size` fresh while it is shown (books move under it). */
export function useAnalysis(client: ArbdeskClient, opportunityId: string | null, size: number, active: boolean): void {
  useEffect(() => {
    if (opportunityId === null || !active || !(size >= 1)) return;
    let stopped = false;
    let inFlight = false;
    const run = () => {
      if (inFlight) return;
      inFlight = true;
      void client.call('analyze', { opportunityId, targetSize: size }).then(
        (a) => {
          if (!stopped) useTradeStore.getState().setAnalysis(opportunityId, a);
        },
        (e: unknown) => {
          if (!stopped) useTradeStore.getState().setAnalysis(opportunityId, null, e instanceof Error ? e.message : String(e));
        },
      ).finally(() => {
        inFlight = false;
      });
    };
    run();
    const timer = setInterval(run, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, opportunityId, size, active]);
}
