// Reading the few messages that make up nearly all market data straight from their UTF-8 bytes,
// without building a string or a JSON object for them. The venues say which messages and how
// (each venue's decoder may offer a WireMessageReader: MarketDataContribution.wire); this file is
// the generic part: JSON tokens over bytes, and templates. Anything a reader does not take, and
// anything unusual (an escape sequence, a repeated field, a number where a string belongs, a
// non-ASCII key), is declined and left to JSON.parse and the venue's generic decoder. A reader
// accepts only valid JSON it fully understands, so both routes give the same book update, and
// declining is always safe. Nothing is allocated per message: keys are found by their bytes
// (byteKeys.ts).
//
// A venue sends the same shape again and again: the same keys in the same order, only the values
// change. So a decoded message leaves a template — its text with holes where values were — and
// the next message is first matched against the templates: the fixed text is compared byte for
// byte and only the holes are read (and checked as the full read checks them). A message that
// differs anywhere in its fixed text falls through to the full read.
import { scaledBytesOrFail } from './fastNumbers';
import { MAX_LEVEL_QTY } from './priceLevels';

/** What a reader read from one message; it reuses the record from message to message. */
export interface WireMessage {
  /** The venue whose message it is (a replay line's `venue`). */
  readonly venue: string;
  /** Which of the venue's messages it is ("kalshi_delta"). */
  readonly kind: string;
  /** The message's bytes; the reader's ranges index into them. */
  bytes: Uint8Array;
}

/**
 * A venue's byte-level reader of its commonest market-data message(s): a full read with the
 * decoder's tokens, and the checks of a template's holes. Hole kinds are the reader's own numbers:
 * whole numbers from FIRST_UINT_HOLE, strings from FIRST_STRING_HOLE (below 128).
 */
export interface WireMessageReader {
  readonly venue: string;
  /** The record the last message was read into. */
  readonly decoded: WireMessage;
  /** A new message in `bytes`: forget what the last one said. */
  begin(bytes: Uint8Array): void;
  /** Reads the message object at `i` with `d`'s tokens; the position after it, or DECLINE. */
  message(d: WireDecoder, i: number): number;
  /** After a full read: whether the message is whole (every field it needs was there). */
  complete(): boolean;
  /** A whole-number hole's value. */
  uint(kind: number, value: number): void;
  /** A string hole's contents `bytes[from, to)`: checked as the full read checks them and kept; false declines. */
  string(kind: number, bytes: Uint8Array, from: number, to: number, ascii: boolean): boolean;
}

export const DECLINE = -1;
export const FIRST_UINT_HOLE = 2;
export const FIRST_STRING_HOLE = 16;
const HOLE_SKIP_STRING = 0;
const HOLE_SKIP_NUMBER = 1;
const MAX_HOLE = 127;

const MAX_DEPTH = 32;
const MAX_SLOTS = 48;
const MAX_TEMPLATES = 6;

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

/** A decoded message's text with holes: `fixed` between the holes, what each hole held. */
interface Template {
  readonly reader: WireMessageReader;
  /** The fixed text, one run per gap: run k is fixed[runEnds[k − 1], runEnds[k]). */
  readonly fixed: Uint8Array;
  /** The fixed text, read four bytes at a time. */
  readonly fixedView: DataView;
  readonly runEnds: Int32Array;
  readonly slots: Int8Array;
}

/** A word as its bytes (ASCII), for `WireDecoder.is`. */
export function ascii(word: string): Uint8Array {
  return Uint8Array.from(word, (ch) => ch.charCodeAt(0));
}

/** Whether `bytes[from, to)` is exactly `word`. */
export function bytesAre(word: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  const n = word.length;
  if (to - from !== n) return false;
  for (let k = 0; k < n; k++) if (bytes[from + k] !== word[k]) return false;
  return true;
}

/** A price string's contents in $0.0001, strictly between 0 and 1 dollar; −1 when it is not one. */
export function priceBytes(bytes: Uint8Array, from: number, to: number): number {
  const p = scaledBytesOrFail(bytes, 4, false, from, to);
  return p > 0 && p < 10_000 ? p : -1;
}

/**
 * A size string's contents in 0.01 contracts, at most a level's maximum. `signed`: a leading + or
 * − is read (the result is then negative for −); `floor`: digits finer than 0.01 are dropped
 * (else they fail). NaN when it is not one.
 */
