// Cross-venue links: the matcher's suggestions and the trader's decisions on them. Only a
// confirmed link becomes an equivalence the scanner trades; a rejected one is never suggested
// again. Decisions persist in links.json in the data directory.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { CommandError, MarketRefSchema, type MarketLink } from '../../shared/contract';
import type { MarketRef } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import type { MarketInfo } from '../venues/venue';
import { readJsonFile, writeJsonFile } from './jsonFile';
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
  status: z.enum(['confirmed', 'rejected']),
  decidedAt: z.number().int().nonnegative(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
});
const LinksFileSchema = z.object({ version: z.literal(1), decisions: z.array(DecisionSchema) });
type Decision = z.infer<typeof DecisionSchema>;
type Side = z.infer<typeof SideSchema>;

/** Suggestions shown at most (best first); decided links are always shown. */
export const MAX_SUGGESTIONS_SHOWN = 1000;

export function linkId(kalshi: MarketRef, polymarket: MarketRef): string {
  return `L${createHash('sha1').update(`${kalshi}|${polymarket}`).digest('hex').slice(0, 16)}`;
}

function sideOf(ref: MarketRef, info: MarketInfo | undefined, fallback?: Side): MarketLink['kalshi'] {
  if (info) {
    const label = marketName(info);
    return { market: ref, title: info.title, rules: info.rules, closeTime: info.closeTime, name: joinName(label), label, sources: settlementSources(info) };
  }
  return fallback ?? { market: ref, title: ref, rules: '', closeTime: null };
}

/** What a decision keeps of a side (names and sources are derived again from the listing). */
function stored(side: MarketLink['kalshi']): Side {
  return { market: side.market, title: side.title, rules: side.rules, closeTime: side.closeTime };
}

export class LinkBook implements IDisposable {
  private readonly file: string;
  private readonly decisions = new Map<string, Decision>();
  private suggestions: LinkSuggestion[] = [];
  /** "kalshi|polymarket" of every rejected pair; recomputed after a decision. */
  private rejectedPairs: Set<string> | null = null;
  readonly loadProblem: string | null;
  private readonly onDidChangeEmitter = new Emitter<void>();
  /** Fired when the set of confirmed links changes (the scanner's equivalences). */
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

  /** Confirmed pairs [kalshi, polymarket]: the only cross-venue equivalences the scanner may trade. */
  confirmed(): [MarketRef, MarketRef][] {
    return [...this.decisions.values()].filter((d) => d.status === 'confirmed').map((d) => [d.kalshi.market as MarketRef, d.polymarket.market as MarketRef]);
  }

  /** Markets in a confirmed link (not suggested again). */
  linkedMarkets(): Set<MarketRef> {
    const out = new Set<MarketRef>();
    for (const [k, p] of this.confirmed()) out.add(k).add(p);
    return out;
  }

  /** Confirmed, then suggested (best first), then rejected. */
  links(): MarketLink[] {
    const decided = [...this.decisions.entries()].map(([id, d]) => this.toLink(id, d));
    const suggested = this.suggestions.map((s) => {
      const id = linkId(s.kalshi, s.polymarket);
      return {
        id,
        kalshi: sideOf(s.kalshi, this.lookup(s.kalshi)),
        polymarket: sideOf(s.polymarket, this.lookup(s.polymarket)),
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
    const suggestion = existing ? null : this.suggestions.find((s) => linkId(s.kalshi, s.polymarket) === id);
    if (!existing && !suggestion) throw new CommandError('not_found', `linkId: no market link "${id}"`, 'payload.linkId');
    const wasConfirmed = existing?.status === 'confirmed';
    const decision: Decision = existing
      ? {
          ...existing,
          kalshi: stored(sideOf(existing.kalshi.market as MarketRef, this.lookup(existing.kalshi.market as MarketRef), existing.kalshi)),
          polymarket: stored(sideOf(existing.polymarket.market as MarketRef, this.lookup(existing.polymarket.market as MarketRef), existing.polymarket)),
          status,
          decidedAt: this.now(),
        }
      : {
          kalshi: stored(sideOf(suggestion!.kalshi, this.lookup(suggestion!.kalshi))),
          polymarket: stored(sideOf(suggestion!.polymarket, this.lookup(suggestion!.polymarket))),
          status,
          decidedAt: this.now(),
          score: suggestion!.score,
          reasons: suggestion!.reasons,
        };
    const next = new Map(this.decisions).set(id, decision);
    // Written first: a decision that cannot be saved is not taken.
    writeJsonFile(this.file, { version: 1, decisions: [...next.values()] });
    this.decisions.set(id, decision);
    this.rejectedPairs = null;
    this.prune();
    if (wasConfirmed !== (status === 'confirmed')) this.onDidChangeEmitter.fire();
    return this.toLink(id, decision);
  }

  private toLink(id: string, d: Decision): MarketLink {
    return {
      id,
      kalshi: sideOf(d.kalshi.market as MarketRef, this.lookup(d.kalshi.market as MarketRef), d.kalshi),
      polymarket: sideOf(d.polymarket.market as MarketRef, this.lookup(d.polymarket.market as MarketRef), d.polymarket),
      score: d.score,
      reasons: d.reasons,
      status: d.status,
      decidedAt: d.decidedAt,
    };
  }
}
