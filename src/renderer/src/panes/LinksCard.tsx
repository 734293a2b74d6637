import type { MarketLink } from '../../../shared/contract';
import { formatTime } from '../format';
import { LinksSide } from './LinksSide';

export function LinksCard({ link, onConfirm, onReject }: { link: MarketLink; onConfirm: () => void; onReject: () => void }) {
  const score = Math.round(link.score * 100);
  return (
    <li className="link-card" aria-label={`${link.kalshi.title} ⇄ ${link.polymarket.title}`}>
      <div className="link-head">
        <span className={`link-score score-${score >= 85 ? 'high' : score >= 60 ? 'mid' : 'low'}`}>{score}%</span>
        {link.reasons.length > 0 ? <span className="muted link-reasons">{link.reasons.join(' · ')}</span> : null}
        <span className="link-actions">
          {link.decidedAt !== null ? <span className="muted">{link.status} {formatTime(link.decidedAt)}</span> : null}
          {link.status !== 'confirmed' ? <button type="button" className="primary" onClick={onConfirm}>Confirm</button> : null}
          {link.status !== 'rejected' ? <button type="button" onClick={onReject}>Reject</button> : null}
        </span>
      </div>
      <div className="link-sides">
        <LinksSide venue="Kalshi" side={link.kalshi} />
        <LinksSide venue="Polymarket" side={link.polymarket} />
      </div>
    </li>
  );
}
