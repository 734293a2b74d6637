import { ColorType, type DeepPartial, type PriceChartOptions } from 'lightweight-charts';

export const BID_COLOR = '#2ea043';
export const ASK_COLOR = '#e5534b';
export const EDGE_COLOR = '#4f8cc9';
export const MARK_COLOR = '#d29922';

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Shared look: the app's colours, no grid noise, sized by its container. */
export function baseChartOptions(): DeepPartial<PriceChartOptions> {
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: cssVar('--muted', '#7d8590'), fontSize: 11, attributionLogo: false },
    grid: { vertLines: { visible: false }, horzLines: { color: cssVar('--border', '#262d36') } },
    rightPriceScale: { borderVisible: false },
    timeScale: { borderVisible: false },
    crosshair: { horzLine: { labelVisible: true }, vertLine: { labelVisible: true } },
    handleScroll: false,
    handleScale: false,
  };
}
