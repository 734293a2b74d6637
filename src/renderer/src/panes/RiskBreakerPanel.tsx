import { killSwitchAction } from '../../../shared/actions';
import type { BreakerState, Limits } from '../../../shared/contract';
import { ActionButton } from '../actions/ActionButton';
import { rearmAction } from '../actions/windowActions';
import { breakerHeadline, breakerMeaning } from '../desk/breaker';
import { formatAge, formatTime, formatUsd } from '../format';

/** The breaker's own term, for those who know circuit breakers. */
const STATE_TERM = { closed: 'breaker closed', open: 'breaker open', half_open: 'breaker half-open' } as const;

interface Props {
  breaker: BreakerState;
  limits: Limits;
  now: number;
}

export function RiskBreakerPanel({ breaker, limits, now }: Props) {
  const head = breakerHeadline(breaker);
  return (
    <section className={`breaker-card breaker-card-${breaker.killSwitch ? 'killed' : breaker.state}`} aria-label="Breaker">
      <div className="breaker-head">
        <div>
          <div className="breaker-big">
            {head.word}
            {breaker.killSwitch ? <span className="breaker-kill"> · KILL SWITCH</span> : null}
            <span className="breaker-term muted"> ({STATE_TERM[breaker.state]})</span>
          </div>
          <div className="muted">{breakerMeaning(breaker, limits)}</div>
        </div>
        <div className="breaker-buttons">
          <ActionButton action={killSwitchAction} className="kill-switch-large" />
          <ActionButton action={rearmAction} />
        </div>
      </div>
      <dl className="breaker-facts">
        <dt>Why</dt>
        <dd>{breaker.reason ?? <span className="muted">—</span>}</dd>
        <dt>Since</dt>
        <dd>{breaker.trippedAt !== null ? `${formatTime(breaker.trippedAt)} (${formatAge(now - breaker.trippedAt)} ago)` : <span className="muted">—</span>}</dd>
        {breaker.cooldownEndsAt !== null && breaker.state === 'open' && !breaker.killSwitch ? (
          <>
            <dt>Half-open at</dt>
            <dd>{formatTime(breaker.cooldownEndsAt)}{breaker.cooldownEndsAt > now ? ` (in ${formatAge(breaker.cooldownEndsAt - now)})` : ''}</dd>
          </>
        ) : null}
        <dt>Consecutive errors</dt>
        <dd>{breaker.consecutiveErrors} of {limits.maxConsecutiveErrors}</dd>
        <dt>Loss today</dt>
        <dd>{formatUsd(breaker.dailyLoss)} of {formatUsd(limits.maxDailyLoss)}</dd>
      </dl>
    </section>
  );
}
