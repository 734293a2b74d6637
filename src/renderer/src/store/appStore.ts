import { create } from 'zustand';
import type { AppState, BookView, ContractEvent, ExecutionProgress } from '../../../shared/contract';
import type { BridgeConnection } from '../../../shared/contract/envelope';
import { setVenueManifests } from '../names/venues';
import { applyEvent } from './applyEvent';

export type BottomTab = 'positions' | 'activity' | 'risk' | 'venues' | 'links' | 'settings';

/** The bottom panel's tabs, in order: its tab strip and the palette's "Show …" actions. */
export const BOTTOM_TABS: readonly { id: BottomTab; label: string }[] = [
  { id: 'positions', label: 'Positions' },
  { id: 'activity', label: 'Activity' },
  { id: 'risk', label: 'Risk' },
  { id: 'venues', label: 'Venues' },
  { id: 'links', label: 'Links' },
  { id: 'settings', label: 'Settings' },
];

export interface AppStore {
  connection: BridgeConnection;
  app: AppState | null;
  loadError: string | null;
  /** When the engine this window talks to restarted (a new engine behind the same address); null: not seen. */
  engineRestartedAt: number | null;
  selectedOpportunityId: string | null;
  bottomTab: BottomTab;
  books: Record<string, BookView>;
  executions: Record<string, ExecutionProgress[]>;
  setConnection(state: BridgeConnection): void;
  setSnapshot(app: AppState): void;
  setLoadError(message: string | null): void;
  setEngineRestarted(at: number | null): void;
  applyEvents(events: readonly ContractEvent[]): void;
  selectOpportunity(id: string | null): void;
  setBottomTab(tab: BottomTab): void;
}

export const useAppStore = create<AppStore>()((set) => ({
  connection: 'connecting',
  app: null,
  loadError: null,
  engineRestartedAt: null,
  selectedOpportunityId: null,
  bottomTab: 'positions',
  books: {},
  executions: {},
  setConnection: (connection) => set({ connection }),
  setSnapshot: (app) => {
    setVenueManifests(app.venueManifests);
    set({ app, loadError: null });
  },
  setLoadError: (loadError) => set({ loadError }),
  setEngineRestarted: (engineRestartedAt) => set({ engineRestartedAt }),
  applyEvents: (events) =>
    set((s) => {
      let app = s.app;
      let books = s.books;
      let executions = s.executions;
      for (const e of events) {
        if (e.event === 'book') {
          books = { ...books, [e.payload.market]: e.payload };
        } else if (e.event === 'execution') {
          const list = executions[e.payload.executionId] ?? [];
          executions = { ...executions, [e.payload.executionId]: [...list, e.payload] };
        } else if (app) {
          app = applyEvent(app, e);
        }
      }
      return { app, books, executions };
    }),
  selectOpportunity: (selectedOpportunityId) => set({ selectedOpportunityId }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
}));
