// Cross-venue links: the matcher's suggestions and the trader's decisions on them. Only a
// confirmed link becomes an equivalence the scanner trades; a rejected one is never suggested
// again. Decisions persist in links.json in the data directory. A link's two sides are ordered by
// venue id (then market), and its id is made from them in that order.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { CommandError, MarketRefSchema, type LinkSide, type MarketLink } from '../../shared/contract';
import { registeredVenueIds, venueOf, type MarketRef, type VenueId } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import type { MarketInfo } from '../venues/venue';
import { readJsonFile, writeJsonFile } from '../platform/jsonFile';
import { joinName, marketName, settlementSources } from './marketName';
import type { LinkSuggestion } from './matcher';

const SideSchema = z.object({
  market: MarketRefSchema,
  title: z.string(),
  rules: z.string(),
  closeTime: z.number().int().nonnegative().nullable(),
});
type Side = z.infer<typeof SideSchema>;
const DECIDED = {
  status: z.enum(['confirmed', 'rejected']),
  decidedAt: z.number().int().nonnegative(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
};
type Decided = { status: 'confirmed' | 'rejected'; decidedAt: number; score: number; reasons: string[] };
type Decision = Decided & { sides: [Side, Side] };

/**
 * links.json: `{"version": 1, "decisions": [...]}`, each decision holding its two markets under
 * their venues' ids (in link order), then the decision. The schema is made from the registered
 * venues: one shape per pair of them.
 */
function linksFileSchema(venues: readonly VenueId[]) {
  const pairs: [VenueId, VenueId][] = [];
  for (let i = 0; i < venues.length; i++) for (let j = i + 1; j < venues.length; j++) pairs.push([venues[i]!, venues[j]!].sort() as [VenueId, VenueId]);
  const shapes = pairs.map(([a, b]) =>
    z.object({ [a]: SideSchema, [b]: SideSchema, ...DECIDED }).transform((d): Decision => {
      const { status, decidedAt, score, reasons } = d as unknown as Decided;
      const sides = d as unknown as Record<string, Side>;
      return { sides: [sides[a]!, sides[b]!], status, decidedAt, score, reasons };
    }),
  );
  const decision = shapes.length === 1 ? shapes[0]! : z.union(shapes as unknown as [z.ZodType<Decision>, z.ZodType<Decision>, ...z.ZodType<Decision>[]]);
  return z.object({ version: z.literal(1), decisions: z.array(decision) });
}

/** A decision as links.json keeps it: its sides under their venues' ids. */
function fileForm(d: Decision): Record<string, unknown> {
  return { [venueOf(d.sides[0].market)]: d.sides[0], [venueOf(d.sides[1].market)]: d.sides[1], status: d.status, decidedAt: d.decidedAt, score: d.score, reasons: d.reasons };
}

/** Suggestions shown at most (best first); decided links are always shown. */
export const MAX_SUGGESTIONS_SHOWN = 1000;

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

function sideOf(ref: MarketRef, info: MarketInfo | undefined, fallback?: Side): LinkSide {
  const venue = venueOf(ref);
  if (info) {
    const label = marketName(info);
    return { market: ref, venue, title: info.title, rules: info.rules, closeTime: info.closeTime, name: joinName(label), label, sources: settlementSources(info) };
  }
  return fallback ? { ...fallback, venue } : { market: ref, venue, title: ref, rules: '', closeTime: null };
}

/** What a decision keeps of a side (names and sources are derived again from the listing). */
function stored(side: LinkSide): Side {
  return { market: side.market, title: side.title, rules: side.rules, closeTime: side.closeTime };
}

const refsOf = (d: Decision): [MarketRef, MarketRef] => [d.sides[0].market as MarketRef, d.sides[1].market as MarketRef];

export class LinkBook implements IDisposable {
  private readonly file: string;
  private readonly decisions = new Map<string, Decision>();
  private suggestions: LinkSuggestion[] = [];
  /** "<first>|<second>" (link order) of every rejected pair; recomputed after a decision. */
  private rejectedPairs: Set<string> | null = null;
  readonly loadProblem: string | null;
  private readonly onDidChangeEmitter = new Emitter<void>();
  /** Fired when the set of confirmed links changes (the scanner's equivalences). */
  readonly onDidChangeConfirmed = this.onDidChangeEmitter.event;

  constructor(
    dataDir: string,
    private readonly lookup: (ref: MarketRef) => MarketInfo | undefined,
    private readonly now: () => number,
    venues: readonly VenueId[] = registeredVenueIds(),
  ) {
    this.file = path.join(dataDir, 'links.json');
    const { value, problem } = readJsonFile(this.file, linksFileSchema(venues), 'links');
    this.loadProblem = problem;
    for (const d of value?.decisions ?? []) {
      const [a, b] = linkSides(...refsOf(d));
      const ordered: Decision = { ...d, sides: a === d.sides[0].market ? d.sides : [d.sides[1], d.sides[0]] };
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
    this.suggestions = this.suggestions.filter((s) => !this.decisions.has(linkId(s.a, s.b)) && !linked.has(s.a) && !linked.has(s.b));
  }

  /** Asked for every pair the matcher scores: a set lookup, not a hash of the pair. */
  isRejected(a: MarketRef, b: MarketRef): boolean {
    this.rejectedPairs ??= new Set([...this.decisions.values()].filter((d) => d.status === 'rejected').map((d) => `${d.sides[0].market}|${d.sides[1].market}`));
    if (this.rejectedPairs.size === 0) return false;
    const [first, second] = linkSides(a, b);
    return this.rejectedPairs.has(`${first}|${second}`);
  }

  /** Confirmed pairs, in link order: the only cross-venue equivalences the scanner may trade. */
  confirmed(): [MarketRef, MarketRef][] {
    return [...this.decisions.values()].filter((d) => d.status === 'confirmed').map(refsOf);
  }

  /** Markets in a confirmed link (not suggested again). */
  linkedMarkets(): Set<MarketRef> {
    const out = new Set<MarketRef>();
    for (const [a, b] of this.confirmed()) out.add(a).add(b);
    return out;
  }

  /** Confirmed, then suggested (best first), then rejected. */
  links(): MarketLink[] {
    const decided = [...this.decisions.entries()].map(([id, d]) => this.toLink(id, d));
    const suggested = this.suggestions.map((s) => {
      const [a, b] = linkSides(s.a, s.b);
      return {
        id: linkId(a, b),
        sides: [sideOf(a, this.lookup(a)), sideOf(b, this.lookup(b))] as [LinkSide, LinkSide],
        score: s.score,
        reasons: s.reasons,
        status: 'suggested' as const,
        decidedAt: null,
      };
    });
    return [...decided.filter((l) => l.status === 'confirmed'), ...suggested, ...decided.filter((l) => l.status === 'rejected')];
  }

  confirm(id: string): MarketLink {
    return this.decide(id, 'confirmed');
  }

  reject(id: string): MarketLink {
    return this.decide(id, 'rejected');
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }

  private decide(id: string, status: Decision['status']): MarketLink {
    const existing = this.decisions.get(id);
    const suggestion = existing ? null : this.suggestions.find((s) => linkId(s.a, s.b) === id);
    if (!existing && !suggestion) throw new CommandError('not_found', `linkId: no market link "${id}"`, 'payload.linkId');
    const wasConfirmed = existing?.status === 'confirmed';
    let decision: Decision;
    if (existing) {
      const [a, b] = refsOf(existing);
      decision = {
        ...existing,
        sides: [stored(sideOf(a, this.lookup(a), existing.sides[0])), stored(sideOf(b, this.lookup(b), existing.sides[1]))],
        status,
        decidedAt: this.now(),
      };
    } else {
      const [a, b] = linkSides(suggestion!.a, suggestion!.b);
      decision = {
        sides: [stored(sideOf(a, this.lookup(a))), stored(sideOf(b, this.lookup(b)))],
        status,
        decidedAt: this.now(),
        score: suggestion!.score,
        reasons: suggestion!.reasons,
      };
    }
    const next = new Map(this.decisions).set(id, decision);
    // Written first: a decision that cannot be saved is not taken.
    writeJsonFile(this.file, { version: 1, decisions: [...next.values()].map(fileForm) });
    this.decisions.set(id, decision);
    this.rejectedPairs = null;
    this.prune();
    if (wasConfirmed !== (status === 'confirmed')) this.onDidChangeEmitter.fire();
    return this.toLink(id, decision);
  }

  private toLink(id: string, d: Decision): MarketLink {
    const [a, b] = refsOf(d);
    return {
      id,
      sides: [sideOf(a, this.lookup(a), d.sides[0]), sideOf(b, this.lookup(b), d.sides[1])],
      score: d.score,
      reasons: d.reasons,
      status: d.status,
      decidedAt: d.decidedAt,
    };
  }
}
