import type { Limits } from '../../shared/contract';

export const DEFAULT_LIMITS: Limits = {
  maxPositionPerMarket: 50_000,
  maxTotalContracts: 100_000,
  maxTotalDollars: '50000',
  maxDailyLoss: '500',
  maxLossPerTrade: '5',
  maxConsecutiveErrors: 5,
  cooldownSeconds: 300,
  probeSize: 10,
  tradingDayTimeZone: 'UTC',
};
