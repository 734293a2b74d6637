// Cross-venue links: the matcher's suggestions and the trader's decisions on them. A link relates
// two markets as the trader confirmed it — identical, complementary, or one implying the other —
// and only a confirmed link is traded. Each link carries both markets' contract specs compared
// field by field; confirming a relation a known field contradicts needs an override with a reason,
// kept with the link. A confirmed link is watched: when either market's rules text, close time,
// status or dispute state changes it is suspended until the trader confirms it again. A rejected
// one is never suggested again. Decisions persist in links.json in the data directory.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  CommandError, LinkOverrideSchema, LinkRelationSchema, LinkSuspensionSchema, MarketRefSchema, type ContractSpec, type LinkRelation, type MarketLink,
} from '../../shared/contract';
import type { MarketRef } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { conflicts as conflictsOf, relateSpecs } from '../specs/relate';
import { termsOf } from '../specs/fromMarket';
import { specOfMarket } from '../specs/specCache';
import type { MarketInfo, MarketTerms } from '../venues/venue';
import { readJsonFile, writeJsonFile } from './jsonFile';
import type { LinkedRelations } from './universe';
import { fingerprint, termChanges, TermsSchema } from './linkTerms';
import { joinName, marketName, settlementSources } from './marketName';
import type { LinkSuggestion } from './matcher';

