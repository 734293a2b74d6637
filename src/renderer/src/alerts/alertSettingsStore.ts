import { create } from 'zustand';
import { loadAlertSettings, saveAlertSettings, type AlertSettings } from './alertSettings';

interface AlertSettingsStore {
  settings: AlertSettings;
  update(patch: Partial<AlertSettings>): void;
}

export const useAlertSettings = create<AlertSettingsStore>()((set, get) => ({
  settings: loadAlertSettings(window.localStorage),
  update: (patch) => {
    const settings = { ...get().settings, ...patch };
    saveAlertSettings(window.localStorage, settings);
    set({ settings });
  },
}));
