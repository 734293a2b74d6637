import { useState } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { describeError } from '../desk/errors';
import { useNow } from '../lib/useNow';
import { useAppStore } from '../store/appStore';
import { RiskBreakerPanel } from './RiskBreakerPanel';
import { RiskLimitsForm } from './RiskLimitsForm';
import { RiskRearmDialog } from './RiskRearmDialog';
import { RiskTripHistory } from './RiskTripHistory';
import './RiskTab.css';

export function RiskTab({ client, onKillSwitch }: { client: ArbdeskClient; onKillSwitch: () => void }) {
  const breaker = useAppStore((s) => s.app?.breaker);
  const limits = useAppStore((s) => s.app?.limits);
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!breaker || !limits) return null;

  const rearm = async () => {
    setConfirming(false);
    try {
      await client.call('rearm', {});
      setError(null);
    } catch (e) {
      setError(`Re-arm failed: ${describeError(e)}`);
    }
  };

  return (
    <div className="tab-body risk">
      <div className="risk-columns">
        <div className="risk-left">
          <RiskBreakerPanel breaker={breaker} limits={limits} now={now} onKillSwitch={onKillSwitch} onRearm={() => setConfirming(true)} />
          {error ? <div role="alert" className="danger">{error}</div> : null}
          <RiskTripHistory trips={breaker.trips} />
        </div>
        <RiskLimitsForm client={client} limits={limits} />
      </div>
      {confirming ? <RiskRearmDialog breaker={breaker} onConfirm={() => void rearm()} onCancel={() => setConfirming(false)} /> : null}
    </div>
  );
}
