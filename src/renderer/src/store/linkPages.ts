import type { LinksDelta, LinksPage } from '../../../shared/contract';
import type { ArbdeskClient } from '../bridge/client';

/** Links a page: each page is validated in its own short task (~4 KB and ~0.2 ms a link). */
export const LINKS_PAGE = 50;

/**
 * Reads the links list page by page after a snapshot that left it out, handing each page on as a
 * delta in the order it arrived among the pushed events, so a link changed while the pages are read
 * ends as pushed. Stops when `current` says a newer load has started.
 */
export async function readLinksInPages(client: Pick<ArbdeskClient, 'call'>, deliver: (page: LinksDelta) => void, current: () => boolean): Promise<void> {
  let after: string | null = null;
  do {
    const page: LinksPage = await client.call('getLinks', { after, limit: LINKS_PAGE });
    if (!current()) return;
    if (page.links.length > 0) deliver({ upserts: page.links, removed: [] });
    after = page.next;
  } while (after !== null);
}
