import { EmptyState } from '../components/EmptyState';
import { formatTime } from '../format';
import { useAppStore } from '../store/appStore';

export function ActivityTab() {
  const activity = useAppStore((s) => s.app?.activity ?? []);
  if (activity.length === 0) return <EmptyState title="No activity yet">Orders, fills, rejects, trips and reconnects are listed here with their times.</EmptyState>;
  return (
    <ol className="activity-list" aria-label="Activity">
      {activity.map((a) => (
        <li key={a.id} className={`activity activity-${a.level}`}>
          <time>{formatTime(a.at)}</time>
          <span className="activity-kind">{a.kind}</span>
          {a.venue ? <span className="activity-venue">{a.venue}</span> : null}
          <span className="activity-message">{a.message}</span>
        </li>
      ))}
    </ol>
  );
}
