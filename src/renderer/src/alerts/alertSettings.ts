import { isDecimal } from '../lib/decimal';

/** What the trader chose for desktop alerts. Kept in the renderer's localStorage: no secrets here. */
export interface AlertSettings {
  enabled: boolean;
  sound: boolean;
  /** Alert on an opportunity whose net profit is at least this many dollars. */
  minProfit: string;
  opportunities: boolean;
  trips: boolean;
  venueDown: boolean;
  /** A confirmed cross-venue link suspended because a market's terms changed. */
  linkSuspended: boolean;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: false,
  sound: false,
  minProfit: '5.00',
  opportunities: true,
  trips: true,
  venueDown: true,
  linkSuspended: true,
};

export const ALERT_SETTINGS_KEY = 'arbdesk.alerts';

/** The part of localStorage used here. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads the saved settings; anything missing or malformed falls back to its default, field by field. */
export function loadAlertSettings(storage: Pick<SettingsStorage, 'getItem'>): AlertSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(ALERT_SETTINGS_KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const saved = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const bool = (k: keyof AlertSettings) => (typeof saved[k] === 'boolean' ? (saved[k] as boolean) : (DEFAULT_ALERT_SETTINGS[k] as boolean));
  const minProfit = typeof saved.minProfit === 'string' && isValidThreshold(saved.minProfit) ? saved.minProfit : DEFAULT_ALERT_SETTINGS.minProfit;
  return {
    enabled: bool('enabled'),
    sound: bool('sound'),
    minProfit,
    opportunities: bool('opportunities'),
    trips: bool('trips'),
    venueDown: bool('venueDown'),
    linkSuspended: bool('linkSuspended'),
  };
}

export function saveAlertSettings(storage: Pick<SettingsStorage, 'setItem'>, settings: AlertSettings): void {
  storage.setItem(ALERT_SETTINGS_KEY, JSON.stringify(settings));
}

export function isValidThreshold(value: string): boolean {
  return isDecimal(value) && !value.startsWith('-') && /^\d{1,9}(\.\d{1,4})?$/.test(value);
}
