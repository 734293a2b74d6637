// Brings the scanner's universe to a target (after a discovery refresh, a watchlist change, a link
// decision) with the fewest changes: retire what left, drop relations that no longer hold, add
// what is new. Books of markets that stay are untouched. A large change (a venue's whole market
// list at start) is made in steps — new markets a slice at a time, then their relations a slice
// at a time — so the caller can yield to the event loop between them; the scanner is whole after each
// step, and the end is the same as applying at once (the incremental scanner draws any split of
// additions into the same baskets, numbers and opportunities).
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
  return adding + Math.max(0, scanner.universe().markets.length - (target.markets.length - adding));
}

/**
 * The sync as steps, each leaving the scanner whole: retire, re-price, drop stale relations, then
 * the new markets `slice` at a time, then the new relations `slice` at a time. Each step yields the
 * deltas it made; the return value sums them up.
 */
export function* syncSteps(scanner: Scanner, target: ScannerTarget, slice: number): Generator<readonly ScanDelta[], SyncSummary, void> {
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
    if (slice !== Infinity && (k + 1) % (slice * DIFF_SLICES) === 0) yield [];
  }
  const retire = scanner.universe().markets.map(refOf).filter((ref) => !want.has(ref));
  if (slice !== Infinity) yield [];
  const deltas: ScanDelta[] = [];
  if (retire.length > 0) deltas.push(scanner.retire(retire));
  if (changed.length > 0) deltas.push(scanner.updateMarkets(changed));
  if (deltas.length > 0) yield deltas.slice();

  const current = scanner.relations();
  const wantEq = new Set(target.relations.equivalent.map(eqKey));
  const wantOpp = new Set((target.relations.complementary ?? []).map(eqKey));
  const wantSets = new Set(target.relations.exclusive.map(setKey));
  const wantRules = new Set(target.relations.implies.map(ruleKey));
  const stale: Relations = {
    equivalent: current.equivalent.filter((e) => !wantEq.has(eqKey(e))),
    complementary: (current.complementary ?? []).filter((e) => !wantOpp.has(eqKey(e))),
    exclusive: current.exclusive.filter((s) => !wantSets.has(setKey(s))),
    implies: current.implies.filter((r) => !wantRules.has(ruleKey(r))),
  };
  const removed = stale.equivalent.length + (stale.complementary?.length ?? 0) + stale.exclusive.length + stale.implies.length;
  if (removed > 0) {
    const delta = scanner.removeRelations(stale);
    deltas.push(delta);
    yield [delta];
  }

  const after = scanner.relations();
  const haveEq = new Set(after.equivalent.map(eqKey));
  const haveOpp = new Set((after.complementary ?? []).map(eqKey));
  const haveSets = new Set(after.exclusive.map(setKey));
  const haveRules = new Set(after.implies.map(ruleKey));
  const fresh: Relations = {
    equivalent: target.relations.equivalent.filter((e) => !haveEq.has(eqKey(e))),
    complementary: (target.relations.complementary ?? []).filter((e) => !haveOpp.has(eqKey(e))),
    exclusive: target.relations.exclusive.filter((s) => !haveSets.has(setKey(s))),
    implies: target.relations.implies.filter((r) => !haveRules.has(ruleKey(r))),
  };
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

