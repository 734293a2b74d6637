import type { BreakerState } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';

export function RiskRearmDialog({ breaker, onConfirm, onCancel }: { breaker: BreakerState; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Re-arm the breaker?" onClose={onCancel}>
      <p>Orders will be allowed again{breaker.killSwitch ? ' and the kill switch released' : ''}.</p>
      {breaker.reason ? <p>It tripped because: <strong>{breaker.reason}</strong></p> : null}
      <p className="muted">Check why it tripped, and any unhedged basket in Positions, before you continue.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} data-autofocus>Cancel</button>
        <button type="button" className="primary" onClick={onConfirm}>Re-arm</button>
      </div>
    </Dialog>
  );
}
