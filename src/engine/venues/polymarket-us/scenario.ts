// A Polymarket US market in scenario files and recordings: `feeCoefficient` (its Θ, a decimal string)
// and `book` (`{"bids": [[price, size], …], "offers": […]}`, YES prices, as the venue names its sides).
import type { ScenarioAdapter } from '../contribution';
import { describe, isObject, levelPairs, readFee, readPairLevels, ScenarioError } from '../scenarioFields';
import { PmUsFeeModel } from './feeModel';

/** The taker Θ exchange-wide from 2026-09-25 (docs fees.md): a scenario market without one pays it. */
export const PM_US_DEFAULT_COEFFICIENT = '0.0695';

export const pmUsScenario: ScenarioAdapter = {
  read(raw, field) {
    const fee = readFee(raw.feeCoefficient, `${field}.feeCoefficient`, PM_US_DEFAULT_COEFFICIENT, (t) => PmUsFeeModel.parse(t));
    const book = raw.book;
    if (!isObject(book)) throw new ScenarioError(`${field}.book`, `expected {"bids": [...], "offers": [...]}, got ${describe(book)}`);
    return { fee, levels: { shape: 'yes_book', bids: readPairLevels(book.bids, `${field}.book.bids`), asks: readPairLevels(book.offers, `${field}.book.offers`) } };
  },

  write(info, levels) {
    const c = info.fee.feeCoefficient;
    if (typeof c !== 'string') return null;
    const book = levels?.shape === 'yes_book' ? levels : null;
    return { feeCoefficient: c, book: { bids: book ? levelPairs(book.bids) : [], offers: book ? levelPairs(book.asks) : [] } };
  },
};
