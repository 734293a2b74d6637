// Which relations name each market, so that retiring a market finds the relations it takes with
// it without reading every relation of the universe (tens of thousands at full scale).
import type { MarketRef } from '../../shared/ids';
import type { Equivalence, ExclusiveSet, Implication, Relations } from '../strategies/universe';

export type Relation = Equivalence | ExclusiveSet | Implication;

export class RelationsByMarket {
  /** Per market, the relations added naming it (some may have been removed since: harmless). */
  private readonly byMarket = new Map<MarketRef, Relation[]>();

  add(relations: Partial<Relations>): void {
    for (const e of relations.equivalent ?? []) this.note(e, e);
    for (const e of relations.complementary ?? []) this.note(e, e);
    for (const s of relations.exclusive ?? []) this.note(s, s.members);
    for (const r of relations.implies ?? []) this.note(r, [r.if, r.then]);
  }

  /** The relations naming any of `markets`, which are forgotten (they left the universe). */
  take(markets: Iterable<MarketRef>): Set<Relation> {
    const naming = new Set<Relation>();
    for (const m of markets) {
      for (const r of this.byMarket.get(m) ?? []) naming.add(r);
      this.byMarket.delete(m);
    }
    return naming;
  }

  private note(relation: Relation, members: readonly MarketRef[]): void {
    for (const m of members) {
      const list = this.byMarket.get(m);
      if (list === undefined) this.byMarket.set(m, [relation]);
      else if (list.at(-1) !== relation) list.push(relation);
    }
  }
}
