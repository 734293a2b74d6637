import { useState } from 'react';
import type { ArbdeskClient } from '../bridge/client';
import { Dialog } from '../components/Dialog';
import { formatTime, formatUsd } from '../format';
import { useAppStore } from '../store/appStore';

export function RiskTab({ client }: { client: ArbdeskClient }) {
  const breaker = useAppStore((s) => s.app?.breaker);
  const limits = useAppStore((s) => s.app?.limits);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!breaker || !limits) return null;
  const rearm = async () => {
    setConfirming(false);
    try {
      await client.call('rearm', {});
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="tab-body risk">
      <div className={`breaker-panel breaker-${breaker.state}`}>
        <div>
          Breaker <strong>{breaker.state.replace('_', '-').toUpperCase()}</strong>
          {breaker.killSwitch ? <strong className="danger"> · kill switch engaged</strong> : null}
        </div>
        {breaker.reason ? <div className="muted">Why: {breaker.reason}{breaker.trippedAt ? ` (at ${formatTime(breaker.trippedAt)})` : ''}</div> : null}
        <button type="button" disabled={breaker.state === 'closed' && !breaker.killSwitch} onClick={() => setConfirming(true)}>
          Re-arm
        </button>
        {error ? <div role="alert" className="danger">{error}</div> : null}
      </div>
      <dl className="limits">
        <dt>Max position per market</dt><dd>{limits.maxPositionPerMarket.toLocaleString()} contracts</dd>
        <dt>Max total position</dt><dd>{limits.maxTotalContracts.toLocaleString()} contracts · {formatUsd(limits.maxTotalDollars)}</dd>
        <dt>Max daily loss</dt><dd>{formatUsd(limits.maxDailyLoss)}</dd>
        <dt>Max loss per trade</dt><dd>{formatUsd(limits.maxLossPerTrade)}</dd>
        <dt>Max consecutive errors</dt><dd>{limits.maxConsecutiveErrors}</dd>
        <dt>Cooldown before half-open</dt><dd>{limits.cooldownSeconds} s</dd>
        <dt>Probe size (half-open)</dt><dd>{limits.probeSize} contracts</dd>
      </dl>
      <h3>Trip history</h3>
      {breaker.trips.length === 0 ? (
        <p className="muted">No trips this session.</p>
      ) : (
        <ol className="trips">
          {breaker.trips.map((t) => (
            <li key={`${t.at}-${t.kind}`}><time>{formatTime(t.at)}</time> {t.kind}: {t.reason}</li>
          ))}
        </ol>
      )}
      {confirming ? (
        <Dialog title="Re-arm the breaker?" onClose={() => setConfirming(false)}>
          <p>Orders will be allowed again. Check why it tripped before you continue.</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)} data-autofocus>Cancel</button>
            <button type="button" className="primary" onClick={() => void rearm()}>Re-arm</button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
