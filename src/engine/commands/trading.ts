// Trading commands: execute an opportunity, analyze one, unwind a basket, and the figures around
// them (opportunities, positions, breaker, metrics).
import { selectOpportunities } from '../execution/selectOpportunities';
import { CommandError, type PositionsView } from '../../shared/contract';
import { Money, toMicros } from '../../shared/money';
import type { ExecutionService } from '../execution/executionService';
import type { CircuitBreaker } from '../risk/circuitBreaker';
import type { Handlers } from './handlers';
import type { SettingsStore } from '../settings/settingsStore';
import type { ActivityLog } from '../activity/activityLog';
import { balanceCheckOf } from '../execution/balanceCheck';

export interface TradingCommandPorts {
  execution: ExecutionService;
  risk: CircuitBreaker;
  positions(): PositionsView;
  mode(): 'paper' | 'live';
  settings: SettingsStore;
  activity: ActivityLog;
}

type TradingCommands = 'execute' | 'analyze' | 'unwindBasket' | 'getOpportunities' | 'getPositions' | 'getBreaker' | 'getMetrics' | 'setPaperBalances';

export function tradingCommands({ execution, risk, positions, mode, settings, activity }: TradingCommandPorts): Handlers<TradingCommands> {
  return {
    execute: ({ opportunityId, size }) => execution.executor.execute({ opportunityId, size }),
    analyze: ({ opportunityId, targetSize }) => {
      const maxLoss = toMicros(new Money(risk.limits().maxLossPerTrade), 'down');
      const analysis = execution.markets()?.scanner.analyze(opportunityId, targetSize, undefined, maxLoss);
      if (!analysis) throw new CommandError('not_found', `opportunityId: no opportunity "${opportunityId}" in the live books`, 'payload.opportunityId');
      const balance = balanceCheckOf(analysis, (venue) => execution.cash(venue));
      return balance ? { ...analysis, balance } : analysis;
    },
    unwindBasket: ({ basketId }) => execution.executor.unwindBasket(basketId),
    getOpportunities: (query) => selectOpportunities(execution.opportunities(), query),
    getPositions: () => positions(),
    getBreaker: () => ({ breaker: risk.state(), limits: risk.limits() }),
    getMetrics: () => execution.metrics.snapshot(mode(), positions(), risk.state()),
    setPaperBalances: ({ balances }) => {
      const next = { ...settings.get().paperBalances, ...balances };
      settings.update({ paperBalances: next });
      execution.rebasePaper();
      activity.append({ kind: 'info', message: `Paper starting cash set: ${Object.entries(balances).map(([v, d]) => `${v} $${d}`).join(', ')}` });
      return { balances: next };
    },
  };
}
