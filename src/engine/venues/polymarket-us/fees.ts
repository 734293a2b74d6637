// Polymarket US fees as the engine prices them: each market's published `feeCoefficient` Θ gives
// the taker model (feeModel.ts). Makers earn a rebate (Θ = −0.0125 from 2026-09-25): baskets are
// priced as takers, and a resting order is priced as free, never counting on the rebate; fills book
// the commission the venue reports.
import type { FeeContribution } from '../contribution';
import { PmUsFeeModel } from './feeModel';

/** A Polymarket US listing's fee parameters (discovery writes them). */
export interface PmUsFeeParams {
  readonly feeCoefficient: string;
}

export const pmUsFees: FeeContribution = {
  models(params) {
    const { feeCoefficient } = params;
    if (typeof feeCoefficient !== 'string') return 'Polymarket US fee coefficient missing from the listing; not traded';
    const taker = PmUsFeeModel.parse(feeCoefficient);
    return typeof taker === 'string' ? taker : { taker, maker: null, validUntil: null };
  },
};
