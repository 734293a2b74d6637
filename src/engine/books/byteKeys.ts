// Finding a book by the bytes of its key (a Kalshi ticker, a Polymarket token id) as they sit in a
// message, without making a string of them: a 32-bit FNV-1a hash picks the bucket, and the bytes
// are compared with the key. Keys are ASCII (tickers, decimal token ids); others are not indexed,
// and a lookup of them simply finds nothing (the caller then takes the parsed route).

interface Entry<T> {
  readonly key: Uint8Array;
  readonly value: T;
  next: Entry<T> | undefined;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 30 bits of a 32-bit FNV-1a hash: a small integer, the cheapest kind of Map key. */
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

function sameBytes(key: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  const n = key.length;
  if (to - from !== n) return false;
  for (let i = 0; i < n; i++) if (bytes[from + i] !== key[i]) return false;
  return true;
}

export class ByteKeyIndex<T> {
  private readonly buckets = new Map<number, Entry<T>>();

  /** Indexes `value` under `key` (ASCII keys only; a key is added once). */
  set(key: string, value: T): void {
    if (!isAscii(key)) return;
    const bytes = new Uint8Array(key.length);
    for (let i = 0; i < key.length; i++) bytes[i] = key.charCodeAt(i);
    const h = hashBytes(bytes, 0, bytes.length);
    this.buckets.set(h, { key: bytes, value, next: this.buckets.get(h) });
  }

  /** The value whose key is `bytes[from, to)`, given their `hashBytes`. */
  get(bytes: Uint8Array, from: number, to: number, hash: number): T | undefined {
    for (let e = this.buckets.get(hash); e !== undefined; e = e.next) if (sameBytes(e.key, bytes, from, to)) return e.value;
    return undefined;
  }
}
