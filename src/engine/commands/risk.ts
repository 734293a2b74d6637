// Risk commands: the kill switch, re-arming the breaker, the trader's limits.
import { CommandError, type Limits } from '../../shared/contract';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import { RearmRefusedError, type CircuitBreaker } from '../risk/circuitBreaker';
import type { KillSwitch } from '../risk/killSwitch';
import type { SettingsStore } from '../settings/settingsStore';
import type { Handlers } from './handlers';

export interface RiskCommandPorts {
  risk: CircuitBreaker;
  killSwitch: KillSwitch;
  settings: SettingsStore;
  activity: ActivityLog;
  clock: Clock;
  /** The trader saved new limits (applied): tell the UI. */
  limitsSaved(limits: Limits, confirmedAt: number): void;
}

export function riskCommands({ risk, killSwitch, settings, activity, clock, limitsSaved }: RiskCommandPorts): Handlers<'killSwitch' | 'rearm' | 'setLimits'> {
  return {
    killSwitch: async () => {
      const result = await killSwitch.engage();
      const failures = result.failed.map((f) => `${f.venue}${f.orderId ? ` ${f.orderId}` : ''}: ${f.reason}`);
      activity.append({
        kind: 'kill_switch',
        level: result.failed.length > 0 ? 'error' : 'warn',
        message: `Kill switch engaged: order path blocked in ${result.blockedInMs.toFixed(3)} ms; ${result.cancelled.length} resting order(s) cancelled, ${result.failed.length} failed${failures.length > 0 ? ` (${failures.join('; ')})` : ''}`,
      });
      return result;
    },

    rearm: ({ acknowledgeUnhedged }) => {
      const wasOpen = risk.state().state !== 'closed';
      let state;
      try {
        state = risk.rearm(acknowledgeUnhedged ? { acknowledgeUnhedged } : {});
      } catch (e) {
        if (e instanceof RearmRefusedError) {
          activity.append({ kind: 'rearm', level: 'warn', message: e.message });
          throw new CommandError('refused', e.message, 'payload.acknowledgeUnhedged');
        }
        throw e;
      }
      if (state.state === 'open') {
        activity.append({ kind: 'rearm', level: 'warn', message: `Kill switch released by the trader; the breaker stays open: ${state.reason ?? 'unhedged exposure'}` });
        return state;
      }
      const acknowledged = acknowledgeUnhedged?.length ? `; acknowledged unhedged basket(s) ${acknowledgeUnhedged.map((id) => id.slice(0, 8)).join(', ')}` : '';
      if (wasOpen) activity.append({ kind: 'rearm', level: acknowledged ? 'warn' : 'info', message: `Breaker re-armed by the trader${acknowledged}` });
      return state;
    },

    setLimits: ({ limits }) => {
      const confirmedAt = clock.now();
      settings.update({ limits, limitsConfirmedAt: confirmedAt });
      const applied = risk.setLimits(limits);
      limitsSaved(applied, confirmedAt);
      activity.append({ kind: 'limits', message: 'Risk limits updated' });
      return applied;
    },
  };
}
