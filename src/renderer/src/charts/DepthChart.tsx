import { AreaSeries, LineStyle, LineType, createOptionsChart, createSeriesMarkers, type IPriceLine, type SeriesMarker } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { BookView } from '../../../shared/contract';
import type { Outcome, VenueId } from '../../../shared/ids';
import { formatUsd } from '../format';
import { VenueChip } from '../names/VenueChip';
import { useAppStore } from '../store/appStore';
import { useTheme } from '../theme/theme';
import { ASK_COLOR, BID_COLOR, MARK_COLOR, baseChartOptions } from './chartTheme';
import { GRID, depthGrid, outcomeBook, snapToGrid } from './depthSeries';
import './charts.css';

export interface DepthMarks {
  /** Dollars per contract, decimal strings; null when not planned. */
  avgPrice: string | null;
  worstPrice: string | null;
  size: number;
}

interface Props extends DepthMarks {
  market: string;
  venue: VenueId;
  outcome: Outcome;
  label: string;
  /** The opportunity closed: its books are no longer streamed here; the last one stays drawn. */
  closed: boolean;
}

/** Markers closer than this many grid steps are one marker: their labels would overlap. */
const MERGE_STEPS = 4;

/**
 * Cumulative depth of the outcome a leg buys (for a NO leg, the NO book): bids and asks as stepped
 * areas on an even price axis, the planned average fill and worst price marked on the asks, the
 * planned size as a level. Every book update is drawn imperatively, never by re-rendering React.
 */
export function DepthChart({ market, venue, outcome, label, closed, avgPrice, worstPrice, size }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const marks = useRef<DepthMarks>({ avgPrice, worstPrice, size });
  const redraw = useRef<() => void>(() => undefined);
  const health = useAppStore((s) => s.books[market]?.health ?? null);
  const connected = useAppStore((s) => s.connection === 'open');
  const theme = useTheme((s) => s.theme);

  useEffect(() => {
    const el = host.current!;
    // The horizontal axis is the price ($, 3 decimals: the grid); the vertical one is contracts.
    const chart = createOptionsChart(el, { ...baseChartOptions(), localization: { precision: 3, priceFormatter: (p: number) => Math.round(p).toLocaleString('en-US') } });
    const area = { lineType: LineType.WithSteps, lineWidth: 2 as const, priceLineVisible: false, lastValueVisible: false, priceFormat: { type: 'volume' as const } };
    const bids = chart.addSeries(AreaSeries, { ...area, lineColor: BID_COLOR, topColor: `${BID_COLOR}66`, bottomColor: `${BID_COLOR}11` });
    const asks = chart.addSeries(AreaSeries, { ...area, lineColor: ASK_COLOR, topColor: `${ASK_COLOR}66`, bottomColor: `${ASK_COLOR}11` });
    const markers = createSeriesMarkers<number>(asks, []);
    let sizeLine: IPriceLine | null = null;
    let book: BookView | undefined;

    const draw = () => {
      const side = book ? outcomeBook(book, outcome) : { bids: [], asks: [] };
      const m = marks.current;
      const avg = m.avgPrice === null ? NaN : Number(m.avgPrice);
      const worst = m.worstPrice === null ? NaN : Number(m.worstPrice);
      const grid = depthGrid(side.bids, side.asks, side.asks.length > 0 ? [avg, worst] : []);
      bids.setData(grid.bids);
      asks.setData(grid.asks);
      const planned: SeriesMarker<number>[] = [];
      if (side.asks.length > 0 && Number.isFinite(avg)) {
        const a = snapToGrid(avg, grid);
        const w = Number.isFinite(worst) ? snapToGrid(worst, grid) : NaN;
        if (Number.isFinite(w) && Math.abs(w - a) * GRID >= MERGE_STEPS) {
          planned.push({ time: a, position: 'aboveBar', shape: 'arrowDown', color: MARK_COLOR, text: 'avg' });
          planned.push({ time: w, position: 'aboveBar', shape: 'arrowDown', color: ASK_COLOR, text: 'worst' });
        } else {
          planned.push({ time: a, position: 'aboveBar', shape: 'arrowDown', color: MARK_COLOR, text: Number.isFinite(w) && w !== a ? 'avg·worst' : 'avg' });
        }
      }
      markers.setMarkers(planned.sort((x, y) => x.time - y.time));
      if (sizeLine) asks.removePriceLine(sizeLine);
      sizeLine = m.size > 0 && side.asks.length > 0 ? asks.createPriceLine({ price: m.size, color: MARK_COLOR, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: '' }) : null;
      el.dataset.bidLevels = String(side.bids.length);
      el.dataset.askLevels = String(side.asks.length);
      el.dataset.gridFrom = String(grid.from);
      el.dataset.gridTo = String(grid.to);
      el.dataset.markers = planned.map((p) => `${p.text}@${p.time}`).join(' ');
      el.dataset.updatedAt = String(book?.updatedAt ?? '');
      chart.timeScale().fitContent();
    };
    redraw.current = draw;

    book = useAppStore.getState().books[market];
    draw();
    const off = useAppStore.subscribe((s, prev) => {
      const next = s.books[market];
      if (next !== prev.books[market]) {
        book = next;
        draw();
      }
    });
    return () => {
      off();
      redraw.current = () => undefined;
      chart.remove();
    };
  }, [market, outcome, theme]);

  useEffect(() => {
    marks.current = { avgPrice, worstPrice, size };
    redraw.current();
  }, [avgPrice, worstPrice, size]);

  const status = !connected ? 'no engine' : closed ? 'closed' : (health ?? 'loading book…');
  const tone = !connected || closed ? 'unknown' : (health ?? 'loading');
  return (
    <figure className="depth">
      <figcaption>
        <VenueChip venue={venue} />
        <span className="depth-label" title={`${label} — ${market}`}>{label}</span>
        <span className={`depth-health health-${tone}`} title={!connected ? 'The engine is unreachable: this book is not being updated' : undefined}>{status}</span>
      </figcaption>
      <div className="depth-plan">
        <span><span className="key-bids">bids</span> <span className="key-asks">asks</span> <span className="key-size">- - size</span></span>
        <span>
          avg {avgPrice === null ? '—' : formatUsd(avgPrice, { decimals: 4 })} · worst {worstPrice === null ? '—' : formatUsd(worstPrice, { decimals: 4 })} · size {size.toLocaleString('en-US')}
        </span>
      </div>
      <div ref={host} className="depth-chart" role="img" aria-label={`Depth chart ${label}`} />
    </figure>
  );
}
