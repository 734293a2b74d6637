import { useState } from 'react';
import type { PositionsView } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { EmptyState } from '../components/EmptyState';
import { formatUsd, signOf } from '../format';
import { isUnhedged } from '../desk/positions';
import { useAppStore } from '../store/appStore';
import { PositionsBasketRow } from './PositionsBasketRow';
import { PositionsUnwindDialog } from './PositionsUnwindDialog';
import { PositionsVenueTable } from './PositionsVenueTable';
import './PositionsTab.css';

type Basket = PositionsView['baskets'][number];

export function PositionsTab({ client }: { client: ArbdeskClient }) {
  const positions = useAppStore((s) => s.app?.positions);
  const [unwinding, setUnwinding] = useState<Basket | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  if (!positions) return null;
  const { totals } = positions;
  const unhedged = positions.baskets.filter(isUnhedged);

  const unwind = async (basket: Basket) => {
    setUnwinding(null);
    setOutcome({ ok: true, text: `Unwinding basket ${basket.id}…` });
    try {
      const r = await client.call('unwindBasket', { basketId: basket.id });
      const ok = r.status !== 'failed' && r.status !== 'refused';
      setOutcome({ ok, text: `Unwind of ${basket.id}: ${r.status}${r.reason ? ` — ${r.reason}` : ''}` });
    } catch (e) {
      setOutcome({ ok: false, text: `Unwind of ${basket.id} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  return (
    <div className="tab-body positions">
      <div className="positions-totals" aria-label="Totals">
        <span title="Profit after fees that complete baskets pay whatever happens, once their markets settle">Locked in <b className={`pnl-${signOf(totals.lockedIn)}`}>{formatUsd(totals.lockedIn, { sign: true })}</b></span>
        <span title="Profit or loss already paid out: settled markets, contracts sold">Realised <b className={`pnl-${signOf(totals.realised)}`}>{formatUsd(totals.realised, { sign: true })}</b></span>
        <span title="Realised since the trading day began (Risk: trading day time zone)">Realised today <b className={`pnl-${signOf(totals.pnlToday)}`}>{formatUsd(totals.pnlToday, { sign: true })}</b></span>
        <span title="Fees paid to the venues">Fees <b>{formatUsd(totals.fees)}</b></span>
        <span title="Cost of contracts not part of a complete basket: money at directional risk">Open exposure <b className={signOf(totals.openExposure) !== 0 ? 'warn' : undefined}>{formatUsd(totals.openExposure)}</b></span>
        {unhedged.length > 0 ? (
          <span role="status" className="unhedged-flag">{unhedged.length} unhedged basket{unhedged.length === 1 ? '' : 's'}</span>
        ) : null}
        <span className="muted positions-mode">{positions.mode.toUpperCase()} ledger</span>
      </div>
      {outcome ? <div role="status" className={outcome.ok ? 'muted' : 'danger'}>{outcome.text}</div> : null}
      <table aria-label="Positions" className="data-table positions-table">
        <thead>
          <tr>
            <th scope="col">Opened</th>
            <th scope="col">Strategy</th>
            <th scope="col">Legs</th>
            <th scope="col" className="num">Matched</th>
            <th scope="col" className="num">Unmatched</th>
            <th scope="col" className="num">Locked in</th>
            <th scope="col" className="num">Realised</th>
            <th scope="col" className="num">Fees</th>
            <th scope="col" className="num">Exposure</th>
            <th scope="col">Status</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {positions.baskets.map((b) => (
            <PositionsBasketRow key={b.id} basket={b} onUnwind={() => setUnwinding(b)} />
          ))}
        </tbody>
      </table>
      {positions.baskets.length === 0 ? (
        <EmptyState title={`No ${positions.mode} positions`}>Executed baskets, their locked-in profit and any open exposure appear here.</EmptyState>
      ) : null}
      <PositionsVenueTable venues={positions.venues} />
      {unwinding ? <PositionsUnwindDialog basket={unwinding} onConfirm={() => void unwind(unwinding)} onCancel={() => setUnwinding(null)} /> : null}
    </div>
  );
}
