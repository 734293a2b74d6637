// Schema-specific decoding of the two messages that make up nearly all market data — a Kalshi
// `orderbook_delta` and a Polymarket `price_change` of one level — straight from the UTF-8 bytes,
// without building a string or a JSON object for them. Anything else, and anything unusual in
// these (an escape sequence, a repeated field, a number where a string belongs, a second change,
// a fraction in a sequence number, a non-ASCII key), is declined and left to JSON.parse and the
// generic path. The decoder accepts only valid JSON it fully understands, so both routes give the
// same book update, and declining is always safe. It allocates nothing per message: keys are
// looked up by their bytes (byteKeys.ts).
//
// A venue sends the same shape again and again: the same keys in the same order, only the values
// change. So a decoded message leaves a template — its text with holes where values were — and
// the next message is first matched against the templates: the fixed text is compared byte for
// byte and only the holes are read (and checked as the full decoder checks them). A message that
// differs anywhere in its fixed text falls through to the full decoder.
import { hashBytes } from './byteKeys';
import { scaledBytesOrFail } from './fastNumbers';
import { MAX_LEVEL_QTY } from './priceLevels';

/** What one decoded message says. Reused from message to message: read it before the next decode. */
export interface DecodedBookMessage {
  kind: 'kalshi_delta' | 'polymarket_change';
  /** The message's bytes; the ranges below index into them. */
  bytes: Uint8Array;
  /** Kalshi orderbook_delta: sid, seq, the ticker's range and hash, the side. */
  sid: number;
  seq: number;
  keyFrom: number;
  keyTo: number;
  keyHash: number;
  side: 'yes' | 'no';
  /** Polymarket price_change: the token id is the key above; the condition id's range (−1: absent). */
  marketFrom: number;
  marketTo: number;
  isAsk: boolean;
  /** Price in $0.0001; Kalshi: the signed change in 0.01 contracts; Polymarket: the new size. */
  price: number;
  quantity: number;
}

const MAX_DEPTH = 32;
const DECLINE = -1;

// Byte values.
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

// Fields seen, as bits (a repeated field declines: JSON.parse would keep the last one).
const F_TYPE = 1;
const F_SID = 2;
const F_SEQ = 4;
const F_MSG = 8;
const F_EVENT_TYPE = 16;
const F_MARKET = 32;
const F_CHANGES = 64;
const F_KEY = 1;
const F_PRICE = 2;
const F_QUANTITY = 4;
const F_SIDE = 8;
const KALSHI_FIELDS = F_TYPE | F_SID | F_SEQ | F_MSG;
const POLYMARKET_FIELDS = F_EVENT_TYPE | F_CHANGES;
const LEVEL_FIELDS = F_KEY | F_PRICE | F_QUANTITY | F_SIDE;

const VENUE_KALSHI = 1;
const VENUE_POLYMARKET = 2;

// What a template's hole holds.
const SLOT_SKIP_STRING = 0;
const SLOT_SKIP_NUMBER = 1;
const SLOT_SID = 2;
const SLOT_SEQ = 3;
const SLOT_MARKET = 4;
const SLOT_KEY = 5;
const SLOT_PRICE = 6;
const SLOT_QUANTITY = 7;
const SLOT_SIDE = 8;
const MAX_SLOTS = 48;
const MAX_TEMPLATES = 6;

/** A decoded message's text with holes: `fixed` between the holes, what each hole held. */
interface Template {
  readonly venue: number;
  /** The fixed text, one run per gap: run k is fixed[runEnds[k − 1], runEnds[k]). */
  readonly fixed: Uint8Array;
  readonly runEnds: Int32Array;
  readonly slots: Int8Array;
}

function ascii(word: string): Uint8Array {
  return Uint8Array.from(word, (ch) => ch.charCodeAt(0));
}

