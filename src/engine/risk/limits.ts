import type { Limits } from '../../shared/contract';
import { type Micros, type Qty, QTY_ONE } from '../../shared/units';
import { Money, toMicros } from '../../shared/money';
import { TradingDay } from './tradingDay';

/** Limits in the integer units the order gate compares, computed once when they are set. */
export interface CompiledLimits {
  source: Limits;
  maxPositionPerMarket: Qty;
  maxTotalContracts: Qty;
  maxTotalDollars: Micros;
  maxDailyLoss: Micros;
  maxLossPerTrade: Micros;
  maxConsecutiveErrors: number;
  cooldownMs: number;
  probeSize: Qty;
  day: TradingDay;
}

/** Money limits round down to the micro-dollar: a limit is never looser than the trader wrote. */
export function compileLimits(limits: Limits): CompiledLimits {
  return {
    source: limits,
    maxPositionPerMarket: (limits.maxPositionPerMarket * QTY_ONE) as Qty,
    maxTotalContracts: (limits.maxTotalContracts * QTY_ONE) as Qty,
    maxTotalDollars: toMicros(new Money(limits.maxTotalDollars), 'down'),
    maxDailyLoss: toMicros(new Money(limits.maxDailyLoss), 'down'),
    maxLossPerTrade: toMicros(new Money(limits.maxLossPerTrade), 'down'),
    maxConsecutiveErrors: limits.maxConsecutiveErrors,
    cooldownMs: limits.cooldownSeconds * 1000,
    probeSize: (limits.probeSize * QTY_ONE) as Qty,
    day: new TradingDay(limits.tradingDayTimeZone),
  };
}
