// Polymarket's byte-level fast path (books/wireDecoder.ts): a `price_change` of one level
// `{event_type, market, price_changes: [{asset_id, price, size, side}]}` read straight from its
// bytes — nearly every message of a Polymarket market channel. Anything else (books, several
// changes, the shape from before September 2025, a repeated field) is declined and goes to the
// decoder (marketData.ts), which gives the same update for what this reads.
import { hashBytes } from '../../books/byteKeys';
import { ascii, bytesAre, DECLINE, FIRST_STRING_HOLE, priceBytes, quantityBytes, type WireDecoder, type WireMessage, type WireMessageReader } from '../../books/wireDecoder';
import { POLYMARKET } from './manifest';

/** One `price_change` of one level as read from its bytes. */
export interface PolymarketChangeBytes extends WireMessage {
  readonly kind: 'polymarket_change';
  /** The token id's range in `bytes`, and its hash (byteKeys.ts). */
  keyFrom: number;
  keyTo: number;
  keyHash: number;
  /** The condition id's range (−1: the message names none). */
  marketFrom: number;
  marketTo: number;
  isAsk: boolean;
  /** $0.0001. */
  price: number;
  /** The level's new size, in 0.01 contracts. */
  quantity: number;
}

const MARKET = FIRST_STRING_HOLE;
const TOKEN = FIRST_STRING_HOLE + 1;
const PRICE = FIRST_STRING_HOLE + 2;
const SIZE = FIRST_STRING_HOLE + 3;
const SIDE = FIRST_STRING_HOLE + 4;

const F_EVENT_TYPE = 1;
const F_MARKET = 2;
const F_CHANGES = 4;
const NEEDED = F_EVENT_TYPE | F_CHANGES;

const EVENT_TYPE = ascii('event_type');
const PRICE_CHANGE = ascii('price_change');
const MARKET_KEY = ascii('market');
const PRICE_CHANGES = ascii('price_changes');
const CHANGES = ascii('changes');
const ASSET_ID = ascii('asset_id');
const BUY = ascii('BUY');
const SELL = ascii('SELL');
const LEVEL_KEYS = [ASSET_ID, ascii('price'), ascii('size'), ascii('side')];
const LEVEL_HOLES = [TOKEN, PRICE, SIZE, SIDE];

export class PolymarketChangeReader implements WireMessageReader {
  readonly venue = POLYMARKET;
  readonly decoded: PolymarketChangeBytes = { venue: POLYMARKET, kind: 'polymarket_change', bytes: new Uint8Array(0), keyFrom: 0, keyTo: 0, keyHash: 0, marketFrom: -1, marketTo: -1, isAsk: false, price: 0, quantity: 0 };
  private seen = 0;
  private decoder: WireDecoder | null = null;
  private readonly level = (i: number): number => this.decoder!.fields(i, LEVEL_KEYS, LEVEL_HOLES, 2);

  begin(bytes: Uint8Array): void {
    const out = this.decoded;
    out.bytes = bytes;
    out.marketFrom = -1;
    out.marketTo = -1;
    this.seen = 0;
  }

  message(d: WireDecoder, i: number): number {
    this.decoder = d;
    i = d.open(i);
    if (i === DECLINE) return DECLINE;
    for (;;) {
      i = d.key(i);
      if (i === DECLINE) return DECLINE;
      let bit = 0;
      if (d.is(EVENT_TYPE)) {
        bit = F_EVENT_TYPE;
        i = d.string(i);
        if (i === DECLINE || !d.is(PRICE_CHANGE)) return DECLINE;
      } else if (d.is(MARKET_KEY)) {
        bit = F_MARKET;
        i = d.value(i, MARKET);
      } else if (d.is(PRICE_CHANGES)) {
        bit = F_CHANGES;
        i = d.one(i, this.level);
      } else if (d.is(CHANGES) || d.is(ASSET_ID)) {
        // The price_change shape from before September 2025: the generic path reads it.
        return DECLINE;
      } else {
        i = d.skip(i, 2);
      }
      if (i === DECLINE || (this.seen & bit) !== 0) return DECLINE;
      this.seen |= bit;
      i = d.next(i, 125);
      if (i === DECLINE) return DECLINE;
      if (i < -1) return -2 - i;
    }
  }

  complete(): boolean {
    return (this.seen & NEEDED) === NEEDED;
  }

  uint(): void {
    // No whole-number fields.
  }

  string(kind: number, bytes: Uint8Array, from: number, to: number, asciiOnly: boolean): boolean {
    const out = this.decoded;
    switch (kind) {
      case MARKET:
        out.marketFrom = from;
        out.marketTo = to;
        return true;
      case TOKEN:
        if (to === from || !asciiOnly) return false;
        out.keyFrom = from;
        out.keyTo = to;
        out.keyHash = hashBytes(bytes, from, to);
        return true;
      case PRICE: {
        const p = priceBytes(bytes, from, to);
        if (p < 0) return false;
        out.price = p;
        return true;
      }
      case SIZE: {
        const q = quantityBytes(bytes, from, to, false, true);
        if (Number.isNaN(q)) return false;
        out.quantity = q;
        return true;
      }
      case SIDE:
        if (bytesAre(SELL, bytes, from, to)) out.isAsk = true;
        else if (bytesAre(BUY, bytes, from, to)) out.isAsk = false;
        else return false;
        return true;
      default:
        return false;
    }
  }
}
