import type { SessionStats } from '../../../shared/contract';
import { formatUsd, signOf } from '../format';

/** This session's numbers, always in view: opportunities seen, executed, fill rate, P&L today, trips. */
export function StatusBarStats({ stats }: { stats: SessionStats }) {
  const fillRate = stats.fillRate === null ? '—' : `${Math.round(stats.fillRate * 100)}%`;
  return (
    <span className="status-item session-stats" aria-label="Session statistics">
      <span title="Opportunities seen this session">Seen <b>{stats.opportunitiesSeen}</b></span>
      <span title="Executions this session">Executed <b>{stats.executions}</b></span>
      <span title="Filled legs over legs sent">Fill rate <b>{fillRate}</b></span>
      <span className={`pnl pnl-${signOf(stats.pnlToday)}`}>P&amp;L today <b>{formatUsd(stats.pnlToday, { sign: true })}</b></span>
      <span title="Breaker trips this session" className={stats.trips > 0 ? 'warn' : undefined}>Trips <b>{stats.trips}</b></span>
    </span>
  );
}