const SideSchema = z.object({
  market: MarketRefSchema,
  title: z.string(),
  rules: z.string(),
  closeTime: z.number().int().nonnegative().nullable(),
});
const DecisionSchema = z.object({
  kalshi: SideSchema,
  polymarket: SideSchema,
  status: z.enum(['confirmed', 'suspended', 'rejected']),
  decidedAt: z.number().int().nonnegative(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  /** Confirmed links: the relation confirmed (files from before relations: identical). */
  relation: LinkRelationSchema.optional(),
  override: LinkOverrideSchema.nullable().optional(),
  /** What the link is watched on, as it was when confirmed (or first seen listed since). */
  terms: z.object({ kalshi: TermsSchema, polymarket: TermsSchema }).nullable().optional(),
  suspension: LinkSuspensionSchema.nullable().optional(),
});
const LinksFileSchema = z.object({ version: z.literal(1), decisions: z.array(DecisionSchema) });
type Decision = z.infer<typeof DecisionSchema>;
type Side = z.infer<typeof SideSchema>;
type SideView = MarketLink['kalshi'];

/** Suggestions shown at most (best first); decided links are always shown. */
export const MAX_SUGGESTIONS_SHOWN = 1000;

/** A link the scanner trades on (side a is Kalshi's, b Polymarket's), suspended ones included so their baskets show greyed. */
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

export function linkId(kalshi: MarketRef, polymarket: MarketRef): string {
  return `L${createHash('sha1').update(`${kalshi}|${polymarket}`).digest('hex').slice(0, 16)}`;
}

const CONFIRMABLE = new Set<string>(LinkRelationSchema.options);

function venueName(ref: string): string {
  const v = ref.slice(0, ref.indexOf(':'));
  return v.charAt(0).toUpperCase() + v.slice(1);
}

export class LinkBook implements IDisposable {
  private readonly file: string;
  private readonly decisions = new Map<string, Decision>();
  private suggestions: LinkSuggestion[] = [];
  /** "kalshi|polymarket" of every rejected pair; recomputed after a decision. */
  private rejectedPairs: Set<string> | null = null;
  readonly loadProblem: string | null;
  private readonly onDidChangeEmitter = new Emitter<void>();
  /** Fired when what the scanner trades changes: a link confirmed, rejected, suspended or re-confirmed. */
  readonly onDidChangeConfirmed = this.onDidChangeEmitter.event;

  constructor(
    dataDir: string,
    private readonly lookup: (ref: MarketRef) => MarketInfo | undefined,
    private readonly now: () => number,
  ) {
    this.file = path.join(dataDir, 'links.json');
    const { value, problem } = readJsonFile(this.file, LinksFileSchema, 'links');
    this.loadProblem = problem;
    for (const d of value?.decisions ?? []) this.decisions.set(linkId(d.kalshi.market as MarketRef, d.polymarket.market as MarketRef), d);
  }

  setSuggestions(suggestions: readonly LinkSuggestion[]): void {
    this.suggestions = suggestions.slice(0, MAX_SUGGESTIONS_SHOWN);
    this.prune();
  }

  /** Drops suggestions already decided, or naming a market that is now in a confirmed link. */
  private prune(): void {
    const linked = this.linkedMarkets();
    this.suggestions = this.suggestions.filter((s) => !this.decisions.has(linkId(s.kalshi, s.polymarket)) && !linked.has(s.kalshi) && !linked.has(s.polymarket));
  }

  /** Asked for every pair the matcher scores: a set lookup, not a hash of the pair. */
  isRejected(kalshi: MarketRef, polymarket: MarketRef): boolean {
    this.rejectedPairs ??= new Set([...this.decisions.values()].filter((d) => d.status === 'rejected').map((d) => `${d.kalshi.market}|${d.polymarket.market}`));
    return this.rejectedPairs.size > 0 && this.rejectedPairs.has(`${kalshi}|${polymarket}`);
  }

  /** Confirmed and suspended links with their relation: what the scanner's relations are made of. */
  traded(): TradedLink[] {
    const out: TradedLink[] = [];
    for (const [id, d] of this.decisions) {
      if (d.status === 'rejected') continue;
      out.push({ id, a: d.kalshi.market as MarketRef, b: d.polymarket.market as MarketRef, relation: d.relation ?? 'identical', suspended: d.status === 'suspended' });
    }
    return out;
  }

  /** Confirmed identical pairs [kalshi, polymarket] (suspended ones excluded). */
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
    const s = this.suggestions.find((x) => linkId(x.kalshi, x.polymarket) === id);
    return s ? this.suggestionLink(s) : undefined;
  }

  /**
   * Confirms (or re-confirms) a link as `relation`, by default what the specs support (identical
   * when they support none). Refused, with nothing saved, when a known field contradicts it and no
   * override reason is given, or when a market is not listed now (nothing to check it against).
   */
  confirm(id: string, relation?: LinkRelation, override?: { reason: string }): MarketLink {
    const { kalshi, polymarket, base } = this.pair(id);
    const k = this.lookup(kalshi);
    const p = this.lookup(polymarket);
    if (!k || !p) {
      throw new CommandError('refused', `linkId: ${!k ? kalshi : polymarket} is not listed now; a link is confirmed against both markets' current terms`, 'payload.linkId');
    }
    const a = specOfMarket(k);
    const b = specOfMarket(p);
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
      kalshi: stored(sideOf(kalshi, k)),
      polymarket: stored(sideOf(polymarket, p)),
      status: 'confirmed',
      decidedAt: now,
      relation: asserted,
      override: conflicts.length > 0 ? { reason: override!.reason.trim(), fields: conflicts, at: now } : null,
      terms: { kalshi: fingerprint(termsOf(k)), polymarket: fingerprint(termsOf(p)) },
      suspension: null,
    });
  }

  reject(id: string): MarketLink {
    const { kalshi, polymarket, base } = this.pair(id);
    return this.decide(id, {
      ...base,
      kalshi: stored(sideOf(kalshi, this.lookup(kalshi), base.kalshi)),
      polymarket: stored(sideOf(polymarket, this.lookup(polymarket), base.polymarket)),
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
  watch(fresh: (ref: MarketRef) => MarketTerms | undefined = () => undefined): Suspended[] {
    const now = this.now();
    const suspended: Suspended[] = [];
    let changed = false;
    const next = new Map(this.decisions);
    for (const [id, d] of this.decisions) {
      if (d.status !== 'confirmed') continue;
      const terms = (ref: MarketRef) => {
        const t = fresh(ref);
        if (t) return t;
        const info = this.lookup(ref);
        return info ? termsOf(info) : undefined;
      };
      const k = terms(d.kalshi.market as MarketRef);
      const p = terms(d.polymarket.market as MarketRef);
      if (!k || !p) continue;
      const now1 = { kalshi: fingerprint(k), polymarket: fingerprint(p) };
      if (!d.terms) {
        // A link confirmed before links were watched: its terms as first seen are the baseline.
        next.set(id, { ...d, terms: now1 });
        changed = true;
        continue;
      }
      const changes = [
        ...termChanges(venueName(d.kalshi.market), d.terms.kalshi, now1.kalshi, now),
        ...termChanges(venueName(d.polymarket.market), d.terms.polymarket, now1.polymarket, now),
      ];
      if (changes.length === 0) continue;
      const updated: Decision = { ...d, status: 'suspended', suspension: { since: now, changes } };
      next.set(id, updated);
      changed = true;
      suspended.push({ link: this.toLink(id, updated), changes });
    }
    if (!changed) return [];
    writeJsonFile(this.file, { version: 1, decisions: [...next.values()] });
    for (const [id, d] of next) this.decisions.set(id, d);
    if (suspended.length > 0) this.onDidChangeEmitter.fire();
    return suspended;
  }

  /** Markets whose terms the watch needs read afresh: those in confirmed links. */
  watchedMarkets(): MarketRef[] {
    const out: MarketRef[] = [];
    for (const d of this.decisions.values()) if (d.status === 'confirmed') out.push(d.kalshi.market as MarketRef, d.polymarket.market as MarketRef);
    return out;
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }

  private pair(id: string): { kalshi: MarketRef; polymarket: MarketRef; base: Pick<Decision, 'score' | 'reasons' | 'kalshi' | 'polymarket'> } {
    const existing = this.decisions.get(id);
    if (existing) return { kalshi: existing.kalshi.market as MarketRef, polymarket: existing.polymarket.market as MarketRef, base: existing };
    const s = this.suggestions.find((x) => linkId(x.kalshi, x.polymarket) === id);
    if (!s) throw new CommandError('not_found', `linkId: no market link "${id}"`, 'payload.linkId');
    return {
      kalshi: s.kalshi,
      polymarket: s.polymarket,
      base: { score: s.score, reasons: s.reasons, kalshi: stored(sideOf(s.kalshi, this.lookup(s.kalshi))), polymarket: stored(sideOf(s.polymarket, this.lookup(s.polymarket))) },
    };
  }

  private decide(id: string, decision: Decision): MarketLink {
    const before = this.decisions.get(id);
    const next = new Map(this.decisions).set(id, decision);
    // Written first: a decision that cannot be saved is not taken.
    writeJsonFile(this.file, { version: 1, decisions: [...next.values()] });
    this.decisions.set(id, decision);
    this.rejectedPairs = null;
    this.prune();
    const traded = (d: Decision | undefined) => (d && d.status !== 'rejected' ? `${d.status}|${d.relation ?? 'identical'}` : '');
    if (traded(before) !== traded(decision)) this.onDidChangeEmitter.fire();
    return this.toLink(id, decision);
  }

  private specs(kalshi: MarketRef, polymarket: MarketRef): [ContractSpec | undefined, ContractSpec | undefined] {
    const k = this.lookup(kalshi);
    const p = this.lookup(polymarket);
    return [k ? specOfMarket(k) : undefined, p ? specOfMarket(p) : undefined];
  }

  private suggestionLink(s: LinkSuggestion): MarketLink {
    const [a, b] = this.specs(s.kalshi, s.polymarket);
    const comparison = a && b ? relateSpecs(a, b) : { relation: 'unknown' as const, differing: [], unknown: [] };
    const relation = comparison.relation;
    return {
      id: linkId(s.kalshi, s.polymarket),
      kalshi: sideOf(s.kalshi, this.lookup(s.kalshi)),
      polymarket: sideOf(s.polymarket, this.lookup(s.polymarket)),
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

  private toLink(id: string, d: Decision): MarketLink {
    const kalshi = d.kalshi.market as MarketRef;
    const polymarket = d.polymarket.market as MarketRef;
    const [a, b] = this.specs(kalshi, polymarket);
    const comparison = a && b ? relateSpecs(a, b) : { relation: 'unknown' as const, differing: [], unknown: [] };
    const relation = d.status === 'rejected' ? comparison.relation : (d.relation ?? 'identical');
    return {
      id,
      kalshi: sideOf(kalshi, this.lookup(kalshi), d.kalshi),
      polymarket: sideOf(polymarket, this.lookup(polymarket), d.polymarket),
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
}

function sideOf(ref: MarketRef, info: MarketInfo | undefined, fallback?: Side): SideView {
  if (info) {
    const label = marketName(info);
    return { market: ref, title: info.title, rules: info.rules, closeTime: info.closeTime, name: joinName(label), label, sources: settlementSources(info), spec: specOfMarket(info) };
  }
  return fallback ?? { market: ref, title: ref, rules: '', closeTime: null };
}

/** What a decision keeps of a side (names, sources and specs are derived again from the listing). */
function stored(side: SideView): Side {
  return { market: side.market, title: side.title, rules: side.rules, closeTime: side.closeTime };
}