export function quantityBytes(bytes: Uint8Array, from: number, to: number, signed: boolean, floor: boolean): number {
  if (to === from) return Number.NaN;
  const sign = signed ? bytes[from]! : 0;
  const q = scaledBytesOrFail(bytes, 2, floor, from + (sign === MINUS || sign === PLUS ? 1 : 0), to);
  if (!(q >= 0 && q <= MAX_LEVEL_QTY)) return Number.NaN;
  return sign === MINUS && q !== 0 ? -q : q;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

const VENUE = ascii('venue');
const DATA = ascii('data');
const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');

/**
 * Decodes one venue message (an object) or one replay line (`{"venue", "data"}`) from its bytes
 * with the venues' readers. Returns the reader's record, or null to decline (JSON.parse and the
 * generic path decide then).
 */
export class WireDecoder {
  private b: Uint8Array = new Uint8Array(0);
  /**
   * The memory under `b`, for comparing a template's fixed text four bytes at a time: `b[i]` is at
   * `viewBase + i`. One view per buffer, not per message (a replay's lines share one).
   */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewBase = 0;
  private end = 0;
  /** The last string read: [from, to) without its quotes; whether it was all ASCII. */
  from = 0;
  to = 0;
  private asciiOnly = true;
  /** The last whole number read by `uint`. */
  uintValue = 0;
  private reader: WireMessageReader | null = null;
  /** Holes seen by the full read of this message, for its template. */
  private slotCount = 0;
  private readonly slotKinds = new Int8Array(MAX_SLOTS);
  private readonly slotFrom = new Int32Array(MAX_SLOTS);
  private readonly slotTo = new Int32Array(MAX_SLOTS);
  private readonly readers: readonly WireMessageReader[];
  private readonly names: readonly Uint8Array[];
  /** Templates per entry: replay lines, then each reader's messages; latest match first. */
  private readonly templates: Template[][];

  constructor(readers: Iterable<WireMessageReader>) {
    this.readers = [...readers];
    this.names = this.readers.map((r) => ascii(r.venue));
    this.templates = [[], ...this.readers.map((): Template[] => [])];
  }

  /** A replay line in `bytes[from, to)`: `{"venue": <a reader's venue>, "data": <message>}`, any key order. */
  decodeLine(bytes: Uint8Array, from: number, to: number): WireMessage | null {
    const matched = this.matchTemplates(0, bytes, from, to);
    if (matched !== null) return matched;
    const decoded = this.fullLine(bytes, from, to);
    if (decoded !== null) this.learn(0, from, to);
    return decoded;
  }

  /** One message of `venue` as it came off the socket, `bytes[from, to)`. */
  decodeMessage(venue: string, bytes: Uint8Array, from: number, to: number): WireMessage | null {
    const index = this.readers.findIndex((r) => r.venue === venue);
    if (index < 0) return null;
    const entry = index + 1;
    const matched = this.matchTemplates(entry, bytes, from, to);
    if (matched !== null) return matched;
    const reader = this.readers[index]!;
    this.begin(reader, bytes, to);
    const i = reader.message(this, this.ws(from));
    if (i === DECLINE || this.ws(i) !== this.end || !reader.complete()) return null;
    this.learn(entry, from, to);
    return reader.decoded;
  }

  private fullLine(bytes: Uint8Array, from: number, to: number): WireMessage | null {
    this.begin(null, bytes, to);
    let i = this.ws(from);
    if (i >= this.end || bytes[i] !== OPEN_BRACE) return null;
    i = this.ws(i + 1);
    let venue = false;
    // The data's position when it comes before the venue: read once the venue is known.
    let dataAt = -1;
    let data = false;
    for (;;) {
      i = this.key(i);
      if (i === DECLINE) return null;
      if (this.is(VENUE)) {
        if (venue) return null;
        venue = true;
        i = this.string(i);
        if (i === DECLINE) return null;
        const reader = this.readerNamed();
        if (reader === null) return null;
        this.reader = reader;
        reader.begin(bytes);
        if (dataAt >= 0) {
          // Read it now, from the start: the holes must come in text order, so start afresh.
          return this.fullLineInOrder(bytes, from, to);
        }
      } else if (this.is(DATA)) {
        if (data || dataAt >= 0) return null;
        if (this.reader === null) {
          dataAt = i;
          i = this.skip(i, 1);
        } else {
          data = true;
          i = this.reader.message(this, i);
        }
      } else {
        i = this.skip(i, 1);
      }
      if (i === DECLINE) return null;
      i = this.next(i, CLOSE_BRACE);
      if (i === DECLINE) return null;
      if (i < -1) break;
    }
    if (this.ws(-2 - i) !== this.end || !data || this.reader === null || !this.reader.complete()) return null;
    return this.reader.decoded;
  }

  /** A line whose data came before its venue: read again, knowing the venue from the start. */
  private fullLineInOrder(bytes: Uint8Array, from: number, to: number): WireMessage | null {
    const reader = this.reader!;
    this.begin(reader, bytes, to);
    let i = this.ws(from);
    i = this.ws(i + 1);
    let venue = false;
    let data = false;
    for (;;) {
      i = this.key(i);
      if (i === DECLINE) return null;
      if (this.is(VENUE)) {
        if (venue) return null;
        venue = true;
        i = this.string(i);
      } else if (this.is(DATA)) {
        if (data) return null;
        data = true;
        i = reader.message(this, i);
      } else {
        i = this.skip(i, 1);
      }
      if (i === DECLINE) return null;
      i = this.next(i, CLOSE_BRACE);
      if (i === DECLINE) return null;
      if (i < -1) break;
    }
    if (this.ws(-2 - i) !== this.end || !data || !reader.complete()) return null;
    return reader.decoded;
  }

  /** The reader whose venue is the last string read. */
  private readerNamed(): WireMessageReader | null {
    for (let k = 0; k < this.names.length; k++) if (this.is(this.names[k]!)) return this.readers[k]!;
    return null;
  }

  // ---- templates -----------------------------------------------------------------------------

  /** Keeps the message just read in full as a template (its holes were recorded). */
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
    list.unshift({ reader: this.reader!, fixed, fixedView: new DataView(fixed.buffer), runEnds, slots });
    if (list.length > MAX_TEMPLATES) list.pop();
  }

  private matchTemplates(entry: number, bytes: Uint8Array, from: number, to: number): WireMessage | null {
    const list = this.templates[entry]!;
    for (let t = 0; t < list.length; t++) {
      const template = list[t]!;
      this.begin(template.reader, bytes, to);
      if (!this.match(template, from)) continue;
      // To the front, the others moved up in place (splice allocates; two venues alternate lines).
      for (let k = t; k > 0; k--) list[k] = list[k - 1]!;
      list[0] = template;
      return template.reader.decoded;
    }
    return null;
  }

  /** Whether `b[from, end)` is the template's fixed text with valid values in its holes (read by its reader). */
  private match(t: Template, from: number): boolean {
    const b = this.b;
    const end = this.end;
    const fixed = t.fixed;
    const fixedView = t.fixedView;
    const view = this.view;
    const base = this.viewBase;
    const runEnds = t.runEnds;
    const slots = t.slots;
    const reader = t.reader;
    let i = from;
    let run = 0;
    for (let k = 0; ; k++) {
      const runEnd = runEnds[k]!;
      if (i + runEnd - run > end) return false;
      let j = run;
      for (; j + 4 <= runEnd; j += 4, i += 4) if (view.getInt32(base + i) !== fixedView.getInt32(j)) return false;
      for (; j < runEnd; j++, i++) if (b[i] !== fixed[j]) return false;
      run = runEnd;
      if (k === slots.length) return i === end;
      const kind = slots[k]!;
      if (kind === HOLE_SKIP_NUMBER) {
        i = this.number(i);
        if (i === DECLINE) return false;
        continue;
      }
      if (kind >= FIRST_UINT_HOLE && kind < FIRST_STRING_HOLE) {
        i = this.uint(i);
        if (i === DECLINE) return false;
        reader.uint(kind, this.uintValue);
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
      if (kind !== HOLE_SKIP_STRING && !reader.string(kind, b, s, i, high < 128)) return false;
    }
  }

  /** Notes a hole of the message being read in full: a value at [from, to). */
  private hole(kind: number, from: number, to: number): void {
    const k = this.slotCount++;
    if (k >= MAX_SLOTS) return;
    this.slotKinds[k] = kind;
    this.slotFrom[k] = from;
    this.slotTo[k] = to;
  }

  private begin(reader: WireMessageReader | null, bytes: Uint8Array, end: number): void {
    if (bytes !== this.b) {
      if (bytes.buffer !== this.view.buffer) this.view = new DataView(bytes.buffer);
      this.viewBase = bytes.byteOffset;
    }
    this.b = bytes;
    this.end = end;
    this.slotCount = 0;
    this.reader = reader;
    if (reader !== null) reader.begin(bytes);
  }

  // ---- what readers read with ----------------------------------------------------------------

  /** A string value the message is read for (a hole of the reader's `kind`), given to the reader. */
  value(i: number, kind: number): number {
    if (kind < FIRST_STRING_HOLE || kind > MAX_HOLE) throw new Error(`hole kind ${kind} is not a string hole`);
    i = this.string(i);
    if (i === DECLINE) return DECLINE;
    this.hole(kind, this.from, this.to);
    return this.reader!.string(kind, this.b, this.from, this.to, this.asciiOnly) ? i : DECLINE;
  }

  /** A whole-number value the message is read for (a hole of the reader's `kind`), given to the reader. */
  wholeNumber(i: number, kind: number): number {
    if (kind < FIRST_UINT_HOLE || kind >= FIRST_STRING_HOLE) throw new Error(`hole kind ${kind} is not a whole-number hole`);
    const at = i;
    i = this.uint(i);
    if (i === DECLINE) return DECLINE;
    this.hole(kind, at, i);
    this.reader!.uint(kind, this.uintValue);
    return i;
  }

  /**
   * An object of string fields, each named in `keys` exactly once and read as the hole of the same
   * index in `kinds`; other fields are skipped. The position after it, or DECLINE.
   */
  fields(i: number, keys: readonly Uint8Array[], kinds: readonly number[], depth: number): number {
    const b = this.b;
    if (i >= this.end || b[i] !== OPEN_BRACE) return DECLINE;
    i = this.ws(i + 1);
    let seen = 0;
    for (;;) {
      i = this.key(i);
      if (i === DECLINE) return DECLINE;
      let k = 0;
      while (k < keys.length && !this.is(keys[k]!)) k++;
      if (k < keys.length) {
        if ((seen & (1 << k)) !== 0) return DECLINE;
        seen |= 1 << k;
        i = this.value(i, kinds[k]!);
      } else {
        i = this.skip(i, depth + 1);
      }
      if (i === DECLINE) return DECLINE;
      i = this.next(i, CLOSE_BRACE);
      if (i === DECLINE) return DECLINE;
      if (i < -1) return seen === (1 << keys.length) - 1 ? -2 - i : DECLINE;
    }
  }

  /** An array of exactly one element, read by `element`. */
  one(i: number, element: (i: number) => number): number {
    const b = this.b;
    if (i >= this.end || b[i] !== OPEN_BRACKET) return DECLINE;
    i = element(this.ws(i + 1));
    if (i === DECLINE) return DECLINE;
    i = this.ws(i);
    // A second element (or anything else) goes the generic way.
    return i < this.end && b[i] === CLOSE_BRACKET ? i + 1 : DECLINE;
  }

  /** Whether the object at `i` opens here: the position of its first key, or DECLINE. */
  open(i: number): number {
    return i < this.end && this.b[i] === OPEN_BRACE ? this.ws(i + 1) : DECLINE;
  }

  // ---- JSON tokens (readers use them too) ---------------------------------------------------------------------------

  ws(i: number): number {
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
  string(i: number): number {
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
        this.asciiOnly = high < 128;
        return j + 1;
      }
      if (c === BACKSLASH || c < 32) return DECLINE;
      high |= c;
    }
    return DECLINE;
  }

  /** `"key" :` — the key in [from, to); returns the position of the value. */
  key(i: number): number {
    i = this.string(i);
    if (i === DECLINE) return DECLINE;
    i = this.ws(i);
    if (i >= this.end || this.b[i] !== COLON) return DECLINE;
    return this.ws(i + 1);
  }

  /** Whether the last string read is exactly `word`. */
  is(word: Uint8Array): boolean {
    const n = word.length;
    if (this.to - this.from !== n) return false;
    const b = this.b;
    const at = this.from;
    for (let k = 0; k < n; k++) if (b[at + k] !== word[k]) return false;
    return true;
  }

  /** After a member: past a `,` (the next member's position) or past the closing byte (−2 − position). */
  next(i: number, close: number): number {
    i = this.ws(i);
    if (i >= this.end) return DECLINE;
    const c = this.b[i];
    if (c === COMMA) return this.ws(i + 1);
    if (c === close) return -2 - (i + 1);
    return DECLINE;
  }

  /** A number of digits only, a whole number ≥ 0 below 10^15: its value in `uintValue`. */
  uint(i: number): number {
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
  skip(i: number, depth: number): number {
    const b = this.b;
    if (i >= this.end) return DECLINE;
    const c = b[i]!;
    if (c === QUOTE) {
      const j = this.string(i);
      if (j !== DECLINE) this.hole(HOLE_SKIP_STRING, this.from, this.to);
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
      if (j !== DECLINE) this.hole(HOLE_SKIP_NUMBER, i, j);
      return j;
    }
    if (this.literal(i, TRUE) || this.literal(i, NULL)) return i + 4;
    if (this.literal(i, FALSE)) return i + 5;
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
