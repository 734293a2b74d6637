import { useState } from 'react';
import type { MarketLink } from '../../../shared/contract';
import { linkSourcesDiffer, scoreTone } from '../desk/links';
import { formatCloseTime, formatTime, formatUntil } from '../format';
import { MarketLabel } from '../names/MarketLabel';
import { relationText } from '../trade/specText';
import { LinksSide } from './LinksSide';

const HOUR = 3_600_000;


/** One link, compact: score, both markets by name, what to check; the specs, rules and reasons one click away. */
export function LinksRow({ link, onConfirm, onReject }: { link: MarketLink; onConfirm: (overrideReason?: string) => void; onReject: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const needsOverride = link.conflicts.length > 0;
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
          <div className={link.relation === 'different' ? 'warn link-relation' : 'link-relation'}>Specs: {relationText(link)}</div>
          {needsOverride ? <div className="warn">Differ in {link.conflicts.join(', ')}</div> : null}
          {link.comparison.unknown.length > 0 ? <div className="muted">Not read: {link.comparison.unknown.join(', ')}</div> : null}
          {link.suspension ? <div className="warn link-suspension">Suspended: {link.suspension.changes.join('; ')}</div> : null}
          {link.override ? <div className="muted">Override ({link.override.fields.join(', ')}): “{link.override.reason}”</div> : null}
          {differ ? <div className="warn">Sources differ: {differ}</div> : null}
          {apart !== null && apart > HOUR ? <div className="warn">Close {formatUntil(apart, 0).replace(/^in /, '')} apart</div> : null}
          {kc !== null ? <div className="muted" title={formatCloseTime(kc)}>Closes {formatCloseTime(kc).split(' · ')[0]}</div> : null}
          {link.simulatorTruth ? <div className={link.simulatorTruth === 'equivalent' ? 'sim-true' : 'warn'}>Simulator: {link.simulatorTruth === 'equivalent' ? 'same proposition' : 'different propositions'}</div> : null}
        </td>
        <td className="link-actions">
          {link.decidedAt !== null ? <span className="muted">{link.status} {formatTime(link.decidedAt)}</span> : null}
          {link.status !== 'confirmed' ? (
            <button type="button" className="primary" onClick={() => (needsOverride ? setReason((r) => (r === null ? '' : null)) : onConfirm())} aria-label={`Confirm ${name}`} aria-expanded={needsOverride ? reason !== null : undefined}>
              {link.status === 'suspended' ? 'Re-confirm' : 'Confirm'}{needsOverride ? '…' : ''}
            </button>
          ) : null}
          {link.status !== 'rejected' ? <button type="button" onClick={onReject} aria-label={`Reject ${name}`}>Reject</button> : null}
          <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>{open ? 'Hide specs' : 'Specs & rules'}</button>
        </td>
      </tr>
      {reason !== null ? (
        <tr className="link-override">
          <td />
          <td colSpan={4}>
            <form onSubmit={(e) => { e.preventDefault(); onConfirm(reason.trim()); setReason(null); }}>
              <label>
                The specs differ in {link.conflicts.join(', ')}. Confirm as {relationText(link.relation === 'different' || link.relation === 'unknown' ? { ...link, relation: 'identical' } : link)} anyway because:{' '}
                <input type="text" aria-label={`Override reason for ${name}`} value={reason} minLength={8} maxLength={500} required onChange={(e) => setReason(e.target.value)} placeholder="why these differences do not matter (kept with the link)" />
              </label>
              <button type="submit" className="danger-button" disabled={reason.trim().length < 8}>Confirm with override</button>
              <button type="button" onClick={() => setReason(null)}>Cancel</button>
            </form>
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr className="link-detail">
          <td />
          <td colSpan={4}>
            <div className="muted link-reasons">{link.reasons.join(' · ')}</div>
            <div className="link-sides">
              {link.sides.map((s) => <LinksSide key={s.market} side={s} comparison={link.comparison} />)}
            </div>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