// The words the two shapes use, as bytes.
const W_BUY = ascii('BUY');
const W_SELL = ascii('SELL');
const W_ASSET_ID = ascii('asset_id');
const W_CHANGES = ascii('changes');
const W_DATA = ascii('data');
const W_DELTA_FP = ascii('delta_fp');
const W_EVENT_TYPE = ascii('event_type');
const W_KALSHI = ascii('kalshi');
const W_MARKET = ascii('market');
const W_MARKET_TICKER = ascii('market_ticker');
const W_MSG = ascii('msg');
const W_NO = ascii('no');
const W_ORDERBOOK_DELTA = ascii('orderbook_delta');
const W_POLYMARKET = ascii('polymarket');
const W_PRICE = ascii('price');
const W_PRICE_CHANGE = ascii('price_change');
const W_PRICE_CHANGES = ascii('price_changes');
const W_PRICE_DOLLARS = ascii('price_dollars');
const W_SEQ = ascii('seq');
const W_SID = ascii('sid');
const W_SIDE = ascii('side');
const W_SIZE = ascii('size');
const W_TYPE = ascii('type');
const W_VENUE = ascii('venue');
const W_YES = ascii('yes');
const W_TRUE = ascii('true');
const W_FALSE = ascii('false');
const W_NULL = ascii('null');

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * Decodes one venue message (an object) or one replay line (`{"venue", "data"}`) from its bytes.
 * Returns the shared record, or null to decline (JSON.parse and the generic path decide then).
 */
export class WireDecoder {
  private b: Uint8Array = new Uint8Array(0);
  private end = 0;
  /** The last string read: [from, to) without its quotes; whether it was all ASCII. */
  private from = 0;
  private to = 0;
  private ascii = true;
  private uintValue = 0;
  private fields = 0;
  private levelOk = false;
  /** Holes seen by the full decode of this message, for its template. */
  private slotCount = 0;
  private readonly slotKinds = new Int8Array(MAX_SLOTS);
  private readonly slotFrom = new Int32Array(MAX_SLOTS);
  private readonly slotTo = new Int32Array(MAX_SLOTS);
  /** Templates per entry: replay lines, Kalshi messages, Polymarket messages; latest match first. */
  private readonly templates: Template[][] = [[], [], []];
  private readonly out: DecodedBookMessage = {
    kind: 'kalshi_delta',
    bytes: this.b,
    sid: 0,
    seq: 0,
    keyFrom: 0,
    keyTo: 0,
    keyHash: 0,
    side: 'yes',
    marketFrom: -1,
    marketTo: -1,
    isAsk: false,
    price: 0,
    quantity: 0,
  };

  /** A replay line in `bytes[from, to)`: `{"venue": "kalshi" | "polymarket", "data": <message>}`, any key order. */
  decodeLine(bytes: Uint8Array, from: number, to: number): DecodedBookMessage | null {
    const matched = this.matchTemplates(0, bytes, from, to);
    if (matched !== null) return matched;
    const decoded = this.fullLine(bytes, from, to);
    if (decoded !== null) this.learn(0, from, to);
    return decoded;
  }

  /** One venue message as it came off the socket, `bytes[from, to)`. */
  decodeMessage(venue: 'kalshi' | 'polymarket', bytes: Uint8Array, from: number, to: number): DecodedBookMessage | null {
    const entry = venue === 'kalshi' ? 1 : 2;
    const matched = this.matchTemplates(entry, bytes, from, to);
    if (matched !== null) return matched;
    this.begin(bytes, to);
    const i = this.message(this.ws(from));
    if (i === DECLINE || this.ws(i) !== this.end) return null;
    const decoded = this.finish(entry === 1 ? VENUE_KALSHI : VENUE_POLYMARKET);
    if (decoded !== null) this.learn(entry, from, to);
    return decoded;
  }

  private fullLine(bytes: Uint8Array, from: number, to: number): DecodedBookMessage | null {
    this.begin(bytes, to);
    let i = this.ws(from);
    if (i >= this.end || bytes[i] !== OPEN_BRACE) return null;
    i = this.ws(i + 1);
    let venue = 0;
    let data = false;
    for (;;) {
      i = this.key(i);
      if (i === DECLINE) return null;
      if (this.is(W_VENUE)) {
        if (venue !== 0) return null;
        i = this.string(i);
        if (i === DECLINE) return null;
        venue = this.is(W_KALSHI) ? VENUE_KALSHI : this.is(W_POLYMARKET) ? VENUE_POLYMARKET : 0;
        if (venue === 0) return null;
      } else if (this.is(W_DATA)) {
        if (data) return null;
        data = true;
        i = this.message(i);
      } else {
        i = this.skip(i, 1);
      }
      if (i === DECLINE) return null;
      i = this.next(i, CLOSE_BRACE);
      if (i === DECLINE) return null;
      if (i < -1) break;
    }
    if (this.ws(-2 - i) !== this.end || !data) return null;
    return this.finish(venue);
  }

