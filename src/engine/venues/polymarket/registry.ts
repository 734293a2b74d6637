// What the connector knows about each market, shared by the feed (which learns tick changes and
// resolutions) and trading (which signs orders): tokens, the neg-risk flag (which exchange signs),
// the current tick, the minimum size, the fee schedule. Filled by discovery and by setMarkets, so
// nothing is looked up on the hot path.
import { marketRef, type MarketRef, type Outcome } from '../../../shared/ids';
import type { Price, Qty } from '../../../shared/units';
import type { MarketInfo, MarketStatus } from '../venue';
import { POLYMARKET } from './manifest';
import type { PolyFeeParams } from './gammaParse';

export interface PolyMarket {
  readonly ref: MarketRef;
  readonly conditionId: string;
  readonly tokens: { readonly yes: string; readonly no: string };
  negRisk: boolean;
  /** Which exchange (and EIP-712 domain version) orders are signed for. */
  exchange: 'v2' | 'v3';
  tick: Price;
  minOrderSize: Qty;
  fee: PolyFeeParams;
  status: MarketStatus;
  result: Outcome | null;
  title: string;
}

/** Condition ids are hex: looked up case-insensitively. */
export class MarketRegistry {
  private readonly byCondition = new Map<string, PolyMarket>();
  private readonly byTokenId = new Map<string, { market: PolyMarket; outcome: Outcome }>();

  /**
   * Adds or refreshes a market from its MarketInfo. `fresh` (discovery just read it from the venue)
   * overwrites what the feed learned since; otherwise (the engine passing MarketInfo it may have
   * cached) the tick, status and result the feed saw are kept. `exchange` is kept when not given.
   */
  upsert(info: MarketInfo, options: { fresh?: boolean; exchange?: 'v2' | 'v3' } = {}): PolyMarket | null {
    const { fresh = false, exchange } = options;
    const { rate, exponent, takerOnly } = info.fee;
    if (info.venue !== POLYMARKET || !info.tokens || typeof rate !== 'string' || typeof exponent !== 'number') return null;
    const existing = this.byCondition.get(info.id.toLowerCase());
    const fee = { rate, exponent, takerOnly: takerOnly === true };
    if (existing) {
      existing.negRisk = info.negRisk === true;
      existing.exchange = exchange ?? existing.exchange;
      existing.minOrderSize = info.minOrderSize;
      existing.fee = fee;
      existing.title = info.title;
      if (fresh) {
        existing.tick = info.tickSize;
        existing.status = info.status;
        existing.result = info.result ?? null;
      }
      return existing;
    }
    const market: PolyMarket = {
      ref: marketRef(POLYMARKET, info.id),
      conditionId: info.id,
      tokens: { yes: info.tokens.yes, no: info.tokens.no },
      negRisk: info.negRisk === true,
      exchange: exchange ?? 'v2',
      tick: info.tickSize,
      minOrderSize: info.minOrderSize,
      fee,
      status: info.status,
      result: info.result ?? null,
      title: info.title,
    };
    this.byCondition.set(info.id.toLowerCase(), market);
    this.byTokenId.set(info.tokens.yes, { market, outcome: 'yes' });
    this.byTokenId.set(info.tokens.no, { market, outcome: 'no' });
    return market;
  }

  get(conditionId: string): PolyMarket | undefined {
    return this.byCondition.get(conditionId.toLowerCase());
  }

  byRef(ref: MarketRef): PolyMarket | undefined {
    return ref.startsWith('polymarket:') ? this.get(ref.slice('polymarket:'.length)) : undefined;
  }

  byToken(tokenId: string): { market: PolyMarket; outcome: Outcome } | undefined {
    return this.byTokenId.get(tokenId);
  }

  all(): Iterable<PolyMarket> {
    return this.byCondition.values();
  }

  get size(): number {
    return this.byCondition.size;
  }
}
