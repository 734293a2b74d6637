// A Polymarket market in scenario files (formats.md §2): `feeRate`, `feeExponent` and `tokens`
// (`yes` and `no`, each `{token_id, bids, asks}` with `{price, size}` levels).
import { describe, isObject, levelObjects, readFee, readObjectLevels, readString, ScenarioError, quote } from '../scenarioFields';
import type { ScenarioAdapter } from '../contribution';
import { POLYMARKET_DEFAULT_EXPONENT, POLYMARKET_DEFAULT_RATE, POLYMARKET_MAX_EXPONENT, PolymarketFeeModel } from './feeModel';

export const polymarketScenario: ScenarioAdapter = {
  read(raw, field) {
    let exponent = POLYMARKET_DEFAULT_EXPONENT;
    if (raw.feeExponent !== undefined) {
      const e = typeof raw.feeExponent === 'string' && /^\d{1,2}$/.test(raw.feeExponent) ? Number(raw.feeExponent) : raw.feeExponent;
      if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e > POLYMARKET_MAX_EXPONENT) {
        throw new ScenarioError(`${field}.feeExponent`, `expected a whole number from 0 to ${POLYMARKET_MAX_EXPONENT}, got ${describe(e)}`);
      }
      exponent = e;
    }
    const fee = readFee(raw.feeRate, `${field}.feeRate`, POLYMARKET_DEFAULT_RATE, (t) => PolymarketFeeModel.parse(t, exponent));
    const tokens = raw.tokens;
    if (!isObject(tokens)) throw new ScenarioError(`${field}.tokens`, `expected {"yes": {...}, "no": {...}}, got ${describe(tokens)}`);
    const side = (outcome: 'yes' | 'no') => {
      const f = `${field}.tokens.${outcome}`;
      const t = tokens[outcome];
      if (!isObject(t)) throw new ScenarioError(f, `expected {"token_id", "bids", "asks"}, got ${describe(t)}`);
      const tokenId = typeof t.token_id === 'number' && Number.isSafeInteger(t.token_id) && t.token_id >= 0 ? String(t.token_id) : t.token_id;
      return {
        tokenId: readString(tokenId, `${f}.token_id`, 'a token id string'),
        bids: readObjectLevels(t.bids, `${f}.bids`),
        asks: readObjectLevels(t.asks, `${f}.asks`),
      };
    };
    const yes = side('yes');
    const no = side('no');
    if (yes.tokenId === no.tokenId) throw new ScenarioError(`${field}.tokens.no.token_id`, `${quote(no.tokenId)} is also the YES token`);
    return {
      fee,
      tokens: { yes: yes.tokenId, no: no.tokenId },
      levels: { shape: 'token_pair', yes: { bids: yes.bids, asks: yes.asks }, no: { bids: no.bids, asks: no.asks } },
    };
  },

  write(info, levels) {
    if (!info.tokens) return null;
    const book = levels?.shape === 'token_pair' ? levels : null;
    const side = (o: 'yes' | 'no') => ({
      token_id: info.tokens![o],
      bids: book ? levelObjects(book[o].bids) : [],
      asks: book ? levelObjects(book[o].asks) : [],
    });
    return { feeRate: info.fee.rate, feeExponent: info.fee.exponent, tokens: { yes: side('yes'), no: side('no') } };
  },
};
