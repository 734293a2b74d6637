import { useEffect, useRef } from 'react';
import type { Analysis, Mode, Opportunity } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { formatUsd, signOf } from '../format';
import { MarketLabel } from '../names/MarketLabel';
import { VenueChip } from '../names/VenueChip';
import { orderLines } from './orderPreview';

interface Props {
  opportunity: Opportunity;
  analysis: Analysis | null;
  size: number;
  mode: Mode;
  /** Why sending is not possible right now (stale book, breaker…): Send stays disabled meanwhile. */
  blockedReason: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** Exactly what Execute will send, and in which mode; Enter confirms, Esc cancels. */
export function ConfirmExecuteDialog({ opportunity, analysis, size, mode, blockedReason, onConfirm, onCancel }: Props) {
  const a = analysis && analysis.opportunityId === opportunity.id && analysis.targetSize === size ? analysis : null;
  const lines = orderLines(opportunity, a);
  // Send shows exactly what goes out: it waits for the engine's plan at this size.
  const blocked = blockedReason ?? (a === null ? `analysing the books at ${size.toLocaleString('en-US')} contracts…` : a.size === 0 ? 'nothing pays at this size on the books now' : null);
  const send = useRef<HTMLButtonElement>(null);
  // A disabled button drops the focus; when sending is possible again, Enter should send again.
  useEffect(() => {
    const active = document.activeElement;
    const elsewhere = active === null || active === document.body || (active instanceof HTMLElement && active.closest('[role="dialog"]') !== null && active.textContent !== 'Cancel');
    if (blocked === null && elsewhere) send.current?.focus();
  }, [blocked]);
  const totals = a ?? opportunity;
  return (
    <Dialog title="Execute this basket?" onClose={onCancel}>
      <div className={`confirm-mode confirm-mode-${mode}`} aria-label={`Mode: ${mode}`}>
        {mode === 'live' ? 'LIVE — real orders with real money' : 'PAPER — simulated fills, no money moves'}
      </div>
      <table className="data-table confirm-orders" aria-label="Orders to send">
        <thead>
          <tr>
            <th scope="col">Venue</th>
            <th scope="col">Market</th>
            <th scope="col">Side</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">Size</th>
            <th scope="col" className="num">Limit</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td><VenueChip venue={l.venue} long /></td>
              <td className="confirm-market"><MarketLabel m={l} /></td>
              <td>{l.side}</td>
              <td>{l.outcome.toUpperCase()}</td>
              <td className="num">{l.size.toLocaleString('en-US')}</td>
              <td className="num">{formatUsd(l.limitPrice, { decimals: 4 })}</td>
              <td>{l.orderType}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="confirm-totals">
        Cost {formatUsd(totals.cost)} · fees {formatUsd(totals.fees)} · payout {formatUsd(totals.payout)} · net{' '}
        <b className={`pnl-${signOf(totals.netProfit)}`}>{formatUsd(totals.netProfit, { sign: true })}</b>
        {a ? (
          <span className="confirm-worst-case">
            {' '}· worst case <b className="pnl--1">{formatUsd(`-${a.worstCase.loss}`, { sign: true })}</b>
            {a.worstCase.limit !== null ? ` (limit ${formatUsd(a.worstCase.limit)})` : ''} if one leg fills alone and is sold back
            {a.worstCase.withinLimit === false ? (
              <span className="warn">
                {' '}— over the limit: {a.worstCase.maxSize ? `at most ${a.worstCase.maxSize.toLocaleString('en-US')} contracts will be sent` : 'nothing will be sent'}
              </span>
            ) : null}
          </span>
        ) : null}
        {a?.ifVenuesDisagree ? (
          <span className="confirm-disagree">
            {' '}· <b className="pnl--1">{formatUsd(`-${a.ifVenuesDisagree.loss}`, { sign: true })}</b> if the venues resolve the linked markets differently ({a.ifVenuesDisagree.outcome})
          </span>
        ) : null}
      </p>
      <p className="muted confirm-note">
        Each leg is one immediate-or-cancel limit buy; nothing rests on a book. The engine re-checks the books and the breaker
        before sending: if the depth has gone it sends fewer contracts, or nothing.
      </p>
      {blocked ? <p className="execute-blocked" role={blockedReason ? 'alert' : 'status'}>{blockedReason ? 'Cannot send now — ' : 'Waiting: '}{blocked}</p> : null}
      <div className="dialog-actions confirm-actions">
        <button type="button" className={mode === 'live' ? 'danger-button' : 'primary'} ref={send} data-autofocus disabled={blocked !== null} onClick={onConfirm}>
          Send {lines.length} orders{mode === 'live' ? ' (LIVE)' : ''}
        </button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </Dialog>
  );
}
