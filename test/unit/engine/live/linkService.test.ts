// The links list the engine pushes to the trader is built from the entries of the previous list
// (only links whose decision, suggestion or markets' listings changed are derived again); only
// what changed is pushed, and nothing when nothing changed. Whatever happened in between, the
// window's list after the pushes must be the one a link service started afresh on the same links
// file would list. A window that connects reads the list in pages.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandError, type MarketLink } from '../../../../src/shared/contract';
import type { MarketRef, VenueId } from '../../../../src/shared/ids';
import type { ActivityLog } from '../../../../src/engine/activity/activityLog';
import { LinkService } from '../../../../src/engine/live/linkService';
import type { SimulatorControl } from '../../../../src/engine/live/simulatorControl';
import { suggestLinks, type LinkSuggestion } from '../../../../src/engine/universe/matcher';
import type { MarketInfo, MarketTerms } from '../../../../src/engine/venues/venue';
import { simCatalog } from '../../../helpers/simMarkets';
import { tempDir } from '../../../helpers/tempDir';

const catalog = simCatalog('link-push', 40);
const allMarkets = [...catalog.kalshi, ...catalog.polymarket];
const suggestions: LinkSuggestion[] = suggestLinks(catalog.kalshi, catalog.polymarket, { threshold: 0.3 });

interface World {
  listed: Map<MarketRef, MarketInfo>;
  clock: number;
  /** Pairs the simulator says are the same proposition (its truth), or null: no simulator. */
  truth: Set<string> | null;
}

function service(dir: string, world: World): LinkService {
  const venues: VenueId[] = ['kalshi', 'polymarket'];
  const links = new LinkService({
    dataDir: dir,
    activity: { append: () => undefined } as unknown as ActivityLog,
    now: () => world.clock,
    venues,
    name: (v) => v,
    market: (ref) => world.listed.get(ref as MarketRef),
    watched: (v) => [...world.listed.values()].filter((m) => m.venue === v),
    environment: () => (world.truth === null ? 'production' : 'simulator'),
    simulator: { truthOf: (a: MarketRef, b: MarketRef) => (world.truth === null ? null : world.truth.has(`${a}|${b}`) ? 'equivalent' : 'different') } as unknown as SimulatorControl,
    onDidChangeList: () => undefined,
  });
  links.book.setSuggestions(suggestions);
  return links;
}

/** What a link service started now, on the same links file and listings, lists. */
function fromScratch(dir: string, world: World): MarketLink[] {
  const fresh = service(dir, world);
  try {
    return fresh.list();
  } finally {
    fresh.dispose();
  }
}

