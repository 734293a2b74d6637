// Hidden "true" probabilities of each group, moved by a seeded random walk with jumps.
//   binary:    a logit with a slow pull back to where it started, plus rare jumps
//   exclusive: one logit per outcome, probabilities by softmax (they always sum to 1)
//   ladder:    an underlying level; P(above strike k) = Φ((level − k) / width), so the ladder
//              is monotone by construction
// These are model floats, never money: venue quotes derived from them are rounded onto integer
// price grids before they touch a book.
import type { Rng } from '../core/rng';
import type { Group } from './types';

export class FairModel {
  private readonly logits: number[];
  private readonly anchors: number[];
  private level = 0;
  private readonly vol: number;
  private readonly jumpRate: number;
  private readonly jumpSize: number;

  constructor(
    readonly group: Group,
    private readonly rng: Rng,
  ) {
    this.vol = rng.between(0.01, 0.03);
    this.jumpRate = rng.between(1 / 240, 1 / 90);
    this.jumpSize = rng.between(0.2, 0.5);
    if (group.kind === 'binary') {
      this.logits = [logit(rng.between(0.12, 0.88))];
    } else if (group.kind === 'exclusive') {
      const favourite = rng.int(group.propositions.length);
      this.logits = group.propositions.map((p, i) => (p.isOther ? -2.2 : i === favourite ? 1.2 : rng.between(-1.2, 0.6)));
    } else {
      this.logits = [];
      this.level = group.ladder!.start;
    }
    this.anchors = [...this.logits];
  }

  /** Advances the walk by dtSec seconds of world time. */
  step(dtSec: number): void {
    const sq = Math.sqrt(dtSec);
    if (this.group.kind === 'ladder') {
      const l = this.group.ladder!;
      let move = l.vol * sq * this.rng.normal();
      if (this.rng.chance(this.jumpRate * dtSec)) move += l.width * this.jumpSize * this.rng.normal();
      this.level += move + (l.start - this.level) * 0.002 * dtSec;
      return;
    }
    for (let i = 0; i < this.logits.length; i++) {
      let x = this.logits[i]!;
      x += this.vol * sq * this.rng.normal() + (this.anchors[i]! - x) * 0.003 * dtSec;
      if (this.rng.chance(this.jumpRate * dtSec)) x += this.jumpSize * this.rng.normal();
      this.logits[i] = Math.max(-6, Math.min(6, x));
    }
  }

  /** P(YES) of each proposition, in group order. */
  probabilities(): number[] {
    const g = this.group;
    if (g.kind === 'binary') return [sigmoid(this.logits[0]!)];
    if (g.kind === 'exclusive') {
      const max = Math.max(...this.logits);
      const e = this.logits.map((x) => Math.exp(x - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / sum);
    }
    const l = g.ladder!;
    return g.propositions.map((p) => normalCdf((this.level - p.strike!) / l.width));
  }

  /** For resolution: the level of a ladder's underlying now. */
  get underlying(): number {
    return this.level;
  }
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Φ(x) via the Abramowitz–Stegun erf approximation (|error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
