import type { ArbdeskClient } from '../bridge/client';
import { useNow } from '../lib/useNow';
import { useRearm } from '../risk/rearm';
import { useAppStore } from '../store/appStore';
import { RiskBreakerPanel } from './RiskBreakerPanel';
import { RiskLimitsForm } from './RiskLimitsForm';
import { RiskTripHistory } from './RiskTripHistory';
import './RiskTab.css';

export function RiskTab({ client }: { client: ArbdeskClient }) {
  const breaker = useAppStore((s) => s.app?.breaker);
  const limits = useAppStore((s) => s.app?.limits);
  const error = useRearm((s) => s.error);
  const now = useNow();
  if (!breaker || !limits) return null;

  return (
    <div className="tab-body risk">
      <div className="risk-columns">
        <div className="risk-left">
          <RiskBreakerPanel breaker={breaker} limits={limits} now={now} />
          {error ? <div role="alert" className="danger">{error}</div> : null}
          <RiskTripHistory trips={breaker.trips} />
        </div>
        <RiskLimitsForm client={client} limits={limits} />
      </div>
    </div>
  );
}
