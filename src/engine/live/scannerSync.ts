// Brings the scanner's universe to a target (after a discovery refresh, a watchlist change, a link
// decision) with the fewest changes: retire what left, drop relations that no longer hold, add
// what is new. Books of markets that stay are untouched. A large change (a venue's whole market
// list at start, many markets closing) is made in steps — comparisons a few thousand entries at a
// time, retirements and new markets a slice at a time, then new relations a slice at a time — so
// the caller can yield to the event loop between them; the scanner is whole after each step, and
// the end is the same as applying at once (the incremental scanner draws any split of additions
// and retirements into the same baskets, order and opportunities).
import type { Scanner, ScanDelta } from '../scanner/scanner';
import type { MarketRef } from '../../shared/ids';
import { refOf, type MarketSpec, type Relations } from '../strategies/universe';
import type { ScannerTarget } from '../universe/universe';

const eqKey = ([a, b]: readonly [string, string]) => `${a}|${b}`;
const setKey = (s: { id: string; members: readonly string[]; exhaustive: boolean }) => `${s.id}|${s.members.join(',')}|${s.exhaustive}`;
const ruleKey = (r: { if: string; then: string }) => `${r.if}|${r.then}`;

export interface SyncSummary {
  added: number;
  retired: number;
  /** Markets whose fee model changed. */
  repriced: number;
  relationsAdded: number;
  relationsRemoved: number;
  deltas: ScanDelta[];
}

/** New markets added per step when the sync is sliced. */
export const SYNC_SLICE_MARKETS = 250;

/** Markets compared with the scanner's per step, in slices: comparing one costs far less than adding one. */
const DIFF_SLICES = 20;

/** Relations compared per step, in slices: a relation's key (a set's joins its members) costs several markets' comparison. */
const RELATION_DIFF_SLICES = 4;

/** The keys of `list`, yielding an empty step after every `every` of them. */
function* keysOf<T>(list: readonly T[], key: (item: T) => string, every: number): Generator<readonly ScanDelta[], Set<string>, void> {
  const keys = new Set<string>();
  for (let k = 0; k < list.length; k++) {
    keys.add(key(list[k]!));
    if ((k + 1) % every === 0) yield [];
  }
  return keys;
}

/** The entries of `list` whose key is not in `keys`, yielding an empty step after every `every` of them. */
function* missing<T>(list: readonly T[], key: (item: T) => string, keys: ReadonlySet<string>, every: number): Generator<readonly ScanDelta[], T[], void> {
  const out: T[] = [];
  for (let k = 0; k < list.length; k++) {
    if (!keys.has(key(list[k]!))) out.push(list[k]!);
    if ((k + 1) % every === 0) yield [];
  }
  return out;
}

/** The relations of `from` that `other` lacks, kind by kind, compared a few thousand at a time. */
function* relationsMissing(from: Relations, other: Relations, every: number): Generator<readonly ScanDelta[], Relations, void> {
  const eq = yield* keysOf(other.equivalent, eqKey, every);
  const opp = yield* keysOf(other.complementary ?? [], eqKey, every);
  const sets = yield* keysOf(other.exclusive, setKey, every);
  const rules = yield* keysOf(other.implies, ruleKey, every);
  return {
    equivalent: yield* missing(from.equivalent, eqKey, eq, every),
    complementary: yield* missing(from.complementary ?? [], eqKey, opp, every),
    exclusive: yield* missing(from.exclusive, setKey, sets, every),
    implies: yield* missing(from.implies, ruleKey, rules, every),
  };
}

