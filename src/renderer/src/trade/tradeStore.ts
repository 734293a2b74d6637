// The trading half's UI state, beside the app store: table order and filters, the held order,
// analyses, the confirmation dialog, executions in flight and their results.
import { create } from 'zustand';
import type { Analysis, BasketExplanation, ExecutionResult, Opportunity } from '../../../shared/contract';
import { DEFAULT_SORT, NO_FILTER, type Row, type RowFilter, type SortSpec } from './opportunityRows';

/**
 * What an execution came to, with the size the trader asked for (the engine may send fewer) and,
 * when the plan showed one, the per-trade loss limit and the largest size whose worst case fit it.
 */
export type ExecutionOutcome = ({ ok: true; result: ExecutionResult } | { ok: false; error: string }) & {
  requested: number;
  lossLimit?: { limit: string; maxSize: number };
};

/** The plan as it stood when the trader sent it: shown frozen beside the result, never re-planned under it. */
export interface SentPlan {
  analysis: Analysis | null;
  size: number;
  at: number;
}

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
  /** The size chosen per opportunity: pinned when the row is chosen, then only the trader changes it. */
  sizes: Record<string, number>;
  analyses: Record<string, Analysis>;
  /** The last analysis that could execute something: a closed opportunity's plan stays at it. */
  lastExecutable: Record<string, Analysis>;
  sent: Record<string, SentPlan>;
  explanations: Record<string, BasketExplanation>;
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
  /** Pins the size of a newly chosen opportunity (no-op once it has one). */
  pinSize(id: string, size: number): void;
  setAnalysis(id: string, analysis: Analysis | null, error?: string): void;
  setSent(id: string, plan: SentPlan | null): void;
  setExplanation(id: string, explanation: BasketExplanation): void;
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
  lastExecutable: {},
  sent: {},
  explanations: {},
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
  setSize: (id, size) =>
    set((s) => {
      // A new size is a new plan: the one frozen at the last send no longer describes it.
      const { [id]: _dropped, ...sent } = s.sent;
      return { sizes: { ...s.sizes, [id]: size }, sent };
    }),
  pinSize: (id, size) => set((s) => (s.sizes[id] !== undefined ? s : { sizes: { ...s.sizes, [id]: size } })),
  setAnalysis: (id, analysis, error) =>
    set((s) => {
      const analyses = { ...s.analyses };
      const analysisErrors = { ...s.analysisErrors };
      if (analysis) analyses[id] = analysis;
      else delete analyses[id];
      if (error) analysisErrors[id] = error;
      else delete analysisErrors[id];
      const executable = analysis !== null && analysis.size > 0 && !analysis.netProfit.startsWith('-');
      return { analyses, analysisErrors, ...(executable ? { lastExecutable: { ...s.lastExecutable, [id]: analysis } } : {}) };
    }),
  setSent: (id, plan) =>
    set((s) => {
      const { [id]: _dropped, ...rest } = s.sent;
      if (plan) return { sent: { ...rest, [id]: plan } };
      // Planning again: the analysis from before the send no longer describes the books.
      const { [id]: _stale, ...analyses } = s.analyses;
      return { sent: rest, analyses };
    }),
  setExplanation: (id, explanation) => set((s) => ({ explanations: { ...s.explanations, [id]: explanation } })),
  openConfirm: (confirmFor) => set({ confirmFor }),
  closeConfirm: () => set({ confirmFor: null }),
  setRunning: (id, running) => set((s) => ({ running: { ...s.running, [id]: running } })),
  setOutcome: (id, outcome) => set((s) => ({ outcomes: { ...s.outcomes, [id]: outcome } })),
}));