  // ---- templates -----------------------------------------------------------------------------

  /** Keeps the message just decoded in full as a template (its holes were recorded). */
  private learn(entry: number, from: number, to: number): void {
    const n = this.slotCount;
    if (n > MAX_SLOTS) return;
    const b = this.b;
    const runEnds = new Int32Array(n + 1);
    const slots = new Int8Array(n);
    let length = 0;
    for (let k = 0; k <= n; k++) length += (k === n ? to : this.slotFrom[k]!) - (k === 0 ? from : this.slotTo[k - 1]!);
    const fixed = new Uint8Array(length);
    let at = 0;
    for (let k = 0; k <= n; k++) {
      const start = k === 0 ? from : this.slotTo[k - 1]!;
      const end = k === n ? to : this.slotFrom[k]!;
      fixed.set(b.subarray(start, end), at);
      at += end - start;
      runEnds[k] = at;
      if (k < n) slots[k] = this.slotKinds[k]!;
    }
    const list = this.templates[entry]!;
    list.unshift({ venue: this.out.kind === 'kalshi_delta' ? VENUE_KALSHI : VENUE_POLYMARKET, fixed, runEnds, slots });
    if (list.length > MAX_TEMPLATES) list.pop();
  }

  private matchTemplates(entry: number, bytes: Uint8Array, from: number, to: number): DecodedBookMessage | null {
    const list = this.templates[entry]!;
    for (let t = 0; t < list.length; t++) {
      const template = list[t]!;
      this.begin(bytes, to);
      if (!this.match(template, from)) continue;
      if (t > 0) {
        list.splice(t, 1);
        list.unshift(template);
      }
      this.out.kind = template.venue === VENUE_KALSHI ? 'kalshi_delta' : 'polymarket_change';
      return this.out;
    }
    return null;
  }

  /** Whether `b[from, end)` is the template's fixed text with valid values in its holes (read into `out`). */
  private match(t: Template, from: number): boolean {
    const b = this.b;
    const end = this.end;
    const fixed = t.fixed;
    const runEnds = t.runEnds;
    const slots = t.slots;
    const out = this.out;
    const polymarket = t.venue === VENUE_POLYMARKET;
    let i = from;
    let run = 0;
    for (let k = 0; ; k++) {
      const runEnd = runEnds[k]!;
      if (i + runEnd - run > end) return false;
      for (let j = run; j < runEnd; j++, i++) if (b[i] !== fixed[j]) return false;
      run = runEnd;
      if (k === slots.length) return i === end;
      const kind = slots[k]!;
      if (kind === SLOT_SKIP_NUMBER) {
        i = this.number(i);
        if (i === DECLINE) return false;
        continue;
      }
      if (kind === SLOT_SID || kind === SLOT_SEQ) {
        i = this.uint(i);
        if (i === DECLINE) return false;
        if (kind === SLOT_SID) out.sid = this.uintValue;
        else out.seq = this.uintValue;
        continue;
      }
      // A string's contents: the closing quote is the next run's first byte.
      const s = i;
      let high = 0;
      for (; i < end; i++) {
        const c = b[i]!;
        if (c === QUOTE) break;
        if (c === BACKSLASH || c < 32) return false;
        high |= c;
      }
      if (i === end) return false;
      this.from = s;
      this.to = i;
      if (kind !== SLOT_SKIP_STRING && !this.holds(kind, polymarket, high < 128)) return false;
    }
  }

