import { AreaSeries, LineStyle, LineType, createOptionsChart, createSeriesMarkers, type IPriceLine, type SeriesMarker } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { BookView } from '../../../shared/contract';
import type { Outcome } from '../../../shared/ids';
import { formatUsd } from '../format';
import { useAppStore } from '../store/appStore';
import { ASK_COLOR, BID_COLOR, MARK_COLOR, baseChartOptions } from './chartTheme';
import { askDepth, bidDepth, outcomeBook, withPointAt } from './depthSeries';
import './charts.css';

export interface DepthMarks {
  /** Dollars per contract, decimal strings; null when not planned. */
  avgPrice: string | null;
  worstPrice: string | null;
  size: number;
}

interface Props extends DepthMarks {
  market: string;
  outcome: Outcome;
  label: string;
}

/**
 * Cumulative depth of the outcome a leg buys: bids and asks as stepped areas on a price axis, the
 * planned average fill and worst price marked on the asks, the planned size as a level. Built once
 * per market; every book update is drawn imperatively, never by re-rendering React.
 */
export function DepthChart({ market, outcome, label, avgPrice, worstPrice, size }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const marks = useRef<DepthMarks>({ avgPrice, worstPrice, size });
  const redraw = useRef<() => void>(() => undefined);
  const health = useAppStore((s) => s.books[market]?.health ?? null);

  useEffect(() => {
    const el = host.current!;
    const chart = createOptionsChart(el, { ...baseChartOptions(), localization: { precision: 2 } });
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
      let askPoints = askDepth(side.asks);
      const bidPoints = bidDepth(side.bids);
      if (askPoints.length > 0) askPoints = withPointAt(withPointAt(askPoints, avg), worst);
      bids.setData(bidPoints);
      asks.setData(askPoints);
      const planned: SeriesMarker<number>[] = [];
      if (askPoints.length > 0 && Number.isFinite(avg)) planned.push({ time: avg, position: 'aboveBar', shape: 'arrowDown', color: MARK_COLOR, text: 'avg' });
      if (askPoints.length > 0 && Number.isFinite(worst) && worst !== avg) planned.push({ time: worst, position: 'aboveBar', shape: 'arrowDown', color: ASK_COLOR, text: 'worst' });
      markers.setMarkers(planned.sort((a, b) => a.time - b.time));
      if (sizeLine) asks.removePriceLine(sizeLine);
      sizeLine = m.size > 0 ? asks.createPriceLine({ price: m.size, color: MARK_COLOR, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: 'size' }) : null;
      el.dataset.bidLevels = String(bidPoints.length);
      el.dataset.askLevels = String(side.asks.length);
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
  }, [market, outcome]);

  useEffect(() => {
    marks.current = { avgPrice, worstPrice, size };
    redraw.current();
  }, [avgPrice, worstPrice, size]);

  return (
    <figure className="depth">
      <figcaption>
        <span className="depth-label" title={label}>{label}</span>
        <span className={`depth-health health-${health ?? 'loading'}`}>{health ?? 'loading book…'}</span>
      </figcaption>
      <div className="depth-plan">
        <span><span className="key-bids">bids</span> <span className="key-asks">asks</span></span>
        <span>
          avg {avgPrice === null ? '—' : formatUsd(avgPrice, { decimals: 4 })} · worst {worstPrice === null ? '—' : formatUsd(worstPrice, { decimals: 4 })} · size {size}
        </span>
      </div>
      <div ref={host} className="depth-chart" role="img" aria-label={`Depth chart ${label}`} />
    </figure>
  );
}
