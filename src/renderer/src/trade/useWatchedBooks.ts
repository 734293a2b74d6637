import { useEffect } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { useAppStore } from '../store/appStore';

const SETTLE_MS = 150;

/**
 * Streams the books of `markets` while the detail shows them: watchMarket once the selection has
 * settled (arrowing through the table does not subscribe to every row passed), unwatchMarket when
 * it changes or the detail closes.
 */
export function useWatchedBooks(client: ArbdeskClient, markets: readonly string[]): void {
  const key = [...new Set(markets)].sort().join('\n');
  useEffect(() => {
    if (key === '') return;
    const list = key.split('\n');
    let watched: string[] = [];
    let cancelled = false;
    const timer = setTimeout(() => {
      watched = list;
      for (const market of list) {
        client.call('watchMarket', { market }).then(
          (book) => {
            if (!cancelled) useAppStore.getState().applyEvents([{ event: 'book', payload: book }]);
          },
          (e: unknown) => console.warn(`ArbDesk: could not watch ${market}: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      for (const market of watched) client.call('unwatchMarket', { market }).catch(() => undefined);
    };
  }, [client, key]);
}