  /** Reads a hole's string value [from, to) into `out`, with the full decoder's checks. */
  private holds(kind: number, polymarket: boolean, ascii: boolean): boolean {
    const b = this.b;
    const out = this.out;
    switch (kind) {
      case SLOT_MARKET:
        out.marketFrom = this.from;
        out.marketTo = this.to;
        return true;
      case SLOT_KEY:
        if (this.to === this.from || !ascii) return false;
        out.keyFrom = this.from;
        out.keyTo = this.to;
        out.keyHash = hashBytes(b, this.from, this.to);
        return true;
      case SLOT_PRICE: {
        const p = scaledBytesOrFail(b, 4, false, this.from, this.to);
        if (!(p > 0 && p < 10_000)) return false;
        out.price = p;
        return true;
      }
      case SLOT_QUANTITY: {
        if (this.to === this.from) return false;
        const sign = polymarket ? 0 : b[this.from]!;
        const q = scaledBytesOrFail(b, 2, polymarket, this.from + (sign === MINUS || sign === PLUS ? 1 : 0), this.to);
        if (!(q >= 0 && q <= MAX_LEVEL_QTY)) return false;
        out.quantity = sign === MINUS && q !== 0 ? -q : q;
        return true;
      }
      case SLOT_SIDE:
        if (polymarket) {
          if (this.is(W_SELL)) out.isAsk = true;
          else if (this.is(W_BUY)) out.isAsk = false;
          else return false;
        } else if (this.is(W_YES)) out.side = 'yes';
        else if (this.is(W_NO)) out.side = 'no';
        else return false;
        return true;
      default:
        return false;
    }
  }

  /** A string value the message is read for: noted as a hole, read into `out`. */
  private value(i: number, kind: number, polymarket: boolean): number {
    i = this.string(i);
    if (i === DECLINE) return DECLINE;
    this.hole(kind, this.from, this.to);
    return this.holds(kind, polymarket, this.ascii) ? i : DECLINE;
  }

  /** Notes a hole of the message being decoded in full: a value at [from, to). */
  private hole(kind: number, from: number, to: number): void {
    const k = this.slotCount++;
    if (k >= MAX_SLOTS) return;
    this.slotKinds[k] = kind;
    this.slotFrom[k] = from;
    this.slotTo[k] = to;
  }

  private begin(bytes: Uint8Array, end: number): void {
    this.b = bytes;
    this.end = end;
    this.slotCount = 0;
    this.fields = 0;
    this.levelOk = false;
    this.out.bytes = bytes;
    this.out.marketFrom = -1;
    this.out.marketTo = -1;
  }

  private finish(venue: number): DecodedBookMessage | null {
    if (!this.levelOk) return null;
    const out = this.out;
    if (venue === VENUE_KALSHI && (this.fields & KALSHI_FIELDS) === KALSHI_FIELDS) {
      out.kind = 'kalshi_delta';
      return out;
    }
    if (venue === VENUE_POLYMARKET && (this.fields & POLYMARKET_FIELDS) === POLYMARKET_FIELDS && (this.fields & F_MSG) === 0) {
      out.kind = 'polymarket_change';
      return out;
    }
    return null;
  }

  // ---- the two shapes ------------------------------------------------------------------------

  /** The message object: Kalshi `{type, sid, seq, msg}` or Polymarket `{event_type, market, price_changes}`. */
  private message(i: number): number {
    const b = this.b;
    if (i >= this.end || b[i] !== OPEN_BRACE) return DECLINE;
    i = this.ws(i + 1);
    const out = this.out;
    for (;;) {
      i = this.key(i);
      if (i === DECLINE) return DECLINE;
      let bit = 0;
      if (this.is(W_TYPE)) {
        bit = F_TYPE;
        i = this.string(i);
        if (i === DECLINE || !this.is(W_ORDERBOOK_DELTA)) return DECLINE;
      } else if (this.is(W_SID) || this.is(W_SEQ)) {
        const sid = this.is(W_SID);
        bit = sid ? F_SID : F_SEQ;
        const at = i;
        i = this.uint(i);
        if (i === DECLINE) return DECLINE;
        this.hole(sid ? SLOT_SID : SLOT_SEQ, at, i);
        if (sid) out.sid = this.uintValue;
        else out.seq = this.uintValue;
      } else if (this.is(W_MSG)) {
        bit = F_MSG;
        i = this.level(i, false);
      } else if (this.is(W_EVENT_TYPE)) {
        bit = F_EVENT_TYPE;
        i = this.string(i);
        if (i === DECLINE || !this.is(W_PRICE_CHANGE)) return DECLINE;
      } else if (this.is(W_MARKET)) {
        bit = F_MARKET;
        i = this.value(i, SLOT_MARKET, true);
      } else if (this.is(W_PRICE_CHANGES)) {
        bit = F_CHANGES;
        i = this.changes(i);
      } else if (this.is(W_CHANGES) || this.is(W_ASSET_ID)) {
        // The price_change shape from before September 2025: the generic path reads it.
        return DECLINE;
      } else {
        i = this.skip(i, 2);
      }
      if (i === DECLINE || (this.fields & bit) !== 0) return DECLINE;
      this.fields |= bit;
      i = this.next(i, CLOSE_BRACE);
      if (i === DECLINE) return DECLINE;
      if (i < -1) return -2 - i;
    }
  }

