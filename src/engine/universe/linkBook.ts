// Cross-venue links: the matcher's suggestions and the trader's decisions on them. A link relates
// two markets as the trader confirmed it — identical, complementary, or one implying the other —
// and only a confirmed link is traded. Each link carries both markets' contract specs compared
// field by field; confirming a relation a known field contradicts needs an override with a reason,
// kept with the link. A confirmed link is watched: when either market's rules text, close time,
// status or dispute state changes it is suspended until the trader confirms it again. A rejected
// one is never suggested again. Decisions persist in links.json in the data directory. A link's
// two sides are ordered by venue id (then market), and its id is made from them in that order:
// side a of a relation is its first side, side b its second.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  CommandError, LinkOverrideSchema, LinkRelationSchema, LinkSuspensionSchema, MarketRefSchema, type ContractSpec, type LinkRelation, type LinkSide, type MarketLink,
} from '../../shared/contract';
import { registeredVenueIds, venueOf, type MarketRef, type VenueId } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { readJsonFile, writeJsonFile } from '../platform/jsonFile';
import { conflicts as conflictsOf, relateSpecs } from '../specs/relate';
import { venueRegistry } from '../venues/registry';
import type { MarketInfo, MarketTerms } from '../venues/venue';
import { fingerprint, learnDispute, rulesHash, termChanges, TermsSchema, type Terms } from './linkTerms';
import { joinName, marketName, settlementSources } from './marketName';
import type { LinkSuggestion } from './matcher';
import { sameJson } from './sameJson';
import { specOfMarket, specOfRelisted } from './specCache';
import { termsOf } from './specInput';
import type { LinkedRelations } from './universe';

