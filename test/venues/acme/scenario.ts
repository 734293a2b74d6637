// An Acme market in scenario files and recordings: `theta` (its fee coefficient) and `book`
// (`{"bids": [[price, size], …], "offers": […]}`, YES prices).
import type { ScenarioAdapter } from '../../../src/engine';
import { describe, isObject, levelPairs, readFee, readPairLevels, ScenarioError } from '../../../src/engine/venues/scenarioFields';
import { AcmeFeeModel } from './feeModel';

export const ACME_DEFAULT_THETA = '0.05';

export const acmeScenario: ScenarioAdapter = {
  read(raw, field) {
    const fee = readFee(raw.theta, `${field}.theta`, ACME_DEFAULT_THETA, (t) => AcmeFeeModel.parse(t));
    const book = raw.book;
    if (!isObject(book)) throw new ScenarioError(`${field}.book`, `expected {"bids": [...], "offers": [...]}, got ${describe(book)}`);
    return { fee, levels: { shape: 'yes_book', bids: readPairLevels(book.bids, `${field}.book.bids`), asks: readPairLevels(book.offers, `${field}.book.offers`) } };
  },

  write(info, levels) {
    const theta = info.fee.theta;
    if (typeof theta !== 'string') return null;
    const book = levels?.shape === 'yes_book' ? levels : null;
    return { theta, book: { bids: book ? levelPairs(book.bids) : [], offers: book ? levelPairs(book.asks) : [] } };
  },
};
