// Venue ids, outcomes and market references. Which venues exist is the engine's registration list
// (src/engine/venues/index.ts): the engine registers each venue here when it registers it, so the
// contract checks ids against the venues that run. A process that registers none — the renderer —
// accepts any well-formed id and learns the venues from the state it is sent.

/** A venue's id: lower-case letters, digits and dashes, e.g. "kalshi". */
export type VenueId = string;

export const VENUE_ID_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export const OUTCOMES = ['yes', 'no'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A market named `venue:id`, the id being the venue's own (a ticker, a condition id). */
export type MarketRef = `${VenueId}:${string}`;

/** Registered venues and the names of their secrets (`<venue>.<key>`). */
const registered = new Map<VenueId, ReadonlySet<string>>();

/** Registers a venue with the contract; returns how to take it back. */
export function registerVenueId(id: VenueId, secretNames: readonly string[]): () => void {
  if (!VENUE_ID_PATTERN.test(id)) throw new Error(`venue id "${id}": expected lower-case letters, digits and dashes`);
  registered.set(id, new Set(secretNames));
  return () => {
    registered.delete(id);
  };
}

/** The registered venues, in registration order (empty in a process that registers none). */
export function registeredVenueIds(): VenueId[] {
  return [...registered.keys()];
}

export function isVenueId(value: unknown): value is VenueId {
  return typeof value === 'string' && VENUE_ID_PATTERN.test(value) && (registered.size === 0 || registered.has(value));
}

/** A secret name of a registered venue (any `<venue>.<key>` where none are registered). */
export function isSecretName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const dot = value.indexOf('.');
  const venue = value.slice(0, dot);
  if (dot <= 0 || !/^[A-Za-z][A-Za-z0-9]{0,31}$/.test(value.slice(dot + 1)) || !VENUE_ID_PATTERN.test(venue)) return false;
  return registered.size === 0 || registered.get(venue)?.has(value) === true;
}

/**
 * Every reference made, per venue by the venue's own id: one string per market, however often it
 * is made (each discovery, each message), instead of a new one per call — tens of thousands of
 * markets are each referred to from books, baskets, sets and links. Grows by the markets a session
 * meets: a few MB for a hundred thousand.
 */
const interned = new Map<VenueId, Map<string, MarketRef>>();

/** A flat copy of a string built by concatenation (a property name is stored flat, once). */
function flat(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}

export function marketRef(venue: VenueId, id: string): MarketRef {
  let refs = interned.get(venue);
  if (refs === undefined) interned.set(venue, (refs = new Map()));
  let ref = refs.get(id);
  if (ref === undefined) refs.set(flat(id), (ref = flat(`${venue}:${id}`) as MarketRef));
  return ref;
}

export function parseMarketRef(ref: string): { venue: VenueId; id: string } | null {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) return null;
  const venue = ref.slice(0, colon);
  return isVenueId(venue) ? { venue, id: ref.slice(colon + 1) } : null;
}

/** The venue of a market reference (whatever precedes the first colon). */
export function venueOf(ref: MarketRef | string): VenueId {
  return ref.slice(0, ref.indexOf(':'));
}

export function otherOutcome(outcome: Outcome): Outcome {
  return outcome === 'yes' ? 'no' : 'yes';
}