const byId = (list: readonly MarketLink[] | null | undefined, id: string) => list?.find((l) => l.id === id);
const sortedById = (list: readonly MarketLink[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The window's links: every push applied in order (upserts replace by id, removals drop). */
class WindowLinks {
  private readonly byId = new Map<string, MarketLink>();
  /** Takes the service's next push; returns its upserts (null: nothing was pushed). */
  push(links: LinkService): MarketLink[] | null {
    const delta = links.changesSinceListed();
    if (delta === null) return null;
    for (const id of delta.removed) this.byId.delete(id);
    for (const l of delta.upserts) this.byId.set(l.id, l);
    return delta.upserts;
  }
  list(): MarketLink[] {
    return sortedById([...this.byId.values()]);
  }
}
/** A discovery: every market listed anew, word for word the same. */
const relistAll = (world: World) => {
  world.listed = new Map([...world.listed].map(([ref, m]) => [ref, { ...m }]));
};
const termsOf = (m: MarketInfo): MarketTerms => ({ ref: m.ref, rules: m.rules, closeTime: m.closeTime, status: m.status, dispute: null });

describe('the links list pushed to the trader', () => {
  let dir: ReturnType<typeof tempDir>;
  let world: World;
  let links: LinkService;
  beforeEach(() => {
    dir = tempDir();
    world = { listed: new Map(allMarkets.map((m) => [m.ref, m])), clock: 1_790_000_000_000, truth: null };
    links = service(dir.path, world);
  });
  afterEach(() => {
    links.dispose();
    dir.remove();
  });

  it('has suggestions to work with', () => {
    expect(suggestions.length).toBeGreaterThanOrEqual(6);
  });

  it('is pushed once, then not again while nothing in it changed — not even after a discovery listing every market anew', () => {
    const shown = new WindowLinks();
    const first = shown.push(links);
    expect(first).toEqual(links.list());
    expect(first).toHaveLength(suggestions.length);
    expect(shown.push(links)).toBeNull();
    relistAll(world);
    expect(shown.push(links)).toBeNull();
    expect(links.list()).toEqual(fromScratch(dir.path, world));
  });

  it('a decision pushes the link confirmed or rejected', () => {
    const shown = new WindowLinks();
    shown.push(links);
    const [s0, s1] = links.list();
    links.confirm(s0!.id, 'identical', { reason: 'same event' });
    const afterConfirm = shown.push(links);
    // Only the link decided on crosses again.
    expect(afterConfirm!.map((l) => l.id)).toEqual([s0!.id]);
    expect(byId(afterConfirm, s0!.id)).toMatchObject({ status: 'confirmed', relation: 'identical', decidedAt: world.clock });
    links.reject(s1!.id);
    const afterReject = shown.push(links);
    expect(afterReject!.map((l) => l.id)).toEqual([s1!.id]);
    expect(byId(afterReject, s1!.id)).toMatchObject({ status: 'rejected' });
    expect(shown.list()).toEqual(sortedById(fromScratch(dir.path, world)));
  });

  it('a suspension pushes the link suspended, with the change in words', () => {
    const [s0] = links.list();
    links.confirm(s0!.id, 'identical', { reason: 'same event' });
    const shown = new WindowLinks();
    shown.push(links);
    const [ra, rb] = s0!.sides.map((s) => s.market as MarketRef) as [MarketRef, MarketRef];
    const amended = { ...termsOf(world.listed.get(rb)!), rules: 'Amended: resolves on the venue’s own reading.' };
    world.clock += 60_000;
    const suspended = links.book.watch((ref) => (ref === rb ? amended : ref === ra ? termsOf(world.listed.get(ra)!) : undefined));
    expect(suspended).toHaveLength(1);
    const pushed = shown.push(links);
    expect(byId(pushed, s0!.id)).toMatchObject({ status: 'suspended', suspension: { since: world.clock, changes: [expect.stringContaining('rules text changed')] } });
    expect(shown.list()).toEqual(sortedById(fromScratch(dir.path, world)));
  });

  it('a market’s changed terms in a discovery push the side’s new rules and spec', () => {
    const [s0] = links.list();
    const shown = new WindowLinks();
    shown.push(links);
    const ref = s0!.sides[1].market as MarketRef;
    const before = s0!.sides[1];
    relistAll(world);
    world.listed.set(ref, { ...world.listed.get(ref)!, rules: `${before.rules} The market closes early if the event is cancelled.`, closeTime: before.closeTime! + 86_400_000 });
    const pushed = shown.push(links);
    const side = byId(pushed, s0!.id)!.sides[1];
    expect(side.rules).toContain('closes early if the event is cancelled');
    expect(side.closeTime).toBe(before.closeTime! + 86_400_000);
    expect(side.spec).not.toEqual(before.spec);
    expect(shown.list()).toEqual(sortedById(fromScratch(dir.path, world)));
  });

  it('a market leaving pushes its side as last stored, without name or spec', () => {
    const [s0, s1] = links.list();
    links.confirm(s0!.id, 'identical', { reason: 'same event' });
    const shown = new WindowLinks();
    shown.push(links);
    const confirmedRef = s0!.sides[0].market as MarketRef;
    const suggestedRef = s1!.sides[1].market as MarketRef;
    world.listed.delete(confirmedRef);
    world.listed.delete(suggestedRef);
    const pushed = shown.push(links);
    expect(byId(pushed, s0!.id)!.sides[0]).toEqual({ market: confirmedRef, venue: s0!.sides[0].venue, title: s0!.sides[0].title, rules: s0!.sides[0].rules, closeTime: s0!.sides[0].closeTime });
    expect(byId(pushed, s1!.id)!.sides[1]).toEqual({ market: suggestedRef, venue: s1!.sides[1].venue, title: suggestedRef, rules: '', closeTime: null });
    expect(byId(pushed, s1!.id)).toMatchObject({ relation: 'unknown', conflicts: [] });
    expect(shown.list()).toEqual(sortedById(fromScratch(dir.path, world)));
  });

  it('the simulator’s truth of each pair is pushed when every venue runs on it', () => {
    const shown = new WindowLinks();
    shown.push(links);
    const [s0] = links.list();
    world.truth = new Set([`${s0!.sides[0].market}|${s0!.sides[1].market}`]);
    const pushed = shown.push(links);
    expect(byId(pushed, s0!.id)!.simulatorTruth).toBe('equivalent');
    expect(pushed!.filter((l) => l.simulatorTruth === 'different')).toHaveLength(suggestions.length - 1);
    expect(shown.push(links)).toBeNull();
  });

  it('whatever happens, what was pushed last is what a fresh start lists (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('confirm' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('reject' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('relist' as const) }),
      fc.record({ kind: fc.constant('amend' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('leave' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('return' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('poll' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('truth' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const run = tempDir();
        const w: World = { listed: new Map(allMarkets.map((m) => [m.ref, m])), clock: 1_790_000_000_000, truth: null };
        const live = service(run.path, w);
        try {
          const shown = new WindowLinks();
          shown.push(live);
          for (const o of ops) {
            w.clock += 1_000;
            const current = live.list();
            const pick = <T>(xs: readonly T[], at: number) => xs[at % xs.length]!;
            const refOf = (at: number) => pick(allMarkets, at).ref;
            try {
              if (o.kind === 'confirm') live.confirm(pick(current, o.at).id, undefined, { reason: 'checked' });
              else if (o.kind === 'reject') live.reject(pick(current, o.at).id);
              else if (o.kind === 'relist') relistAll(w);
              else if (o.kind === 'amend') {
                const m = w.listed.get(refOf(o.at));
                if (m) w.listed.set(m.ref, { ...m, rules: `${m.rules} (amended at ${w.clock})` });
              } else if (o.kind === 'leave') w.listed.delete(refOf(o.at));
              else if (o.kind === 'return') w.listed.set(refOf(o.at), pick(allMarkets, o.at));
              else if (o.kind === 'poll') live.book.watch((ref) => (ref === refOf(o.at) ? { ...termsOf(pick(allMarkets, o.at)), rules: 'changed' } : undefined));
              else {
                const l = pick(current, o.at);
                w.truth ??= new Set();
                w.truth.add(`${l.sides[0].market}|${l.sides[1].market}`);
              }
            } catch (e) {
              // A link cannot be confirmed while a market of it is not listed: nothing changed.
              if (!(e instanceof CommandError)) throw e;
            }
            shown.push(live);
            expect(shown.list()).toEqual(sortedById(fromScratch(run.path, w)));
          }
        } finally {
          live.dispose();
          run.remove();
        }
      }),
      { numRuns: 40 },
    );
  });

  describe('read in pages (a window that connects)', () => {
    const readAll = (limit: number): MarketLink[][] => {
      const pages: MarketLink[][] = [];
      let after: string | null = null;
      for (;;) {
        const page = links.page(after, limit);
        pages.push(page.links);
        if (page.next === null) return pages;
        after = page.next;
      }
    };

    it('gives every link once, by id, in pages of at most the limit', () => {
      const pages = readAll(4);
      expect(pages.every((p) => p.length <= 4)).toBe(true);
      expect(pages.flat()).toEqual(sortedById(links.list()));
    });

    it('a page as long as what is left is the last one', () => {
      const all = links.list().length;
      expect(links.page(null, all)).toEqual({ links: sortedById(links.list()), next: null });
      expect(links.page(null, all + 10).next).toBeNull();
    });

    it('after a link that has since gone, goes on from the next id', () => {
      const sorted = sortedById(links.list());
      const gone = `${sorted[2]!.id}~`;
      expect(links.page(gone, 2).links.map((l) => l.id)).toEqual(sorted.slice(3, 5).map((l) => l.id));
      expect(links.page(`${sorted.at(-1)!.id}~`, 5)).toEqual({ links: [], next: null });
    });

    it('with a push applied between pages, the window ends with the list a fresh start gives', () => {
      const shown = new WindowLinks();
      shown.push(links);
      const window = new Map<string, MarketLink>();
      const first = links.page(null, 3);
      for (const l of first.links) window.set(l.id, l);
      // A decision between two pages: its push reaches the window before the next page.
      const [s0] = sortedById(links.list()).slice(-1);
      links.confirm(s0!.id, 'identical', { reason: 'same event' });
      const delta = links.changesSinceListed()!;
      for (const l of delta.upserts) window.set(l.id, l);
      let after = first.next;
      while (after !== null) {
        const page = links.page(after, 3);
        for (const l of page.links) window.set(l.id, l);
        after = page.next;
      }
      expect(sortedById([...window.values()])).toEqual(sortedById(fromScratch(dir.path, world)));
      expect(window.get(s0!.id)!.status).toBe('confirmed');
    });

    it('reads the list as last pushed: a change not pushed yet reaches the window with its push, after the pages', () => {
      new WindowLinks().push(links);
      const [s0] = sortedById(links.list()).slice(-1);
      links.confirm(s0!.id, 'identical', { reason: 'same event' });
      const window = new Map<string, MarketLink>();
      for (const page of readAll(3)) for (const l of page) window.set(l.id, l);
      expect(window.get(s0!.id)!.status).toBe('suggested');
      const delta = links.changesSinceListed()!;
      for (const l of delta.upserts) window.set(l.id, l);
      expect(window.get(s0!.id)!.status).toBe('confirmed');
      expect(sortedById([...window.values()])).toEqual(sortedById(fromScratch(dir.path, world)));
    });
  });
});
