import { useState } from 'react';
import type { MarketLink } from '../../../shared/contract';
import { linkSourcesDiffer, scoreTone } from '../desk/links';
import { formatCloseTime, formatTime, formatUntil } from '../format';
import { MarketLabel } from '../names/MarketLabel';
import { LinksSide } from './LinksSide';

const HOUR = 3_600_000;

/** One link, compact: score, both markets by name, what to check; the rules and reasons one click away. */
export function LinksRow({ link, onConfirm, onReject }: { link: MarketLink; onConfirm: () => void; onReject: () => void }) {
  const [open, setOpen] = useState(false);
  const score = Math.round(link.score * 100);
  const differ = linkSourcesDiffer(link);
  const [a, b] = link.sides;
  const kc = a.closeTime;
  const pc = b.closeTime;
  const apart = kc !== null && pc !== null ? Math.abs(kc - pc) : null;
  const name = `${a.name ?? a.title} ⇄ ${b.name ?? b.title}`;
  return (
    <tbody className={`link-row link-${link.status}`} aria-label={name}>
      <tr>
        <td className="num"><span className={`link-score score-${scoreTone(link)}`} title={link.reasons.join('\n')}>{score}%</span></td>
        {link.sides.map((s) => <td key={s.market}><MarketLabel m={{ market: s.market, title: s.name ?? s.title, label: s.label }} /></td>)}
        <td className="link-checks">
          {differ ? <div className="warn">Sources differ: {differ}</div> : null}
          {apart !== null && apart > HOUR ? <div className="warn">Close {formatUntil(apart, 0).replace(/^in /, '')} apart</div> : null}
          {kc !== null ? <div className="muted" title={formatCloseTime(kc)}>Closes {formatCloseTime(kc).split(' · ')[0]}</div> : null}
          {link.simulatorTruth ? <div className={link.simulatorTruth === 'equivalent' ? 'sim-true' : 'warn'}>Simulator: {link.simulatorTruth === 'equivalent' ? 'same proposition' : 'different propositions'}</div> : null}
        </td>
        <td className="link-actions">
          {link.decidedAt !== null ? <span className="muted">{link.status} {formatTime(link.decidedAt)}</span> : null}
          {link.status !== 'confirmed' ? <button type="button" className="primary" onClick={onConfirm} aria-label={`Confirm ${name}`}>Confirm</button> : null}
          {link.status !== 'rejected' ? <button type="button" onClick={onReject} aria-label={`Reject ${name}`}>Reject</button> : null}
          <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>{open ? 'Hide rules' : 'Rules'}</button>
        </td>
      </tr>
      {open ? (
        <tr className="link-detail">
          <td />
          <td colSpan={4}>
            <div className="muted link-reasons">{link.reasons.join(' · ')}</div>
            <div className="link-sides">
              {link.sides.map((s) => <LinksSide key={s.market} side={s} />)}
            </div>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
