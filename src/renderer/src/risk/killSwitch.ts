// The kill switch from the UI never fails silently. Pressed while the engine cannot be reached, it
// says so at once — blocking, in red — and keeps trying (every second, and the moment the
// connection returns) until the engine confirms it, or the trader stops it.
import { create } from 'zustand';
import type { KillSwitchResult } from '../../../shared/contract';
import { ClientError, type ArbdeskClient } from '../bridge/client';
import { useAppStore } from '../store/appStore';

const RETRY_MS = 1000;

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
    stopWatching?.();
    stopWatching = null;
  } catch (e) {
    // The trader may have stopped retrying meanwhile.
    if (useKillSwitch.getState().pending === null && before !== null) return;
    const unreachable = e instanceof ClientError ? e.error.code === 'unavailable' : true;
    useKillSwitch.setState({ pending: { since: before?.since ?? Date.now(), attempts, unreachable, lastError: e instanceof Error ? e.message : String(e) } });
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

export function retryKillSwitchNow(): void {
  void attempt();
}

/** The trader gives up on delivering it (e.g. the engine was stopped by hand). */
export function stopKillSwitchRetries(): void {
  clearTimer();
  stopWatching?.();
  stopWatching = null;
  useKillSwitch.setState({ pending: null });
}
