import { useState } from 'react';
import { marketId, nameParts, shortId, type NamedMarket } from './marketNames';
import './names.css';

/** The ticker or id, copyable with one click (the full id, even when shown shortened). */
export function CopyId({ market }: { market: string }) {
  const [copied, setCopied] = useState(false);
  const id = marketId(market);
  const copy = () => {
    void navigator.clipboard?.writeText(id).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1200);
      },
      () => undefined,
    );
  };
  return (
    <button type="button" className="copy-id" title={`${id} — click to copy`} aria-label={`Copy ${id}`} onClick={copy}>
      <code>{shortId(market)}</code>
      <span className="copy-note" aria-live="polite">{copied ? 'copied' : ''}</span>
    </button>
  );
}

/** A market by its human name (term emphasised), with its id as the secondary, copyable line. */
export function MarketLabel({ m, withId = true }: { m: NamedMarket; withId?: boolean }) {
  const p = nameParts(m);
  return (
    <span className="market-label">
      <span className="market-name" title={m.title}>
        {p.subject}
        {p.term !== null ? <>{/^[≥≤<>]/.test(p.term) ? ' ' : ': '}<b className="market-term">{p.term}</b></> : null}
        {p.date !== null ? <span className="market-date"> · {p.date}</span> : null}
      </span>
      {withId ? <CopyId market={m.market} /> : null}
    </span>
  );
}