const SideSchema = z.object({
  market: MarketRefSchema,
  title: z.string(),
  rules: z.string(),
  closeTime: z.number().int().nonnegative().nullable(),
});
type Side = z.infer<typeof SideSchema>;
const DECIDED = {
  status: z.enum(['confirmed', 'suspended', 'rejected']),
  decidedAt: z.number().int().nonnegative(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  /** Confirmed links: the relation confirmed (files from before relations: identical). */
  relation: LinkRelationSchema.optional(),
  override: LinkOverrideSchema.nullable().optional(),
  suspension: LinkSuspensionSchema.nullable().optional(),
};
type Decided = {
  status: 'confirmed' | 'suspended' | 'rejected';
  decidedAt: number;
  score: number;
  reasons: string[];
  relation?: LinkRelation | undefined;
  override?: z.infer<typeof LinkOverrideSchema> | null | undefined;
  suspension?: z.infer<typeof LinkSuspensionSchema> | null | undefined;
};
type Decision = Decided & {
  sides: [Side, Side];
  /** What the link is watched on, side by side, as it was when confirmed (or first seen listed since). */
  terms?: [Terms, Terms] | null | undefined;
};

/**
 * links.json: `{"version": 1, "decisions": [...]}`, each decision holding its two markets under
 * their venues' ids (in link order), then the decision; its watched terms likewise under the
 * venues' ids. The schema is made from the registered venues: one shape per pair of them.
 */
function linksFileSchema(venues: readonly VenueId[]) {
  const pairs: [VenueId, VenueId][] = [];
  for (let i = 0; i < venues.length; i++) for (let j = i + 1; j < venues.length; j++) pairs.push([venues[i]!, venues[j]!].sort() as [VenueId, VenueId]);
  const shapes = pairs.map(([a, b]) =>
    z.object({ [a]: SideSchema, [b]: SideSchema, ...DECIDED, terms: z.object({ [a]: TermsSchema, [b]: TermsSchema }).nullable().optional() }).transform((d): Decision => {
      const { status, decidedAt, score, reasons, relation, override, suspension } = d as unknown as Decided;
      const sides = d as unknown as Record<string, Side>;
      const terms = (d as unknown as { terms?: Record<string, Terms> | null }).terms;
      return {
        sides: [sides[a]!, sides[b]!],
        status,
        decidedAt,
        score,
        reasons,
        ...(relation !== undefined ? { relation } : {}),
        ...(override !== undefined ? { override } : {}),
        ...(suspension !== undefined ? { suspension } : {}),
        ...(terms !== undefined ? { terms: terms === null ? null : [terms[a]!, terms[b]!] } : {}),
      };
    }),
  );
  // The shape is chosen by the two venue ids the decision names, so an error names its field
  // (`decisions.0.kalshi.title`) rather than "no shape matched"; none recognised: the first pair's.
  const byPair = new Map(pairs.map(([a, b], i) => [`${a}|${b}`, shapes[i]!]));
  const decision = z.unknown().transform((raw, ctx): Decision => {
    const named = typeof raw === 'object' && raw !== null ? venues.filter((v) => v in raw).sort() : [];
    const shape = (named.length === 2 ? byPair.get(`${named[0]}|${named[1]}`) : undefined) ?? shapes[0]!;
    const r = shape.safeParse(raw);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
  return z.object({ version: z.literal(1), decisions: z.array(decision) });
}

/** A decision as links.json keeps it: its sides (and watched terms) under their venues' ids. */
function fileForm(d: Decision): Record<string, unknown> {
  const va = venueOf(d.sides[0].market);
  const vb = venueOf(d.sides[1].market);
  const out: Record<string, unknown> = { [va]: d.sides[0], [vb]: d.sides[1], status: d.status, decidedAt: d.decidedAt, score: d.score, reasons: d.reasons };
  if (d.relation !== undefined) out.relation = d.relation;
  if (d.override !== undefined) out.override = d.override;
  if (d.terms !== undefined) out.terms = d.terms === null ? null : { [va]: d.terms[0], [vb]: d.terms[1] };
  if (d.suspension !== undefined) out.suspension = d.suspension;
  return out;
}

/** Suggestions shown at most (best first); decided links are always shown. */
export const MAX_SUGGESTIONS_SHOWN = 1000;

/** A link the scanner trades on (a, b in link order), suspended ones included so their baskets show greyed. */
export interface TradedLink {
  id: string;
  a: MarketRef;
  b: MarketRef;
  relation: LinkRelation;
  suspended: boolean;
}

/** A link that was just suspended, for the activity log and the alerts. */
export interface Suspended {
  link: MarketLink;
  changes: string[];
}

/** The scanner's relations from the traded links: identical → equivalent, complementary, implications. */
export function linkRelations(links: readonly TradedLink[]): LinkedRelations {
  const out = { equivalent: [] as [MarketRef, MarketRef][], complementary: [] as [MarketRef, MarketRef][], implies: [] as { if: MarketRef; then: MarketRef }[] };
  for (const l of links) {
    if (l.relation === 'identical') out.equivalent.push([l.a, l.b]);
    else if (l.relation === 'complementary') out.complementary.push([l.a, l.b]);
    else if (l.relation === 'implies_a_to_b') out.implies.push({ if: l.a, then: l.b });
    else out.implies.push({ if: l.b, then: l.a });
  }
  return out;
}

/** The two markets of a link in its order: by venue id, then market. */
export function linkSides(a: MarketRef, b: MarketRef): [MarketRef, MarketRef] {
  const va = venueOf(a);
  const vb = venueOf(b);
  return va < vb || (va === vb && a <= b) ? [a, b] : [b, a];
}

export function linkId(a: MarketRef, b: MarketRef): string {
  const [first, second] = linkSides(a, b);
  return `L${createHash('sha1').update(`${first}|${second}`).digest('hex').slice(0, 16)}`;
}

const CONFIRMABLE = new Set<string>(LinkRelationSchema.options);

const refsOf = (d: Decision): [MarketRef, MarketRef] => [d.sides[0].market as MarketRef, d.sides[1].market as MarketRef];

/** A side as last listed: reused while the market's listing says the same. */
interface ListedSide {
  info: MarketInfo | undefined;
  fallback: Side | undefined;
  side: LinkSide;
}

/** A link as last listed, with what it was made from: reused while none of that changed. */
interface ListedLink {
  from: Decision | LinkSuggestion;
  a: LinkSide;
  b: LinkSide;
  link: MarketLink;
}

export class LinkBook implements IDisposable {
  private readonly file: string;
  private readonly decisions = new Map<string, Decision>();
  private suggestions: LinkSuggestion[] = [];
  /** "<first>|<second>" (link order) of every rejected pair; recomputed after a decision. */
  private rejectedPairs: Set<string> | null = null;
  /**
   * The traded links, made again only after a decision changes: every opportunity pushed asks
   * whether a link it relies on is suspended, and thousands of decisions each time add up.
   */
  private tradedList: TradedLink[] | null = null;
  /** Terms the watch's poll read since the last discovery: newer than the listing (a confirmation baselines on them). */
  private readonly polled = new Map<MarketRef, MarketTerms>();
  /**
   * Each watched market's rules text as last hashed: a poll reads the same text again nearly
   * every time, and comparing it is far cheaper than a sha-256 (thousands of links every 15 s).
   */
  private readonly hashedRules = new Map<MarketRef, { text: string; hash: string }>();
  readonly loadProblem: string | null;
  /**
   * The list's entries and sides as last built. At the whole universe's scale deriving every
   * link's names, specs and comparisons takes a few hundred milliseconds, and the list is built
   * after every discovery and decision: only the links whose decision, suggestion or markets'
   * listings changed are derived again, and an unchanged link is the same object as before.
   */
  private readonly listedLinks = new Map<string, ListedLink>();
  private readonly listedSides = new Map<MarketRef, ListedSide>();
  /** Each suggestion's link id (a hash: made once, not on every list). */
  private readonly suggestionIds = new WeakMap<LinkSuggestion, string>();
  private readonly onDidChangeEmitter = new Emitter<void>();
  /** Fired when what the scanner trades changes: a link confirmed, rejected, suspended or re-confirmed. */
  readonly onDidChangeConfirmed = this.onDidChangeEmitter.event;

  constructor(
    dataDir: string,
    private readonly lookup: (ref: MarketRef) => MarketInfo | undefined,
    private readonly now: () => number,
    venues: readonly VenueId[] = registeredVenueIds(),
    private readonly venueName: (venue: VenueId) => string = (v) => venueRegistry.name(v),
  ) {
    this.file = path.join(dataDir, 'links.json');
    const { value, problem } = readJsonFile(this.file, linksFileSchema(venues), 'links');
    this.loadProblem = problem;
    for (const d of value?.decisions ?? []) {
      const [a, b] = linkSides(...refsOf(d));
      const swapped = a !== d.sides[0].market;
      const ordered: Decision = swapped
        ? { ...d, sides: [d.sides[1], d.sides[0]], ...(d.terms ? { terms: [d.terms[1], d.terms[0]] as [Terms, Terms] } : {}) }
        : d;
      this.decisions.set(linkId(a, b), ordered);
    }
  }

  setSuggestions(suggestions: readonly LinkSuggestion[]): void {
    this.suggestions = suggestions.slice(0, MAX_SUGGESTIONS_SHOWN);
    this.prune();
  }

  /** Drops suggestions already decided, or naming a market that is now in a confirmed link. */
  private prune(): void {
    const linked = this.linkedMarkets();
    this.suggestions = this.suggestions.filter((s) => !this.decisions.has(this.idOf(s)) && !linked.has(s.a) && !linked.has(s.b));
  }

  /** Asked for every pair the matcher scores: a set lookup, not a hash of the pair. */
  isRejected(a: MarketRef, b: MarketRef): boolean {
    this.rejectedPairs ??= new Set([...this.decisions.values()].filter((d) => d.status === 'rejected').map((d) => `${d.sides[0].market}|${d.sides[1].market}`));
    if (this.rejectedPairs.size === 0) return false;
    const [first, second] = linkSides(a, b);
    return this.rejectedPairs.has(`${first}|${second}`);
  }

  /** Confirmed and suspended links with their relation: what the scanner's relations are made of. */
  traded(): readonly TradedLink[] {
    if (this.tradedList !== null) return this.tradedList;
    const out: TradedLink[] = [];
    for (const [id, d] of this.decisions) {
      if (d.status === 'rejected') continue;
      const [a, b] = refsOf(d);
      out.push({ id, a, b, relation: d.relation ?? 'identical', suspended: d.status === 'suspended' });
    }
    return (this.tradedList = out);
  }

  /** Confirmed identical pairs, in link order (suspended ones excluded). */
  confirmed(): [MarketRef, MarketRef][] {
    return this.traded().filter((l) => !l.suspended && l.relation === 'identical').map((l) => [l.a, l.b]);
  }

  /** Markets in a confirmed or suspended link (not suggested again). */
  linkedMarkets(): Set<MarketRef> {
    const out = new Set<MarketRef>();
    for (const l of this.traded()) out.add(l.a).add(l.b);
    return out;
  }

  /** Confirmed, suspended, then suggested (best first), then rejected. */
  links(): MarketLink[] {
    const decided = [...this.decisions.entries()].map(([id, d]) => this.toLink(id, d));
    const suggested = this.suggestions.map((s) => this.suggestionLink(s));
    this.forgetUnlisted(decided, suggested);
    return [
      ...decided.filter((l) => l.status === 'confirmed'),
      ...decided.filter((l) => l.status === 'suspended'),
      ...suggested,
      ...decided.filter((l) => l.status === 'rejected'),
    ];
  }

  link(id: string): MarketLink | undefined {
    const d = this.decisions.get(id);
    if (d) return this.toLink(id, d);
    const s = this.suggestions.find((x) => this.idOf(x) === id);
    return s ? this.suggestionLink(s) : undefined;
  }

  /**
   * Confirms (or re-confirms) a link as `relation`, by default what the specs support (identical
   * when they support none). Refused, with nothing saved, when a known field contradicts it and no
   * override reason is given, or when a market is not listed now (nothing to check it against).
   */
  confirm(id: string, relation?: LinkRelation, override?: { reason: string }): MarketLink {
    const { refs, base } = this.pair(id);
    const [ra, rb] = refs;
    const ia = this.lookup(ra);
    const ib = this.lookup(rb);
    if (!ia || !ib) {
      throw new CommandError('refused', `linkId: ${!ia ? ra : rb} is not listed now; a link is confirmed against both markets' current terms`, 'payload.linkId');
    }
    const a = specOfMarket(ia);
    const b = specOfMarket(ib);
    const parsed = relateSpecs(a, b).relation;
    const asserted: LinkRelation = relation ?? (CONFIRMABLE.has(parsed) ? (parsed as LinkRelation) : 'identical');
    const conflicts = conflictsOf(a, b, asserted);
    if (conflicts.length > 0 && !override) {
      throw new CommandError(
        'refused',
        `override: the specs differ in ${conflicts.join(', ')}; confirming them as ${asserted.replace(/_/g, ' ')} needs an override with a reason`,
        'payload.override',
      );
    }
    const now = this.now();
    return this.decide(id, {
      ...base,
      sides: [stored(sideOf(ra, ia)), stored(sideOf(rb, ib))],
      status: 'confirmed',
      decidedAt: now,
      relation: asserted,
      override: conflicts.length > 0 ? { reason: override!.reason.trim(), fields: conflicts, at: now } : null,
      terms: [fingerprint(this.polled.get(ra) ?? termsOf(ia)), fingerprint(this.polled.get(rb) ?? termsOf(ib))],
      suspension: null,
    });
  }

  reject(id: string): MarketLink {
    const { refs, base } = this.pair(id);
    const [ra, rb] = refs;
    return this.decide(id, {
      ...base,
      sides: [stored(sideOf(ra, this.lookup(ra), base.sides[0])), stored(sideOf(rb, this.lookup(rb), base.sides[1]))],
      status: 'rejected',
      decidedAt: this.now(),
      relation: undefined,
      override: null,
      terms: null,
      suspension: null,
    });
  }

  /**
   * Compares each confirmed link's markets with what they were when it was confirmed: `fresh`
   * gives the terms read now (a venue's poll), else the listing. A change suspends the link.
   * Returns the links suspended by this call.
   */
  watch(fresh?: (ref: MarketRef) => MarketTerms | undefined): Suspended[] {
    const now = this.now();
    const suspended: Suspended[] = [];
    const updates: [string, Decision][] = [];
    // Called with no fresh read: a discovery was applied and the listings are the newest word.
    if (!fresh) this.polled.clear();
    const terms = (ref: MarketRef) => {
      const t = fresh?.(ref);
      if (t) {
        this.polled.set(ref, t);
        return t;
      }
      const info = this.lookup(ref);
      return info ? termsOf(info) : undefined;
    };
    for (const [id, d] of this.decisions) {
      if (d.status !== 'confirmed') continue;
      const [ra, rb] = refsOf(d);
      const ta = terms(ra);
      const tb = terms(rb);
      if (!ta || !tb) continue;
      const current: [Terms, Terms] = [this.fingerprint(ra, ta), this.fingerprint(rb, tb)];
      if (!d.terms) {
        // A link confirmed before links were watched: its terms as first seen are the baseline.
        updates.push([id, { ...d, terms: current }]);
        continue;
      }
      // A dispute state first read where it was unknown is learned, not a change; from then on it is watched.
      const base: [Terms, Terms] = [learnDispute(d.terms[0], current[0]), learnDispute(d.terms[1], current[1])];
      const changes = [
        ...termChanges(this.venueName(venueOf(ra)), base[0], current[0], now),
        ...termChanges(this.venueName(venueOf(rb)), base[1], current[1], now),
      ];
      if (changes.length === 0) {
        if (base[0] !== d.terms[0] || base[1] !== d.terms[1]) {
          updates.push([id, { ...d, terms: base }]);
        }
        continue;
      }
      const updated: Decision = { ...d, status: 'suspended', suspension: { since: now, changes } };
      updates.push([id, updated]);
      suspended.push({ link: this.toLink(id, updated), changes });
    }
    if (updates.length === 0) return [];
    const next = new Map(this.decisions);
    for (const [id, d] of updates) next.set(id, d);
    writeJsonFile(this.file, { version: 1, decisions: [...next.values()].map(fileForm) });
    for (const [id, d] of updates) this.decisions.set(id, d);
    this.tradedList = null;
    if (suspended.length > 0) this.onDidChangeEmitter.fire();
    return suspended;
  }

  private fingerprint(ref: MarketRef, t: MarketTerms): Terms {
    let hashed = this.hashedRules.get(ref);
    if (hashed === undefined || hashed.text !== t.rules) this.hashedRules.set(ref, (hashed = { text: t.rules, hash: rulesHash(t.rules) }));
    // Hold the newest copy of the text only (the poll's own).
    else hashed.text = t.rules;
    return fingerprint(t, hashed.hash);
  }

  /** Markets whose terms the watch needs read afresh: those in confirmed links. */
  watchedMarkets(): MarketRef[] {
    const out: MarketRef[] = [];
    for (const d of this.decisions.values()) if (d.status === 'confirmed') out.push(...refsOf(d));
    return out;
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }

  private pair(id: string): { refs: [MarketRef, MarketRef]; base: Pick<Decision, 'score' | 'reasons' | 'sides'> } {
    const existing = this.decisions.get(id);
    if (existing) return { refs: refsOf(existing), base: existing };
    const s = this.suggestions.find((x) => this.idOf(x) === id);
    if (!s) throw new CommandError('not_found', `linkId: no market link "${id}"`, 'payload.linkId');
    const [a, b] = linkSides(s.a, s.b);
    return { refs: [a, b], base: { score: s.score, reasons: s.reasons, sides: [stored(sideOf(a, this.lookup(a))), stored(sideOf(b, this.lookup(b)))] } };
  }

  private decide(id: string, decision: Decision): MarketLink {
    const before = this.decisions.get(id);
    const next = new Map(this.decisions).set(id, decision);
    // Written first: a decision that cannot be saved is not taken.
    writeJsonFile(this.file, { version: 1, decisions: [...next.values()].map(fileForm) });
    this.decisions.set(id, decision);
    this.rejectedPairs = null;
    this.tradedList = null;
    this.prune();
    const traded = (d: Decision | undefined) => (d && d.status !== 'rejected' ? `${d.status}|${d.relation ?? 'identical'}` : '');
    if (traded(before) !== traded(decision)) this.onDidChangeEmitter.fire();
    return this.toLink(id, decision);
  }

  private idOf(s: LinkSuggestion): string {
    let id = this.suggestionIds.get(s);
    if (id === undefined) {
      id = linkId(s.a, s.b);
      this.suggestionIds.set(s, id);
    }
    return id;
  }

  /** A side of a listed link: the one listed before while the market's listing says the same. */
  private side(ref: MarketRef, fallback?: Side): LinkSide {
    const info = this.lookup(ref);
    const was = this.listedSides.get(ref);
    if (was && was.info === info && (info !== undefined || was.fallback === fallback)) return was.side;
    const spec = info ? specOfRelisted(info, was?.info) : undefined;
    if (was?.info && info && spec === was.side.spec && sameWords(was.info, info)) {
      this.listedSides.set(ref, { info, fallback, side: was.side });
      return was.side;
    }
    const fresh = sideOf(ref, info, fallback, spec);
    const side = was && sameSide(was.side, fresh) ? was.side : fresh;
    this.listedSides.set(ref, { info, fallback, side });
    return side;
  }

  /** The link listed before for `id` when it was made from the same decision or suggestion and sides. */
  private listed(id: string, from: Decision | LinkSuggestion, a: LinkSide, b: LinkSide, make: () => MarketLink): MarketLink {
    const was = this.listedLinks.get(id);
    if (was && was.from === from && was.a === a && was.b === b) return was.link;
    const link = make();
    this.listedLinks.set(id, { from, a, b, link });
    return link;
  }

  /** Drops the entries and sides of links no longer listed. */
  private forgetUnlisted(decided: readonly MarketLink[], suggested: readonly MarketLink[]): void {
    if (this.listedLinks.size > decided.length + suggested.length) {
      const ids = new Set([...decided, ...suggested].map((l) => l.id));
      for (const id of this.listedLinks.keys()) if (!ids.has(id)) this.listedLinks.delete(id);
    }
    if (this.listedSides.size > 2 * this.listedLinks.size) {
      const refs = new Set([...this.listedLinks.values()].flatMap((l) => [l.a.market, l.b.market]));
      for (const ref of this.listedSides.keys()) if (!refs.has(ref)) this.listedSides.delete(ref);
    }
  }

  private suggestionLink(s: LinkSuggestion): MarketLink {
    const [ra, rb] = linkSides(s.a, s.b);
    const id = this.idOf(s);
    const sa = this.side(ra);
    const sb = this.side(rb);
    return this.listed(id, s, sa, sb, () => suggestionLinkOf(id, s, sa, sb));
  }

  private toLink(id: string, d: Decision): MarketLink {
    const [ra, rb] = refsOf(d);
    const sa = this.side(ra, d.sides[0]);
    const sb = this.side(rb, d.sides[1]);
    return this.listed(id, d, sa, sb, () => decidedLinkOf(id, d, sa, sb));
  }
}

function suggestionLinkOf(id: string, s: LinkSuggestion, sa: LinkSide, sb: LinkSide): MarketLink {
    const [a, b] = [sa.spec, sb.spec];
    const comparison = a && b ? relateSpecs(a, b) : { relation: 'unknown' as const, differing: [], unknown: [] };
    const relation = comparison.relation;
    return {
      id,
      sides: [sa, sb],
      score: s.score,
      reasons: s.reasons,
      status: 'suggested',
      decidedAt: null,
      relation,
      comparison,
      conflicts: a && b ? conflictsOf(a, b, CONFIRMABLE.has(relation) ? (relation as LinkRelation) : 'identical') : [],
      override: null,
      suspension: null,
    };
}

function decidedLinkOf(id: string, d: Decision, sa: LinkSide, sb: LinkSide): MarketLink {
    const [a, b] = [sa.spec, sb.spec];
    const comparison = a && b ? relateSpecs(a, b) : { relation: 'unknown' as const, differing: [], unknown: [] };
    const relation = d.status === 'rejected' ? comparison.relation : (d.relation ?? 'identical');
    return {
      id,
      sides: [sa, sb],
      score: d.score,
      reasons: d.reasons,
      status: d.status,
      decidedAt: d.decidedAt,
      relation,
      comparison,
      conflicts: a && b && CONFIRMABLE.has(relation) ? conflictsOf(a, b, relation as LinkRelation) : [],
      override: d.override ?? null,
      suspension: d.status === 'suspended' ? (d.suspension ?? null) : null,
    };
}

function sideOf(ref: MarketRef, info: MarketInfo | undefined, fallback?: Side, spec: ContractSpec | undefined = info ? specOfMarket(info) : undefined): LinkSide {
  const venue = venueOf(ref);
  if (info) {
    const label = marketName(info);
    return { market: ref, venue, title: info.title, rules: info.rules, closeTime: info.closeTime, name: joinName(label), label, sources: settlementSources(info), spec };
  }
  return fallback ? { ...fallback, venue } : { market: ref, venue, title: ref, rules: '', closeTime: null };
}

/** A market listed again with the same words a link's side is made of (cheaper than making the side again). */
function sameWords(x: MarketInfo, y: MarketInfo): boolean {
  return (
    x.title === y.title &&
    x.rules === y.rules &&
    x.closeTime === y.closeTime &&
    x.eventTitle === y.eventTitle &&
    x.outcomeLabel === y.outcomeLabel &&
    sameJson(x.strike, y.strike) &&
    sameJson(x.sources, y.sources)
  );
}

/** The same side listed: the same spec (a relisted market's spec is taken over when its input is the same) and the same words. */
function sameSide(x: LinkSide, y: LinkSide): boolean {
  return x.spec === y.spec && JSON.stringify({ ...x, spec: null }) === JSON.stringify({ ...y, spec: null });
}

/** What a decision keeps of a side (names, sources and specs are derived again from the listing). */
function stored(side: LinkSide): Side {
  return { market: side.market, title: side.title, rules: side.rules, closeTime: side.closeTime };
}
