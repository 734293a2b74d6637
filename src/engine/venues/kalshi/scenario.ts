// A Kalshi market in scenario files (formats.md §2): `feeMultiplier` (the taker coefficient, 0.07 on
// a standard series) and `orderbook_fp: {yes_dollars, no_dollars}`, bids of each side as
// [price, count] pairs. Recordings write the coefficient in force, converted from the venue's
// relative multiplier.
import { describe, isObject, levelPairs, readFee, readPairLevels, ScenarioError } from '../scenarioFields';
import type { ScenarioAdapter } from '../contribution';
import { KALSHI_DEFAULT_MULTIPLIER, KalshiFeeModel } from './feeModel';
import { kalshiSchedule } from './fees';
import { kalshiPricing } from './feeSchedule';

export const kalshiScenario: ScenarioAdapter = {
  read(raw, field) {
    const fee = readFee(raw.feeMultiplier, `${field}.feeMultiplier`, KALSHI_DEFAULT_MULTIPLIER, (t) => KalshiFeeModel.parse(t));
    const ob = raw.orderbook_fp;
    if (ob !== undefined && ob !== null && !isObject(ob)) throw new ScenarioError(`${field}.orderbook_fp`, `expected {"yes_dollars", "no_dollars"}, got ${describe(ob)}`);
    const book = (ob ?? {}) as Record<string, unknown>;
    return {
      fee,
      levels: {
        shape: 'bid_pair',
        yesBids: readPairLevels(book.yes_dollars, `${field}.orderbook_fp.yes_dollars`),
        noBids: readPairLevels(book.no_dollars, `${field}.orderbook_fp.no_dollars`),
      },
    };
  },

  write(info, levels, now) {
    const schedule = kalshiSchedule(info.fee);
    const pricing = typeof schedule === 'string' ? null : kalshiPricing(schedule, now);
    if (pricing === null || !pricing.ok) return null;
    const book = levels?.shape === 'bid_pair' ? levels : null;
    return {
      feeMultiplier: String(pricing.taker.params.feeMultiplier),
      orderbook_fp: { yes_dollars: book ? levelPairs(book.yesBids) : [], no_dollars: book ? levelPairs(book.noBids) : [] },
    };
  },
};
