const MAX_SIZE = 10_000_000;

/** Why the text is not a size, or null when it is one. */
export function sizeProblem(text: string): string | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return 'Enter a size in contracts';
  if (!/^\d+$/.test(t)) return 'A size is a whole number of contracts, e.g. 250';
  const n = Number(t);
  if (n < 1) return 'The size must be at least 1 contract';
  if (n > MAX_SIZE) return `The size can be at most ${MAX_SIZE.toLocaleString('en-US')} contracts`;
  return null;
}
