import type { SortKey, SortSpec } from '../trade/opportunityRows';
import { useTradeStore } from '../trade/tradeStore';

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'strategy', label: 'Strategy', numeric: false },
  { key: 'markets', label: 'Markets', numeric: false },
  { key: 'size', label: 'Size', numeric: true },
  { key: 'cost', label: 'Cost', numeric: true },
  { key: 'fees', label: 'Fees', numeric: true },
  { key: 'netProfit', label: 'Net', numeric: true },
  { key: 'edge', label: 'Edge', numeric: true },
  { key: 'annualised', label: 'Per year', numeric: true },
  { key: 'age', label: 'Age', numeric: true },
];

function next(sort: SortSpec, key: SortKey, numeric: boolean): SortSpec {
  if (sort.key === key) return { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: numeric ? 'descending' : 'ascending' };
}

export function OpportunitiesHeader() {
  const sort = useTradeStore((s) => s.sort);
  const setSort = useTradeStore((s) => s.setSort);
  return (
    <thead>
      <tr aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <th key={c.key} scope="col" className={`col-${c.key}${c.numeric ? ' num' : ''}`} aria-sort={sort.key === c.key ? sort.direction : 'none'}>
            <button type="button" className="sort-button" onClick={() => setSort(next(sort, c.key, c.numeric))}>
              {c.label}
              <span aria-hidden="true" className="sort-arrow">{sort.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}</span>
            </button>
          </th>
        ))}
      </tr>
    </thead>
  );
}
