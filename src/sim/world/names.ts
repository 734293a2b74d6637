// Word lists and date helpers for the simulated catalog. Every person, team, city and film is
// invented; the institutions (the Fed, the S&P 500, Bitcoin) are there so titles read like the
// real venues' without pretending to describe real events. Dates sit in a fixed future year so
// the same seed always builds the same world.
export const WORLD_YEAR = 2031;
/** When every market was listed: fixed, and safely in the past. */
export const CREATED_AT = Date.UTC(2025, 0, 6, 14, 0, 0);

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const MON = MONTHS.map((m) => m.slice(0, 3).toUpperCase());

export const FIRST_NAMES = ['Avery', 'Jordan', 'Morgan', 'Riley', 'Casey', 'Quinn', 'Harper', 'Rowan', 'Emerson', 'Sasha', 'Dakota', 'Reese', 'Marlowe', 'Ellis', 'Jules', 'Kendall'];
export const LAST_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Castellano', 'Nakamura', 'Adeyemi', 'Kowalski', 'Brennan', 'Valdés', 'Haddad', 'Sørensen', 'Mbeki', 'Fairweather', 'Ashdown', 'Prakash', 'Delacroix'];
export const CITIES = ['Port Ellery', 'New Halden', 'Carrow Bay', 'Westmarch', 'Lakeport', 'Fenwick Falls', 'Brightwater', 'Ashford Vale'];
export const TEAMS = ['Harbor Hawks', 'Valley Comets', 'Iron Foxes', 'Northside Owls', 'Coastal Tides', 'Summit Rams', 'Prairie Bison', 'River Otters', 'Granite Giants'];
export const LEAGUES = ['Continental Basketball League', 'Premier Hoverball Association', 'United Lacrosse League', 'Atlantic Rugby Union'];
export const FILMS = ['The Quiet Meridian', 'Salt and Ember', 'Northern Glass', 'A House of Tides', 'The Cartographer', 'Paper Lanterns', 'Under Juniper Skies', 'Static Bloom'];
export const COMPANIES = [
  { name: 'Quantis', product: 'the Q-Phone 3' },
  { name: 'Helix Motors', product: 'its Model H sedan' },
  { name: 'Brightline AI', product: 'Lumen 5' },
  { name: 'Orbital Freight', product: 'a crewed cargo flight' },
];

/** Last day of a month (month 0-based) in the world year. */
export function monthEnd(month: number, hourUtc = 23): number {
  return Date.UTC(WORLD_YEAR, month + 1, 0, hourUtc, 59, 0);
}

export function dayOf(month: number, day: number, hourUtc = 21): number {
  return Date.UTC(WORLD_YEAR, month, day, hourUtc, 0, 0);
}

/** Kalshi's event date code: "31MAR15" (YY MON DD) or "31MAR" (YY MON). */
export function kalshiDateCode(ms: number, withDay = true): string {
  const d = new Date(ms);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  return `${yy}${MON[d.getUTCMonth()]}${withDay ? String(d.getUTCDate()).padStart(2, '0') : ''}`;
}

export function longDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

export function shortDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "105,000": a whole number with thousands separators. */
export function commas(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "$105,000". */
export function money(n: number): string {
  return `$${commas(n)}`;
}
