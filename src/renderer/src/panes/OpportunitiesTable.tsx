import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/appStore';
import { useNow } from '../lib/useNow';
import { rowLines } from '../names/marketNames';
import { RowLayout } from '../trade/rowLayout';
import { useTradeStore } from '../trade/tradeStore';
import { OpportunitiesHeader } from './OpportunitiesHeader';
import { OpportunityRow } from './OpportunityRow';

const HEADER_HEIGHT = 28;
const OVERSCAN = 8;

export function OpportunitiesTable({ onOpenDetail }: { onOpenDetail(): void }) {
  const rows = useTradeStore((s) => s.rows);
  const setHeld = useTradeStore((s) => s.setHeld);
  const selected = useAppStore((s) => s.selectedOpportunityId);
  const select = useAppStore((s) => s.selectOpportunity);
  const nowSecond = Math.floor(useNow(1000) / 1000);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const layout = useMemo(() => new RowLayout(rows.map((r) => rowLines(r.opportunity.legs))), [rows]);
  const pointerInside = useRef(false);
  const focusInside = useRef(false);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const updateHeld = useCallback(() => setHeld(pointerInside.current || focusInside.current), [setHeld]);
  useEffect(() => () => setHeld(false), [setHeld]);

  const scrollIntoView = (index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = layout.top(index);
    const height = layout.height(index);
    const visible = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + height > el.scrollTop + visible) el.scrollTop = top + height - visible;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      if (rows.length === 0) return;
      // The store's selection, not this render's: keys repeat faster than React draws.
      const current = useAppStore.getState().selectedOpportunityId;
      const at = rows.findIndex((r) => r.id === current);
      const index = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
      select(rows[index]!.id);
      scrollIntoView(index);
    } else if (e.key === 'Enter' && selected !== null) {
      e.preventDefault();
      onOpenDetail();
    }
  };

  const first = rows.length === 0 ? 0 : Math.max(0, layout.indexAt(viewport.top) - OVERSCAN);
  const last = rows.length === 0 ? 0 : Math.min(rows.length, layout.indexAt(viewport.top + viewport.height) + 1 + OVERSCAN);

  return (
    <div
      ref={scroller}
      className={`table-scroll opp-scroll${rows.length === 0 ? ' is-empty' : ''}`}
      tabIndex={0}
      aria-label="Opportunities list: arrow keys or j/k move the selection, Enter opens the detail, E executes"
      onScroll={(e) => setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      onKeyDown={onKeyDown}
      onPointerEnter={() => { pointerInside.current = true; updateHeld(); }}
      onPointerLeave={() => { pointerInside.current = false; updateHeld(); }}
      onFocus={() => { focusInside.current = true; updateHeld(); }}
      onBlur={() => { focusInside.current = false; updateHeld(); }}
    >
      <table
        aria-label="Opportunities"
        aria-rowcount={rows.length + 1}
        className="data-table opp-table"
      >
        <OpportunitiesHeader />
        <tbody>
          {first > 0 ? <tr aria-hidden="true" className="spacer" style={{ height: layout.top(first) }}><td colSpan={9} /></tr> : null}
          {rows.slice(first, last).map((row, i) => (
            <OpportunityRow key={row.id} row={row} index={first + i} selected={row.id === selected} nowSecond={nowSecond} onSelect={select} />
          ))}
          {last < rows.length ? <tr aria-hidden="true" className="spacer" style={{ height: layout.total - layout.top(last) }}><td colSpan={9} /></tr> : null}
        </tbody>
      </table>
    </div>
  );
}
