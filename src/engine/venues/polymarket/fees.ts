// Polymarket's fees as the engine prices them: each market's published rate and exponent
// (feeModel.ts); makers pay nothing where the market says so. The venue may take a BUY's fee in
// shares, which the live fee service settles from the wallet (execution/feeCollection.ts).
import type { FeeContribution } from '../contribution';
import { PolymarketFeeModel } from './feeModel';

/** A Polymarket listing's fee parameters (the connector's discovery writes them). */
export interface PolymarketFeeParams {
  readonly venue: 'polymarket';
  readonly rate: string;
  readonly exponent: number;
  readonly takerOnly: boolean;
}

export const polymarketFees: FeeContribution = {
  models(params, _now, takenIn) {
    const { rate, exponent, takerOnly } = params;
    if (typeof rate !== 'string' || typeof exponent !== 'number') return 'Polymarket fee rate missing from the listing; not traded';
    const taker = PolymarketFeeModel.parse(rate, exponent, takenIn);
    if (typeof taker === 'string') return taker;
    return { taker, maker: takerOnly === true ? null : taker, validUntil: null };
  },
  buyFeeMayBeTakenInShares: { cash: 'pUSD' },
};
