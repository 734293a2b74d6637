// The kill switch from the UI never fails silently. Pressed while the engine cannot be reached, it
// says so at once — blocking, in red — and keeps trying (every second, and the moment the
// connection returns) until the engine confirms it, or the trader stops it.
import { create } from 'zustand';
import type { KillSwitchResult } from '../../../shared/contract';
import { ClientError, type ArbdeskClient } from '../bridge/client';
import { useAppStore } from '../store/appStore';

const RETRY_MS = 1000;
/** Survives a reload of this tab (a new address after an engine restart): a pending kill switch is not forgotten. */
const PENDING_KEY = 'arbdesk.killSwitchPending';

function remember(pending: boolean): void {
  try {
    if (pending) window.sessionStorage.setItem(PENDING_KEY, String(Date.now()));
    else window.sessionStorage.removeItem(PENDING_KEY);
  } catch {
    // No storage: the pending state lives in this page only.
  }
}

export interface KillSwitchStore {
  /** Not delivered yet: since when, how many tries, the last failure. */
  pending: { since: number; attempts: number; unreachable: boolean; lastError: string } | null;
  /** The last delivery: when, after how many tries, what the engine did. */
  delivered: { at: number; attempts: number; result: KillSwitchResult } | null;
}

export const useKillSwitch = create<KillSwitchStore>()(() => ({ pending: null, delivered: null }));

let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight = false;
let activeClient: ArbdeskClient | null = null;
let stopWatching: (() => void) | null = null;

function clearTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

async function attempt(): Promise<void> {
  const client = activeClient;
  if (!client || inFlight) return;
  inFlight = true;
  clearTimer();
  const before = useKillSwitch.getState().pending;
  const attempts = (before?.attempts ?? 0) + 1;
  try {
    const result = await client.call('killSwitch', {});
    useKillSwitch.setState({ pending: null, delivered: { at: Date.now(), attempts, result } });
    remember(false);
    stopWatching?.();
    stopWatching = null;
  } catch (e) {
    // The trader may have stopped retrying meanwhile.
    if (useKillSwitch.getState().pending === null && before !== null) return;
    const unreachable = e instanceof ClientError ? e.error.code === 'unavailable' : true;
    useKillSwitch.setState({ pending: { since: before?.since ?? Date.now(), attempts, unreachable, lastError: e instanceof Error ? e.message : String(e) } });
    remember(true);
    timer = setTimeout(() => void attempt(), RETRY_MS);
    // And at once when the engine is back.
    stopWatching ??= useAppStore.subscribe((s, prev) => {
      if (s.connection === 'open' && prev.connection !== 'open' && useKillSwitch.getState().pending) void attempt();
    });
  } finally {
    inFlight = false;
  }
}

/** Engages the kill switch; retries until delivered. */
export function engageKillSwitch(client: ArbdeskClient): void {
  activeClient = client;
  void attempt();
}

/** At start: a kill switch still pending when this tab reloaded is engaged again, at once. */
export function resumePendingKillSwitch(client: ArbdeskClient): void {
  let since: string | null;
  try {
    since = window.sessionStorage.getItem(PENDING_KEY);
  } catch {
    since = null;
  }
  if (since === null) return;
  useKillSwitch.setState({ pending: { since: Number(since) || Date.now(), attempts: 0, unreachable: true, lastError: 'not delivered before this window reloaded' } });
  engageKillSwitch(client);
}

export function retryKillSwitchNow(): void {
  void attempt();
}

/** The trader gives up on delivering it (e.g. the engine was stopped by hand). */
export function stopKillSwitchRetries(): void {
  clearTimer();
  stopWatching?.();
  stopWatching = null;
  remember(false);
  useKillSwitch.setState({ pending: null });
}