  /** Polymarket `price_changes`: exactly one change. */
  private changes(i: number): number {
    const b = this.b;
    if (i >= this.end || b[i] !== OPEN_BRACKET) return DECLINE;
    i = this.level(this.ws(i + 1), true);
    if (i === DECLINE) return DECLINE;
    i = this.ws(i);
    // A second change (or anything else) goes the generic way.
    return i < this.end && b[i] === CLOSE_BRACKET ? i + 1 : DECLINE;
  }

  /**
   * One level: a Kalshi delta body {market_ticker, price_dollars, delta_fp, side: yes|no} or a
   * Polymarket change {asset_id, price, size, side: BUY|SELL}; other fields are skipped.
   */
  private level(i: number, polymarket: boolean): number {
    const b = this.b;
    if (this.levelOk || i >= this.end || b[i] !== OPEN_BRACE) return DECLINE;
    i = this.ws(i + 1);
    let seen = 0;
    for (;;) {
      i = this.key(i);
      if (i === DECLINE) return DECLINE;
      let bit = 0;
      if (polymarket ? this.is(W_ASSET_ID) : this.is(W_MARKET_TICKER)) {
        bit = F_KEY;
        i = this.value(i, SLOT_KEY, polymarket);
      } else if (polymarket ? this.is(W_PRICE) : this.is(W_PRICE_DOLLARS)) {
        bit = F_PRICE;
        i = this.value(i, SLOT_PRICE, polymarket);
      } else if (polymarket ? this.is(W_SIZE) : this.is(W_DELTA_FP)) {
        bit = F_QUANTITY;
        i = this.value(i, SLOT_QUANTITY, polymarket);
      } else if (this.is(W_SIDE)) {
        bit = F_SIDE;
        i = this.value(i, SLOT_SIDE, polymarket);
      } else {
        i = this.skip(i, 3);
      }
      if (i === DECLINE || (seen & bit) !== 0) return DECLINE;
      seen |= bit;
      i = this.next(i, CLOSE_BRACE);
      if (i === DECLINE) return DECLINE;
      if (i < -1) {
        if (seen !== LEVEL_FIELDS) return DECLINE;
        this.levelOk = true;
        return -2 - i;
      }
    }
  }

  // ---- JSON tokens ---------------------------------------------------------------------------

