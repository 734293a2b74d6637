/** A side's levels in the order a venue might send them; "nearly": ascending with every seventh level moved to the end. */
export function arrange(levels: [number, number][], order: 'as is' | 'ascending' | 'descending' | 'nearly'): [number, number][] {
  if (order === 'as is') return levels;
  const sorted = [...levels].sort((a, b) => (order === 'descending' ? b[0] - a[0] : a[0] - b[0]));
  if (order !== 'nearly') return sorted;
  return [...sorted.filter((_, i) => i % 7 !== 3), ...sorted.filter((_, i) => i % 7 === 3)];
}
