// Which basket relies on a suspended cross-venue link: one whose legs are on both of its markets.
// Such a basket is shown greyed with the reason and never executed until the link is confirmed again.
import type { Basket } from '../scanner/basket';
import type { LinkBook } from '../universe/linkBook';

export function suspendedLinkOf(links: LinkBook, basket: Pick<Basket, 'legs'>): string | null {
  if (basket.legs.length < 2) return null;
  const markets = new Set<string>(basket.legs.map((l) => l.market));
  for (const l of links.traded()) {
    if (l.suspended && markets.has(l.a) && markets.has(l.b)) {
      const link = links.link(l.id);
      return `the link it relies on is suspended (${link?.suspension?.changes.join('; ') ?? 'its terms changed'}); confirm it again in Links to trade it`;
    }
  }
  return null;
}
