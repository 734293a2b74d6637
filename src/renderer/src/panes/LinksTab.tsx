import { EmptyState } from '../components/EmptyState';
import { useAppStore } from '../store/appStore';

export function LinksTab() {
  const links = useAppStore((s) => s.app?.links ?? []);
  if (links.length === 0) {
    return <EmptyState title="No suggested market links">Cross-venue pairs that look equivalent appear here with their score and both rules; none is traded until you confirm it.</EmptyState>;
  }
  return (
    <ul className="links">
      {links.map((l) => (
        <li key={l.id}>{l.kalshi.title} ⇄ {l.polymarket.title} ({Math.round(l.score * 100)}%) — {l.status}</li>
      ))}
    </ul>
  );
}
