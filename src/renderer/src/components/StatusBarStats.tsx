import type { PositionsView, SessionStats } from '../../../shared/contract';
import { formatUsd, signOf } from '../format';

/**
 * The money, always in view, each figure with its definition: profit locked in by complete
 * baskets, profit realised (settled or sold), and what is at directional risk. Then the session's
 * counts: opportunities seen, executions, fill rate.
 */
export function StatusBarStats({ stats, totals }: { stats: SessionStats; totals: PositionsView['totals'] }) {
  const fillRate = stats.fillRate === null ? '—' : `${Math.round(stats.fillRate * 100)}%`;
  const exposed = signOf(totals.openExposure) !== 0;
  return (
    <span className="status-item session-stats" aria-label="Session statistics">
      <span className={`pnl pnl-${signOf(totals.lockedIn)}`} title="Locked in: profit after fees that complete baskets pay whatever happens, once their markets settle">
        Locked in <b>{formatUsd(totals.lockedIn, { sign: true })}</b>
      </span>
      <span className={`pnl pnl-${signOf(totals.realised)}`} title={`Realised: profit or loss already paid out (settled markets, contracts sold); ${formatUsd(stats.pnlToday, { sign: true })} of it today`}>
        Realised <b>{formatUsd(totals.realised, { sign: true })}</b>
      </span>
      <span className={exposed ? 'warn' : undefined} title="Open exposure: the cost of contracts that are not part of a complete basket — money at directional risk">
        Exposure <b>{formatUsd(totals.openExposure)}</b>
      </span>
      <span className="stats-counts" title={`This session: ${stats.opportunitiesSeen} opportunities seen, ${stats.executions} executions, fill rate ${fillRate} (filled legs over legs sent), ${stats.trips} breaker trips`}>
        Seen <b>{stats.opportunitiesSeen}</b> · Executed <b>{stats.executions}</b> · Fills <b>{fillRate}</b>
      </span>
    </span>
  );
}
