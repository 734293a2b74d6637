// Re-arming asks first, wherever it was asked for (the Risk pane's button, the command palette),
// and a failure is shown in the Risk pane under the breaker.
import { create } from 'zustand';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';

interface RearmStore {
  asking: boolean;
  error: string | null;
}

export const useRearm = create<RearmStore>()(() => ({ asking: false, error: null }));

export function askRearm(): void {
  useRearm.setState({ asking: true });
}

export function cancelRearm(): void {
  useRearm.setState({ asking: false });
}

export async function confirmRearm(client: ArbdeskClient): Promise<void> {
  useRearm.setState({ asking: false });
  try {
    await client.call('rearm', {});
    useRearm.setState({ error: null });
  } catch (e) {
    useRearm.setState({ error: `Re-arm failed: ${describeError(e)}` });
  }
}
