import { useEffect } from 'react';
import type { Opportunity } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { useTradeStore } from './tradeStore';

/**
 * Asks the engine once per opportunity why its basket pays (the explanation depends on the legs,
 * not on the books); asked again only when the links change, since a confirmation may be undone.
 */
export function useExplanation(client: ArbdeskClient, opportunity: Opportunity | null, linksVersion: unknown): string | null {
  const id = opportunity?.id ?? null;
  const strategy = opportunity?.strategy;
  const legsKey = opportunity ? opportunity.legs.map((l) => `${l.outcome}@${l.market}`).join('|') : '';
  useEffect(() => {
    if (id === null || strategy === undefined || legsKey === '') return;
    let stopped = false;
    const legs = legsKey.split('|').map((s) => {
      const at = s.indexOf('@');
      return { outcome: s.slice(0, at) as 'yes' | 'no', market: s.slice(at + 1) };
    });
    client.call('explainBasket', { strategy, legs }).then(
      (e) => {
        if (!stopped) useTradeStore.getState().setExplanation(id, e);
      },
      (e: unknown) => console.warn(`ArbDesk: could not explain ${id}: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      stopped = true;
    };
  }, [client, id, strategy, legsKey, linksVersion]);
  return id;
}