/** Brings the scanner to the target at once. */
export function syncScanner(scanner: Scanner, target: ScannerTarget): SyncSummary {
  const steps = syncSteps(scanner, target, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Relations in pieces of about `size` relations, each kind kept in its order; an exclusive set
 * counts as many as it has members (its baskets have a leg per member).
 */
function* relationSlices(r: Relations, size: number): Generator<Relations, void, void> {
  const kinds = [r.equivalent, r.complementary ?? [], r.exclusive, r.implies] as const;
  const weight = (kind: number, k: number) => (kind === 2 ? Math.max(1, r.exclusive[k]!.members.length) : 1);
  const at = [0, 0, 0, 0];
  for (;;) {
    let room = size;
    const piece = kinds.map((list, i) => {
      const from = at[i]!;
      while (room > 0 && at[i]! < list.length) room -= weight(i, at[i]!++);
      return list.slice(from, at[i]);
    });
    if (piece.every((p) => p.length === 0)) return;
    yield { equivalent: piece[0] as Relations['equivalent'], complementary: piece[1] as Relations['equivalent'], exclusive: piece[2] as Relations['exclusive'], implies: piece[3] as Relations['implies'] };
  }
}

/** How many markets the sync would add and retire (to decide whether to slice it). */
export function syncSize(scanner: Scanner, target: ScannerTarget): number {
  let adding = 0;
  for (const m of target.markets) if (!scanner.has(refOf(m))) adding++;
  return adding + Math.max(0, scanner.marketCount - (target.markets.length - adding));
}

/**
 * The sync as steps, each leaving the scanner whole: retire `slice` markets at a time, re-price,
 * drop stale relations, then the new markets `slice` at a time, then the new relations `slice` at
 * a time. Each step yields the deltas it made; the return value sums them up.
 */
export function* syncSteps(scanner: Scanner, target: ScannerTarget, slice: number): Generator<readonly ScanDelta[], SyncSummary, void> {
  const every = slice * DIFF_SLICES;
  const want = new Set<MarketRef>();
  const add: MarketSpec[] = [];
  // Markets that stay with a new spec (their fee changed, a fee waiver ended): re-priced in place.
  const changed: MarketSpec[] = [];
  for (let k = 0; k < target.markets.length; k++) {
    const m = target.markets[k]!;
    const ref = refOf(m);
    want.add(ref);
    if (!scanner.has(ref)) add.push(m);
    else if (scanner.market(ref) !== m) changed.push(m);
    // Comparing a whole universe with the scanner's takes steps of its own when sliced.
    if ((k + 1) % every === 0) yield [];
  }
  // Every market the scanner holds is wanted unless it holds more than the wanted ones it has.
  const retire: MarketRef[] = [];
  if (scanner.marketCount > target.markets.length - add.length) {
    let k = 0;
    for (const ref of scanner.marketRefs()) {
      if (!want.has(ref)) retire.push(ref);
      if (++k % every === 0) yield [];
    }
  }
  if (slice !== Infinity) yield [];
  const deltas: ScanDelta[] = [];
  for (let k = 0; k < retire.length; k += slice) {
    const delta = scanner.retire(retire.slice(k, k + slice));
    deltas.push(delta);
    yield [delta];
  }
  if (changed.length > 0) {
    const delta = scanner.updateMarkets(changed);
    deltas.push(delta);
    yield [delta];
  }

  const relationEvery = slice * RELATION_DIFF_SLICES;
  const stale = yield* relationsMissing(scanner.relations(), target.relations, relationEvery);
  const removed = stale.equivalent.length + (stale.complementary?.length ?? 0) + stale.exclusive.length + stale.implies.length;
  if (removed > 0) {
    const delta = scanner.removeRelations(stale);
    deltas.push(delta);
    yield [delta];
  }

  const fresh = yield* relationsMissing(target.relations, scanner.relations(), relationEvery);
  if (slice !== Infinity) yield [];
  const addedRelations = fresh.equivalent.length + (fresh.complementary?.length ?? 0) + fresh.exclusive.length + fresh.implies.length;
  if (slice === Infinity) {
    if (add.length > 0 || addedRelations > 0) deltas.push(scanner.extend({ markets: add, relations: fresh }));
  } else {
    // The new markets a slice at a time, then their relations (which may name any of them).
    for (let k = 0; k < add.length; k += slice) {
      const delta = scanner.extend({ markets: add.slice(k, k + slice) });
      deltas.push(delta);
      yield [delta];
    }
    for (const relations of relationSlices(fresh, slice)) {
      const delta = scanner.extend({ relations });
      deltas.push(delta);
      yield [delta];
    }
  }
  return { added: add.length, retired: retire.length, repriced: changed.length, relationsAdded: addedRelations, relationsRemoved: removed, deltas };
}

