// The mode command: paper ⇄ live. Live needs a venue's complete keys, LIVE typed, and limits the
// trader reviewed; no switch while an execution runs or the kill switch is engaged.
import { CommandError, type Mode } from '../../shared/contract';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { SettingsStore } from '../settings/settingsStore';
import type { Handlers } from './handlers';

/** The phrase a trader types to switch to live trading. */
export const LIVE_CONFIRMATION = 'LIVE';

export interface ModeCommandPorts {
  settings: SettingsStore;
  activity: ActivityLog;
  clock: Clock;
  liveKeysPresent(): boolean;
  /** An execution or unwind is running. */
  busy(): boolean;
  killSwitchEngaged(): boolean;
  /** Opens the mode's ledger and moves the breaker and positions onto it; throws when it cannot. */
  switchLedger(mode: Mode): void;
  /** The mode changed: tell the UI. */
  modeChanged(mode: Mode): void;
}

export function modeCommands(ports: ModeCommandPorts): Handlers<'setMode'> {
  const { settings, activity, clock } = ports;
  return {
    setMode: ({ mode, confirmation }) => {
      if (mode === 'live') {
        if (!ports.liveKeysPresent()) {
          throw new CommandError('refused', 'mode: live trading needs a venue\'s keys in the keychain first', 'payload.mode');
        }
        if (confirmation !== LIVE_CONFIRMATION) {
          throw new CommandError('refused', `confirmation: type ${LIVE_CONFIRMATION} to switch to live trading`, 'payload.confirmation');
        }
        if (settings.get().limitsConfirmedAt === null) {
          throw new CommandError('refused', 'mode: review and save the risk limits before trading live', 'payload.mode');
        }
      }
      if (settings.get().mode !== mode) {
        if (ports.busy()) {
          throw new CommandError('refused', 'mode: an execution is running; switch modes once it has finished', 'payload.mode');
        }
        // One kill switch for the whole app (risk/appKillSwitch.ts): it would follow into the other
        // mode anyway; re-arming first keeps what the trader sees unambiguous.
        if (ports.killSwitchEngaged()) {
          throw new CommandError('refused', 'mode: the kill switch is engaged; re-arm before switching modes', 'payload.mode');
        }
        try {
          ports.switchLedger(mode);
        } catch (e) {
          throw new CommandError('unavailable', `mode: the ${mode} ledger cannot be opened: ${(e as Error).message}`, 'payload.mode');
        }
        settings.update(mode === 'live' ? { mode, liveConfirmedAt: clock.now() } : { mode });
        ports.modeChanged(mode);
        activity.append({ kind: 'mode', level: mode === 'live' ? 'warn' : 'info', message: `Switched to ${mode.toUpperCase()} mode` });
      }
      return { mode };
    },
  };
}
