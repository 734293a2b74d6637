import { useState } from 'react';
import type { MarketLink } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { EmptyState } from '../components/EmptyState';
import { describeError } from '../desk/errors';
import { useAppStore } from '../store/appStore';
import { LinksCard } from './LinksCard';
import './LinksTab.css';

const SHOWN_PER_SECTION = 100;
const SECTIONS: { status: MarketLink['status']; title: string; empty: string }[] = [
  { status: 'suggested', title: 'Suggested links', empty: 'No suggestions waiting.' },
  { status: 'confirmed', title: 'Confirmed links', empty: 'None confirmed: cross-venue baskets need a confirmed link.' },
  { status: 'rejected', title: 'Rejected links', empty: 'None rejected.' },
];

export function LinksTab({ client }: { client: ArbdeskClient }) {
  const links = useAppStore((s) => s.app?.links ?? []);
  const [error, setError] = useState<string | null>(null);
  if (links.length === 0) {
    return <EmptyState title="No suggested market links">Cross-venue pairs that look equivalent appear here with their score and both rules; none is traded until you confirm it.</EmptyState>;
  }
  const decide = async (link: MarketLink, decision: 'confirmLink' | 'rejectLink') => {
    try {
      await client.call(decision, { linkId: link.id });
      setError(null);
    } catch (e) {
      setError(`${decision === 'confirmLink' ? 'Confirm' : 'Reject'} failed: ${describeError(e)}`);
    }
  };
  return (
    <div className="tab-body links-tab">
      <p className="muted">Read both rules before confirming: a confirmed link lets the scanner build cross-venue baskets that assume the two markets settle the same way.</p>
      {error ? <div role="alert" className="danger">{error}</div> : null}
      {SECTIONS.map((section) => {
        const items = links.filter((l) => l.status === section.status).sort((a, b) => b.score - a.score);
        return (
          <section key={section.status} aria-label={section.title} className={`links-section links-${section.status}`}>
            <h3>{section.title} <span className="muted">({items.length})</span></h3>
            {items.length === 0 ? <p className="muted">{section.empty}</p> : null}
            <ul className="link-cards">
              {items.slice(0, SHOWN_PER_SECTION).map((l) => (
                <LinksCard key={l.id} link={l} onConfirm={() => void decide(l, 'confirmLink')} onReject={() => void decide(l, 'rejectLink')} />
              ))}
            </ul>
            {items.length > SHOWN_PER_SECTION ? <p className="muted">{items.length - SHOWN_PER_SECTION} more not shown.</p> : null}
          </section>
        );
      })}
    </div>
  );
}
