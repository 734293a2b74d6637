import type { BreakerState } from '../../../shared/contract';
import { formatTime } from '../format';

const TRIP_LABEL: Record<BreakerState['trips'][number]['kind'], string> = {
  kill_switch: 'Kill switch',
  max_position_per_market: 'Position per market',
  max_total_contracts: 'Total contracts',
  max_total_dollars: 'Total dollars',
  max_daily_loss: 'Daily loss',
  max_loss_per_trade: 'Loss per trade',
  consecutive_errors: 'Consecutive errors',
  probe_failed: 'Probe failed',
  unhedged_exposure: 'Unhedged exposure',
  fee_mismatch: 'Fee mismatch',
};

export function RiskTripHistory({ trips }: { trips: BreakerState['trips'] }) {
  return (
    <section aria-labelledby="trip-history-heading" className="trip-history">
      <h3 id="trip-history-heading">Trip history</h3>
      {trips.length === 0 ? (
        <p className="muted">No trips recorded.</p>
      ) : (
        <ol className="trips" aria-label="Trips">
          {trips.map((t, i) => (
            <li key={`${t.at}-${t.kind}-${i}`}>
              <time>{formatTime(t.at)}</time>
              <span className="trip-kind">{TRIP_LABEL[t.kind]}</span>
              <span>{t.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
