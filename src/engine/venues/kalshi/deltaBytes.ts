// Kalshi's byte-level fast path (books/wireDecoder.ts): an `orderbook_delta`
// `{type, sid, seq, msg: {market_ticker, price_dollars, delta_fp, side}}` read straight from its
// bytes — nearly every message of a Kalshi book stream. Anything else (snapshots, `ok` replies,
// a repeated field, a number where a string belongs) is declined and goes to the decoder
// (marketData.ts), which gives the same update for what this reads.
import { hashBytes } from '../../books/byteKeys';
import { ascii, bytesAre, DECLINE, FIRST_STRING_HOLE, FIRST_UINT_HOLE, priceBytes, quantityBytes, type WireDecoder, type WireMessage, type WireMessageReader } from '../../books/wireDecoder';
import { KALSHI } from './manifest';

/** One `orderbook_delta` as read from its bytes. */
export interface KalshiDeltaBytes extends WireMessage {
  readonly kind: 'kalshi_delta';
  sid: number;
  seq: number;
  /** The ticker's range in `bytes`, and its hash (byteKeys.ts). */
  keyFrom: number;
  keyTo: number;
  keyHash: number;
  side: 'yes' | 'no';
  /** $0.0001. */
  price: number;
  /** The signed change, in 0.01 contracts. */
  quantity: number;
}

const SID = FIRST_UINT_HOLE;
const SEQ = FIRST_UINT_HOLE + 1;
const TICKER = FIRST_STRING_HOLE;
const PRICE = FIRST_STRING_HOLE + 1;
const DELTA = FIRST_STRING_HOLE + 2;
const SIDE = FIRST_STRING_HOLE + 3;

const F_TYPE = 1;
const F_SID = 2;
const F_SEQ = 4;
const F_MSG = 8;
const ALL = F_TYPE | F_SID | F_SEQ | F_MSG;

const TYPE = ascii('type');
const SID_KEY = ascii('sid');
const SEQ_KEY = ascii('seq');
const MSG = ascii('msg');
const ORDERBOOK_DELTA = ascii('orderbook_delta');
const YES = ascii('yes');
const NO = ascii('no');
const LEVEL_KEYS = [ascii('market_ticker'), ascii('price_dollars'), ascii('delta_fp'), ascii('side')];
const LEVEL_HOLES = [TICKER, PRICE, DELTA, SIDE];

export class KalshiDeltaReader implements WireMessageReader {
  readonly venue = KALSHI;
  readonly decoded: KalshiDeltaBytes = { venue: KALSHI, kind: 'kalshi_delta', bytes: new Uint8Array(0), sid: 0, seq: 0, keyFrom: 0, keyTo: 0, keyHash: 0, side: 'yes', price: 0, quantity: 0 };
  private seen = 0;

  begin(bytes: Uint8Array): void {
    this.decoded.bytes = bytes;
    this.seen = 0;
  }

  message(d: WireDecoder, i: number): number {
    i = d.open(i);
    if (i === DECLINE) return DECLINE;
    for (;;) {
      i = d.key(i);
      if (i === DECLINE) return DECLINE;
      let bit = 0;
      if (d.is(TYPE)) {
        bit = F_TYPE;
        i = d.string(i);
        if (i === DECLINE || !d.is(ORDERBOOK_DELTA)) return DECLINE;
      } else if (d.is(SID_KEY)) {
        bit = F_SID;
        i = d.wholeNumber(i, SID);
      } else if (d.is(SEQ_KEY)) {
        bit = F_SEQ;
        i = d.wholeNumber(i, SEQ);
      } else if (d.is(MSG)) {
        bit = F_MSG;
        i = d.fields(i, LEVEL_KEYS, LEVEL_HOLES, 2);
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
    return this.seen === ALL;
  }

  uint(kind: number, value: number): void {
    if (kind === SID) this.decoded.sid = value;
    else this.decoded.seq = value;
  }

  string(kind: number, bytes: Uint8Array, from: number, to: number, asciiOnly: boolean): boolean {
    const out = this.decoded;
    switch (kind) {
      case TICKER:
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
      case DELTA: {
        const q = quantityBytes(bytes, from, to, true, false);
        if (Number.isNaN(q)) return false;
        out.quantity = q;
        return true;
      }
      case SIDE:
        if (bytesAre(YES, bytes, from, to)) out.side = 'yes';
        else if (bytesAre(NO, bytes, from, to)) out.side = 'no';
        else return false;
        return true;
      default:
        return false;
    }
  }
}
