// Allocation-free decimal parsing for the per-message path: the same grammar as units.ts
// parseScaled (digits with at most one '.', no sign, exponent or space), returning −1 instead of
// a result object. On failure the caller asks units.ts for the reason.

/**
 * `text` from `start` to `end` as an integer scaled by 10^decimals, or −1 when it is not a plain
 * decimal, has non-zero digits beyond `decimals` (unless `floor`, which drops them), or is too large.
 */
export function scaledOrFail(text: string, decimals: number, floor: boolean, start = 0, end = text.length): number {
  const n = end;
  if (n - start === 0 || n - start > 32) return -1;
  let whole = 0;
  let frac = 0;
  let fracDigits = 0;
  let seenDot = false;
  let digits = 0;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (seenDot) return -1;
      seenDot = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    digits++;
    if (!seenDot) whole = whole * 10 + d;
    else if (fracDigits < decimals) {
      frac = frac * 10 + d;
      fracDigits++;
    } else if (d !== 0 && !floor) return -1;
  }
  if (digits === 0) return -1;
  let scale = 1;
  for (let i = fracDigits; i < decimals; i++) scale *= 10;
  let unit = 1;
  for (let i = 0; i < decimals; i++) unit *= 10;
  const value = whole * unit + frac * scale;
  return Number.isSafeInteger(value) ? value : -1;
}

/** `scaledOrFail` over the bytes of an ASCII decimal, `bytes[start, end)`. */
export function scaledBytesOrFail(bytes: Uint8Array, decimals: number, floor: boolean, start: number, end: number): number {
  if (end - start === 0 || end - start > 32) return -1;
  let whole = 0;
  let frac = 0;
  let fracDigits = 0;
  let seenDot = false;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 46) {
      if (seenDot) return -1;
      seenDot = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    digits++;
    if (!seenDot) whole = whole * 10 + d;
    else if (fracDigits < decimals) {
      frac = frac * 10 + d;
      fracDigits++;
    } else if (d !== 0 && !floor) return -1;
  }
  if (digits === 0) return -1;
  let scale = 1;
  for (let i = fracDigits; i < decimals; i++) scale *= 10;
  let unit = 1;
  for (let i = 0; i < decimals; i++) unit *= 10;
  const value = whole * unit + frac * scale;
  return Number.isSafeInteger(value) ? value : -1;
}
