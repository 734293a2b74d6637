import {
  CommandError, type CommandName, type CommandPayload, type CommandResult,
} from '../shared/contract';
import type { MarketRef } from '../shared/ids';
import type { Engine } from './engine';
import { RearmRefusedError } from './risk/circuitBreaker';
import { normaliseSecret, validateSecret } from './secrets/validateSecret';
import { liveKeysPresent } from './settings/startupMode';

export type CommandHandlers = {
  [C in CommandName]: (payload: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
};

/** The phrase a trader types to switch to live trading. */
export const LIVE_CONFIRMATION = 'LIVE';

export function createCommandHandlers(engine: Engine): CommandHandlers {
  const { activity, risk, settings } = engine;
  const secrets = engine.secretStore;

  return {
    getState: () => engine.snapshot(),

    // execute, analyze, unwindBasket, getOpportunities, getPositions, getBreaker, getMetrics
    ...engine.execution.handlers(),

    killSwitch: async () => {
      const result = await engine.killSwitch.engage();
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
      const confirmedAt = engine.clock.now();
      settings.update({ limits, limitsConfirmedAt: confirmedAt });
      const applied = risk.setLimits(limits);
      engine.emit('limits', applied);
      engine.emit('limitsConfirmedAt', { at: confirmedAt });
      activity.append({ kind: 'limits', message: 'Risk limits updated' });
      return applied;
    },

    setSecret: async ({ name, value }) => {
      const validation = validateSecret(name, value);
      if (!validation.ok) {
        activity.append({ kind: 'secret', level: 'warn', message: `Key ${name} rejected: ${validation.message}` });
        return { name, set: await secrets.has(name).catch(() => false), validation };
      }
      const keychain = await secrets.status();
      if (!keychain.available) {
        throw new CommandError('unavailable', `No keychain is available (${keychain.backend}); keys are never stored in plain text.`, 'payload.name');
      }
      await secrets.set(name, normaliseSecret(name, value));
      await engine.refreshSecretsStatus();
      activity.append({ kind: 'secret', message: `Key ${name} stored in the keychain` });
      return { name, set: true, validation };
    },

    clearSecret: async ({ name }) => {
      await secrets.delete(name);
      await engine.refreshSecretsStatus();
      activity.append({ kind: 'secret', message: `Key ${name} removed from the keychain` });
      return { name, set: false };
    },

    isSecretSet: async ({ name }) => ({ name, set: await secrets.has(name) }),

    setMode: ({ mode, confirmation }) => {
      if (mode === 'live') {
        if (!liveKeysPresent(engine.secrets().set)) {
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
        if (engine.execution.busy()) {
          throw new CommandError('refused', 'mode: an execution is running; switch modes once it has finished', 'payload.mode');
        }
        // One kill switch for the whole app (risk/appKillSwitch.ts): it would follow into the other
        // mode anyway; re-arming first keeps what the trader sees unambiguous.
        if (risk.state().killSwitch) {
          throw new CommandError('refused', 'mode: the kill switch is engaged; re-arm before switching modes', 'payload.mode');
        }
        try {
          engine.switchLedger(mode);
        } catch (e) {
          throw new CommandError('unavailable', `mode: the ${mode} ledger cannot be opened: ${(e as Error).message}`, 'payload.mode');
        }
        settings.update(mode === 'live' ? { mode, liveConfirmedAt: engine.clock.now() } : { mode });
        engine.emit('mode', { mode });
        activity.append({ kind: 'mode', level: mode === 'live' ? 'warn' : 'info', message: `Switched to ${mode.toUpperCase()} mode` });
      }
      return { mode };
    },

    confirmLink: ({ linkId, relation, override }) => engine.live.confirmLink(linkId, relation, override),

    rejectLink: ({ linkId }) => engine.live.rejectLink(linkId),

    watchMarket: ({ market }) => engine.live.watchMarket(market as MarketRef),

    unwatchMarket: ({ market }) => {
      engine.live.unwatchMarket(market as MarketRef);
      return { market };
    },

    setWatchlist: ({ watchlist }) => engine.live.setWatchlist(watchlist),

    setVenueEnvironment: ({ venue, environment }) => engine.live.setVenueEnvironment(venue, environment),

    explainBasket: ({ strategy, legs }) => {
      if (strategy === 'conditional' && (legs.length !== 2 || legs[0]!.market === legs[1]!.market)) {
        throw new CommandError('invalid_payload', 'legs: a conditional basket has two legs on two markets', 'payload.legs');
      }
      if ((strategy === 'cross_venue' || strategy === 'single_market') && legs.length !== 2) {
        throw new CommandError('invalid_payload', `legs: a ${strategy} basket has two legs`, 'payload.legs');
      }
      return engine.live.explainBasket(strategy, legs.map((l) => ({ market: l.market as MarketRef, outcome: l.outcome })));
    },

    setSimulatorSpeed: ({ speed }) => engine.live.setSimulatorSpeed(speed),

    getActivity: (query) => activity.query(query),
  };
}
