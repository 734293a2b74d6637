import { useDeferredValue, useMemo, useState } from 'react';
import { EmptyState } from '../components/EmptyState';
import { ACTIVITY_RENDER_CAP, filterActivity, NO_FILTER, type ActivityFilter } from '../desk/activityFilter';
import { formatTime } from '../format';
import { useAppStore } from '../store/appStore';
import { ActivityFilterBar } from './ActivityFilterBar';
import './ActivityTab.css';

export function ActivityTab() {
  const activity = useAppStore((s) => s.app?.activity);
  const [filter, setFilter] = useState<ActivityFilter>(NO_FILTER);
  const deferred = useDeferredValue(filter);
  const { shown, matched } = useMemo(() => filterActivity(activity ?? [], deferred), [activity, deferred]);
  if (!activity || activity.length === 0) {
    return <EmptyState title="No activity yet">Orders, fills, rejects, trips and reconnects are listed here with their times.</EmptyState>;
  }
  return (
    <div className="activity-tab">
      <ActivityFilterBar filter={filter} onChange={setFilter} />
      <div className="activity-count muted" role="status">
        {matched === activity.length ? `${activity.length} entries` : `${matched} of ${activity.length} entries`}
        {matched > shown.length ? ` · newest ${ACTIVITY_RENDER_CAP} shown` : ''}
      </div>
      <ol className="activity-list" aria-label="Activity">
        {shown.map((a) => (
          <li key={a.id} className={`activity activity-${a.level}`}>
            <time dateTime={new Date(a.at).toISOString()}>{formatTime(a.at)}</time>
            <span className="activity-kind">{a.kind}</span>
            <span className="activity-venue">{a.venue ?? ''}</span>
            <span className="activity-message">{a.message}</span>
          </li>
        ))}
      </ol>
      {matched === 0 ? <p className="muted activity-none">Nothing matches the filter.</p> : null}
    </div>
  );
}
