import { useDeferredValue, useMemo, useState } from 'react';
import type { ActivityEntry } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';
import { EmptyState } from '../components/EmptyState';
import { ACTIVITY_RENDER_CAP, filterActivity, NO_FILTER, type ActivityFilter } from '../desk/activityFilter';
import { describeError } from '../desk/errors';
import { formatTime } from '../format';
import { nameIndex, withNames } from '../names/marketNames';
import { VenueChip } from '../names/VenueChip';
import { useAppStore } from '../store/appStore';
import { ActivityFilterBar } from './ActivityFilterBar';
import './ActivityTab.css';

const OLDER_PAGE = 500;

export function ActivityTab({ client }: { client: ArbdeskClient }) {
  const recent = useAppStore((s) => s.app?.activity);
  const opportunities = useAppStore((s) => s.app?.opportunities);
  const positions = useAppStore((s) => s.app?.positions);
  const links = useAppStore((s) => s.app?.links);
  const names = useMemo(() => nameIndex({ opportunities, positions, links }), [opportunities, positions, links]);
  const [older, setOlder] = useState<ActivityEntry[]>([]);
  const [paging, setPaging] = useState<{ busy: boolean; done: boolean; error: string | null }>({ busy: false, done: false, error: null });
  const [filter, setFilter] = useState<ActivityFilter>(NO_FILTER);
  const deferred = useDeferredValue(filter);
  const activity = useMemo(() => {
    const list = recent ?? [];
    const oldestRecent = list.at(-1)?.id ?? Infinity;
    return older.length === 0 ? list : [...list, ...older.filter((e) => e.id < oldestRecent)];
  }, [recent, older]);
  const [cap, setCap] = useState(ACTIVITY_RENDER_CAP);
  const { shown, matched } = useMemo(() => filterActivity(activity, deferred, cap), [activity, deferred, cap]);

  const loadOlder = async () => {
    const before = activity.at(-1)?.id;
    if (before === undefined || before <= 1) return setPaging({ busy: false, done: true, error: null });
    setPaging({ busy: true, done: false, error: null });
    try {
      const page = await client.call('getActivity', { before, limit: OLDER_PAGE });
      setOlder((o) => [...o, ...page]);
      setPaging({ busy: false, done: page.length < OLDER_PAGE, error: null });
    } catch (e) {
      setPaging({ busy: false, done: false, error: describeError(e) });
    }
  };

  if (activity.length === 0) {
    return <EmptyState title="No activity yet">Orders, fills, rejects, trips and reconnects are listed here with their times.</EmptyState>;
  }
  return (
    <div className="activity-tab">
      <ActivityFilterBar
        filter={filter}
        onChange={(f) => {
          setFilter(f);
          setCap(ACTIVITY_RENDER_CAP);
        }}
      />
      <div className="activity-count muted" role="status">
        {matched === activity.length ? `${activity.length} entries` : `${matched} of ${activity.length} entries`}
        {matched > shown.length ? ` · newest ${shown.length} shown` : ''}
      </div>
      <ol className="activity-list" aria-label="Activity">
        {shown.map((a) => (
          <li key={a.id} className={`activity activity-${a.level}`}>
            <time dateTime={new Date(a.at).toISOString()}>{formatTime(a.at)}</time>
            <span className="activity-kind">{a.kind}</span>
            <span className="activity-venue">{a.venue ? <VenueChip venue={a.venue} /> : null}</span>
            <span className="activity-message">
              {withNames(a.message, names).map((p, i) => ('text' in p ? <span key={i}>{p.text}</span> : <span key={i} className="activity-market" title={p.market}>{p.name}</span>))}
            </span>
          </li>
        ))}
      </ol>
      {matched === 0 ? <p className="muted activity-none">Nothing matches the filter.</p> : null}
      <div className="activity-more">
        {matched > shown.length ? (
          <button type="button" onClick={() => setCap((c) => c + ACTIVITY_RENDER_CAP)}>Show {Math.min(ACTIVITY_RENDER_CAP, matched - shown.length)} more</button>
        ) : paging.done ? (
          <span className="muted">Start of the log.</span>
        ) : (
          <button type="button" onClick={() => void loadOlder()} disabled={paging.busy}>Load older entries</button>
        )}
        {paging.error ? <span role="alert" className="danger"> {paging.error}</span> : null}
      </div>
    </div>
  );
}
