import { useEffect } from 'react';
import { useAppStore } from '../store/appStore';
import { detectAlerts } from './alertRules';
import { useAlertSettings } from './alertSettingsStore';
import { beep, showNotification } from './notifier';

/** Watches the store for alert-worthy changes and raises desktop notifications (and the beep). Renders nothing. */
export function AlertsWatcher() {
  useEffect(() => {
    const alerted = new Set<string>();
    return useAppStore.subscribe((state, previous) => {
      if (!state.app || state.app === previous.app) return;
      const settings = useAlertSettings.getState().settings;
      const alerts = detectAlerts(previous.app, state.app, settings, alerted);
      for (const a of alerts) showNotification(a);
      const loudest = alerts.find((a) => a.kind !== 'opportunity') ?? alerts[0];
      if (loudest && settings.sound) beep(loudest.kind);
    });
  }, []);
  return null;
}