  private ws(i: number): number {
    const b = this.b;
    const end = this.end;
    while (i < end) {
      const c = b[i]!;
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
    return i;
  }

  /** A string without escapes; its contents in [from, to). Bytes ≥ 0x80 are UTF-8 (`ascii` false). */
  private string(i: number): number {
    const b = this.b;
    const end = this.end;
    if (i >= end || b[i] !== QUOTE) return DECLINE;
    const from = i + 1;
    let high = 0;
    for (let j = from; j < end; j++) {
      const c = b[j]!;
      if (c === QUOTE) {
        this.from = from;
        this.to = j;
        this.ascii = high < 128;
        return j + 1;
      }
      if (c === BACKSLASH || c < 32) return DECLINE;
      high |= c;
    }
    return DECLINE;
  }

  /** `"key" :` — the key in [from, to); returns the position of the value. */
  private key(i: number): number {
    i = this.string(i);
    if (i === DECLINE) return DECLINE;
    i = this.ws(i);
    if (i >= this.end || this.b[i] !== COLON) return DECLINE;
    return this.ws(i + 1);
  }

  /** Whether the last string read is exactly `word`. */
  private is(word: Uint8Array): boolean {
    const n = word.length;
    if (this.to - this.from !== n) return false;
    const b = this.b;
    const at = this.from;
    for (let k = 0; k < n; k++) if (b[at + k] !== word[k]) return false;
    return true;
  }

  /** After a member: past a `,` (the next member's position) or past the closing byte (−2 − position). */
  private next(i: number, close: number): number {
    i = this.ws(i);
    if (i >= this.end) return DECLINE;
    const c = this.b[i];
    if (c === COMMA) return this.ws(i + 1);
    if (c === close) return -2 - (i + 1);
    return DECLINE;
  }

  /** A number of digits only, a whole number ≥ 0 below 10^15: its value in `uintValue`. */
  private uint(i: number): number {
    const b = this.b;
    const end = this.end;
    let v = 0;
    let j = i;
    for (; j < end && j - i < 16; j++) {
      const c = b[j]!;
      if (c < ZERO || c > NINE) break;
      v = v * 10 + (c - ZERO);
    }
    if (j === i || j - i >= 16 || (b[i] === ZERO && j - i > 1)) return DECLINE;
    if (j < end) {
      const after = b[j]!;
      if (after === DOT || after === LOWER_E || after === UPPER_E) return DECLINE;
    }
    this.uintValue = v;
    return j;
  }

  /** Any JSON value, checked and skipped. */
  private skip(i: number, depth: number): number {
    const b = this.b;
    if (i >= this.end) return DECLINE;
    const c = b[i]!;
    if (c === QUOTE) {
      const j = this.string(i);
      if (j !== DECLINE) this.hole(SLOT_SKIP_STRING, this.from, this.to);
      return j;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth >= MAX_DEPTH) return DECLINE;
      const object = c === OPEN_BRACE;
      const close = object ? CLOSE_BRACE : CLOSE_BRACKET;
      i = this.ws(i + 1);
      if (i < this.end && b[i] === close) return i + 1;
      for (;;) {
        if (object) {
          i = this.key(i);
          if (i === DECLINE) return DECLINE;
        }
        i = this.skip(i, depth + 1);
        if (i === DECLINE) return DECLINE;
        i = this.next(i, close);
        if (i === DECLINE) return DECLINE;
        if (i < -1) return -2 - i;
      }
    }
    if (c === MINUS || isDigit(c)) {
      const j = this.number(i);
      if (j !== DECLINE) this.hole(SLOT_SKIP_NUMBER, i, j);
      return j;
    }
    if (this.literal(i, W_TRUE) || this.literal(i, W_NULL)) return i + 4;
    if (this.literal(i, W_FALSE)) return i + 5;
    return DECLINE;
  }

  private literal(i: number, word: Uint8Array): boolean {
    if (i + word.length > this.end) return false;
    for (let k = 0; k < word.length; k++) if (this.b[i + k] !== word[k]) return false;
    return true;
  }

  /** A JSON number (RFC 8259 grammar), skipped. */
  private number(i: number): number {
    const b = this.b;
    const end = this.end;
    if (b[i] === MINUS) i++;
    const first = i;
    while (i < end && isDigit(b[i]!)) i++;
    if (i === first || (b[first] === ZERO && i - first > 1)) return DECLINE;
    if (i < end && b[i] === DOT) {
      const f = ++i;
      while (i < end && isDigit(b[i]!)) i++;
      if (i === f) return DECLINE;
    }
    if (i < end && (b[i] === LOWER_E || b[i] === UPPER_E)) {
      i++;
      if (i < end && (b[i] === PLUS || b[i] === MINUS)) i++;
      const e = i;
      while (i < end && isDigit(b[i]!)) i++;
      if (i === e) return DECLINE;
    }
    return i;
  }
}
