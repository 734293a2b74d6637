import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/sim/core/rng';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: string) => Array.from({ length: 20 }, ((r) => () => r.nextUint32())(new Rng(seed)));
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('forks independent, reproducible streams', () => {
    const r = new Rng('root');
    const f1 = r.fork('x').next();
    r.next();
    r.next();
    expect(r.fork('x').next()).toBe(f1);
    expect(r.fork('y').next()).not.toBe(f1);
  });

  it('stays in range', () => {
    const r = new Rng('range');
    for (let i = 0; i < 10_000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = r.intBetween(3, 7);
      expect(k >= 3 && k <= 7 && Number.isInteger(k)).toBe(true);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
