import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../../src/engine/venues/kalshi/backoff';
import { FeedMeter } from '../../../../src/engine/venues/kalshi/feedMeter';

describe('Backoff', () => {
  it('doubles up to the ceiling, with jitter in [½, 1] of each step, and resets', () => {
    const low = new Backoff({ baseMs: 100, maxMs: 1000 }, () => 0);
    const high = new Backoff({ baseMs: 100, maxMs: 1000 }, () => 1);
    expect(Array.from({ length: 6 }, () => low.next())).toEqual([50, 100, 200, 400, 500, 500]);
    expect(Array.from({ length: 6 }, () => high.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(high.failures).toBe(6);
    high.reset();
    expect(high.next()).toBe(100);
    expect(() => new Backoff({ baseMs: 0 })).toThrow();
  });
});

describe('FeedMeter', () => {
  it('counts messages per second over the last seconds, keeps the last time and lag', () => {
    let now = 10_000;
    const meter = new FeedMeter(() => now);
    expect(meter.rate()).toBe(0);
    for (let s = 0; s < 4; s++) {
      for (let i = 0; i < 50; i++) meter.record(now + i * 10, i === 49 ? 120 : null);
      now += 1000;
    }
    expect(meter.rate()).toBe(50);
    expect(meter.lastMessageAt).toBe(now - 1000 + 490);
    expect(meter.lagMs).toBe(120);
    now += 10_000;
    expect(meter.rate()).toBe(0);
    meter.reset();
    expect(meter.lagMs).toBeNull();
  });
});
