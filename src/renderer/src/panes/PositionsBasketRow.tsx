import type { PositionsView } from '../../../shared/contract';
import { formatTime, formatUsd, signOf } from '../format';
import { isUnhedged, STATUS_LABEL } from '../desk/positions';
import { CopyId } from '../names/MarketLabel';
import { nameParts } from '../names/marketNames';
import { VenueChip } from '../names/VenueChip';
import { STRATEGY_LABEL } from '../trade/labels';

type Basket = PositionsView['baskets'][number];

export function PositionsBasketRow({ basket: b, onUnwind }: { basket: Basket; onUnwind: () => void }) {
  const unhedged = isUnhedged(b);
  return (
    <tr className={unhedged ? 'unhedged' : b.status === 'closed' || b.status === 'settled' ? 'done' : undefined} aria-label={`Basket ${b.id}`}>
      <td><time>{formatTime(b.openedAt)}</time></td>
      <td>{STRATEGY_LABEL[b.strategy]}</td>
      <td>
        <ul className="position-legs">
          {b.legs.map((l) => (
            <li key={`${l.market}-${l.outcome}`} title={`${nameParts(l).name} — ${l.market}`}>
              <VenueChip venue={l.venue} />{' '}
              <span className="num">{l.contracts}</span> <span className={`leg-outcome outcome-${l.outcome}`}>{l.outcome.toUpperCase()}</span>{' '}
              <span className="leg-title">{nameParts(l).name}</span>
              {l.avgPrice ? <span className="muted"> @ {formatUsd(l.avgPrice, { decimals: 4 })}</span> : null}
              {l.settledValue !== null ? <span className="muted"> · settled {formatUsd(l.settledValue)}</span> : null}
              {' '}<CopyId market={l.market} />
            </li>
          ))}
        </ul>
      </td>
      <td className="num">{b.matched}</td>
      <td className={`num${unhedged ? ' danger' : ''}`}>{b.unmatched}</td>
      <td className={`num pnl-${signOf(b.lockedIn)}`}>{formatUsd(b.lockedIn, { sign: true })}</td>
      <td className={`num pnl-${signOf(b.realised)}`}>{formatUsd(b.realised, { sign: true })}</td>
      <td className="num">{formatUsd(b.fees)}</td>
      <td className={`num${signOf(b.openExposure) !== 0 ? ' warn' : ''}`}>{formatUsd(b.openExposure)}</td>
      <td>
        <span className={`basket-status status-${b.status}`}>{STATUS_LABEL[b.status]}</span>
        {b.settledAt !== null ? <span className="muted"> {formatTime(b.settledAt)}</span> : null}
        {b.outcome ? <SettlementOutcome outcome={b.outcome} /> : null}
      </td>
      <td>
        {unhedged ? (
          <button type="button" className="unwind" onClick={onUnwind}>Unwind</button>
        ) : null}
      </td>
    </tr>
  );
}

const OUTCOME_WORD = { as_expected: 'paid as locked in', short: 'venues disagreed', over: 'paid more than locked in' } as const;

/** How a settled basket paid against what it locked in, and the capital it released. */
function SettlementOutcome({ outcome: o }: { outcome: NonNullable<Basket['outcome']> }) {
  const title = `Paid ${formatUsd(o.payout)} where the matched units promised ${formatUsd(o.expected)}; ${formatUsd(o.capital)} of capital (cost and fees) released`;
  return (
    <div className={`settlement-outcome outcome-${o.kind}${o.kind === 'short' ? ' danger' : ''}`} title={title} aria-label={`Settlement: ${OUTCOME_WORD[o.kind]}`}>
      {OUTCOME_WORD[o.kind]} · paid {formatUsd(o.payout)}{o.kind !== 'as_expected' ? ` of ${formatUsd(o.expected)}` : ''} · {formatUsd(o.capital)} released
    </div>
  );
}
