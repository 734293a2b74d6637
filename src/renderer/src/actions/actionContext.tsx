import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { parseKeys, type KeyChord } from '../../../shared/keys';
import type { ArbdeskClient } from '../bridge/client';
import { engageKillSwitch } from '../risk/killSwitch';
import { useAppStore } from '../store/appStore';
import { useTradeStore } from '../trade/tradeStore';
import type { WindowAction, WindowContext } from './windowActions';

export const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function windowContext(client: ArbdeskClient): WindowContext {
  return {
    client,
    state: () => useAppStore.getState().app,
    // The window's kill switch never fails silently: it retries until the engine confirms.
    engageKillSwitch: () => engageKillSwitch(client),
  };
}

const Context = createContext<WindowContext | null>(null);

export function ActionsProvider({ client, children }: { client: ArbdeskClient; children: ReactNode }) {
  const ctx = useMemo(() => windowContext(client), [client]);
  return <Context.Provider value={ctx}>{children}</Context.Provider>;
}

export function useWindowContext(): WindowContext {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('an action was used outside ActionsProvider');
  return ctx;
}

/** The stores an action's `enabled` reads. */
function subscribeStores(changed: () => void): () => void {
  const offs = [useAppStore.subscribe(changed), useTradeStore.subscribe(changed)];
  return () => offs.forEach((off) => off());
}

/** Why the action cannot run now (null: it can), kept current. */
export function useActionReason(action: WindowAction): string | null {
  const ctx = useWindowContext();
  return useSyncExternalStore(subscribeStores, () => action.enabled(ctx));
}

/** Runs it if it is enabled now; says whether it ran. */
export function runAction(action: WindowAction, ctx: WindowContext): boolean {
  if (action.enabled(ctx) !== null) return false;
  action.run(ctx);
  return true;
}

const chords = new Map<string, KeyChord>();
export function chordOf(action: WindowAction): KeyChord | null {
  if (action.keys === undefined) return null;
  let chord = chords.get(action.keys);
  if (!chord) {
    chord = parseKeys(action.keys);
    chords.set(action.keys, chord);
  }
  return chord;
}
