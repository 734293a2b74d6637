// The edge of every open opportunity over time, from the updates this window has seen. Bounded per
// opportunity, forgotten when the opportunity closes; read by the edge chart.
import type { Opportunity } from '../../../shared/contract';

export interface EdgePoint {
  /** Whole seconds since the epoch (the chart's time unit). */
  time: number;
  /** Dollars per contract, as a chart coordinate. */
  value: number;
}

const KEPT = 600;

export class EdgeHistory {
  private readonly byId = new Map<string, EdgePoint[]>();
  private readonly lastSeen = new Map<string, Opportunity>();
  private readonly listeners = new Set<(id: string) => void>();

  /** Folds in the current list; only changed opportunities are appended to. */
  record(opportunities: readonly Opportunity[]): void {
    const present = new Set<string>();
    for (const o of opportunities) {
      present.add(o.id);
      if (this.lastSeen.get(o.id) === o) continue;
      this.lastSeen.set(o.id, o);
      const series = this.byId.get(o.id) ?? [];
      const point = { time: Math.floor(o.updatedAt / 1000), value: Number(o.edge) };
      const last = series[series.length - 1];
      if (last && last.time >= point.time) last.value = point.value;
      else series.push(point);
      if (series.length > KEPT) series.splice(0, series.length - KEPT);
      this.byId.set(o.id, series);
      for (const l of this.listeners) l(o.id);
    }
    if (present.size !== this.lastSeen.size) {
      for (const id of this.lastSeen.keys()) {
        if (!present.has(id)) {
          this.lastSeen.delete(id);
          this.byId.delete(id);
        }
      }
    }
  }

  points(id: string): readonly EdgePoint[] {
    return this.byId.get(id) ?? [];
  }

  onChange(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
