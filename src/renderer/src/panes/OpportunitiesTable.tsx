import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/appStore';
import { useNow } from '../lib/useNow';
import { useTradeStore } from '../trade/tradeStore';
import { OpportunitiesHeader } from './OpportunitiesHeader';
import { OpportunityRow } from './OpportunityRow';

/** Every row is this tall (CSS keeps it so), which is what lets the table render only what is visible. */
export const ROW_HEIGHT = 26;
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
    const top = index * ROW_HEIGHT;
    const visible = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + visible) el.scrollTop = top + ROW_HEIGHT - visible;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      if (rows.length === 0) return;
      const at = rows.findIndex((r) => r.id === selected);
      const index = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
      select(rows[index]!.id);
      scrollIntoView(index);
    } else if (e.key === 'Enter' && selected !== null) {
      e.preventDefault();
      onOpenDetail();
    }
  };

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);

  return (
    <div
      ref={scroller}
      className="table-scroll opp-scroll"
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
          {first > 0 ? <tr aria-hidden="true" className="spacer" style={{ height: first * ROW_HEIGHT }}><td colSpan={8} /></tr> : null}
          {rows.slice(first, last).map((row, i) => (
            <OpportunityRow key={row.id} row={row} index={first + i} selected={row.id === selected} nowSecond={nowSecond} onSelect={select} />
          ))}
          {last < rows.length ? <tr aria-hidden="true" className="spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }}><td colSpan={8} /></tr> : null}
        </tbody>
      </table>
    </div>
  );
}
