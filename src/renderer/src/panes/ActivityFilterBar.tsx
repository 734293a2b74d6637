import { ActivityKindSchema } from '../../../shared/contract';
import { venueManifests } from '../names/venues';
import { NO_FILTER, type ActivityFilter } from '../desk/activityFilter';

const LEVELS = ['info', 'warn', 'error'] as const;

export function ActivityFilterBar({ filter, onChange }: { filter: ActivityFilter; onChange: (f: ActivityFilter) => void }) {
  const set = (patch: Partial<ActivityFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="activity-filters" role="search" aria-label="Filter activity">
      <select aria-label="Kind" value={filter.kind} onChange={(e) => set({ kind: e.target.value as ActivityFilter['kind'] })}>
        <option value="all">All kinds</option>
        {ActivityKindSchema.options.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      <select aria-label="Level" value={filter.level} onChange={(e) => set({ level: e.target.value as ActivityFilter['level'] })}>
        <option value="all">All levels</option>
        {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
      <select aria-label="Venue" value={filter.venue} onChange={(e) => set({ venue: e.target.value as ActivityFilter['venue'] })}>
        <option value="all">All venues</option>
        {venueManifests().map((v) => <option key={v.venue} value={v.venue}>{v.venue}</option>)}
      </select>
      <input type="search" aria-label="Search activity" placeholder="Search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
      <button type="button" onClick={() => onChange(NO_FILTER)} disabled={filter === NO_FILTER}>Clear</button>
    </div>
  );
}
