// The trading half's UI state, beside the app store: table order and filters, the held order,
// analyses, the confirmation dialog, executions in flight and their results.
import { create } from 'zustand';
import type { Analysis, ExecutionResult, Opportunity } from '../../../shared/contract';
import { DEFAULT_SORT, NO_FILTER, type Row, type RowFilter, type SortSpec } from './opportunityRows';

export type ExecutionOutcome = { ok: true; result: ExecutionResult } | { ok: false; error: string };

export interface TradeStore {
  sort: SortSpec;
  filter: RowFilter;
  /** The trader is pointing at or navigating the table: rows keep their places. */
  held: boolean;
  rows: Row[];
  /** The selected opportunity as last seen, kept after it closes so its result stays in place. */
  lastSelected: Opportunity | null;
  /** The selected opportunity has left the engine's list. */
  selectedClosed: boolean;
  sizes: Record<string, number>;
  analyses: Record<string, Analysis>;
  analysisErrors: Record<string, string>;
  confirmFor: string | null;
  running: Record<string, boolean>;
  outcomes: Record<string, ExecutionOutcome>;
  setSort(sort: SortSpec): void;
  setFilter(filter: Partial<RowFilter>): void;
  setHeld(held: boolean): void;
  setRows(rows: Row[]): void;
  setLastSelected(o: Opportunity | null): void;
  setSelectedClosed(closed: boolean): void;
  setSize(id: string, size: number): void;
  setAnalysis(id: string, analysis: Analysis | null, error?: string): void;
  openConfirm(id: string): void;
  closeConfirm(): void;
  setRunning(id: string, running: boolean): void;
  setOutcome(id: string, outcome: ExecutionOutcome): void;
}

export const useTradeStore = create<TradeStore>()((set) => ({
  sort: DEFAULT_SORT,
  filter: NO_FILTER,
  held: false,
  rows: [],
  lastSelected: null,
  selectedClosed: false,
  sizes: {},
  analyses: {},
  analysisErrors: {},
  confirmFor: null,
  running: {},
  outcomes: {},
  setSort: (sort) => set({ sort }),
  setFilter: (filter) => set((s) => ({ filter: { ...s.filter, ...filter } })),
  setHeld: (held) => set((s) => (s.held === held ? s : { held })),
  setRows: (rows) => set({ rows }),
  setLastSelected: (lastSelected) => set({ lastSelected }),
  setSelectedClosed: (selectedClosed) => set((s) => (s.selectedClosed === selectedClosed ? s : { selectedClosed })),
  setSize: (id, size) => set((s) => ({ sizes: { ...s.sizes, [id]: size } })),
  setAnalysis: (id, analysis, error) =>
    set((s) => {
      const analyses = { ...s.analyses };
      const analysisErrors = { ...s.analysisErrors };
      if (analysis) analyses[id] = analysis;
      else delete analyses[id];
      if (error) analysisErrors[id] = error;
      else delete analysisErrors[id];
      return { analyses, analysisErrors };
    }),
  openConfirm: (confirmFor) => set({ confirmFor }),
  closeConfirm: () => set({ confirmFor: null }),
  setRunning: (id, running) => set((s) => ({ running: { ...s.running, [id]: running } })),
  setOutcome: (id, outcome) => set((s) => ({ outcomes: { ...s.outcomes, [id]: outcome } })),
}));
