import type { Alert } from './alertRules';

export type PermissionResult = NotificationPermission | 'unsupported';

/** Asks for permission to show desktop notifications (the browser asks the trader once). */
export async function requestNotificationPermission(): Promise<PermissionResult> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

export function notificationPermission(): PermissionResult {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function showNotification(alert: Alert): void {
  if (notificationPermission() !== 'granted') return;
  try {
    new Notification(alert.title, { body: alert.body, tag: alert.tag, silent: true });
  } catch {
    // Some hosts only allow notifications from a service worker; the in-app status still shows it.
  }
}

let audio: AudioContext | null = null;

/** A short synthesised beep (no audio file): higher and double for a trip or a venue down. */
export function beep(kind: Alert['kind']): void {
  try {
    audio ??= new AudioContext();
    const urgent = kind !== 'opportunity';
    const pulses = urgent ? 2 : 1;
    for (let i = 0; i < pulses; i++) {
      const start = audio.currentTime + i * 0.18;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = urgent ? 880 : 660;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.15);
    }
  } catch {
    // No audio output: the notification still shows.
  }
}
