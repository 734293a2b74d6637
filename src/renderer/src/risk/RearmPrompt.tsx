import type { ArbdeskClient } from '../bridge/client';
import { RiskRearmDialog } from '../panes/RiskRearmDialog';
import { useAppStore } from '../store/appStore';
import { cancelRearm, confirmRearm, useRearm } from './rearm';

/** The re-arm confirmation, over whatever is on screen. */
export function RearmPrompt({ client }: { client: ArbdeskClient }) {
  const asking = useRearm((s) => s.asking);
  const breaker = useAppStore((s) => s.app?.breaker);
  if (!asking || !breaker) return null;
  return <RiskRearmDialog breaker={breaker} onConfirm={() => void confirmRearm(client)} onCancel={cancelRearm} />;
}
