import type { Action, ActionContext } from '../../../shared/actions';

function haystack(a: Action<never>): { label: string; all: string } {
  const label = a.label.toLowerCase();
  return { label, all: `${a.category} ${label} ${a.detail}`.toLowerCase() };
}

/**
 * The actions whose words hold every word typed, best first: a label that starts with the query,
 * then a label that holds it, then the rest; otherwise in their defined order.
 */
export function searchActions<C extends ActionContext, A extends Action<C>>(actions: readonly A[], query: string): A[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter((w) => w.length > 0);
  const rank = (a: A): number => {
    const h = haystack(a);
    if (!words.every((w) => h.all.includes(w))) return -1;
    if (q.length === 0 || h.label.startsWith(q)) return 0;
    return h.label.includes(q) ? 1 : 2;
  };
  return actions
    .map((a, i) => ({ a, i, r: rank(a) }))
    .filter((x) => x.r >= 0)
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map((x) => x.a);
}
