// Finding a book by the bytes of its key (a Kalshi ticker, a Polymarket token id) as they sit in a
// message, without making a string of them: a 32-bit FNV-1a hash picks the bucket, and the bytes
// are compared with the key. Keys are ASCII (tickers, decimal token ids); others are not indexed,
// and a lookup of them simply finds nothing (the caller then takes the parsed route).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 30 bits of a 32-bit FNV-1a hash: a small integer. */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 2;
}

function isAscii(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 127) return false;
  return true;
}

/** Whether `bytes[from, to)` spell the ASCII string `key`. */
export function bytesEqual(key: string, bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (bytes[from + i] !== key.charCodeAt(i)) return false;
  return true;
}

/**
 * Open addressing over a power-of-two table of entry numbers (0 for empty, else entry + 1), probed
 * linearly from the hash: a lookup is a few typed-array reads, with no Map and no object per key.
 */
export class ByteKeyIndex<T> {
  private slots: Int32Array = new Int32Array(16);
  private hashes: Int32Array = new Int32Array(8);
  /** Entry e's key is keyBytes[keyStart[e], keyStart[e + 1]). */
  private keyStart: Int32Array = new Int32Array(9);
  private keyBytes: Uint8Array = new Uint8Array(64);
  private readonly values: T[] = [];

  /** Indexes `value` under `key` (ASCII keys only); a key indexed again takes the new value. */
  set(key: string, value: T): void {
    if (!isAscii(key)) return;
    const bytes = new Uint8Array(key.length);
    for (let i = 0; i < key.length; i++) bytes[i] = key.charCodeAt(i);
    const hash = hashBytes(bytes, 0, bytes.length);
    const found = this.find(bytes, 0, bytes.length, hash);
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    const e = this.values.length;
    this.values.push(value);
    if (e + 1 >= this.hashes.length) this.grow();
    this.hashes[e] = hash;
    const at = this.keyStart[e]!;
    if (at + bytes.length > this.keyBytes.length) this.keyBytes = copied(this.keyBytes, Math.max(2 * this.keyBytes.length, at + bytes.length));
    this.keyBytes.set(bytes, at);
    this.keyStart[e + 1] = at + bytes.length;
    this.place(e);
  }

  /** The value whose key is `bytes[from, to)`, given their `hashBytes`. */
  get(bytes: Uint8Array, from: number, to: number, hash: number): T | undefined {
    const e = this.find(bytes, from, to, hash);
    return e >= 0 ? this.values[e] : undefined;
  }

  private find(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const n = to - from;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! - 1;
      if (e < 0) return -1;
      if (this.hashes[e] !== hash) continue;
      const at = this.keyStart[e]!;
      if (this.keyStart[e + 1]! - at !== n) continue;
      const keyBytes = this.keyBytes;
      let i = 0;
      while (i < n && keyBytes[at + i] === bytes[from + i]) i++;
      if (i === n) return e;
    }
  }

  private place(e: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = this.hashes[e]! & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = e + 1;
  }

  /** Twice the entries; the table stays at most half full. */
  private grow(): void {
    const capacity = 2 * this.hashes.length;
    this.hashes = copied32(this.hashes, capacity);
    this.keyStart = copied32(this.keyStart, capacity + 1);
    this.slots = new Int32Array(2 * capacity);
    for (let e = 0; e < this.values.length - 1; e++) this.place(e);
  }
}

function copied(from: Uint8Array, length: number): Uint8Array {
  const to = new Uint8Array(length);
  to.set(from);
  return to;
}

function copied32(from: Int32Array, length: number): Int32Array {
  const to = new Int32Array(length);
  to.set(from);
  return to;
}
