// The honest worst case of a basket before it trades: any one leg can fill while the others do
// not. Then that leg is sold back into the book as it is now. For each leg it is the cost at the
// limit price plus the buy fee, less what the current bids would pay for the same contracts,
// less the sell fee (contracts no bid takes are worth nothing). The largest leg's is the basket's
// worst case. Nothing caps it: it is held against the per-trade loss limit as it is.
import type { BidLadder } from '../books/ladders';
import { feeForFills, type FeeModel } from '../fees/feeModel';
import { walkFee, walkLadder } from './ladderWalk';

export interface WorstCaseLeg {
  /** The outcome's bids: what selling it back would hit. */
  readonly bids: BidLadder;
  readonly fee: FeeModel;
}

export interface WorstCase {
  /** Micro-dollars, never negative. */
  readonly loss: number;
  /** The leg whose failure alone would cost the most. */
  readonly legIndex: number;
}

/** What buying `qty` (0.01 contracts) at `limit` and selling it straight back would lose, micro-dollars. */
export function legRoundTripLoss(leg: WorstCaseLeg, limit: number, qty: number): number {
  const cost = limit * qty + feeForFills(leg.fee, [limit], [qty]);
  const walk = walkLadder(leg.bids, qty, 'sell');
  const proceeds = walk.qty > 0 ? walk.notional - walkFee(leg.fee, walk) : 0;
  return Math.max(0, cost - proceeds);
}

/** The basket's worst case with every leg buying `qty` at its limit. */
export function worstCaseOf(legs: readonly WorstCaseLeg[], limits: readonly number[], qty: number): WorstCase {
  let worst: WorstCase = { loss: 0, legIndex: 0 };
  legs.forEach((leg, i) => {
    const loss = legRoundTripLoss(leg, limits[i]!, qty);
    if (loss > worst.loss) worst = { loss, legIndex: i };
  });
  return worst;
}
