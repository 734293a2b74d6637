// The window's links list: the snapshot leaves it out, pages of it follow, and pushes carry only
// the links that changed. Whatever the order, the window ends with the engine's list.
import { describe, expect, it } from 'vitest';
import type { AppState, ContractEvent, LinksPage, MarketLink } from '../../../src/shared/contract';
import { ClientError } from '../../../src/renderer/src/bridge/client';
import { applyEvent, applyLinksDelta } from '../../../src/renderer/src/store/applyEvent';
import { LINKS_PAGE, readLinksInPages } from '../../../src/renderer/src/store/linkPages';

const link = (id: string, status: MarketLink['status'] = 'suggested') => ({ id, status }) as unknown as MarketLink;
const ids = (links: readonly MarketLink[]) => links.map((l) => `${l.id}:${l.status}`);

describe('a links push', () => {
  it('replaces a changed link in its place, adds new ones at the end, drops removed ones', () => {
    const before = [link('a'), link('b'), link('c')];
    expect(ids(applyLinksDelta(before, { upserts: [link('d'), link('b', 'confirmed')], removed: ['a'] }))).toEqual(['b:confirmed', 'c:suggested', 'd:suggested']);
  });

  it('that changes nothing leaves the list as it was (nothing re-renders)', () => {
    const before = [link('a')];
    expect(applyLinksDelta(before, { upserts: [], removed: [] })).toBe(before);
  });

  it('of a link already gone, or removing one never seen, is harmless', () => {
    expect(ids(applyLinksDelta([link('a')], { upserts: [], removed: ['zz'] }))).toEqual(['a:suggested']);
  });

  it('reaches the app state through the event', () => {
    const state = { links: [link('a')] } as unknown as AppState;
    const event: ContractEvent = { event: 'links', payload: { upserts: [link('a', 'rejected')], removed: [] } };
    expect(ids(applyEvent(state, event).links)).toEqual(['a:rejected']);
  });
});

/** An engine's links, sorted by id, answering getLinks as the engine does. */
function fakeEngine(all: MarketLink[]) {
  const asked: { after: string | null; limit: number }[] = [];
  return {
    asked,
    call: (command: string, req: { after: string | null; limit: number }): Promise<LinksPage> => {
      expect(command).toBe('getLinks');
      asked.push(req);
      const from = req.after === null ? 0 : all.findIndex((l) => l.id > req.after!);
      const start = from < 0 ? all.length : from;
      const links = all.slice(start, start + req.limit);
      return Promise.resolve({ links, next: start + req.limit < all.length ? links.at(-1)!.id : null });
    },
  };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => link(`L${String(i).padStart(5, '0')}`));

describe('reading the links in pages after a snapshot', () => {
  it('hands on every link once, a page at a time, each no longer than a page', async () => {
    const all = many(LINKS_PAGE * 2 + 7);
    const engine = fakeEngine(all);
    const pages: MarketLink[][] = [];
    await readLinksInPages(engine as never, (p) => pages.push(p.upserts), () => true);
    expect(pages.map((p) => p.length)).toEqual([LINKS_PAGE, LINKS_PAGE, 7]);
    expect(pages.flat()).toEqual(all);
    expect(engine.asked.map((a) => a.after)).toEqual([null, all[LINKS_PAGE - 1]!.id, all[2 * LINKS_PAGE - 1]!.id]);
  });

  it('with no links at all asks once and hands on nothing', async () => {
    const engine = fakeEngine([]);
    const pages: unknown[] = [];
    await readLinksInPages(engine as never, (p) => pages.push(p), () => true);
    expect(pages).toEqual([]);
    expect(engine.asked).toHaveLength(1);
  });

  it('stops as soon as a newer load has started (a reconnect reads the list again)', async () => {
    const engine = fakeEngine(many(LINKS_PAGE * 3));
    const pages: unknown[] = [];
    let current = true;
    await readLinksInPages(engine as never, (p) => { pages.push(p); current = false; }, () => current);
    expect(pages).toHaveLength(1);
    expect(engine.asked).toHaveLength(2);
  });

  it('fails with the engine\'s error when a page cannot be read', async () => {
    const failing = { call: () => Promise.reject(new ClientError({ code: 'unavailable', message: 'The connection to the engine was lost', field: null })) };
    await expect(readLinksInPages(failing as never, () => undefined, () => true)).rejects.toThrow('The connection to the engine was lost');
  });

  it('pages and pushes applied in arrival order end in the engine\'s list', async () => {
    const all = many(LINKS_PAGE + 5);
    const engine = fakeEngine(all);
    let shown: MarketLink[] = [];
    // A push arrives between the two pages: the last link was confirmed.
    await readLinksInPages(engine as never, (p) => {
      shown = applyLinksDelta(shown, p);
      if (shown.length === LINKS_PAGE) {
        all[all.length - 1] = link(all.at(-1)!.id, 'confirmed');
        shown = applyLinksDelta(shown, { upserts: [all.at(-1)!], removed: [] });
      }
    }, () => true);
    expect(ids(shown).sort()).toEqual(ids(all));
  });
});
