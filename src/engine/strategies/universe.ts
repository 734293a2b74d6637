import { marketRef, type MarketRef, type VenueId } from '../../shared/ids';
import type { MarketName } from '../../shared/contract/explain';
import type { FeeModel } from '../fees/feeModel';

/** A market the engine trades: where it lives, how its taker fee is computed, its outcome tokens. */
export interface MarketSpec {
  readonly venue: VenueId;
  /** Kalshi market ticker, or Polymarket conditionId. */
  readonly id: string;
  /** What people call it: the human name (src/engine/universe/marketName.ts), or a scenario's title. */
  readonly title: string;
  /** The name in parts, for listed markets. */
  readonly label?: MarketName;
  readonly fee: FeeModel;
  /** Polymarket only: the YES and NO outcome token ids. */
  readonly tokens?: { readonly yes: string; readonly no: string };
  /** When the venue expects the market to have resolved (wall ms): capital is locked until then; null/absent: unknown. */
  readonly resolveBy?: number | null;
}

/** The two markets resolve on the same event by the same rules (YES on one is YES on the other). */
export type Equivalence = readonly [MarketRef, MarketRef];

/** At most one member resolves YES; with `exhaustive`, exactly one does. */
export interface ExclusiveSet {
  readonly id: string;
  readonly members: readonly MarketRef[];
  readonly exhaustive: boolean;
}

/** Whenever `if` resolves YES, `then` resolves YES too. */
export interface Implication {
  readonly if: MarketRef;
  readonly then: MarketRef;
}

export interface Relations {
  readonly equivalent: readonly Equivalence[];
  /** The two markets always resolve opposite ways (YES on one is NO on the other); absent: none. */
  readonly complementary?: readonly Equivalence[];
  readonly exclusive: readonly ExclusiveSet[];
  readonly implies: readonly Implication[];
}

/** What strategies see: the markets in the order they were added, and the relations between them. */
export interface UniverseView extends Relations {
  readonly markets: readonly MarketSpec[];
  market(ref: MarketRef): MarketSpec | undefined;
}

/** The market's one reference string (shared/ids.ts): baskets' legs name it by the tens of thousands. */
export function refOf(spec: { venue: VenueId; id: string }): MarketRef {
  return marketRef(spec.venue, spec.id);
}
