// Offset cursors, opaque to clients: base64 of the next offset.
export function encodeCursor(offset: number): string {
  return Buffer.from(String(offset), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9+/=_-]{1,64}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

/** One page of `items` from `cursor`; `next` is undefined on the last page. */
export function paginate<T>(items: readonly T[], cursor: string | undefined, limit: number): { page: T[]; next: string | undefined } | undefined {
  const start = cursor === undefined ? 0 : decodeCursor(cursor);
  if (start === undefined) return undefined;
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return { page, next: end < items.length ? encodeCursor(end) : undefined };
}
