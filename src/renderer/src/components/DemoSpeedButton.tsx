import { useState } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import { DEMO_SPEED, REAL_TIME, isDemoSpeed } from '../desk/simulator';
import { useAppStore } from '../store/appStore';

/** Runs the simulator's world at demo speed (prices move and arbitrage opens 10× as often), or back at real time. */
export function DemoSpeedButton({ client, compact = false }: { client: ArbdeskClient; compact?: boolean }) {
  const simulator = useAppStore((s) => s.app?.simulator ?? null);
  const fast = useAppStore((s) => isDemoSpeed(s.app));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (simulator === null) return null;
  const toggle = async () => {
    setBusy(true);
    try {
      await client.call('setSimulatorSpeed', { speed: fast ? REAL_TIME : DEMO_SPEED });
      setError(null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="demo-speed">
      <button
        type="button"
        aria-pressed={fast}
        disabled={busy}
        title={fast ? `The simulator runs at ${simulator.speed}× real time: click for real time` : `Run the simulator ${DEMO_SPEED}× faster: prices move and arbitrage opens more often`}
        onClick={() => void toggle()}
      >
        {compact ? `Sim ${simulator.speed}×` : fast ? `Demo speed on (${simulator.speed}×)` : `Demo speed (${DEMO_SPEED}×)`}
      </button>
      {error ? <span role="alert" className="danger"> {error}</span> : null}
    </span>
  );
}
