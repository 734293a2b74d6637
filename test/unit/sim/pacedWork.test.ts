// Paced command work: at once while the turn's budget lasts, then a slice per turn, in arrival
// order, with I/O let in between slices.
import { describe, expect, it } from 'vitest';
import { PacedWork } from '../../../src/sim/core/pacedWork';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const nextTurn = () => new Promise((r) => setImmediate(r));
/** A job that takes `ms` and then records that it ran. */
const slowJob =
  <T>(ran: T[], name: T, ms: number) =>
  () => {
    busy(ms);
    ran.push(name);
  };

describe('PacedWork', () => {
  it('runs a job at once while the budget lasts', () => {
    const work = new PacedWork(50);
    const ran: string[] = [];
    work.run(() => ran.push('a'));
    work.run(() => ran.push('b'));
    expect(ran).toEqual(['a', 'b']);
  });

  it('holds jobs once the budget is spent and runs them in arrival order in later turns, letting timers in between', async () => {
    const work = new PacedWork(5);
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) work.run(slowJob(ran, name, 6));
    expect(ran).toEqual(['a']);
    setTimeout(() => ran.push('timer'), 0);
    for (let i = 0; i < 10 && ran.length < 5; i++) await new Promise((r) => setTimeout(r, 5));
    expect(ran.filter((x) => x !== 'timer')).toEqual(['a', 'b', 'c', 'd']);
    expect(ran.indexOf('timer')).toBeLessThan(ran.indexOf('d'));
  });

  it('keeps arrival order: a job that comes while others wait waits behind them', async () => {
    const work = new PacedWork(1);
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) work.run(slowJob(ran, i, 2));
    expect(ran).toEqual([0]);
    await nextTurn();
    work.run(() => ran.push(5));
    for (let i = 0; i < 10; i++) await nextTurn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a job that throws does not stop the ones behind it; dispose drops the waiting ones', async () => {
    const work = new PacedWork(1);
    const ran: string[] = [];
    work.run(slowJob(ran, 'a', 2));
    work.run(() => {
      throw new Error('bad frame');
    });
    work.run(() => ran.push('c'));
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(ran).toEqual(['a', 'c']);
    work.run(slowJob(ran, 'd', 2));
    work.run(() => ran.push('e'));
    work.dispose();
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(ran).toEqual(['a', 'c', 'd']);
  });
});
