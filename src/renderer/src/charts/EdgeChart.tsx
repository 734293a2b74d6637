import { LineSeries, createChart, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { useTheme } from '../theme/theme';
import { edgeHistory } from '../trade/rowsSync';
import { EDGE_COLOR, baseChartOptions } from './chartTheme';
import './charts.css';

/** The edge per contract of one opportunity over the updates seen, drawn imperatively as they come. */
export function EdgeChart({ opportunityId }: { opportunityId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme((s) => s.theme);
  useEffect(() => {
    const el = host.current!;
    const chart = createChart(el, { ...baseChartOptions(), timeScale: { borderVisible: false, timeVisible: true, secondsVisible: true } });
    const line = chart.addSeries(LineSeries, { color: EDGE_COLOR, lineWidth: 2, priceFormat: { type: 'price', precision: 4, minMove: 0.0001 } });
    const draw = () => {
      const points = edgeHistory.points(opportunityId).map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));
      line.setData(points);
      el.dataset.points = String(points.length);
      chart.timeScale().fitContent();
    };
    draw();
    const off = edgeHistory.onChange((id) => {
      if (id === opportunityId) draw();
    });
    return () => {
      off();
      chart.remove();
    };
  }, [opportunityId, theme]);
  return <div ref={host} className="edge-chart" role="img" aria-label="Edge over time" />;
}
