import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASIC_LIMITS, KalshiRateLimiter, parseAccountLimits, RateLimitAbortedError, TokenBucket } from '../../../../src/engine/venues/kalshi/rateLimiter';

describe('TokenBucket', () => {
  it('starts full, refills at its rate, never above capacity', () => {
    let t = 0;
    const b = new TokenBucket({ refillRate: 100, capacity: 100 }, () => t);
    for (let i = 0; i < 10; i++) expect(b.tryTake(10)).toBe(true);
    expect(b.tryTake(10)).toBe(false);
    expect(b.waitMs(10)).toBe(100);
    t += 50;
    expect(b.tryTake(10)).toBe(false);
    t += 50;
    expect(b.tryTake(10)).toBe(true);
    t += 60_000;
    expect(b.available).toBe(100);
  });

  it('charges a cost above capacity as the whole bucket instead of waiting forever', () => {
    let t = 0;
    const b = new TokenBucket({ refillRate: 5, capacity: 5 }, () => t);
    expect(b.tryTake(10)).toBe(true);
    expect(b.tryTake(1)).toBe(false);
    t += 1000;
    expect(b.waitMs(10)).toBe(0);
  });

  it('drains on a 429 and refuses a nonsense limit', () => {
    let t = 0;
    const b = new TokenBucket({ refillRate: 200, capacity: 200 }, () => t);
    b.drain();
    expect(b.tryTake(2)).toBe(false);
    t += 10;
    expect(b.tryTake(2)).toBe(true);
    expect(() => new TokenBucket({ refillRate: 0, capacity: 1 }, () => 0)).toThrow(/positive/);
  });
});

describe('KalshiRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('paces writes to the Basic tier: 10 orders a second, cancels at 2 tokens', async () => {
    const limiter = new KalshiRateLimiter(BASIC_LIMITS, () => Date.now());
    const done: number[] = [];
    const start = Date.now();
    const all = Array.from({ length: 25 }, (_, i) => limiter.acquire('write', 10).then(() => done.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toHaveLength(10); // the full bucket
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toHaveLength(20);
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all(all);
    expect(done).toEqual([...Array(25).keys()]); // FIFO
    expect(Date.now() - start).toBeGreaterThanOrEqual(1500);
    // The read bucket is separate and still full.
    await limiter.acquire('read', 200);
    // 50 cancels fit in one second of write refill.
    await vi.advanceTimersByTimeAsync(1000);
    const cancels = Array.from({ length: 50 }, () => limiter.acquire('write', 2));
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(cancels);
  });

  it('keeps FIFO order: a cheap request does not overtake an earlier expensive one', async () => {
    const limiter = new KalshiRateLimiter({ read: { refillRate: 10, capacity: 10 }, write: { refillRate: 10, capacity: 10 } }, () => Date.now());
    const order: string[] = [];
    await limiter.acquire('read', 10);
    const big = limiter.acquire('read', 10).then(() => order.push('big'));
    const small = limiter.acquire('read', 1).then(() => order.push('small'));
    await vi.advanceTimersByTimeAsync(150);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(900);
    expect(order).toEqual(['big']);
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
  });

  it('lets urgent work (the kill switch) go ahead of every ordinary waiter, FIFO among itself', async () => {
    const limiter = new KalshiRateLimiter({ read: { refillRate: 10, capacity: 10 }, write: { refillRate: 10, capacity: 10 } }, () => Date.now());
    const order: string[] = [];
    await limiter.acquire('read', 10);
    const waits = [
      limiter.acquire('read', 10).then(() => order.push('routine 1')),
      limiter.acquire('read', 10).then(() => order.push('routine 2')),
      limiter.acquire('read', 10, undefined, true).then(() => order.push('urgent 1')),
      limiter.acquire('read', 10, undefined, true).then(() => order.push('urgent 2')),
    ];
    // An urgent waiter that gives up leaves the others in place.
    const abort = new AbortController();
    const abandoned = limiter.acquire('read', 10, abort.signal, true);
    abort.abort();
    await expect(abandoned).rejects.toBeInstanceOf(RateLimitAbortedError);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['urgent 1']);
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(waits);
    expect(order).toEqual(['urgent 1', 'urgent 2', 'routine 1', 'routine 2']);
    // With tokens there and only ordinary work waiting, urgent work does not wait at all.
    const slow = limiter.acquire('read', 10);
    let urgentDone = false;
    await vi.advanceTimersByTimeAsync(500);
    const cheap = limiter.acquire('read', 2, undefined, true).then(() => (urgentDone = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(urgentDone).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([slow, cheap]);
  });

  it('empties the bucket after a 429 and adopts the account tier', async () => {
    const limiter = new KalshiRateLimiter(BASIC_LIMITS, () => Date.now());
    limiter.throttled('read');
    expect(limiter.stats.throttled).toBe(1);
    let got = false;
    const p = limiter.acquire('read', 10).then(() => (got = true));
    await vi.advanceTimersByTimeAsync(20);
    expect(got).toBe(false);
    await vi.advanceTimersByTimeAsync(40);
    await p;
    limiter.setLimits({ read: { refillRate: 1000, capacity: 1000 }, write: { refillRate: 1000, capacity: 2000 } });
    expect(limiter.limits().write.capacity).toBe(2000);
  });

  it('lets a waiting caller give up, and rejects everyone on close', async () => {
    const limiter = new KalshiRateLimiter({ read: { refillRate: 1, capacity: 1 }, write: { refillRate: 1, capacity: 1 } }, () => Date.now());
    await limiter.acquire('read', 1);
    const abort = new AbortController();
    const waiting = limiter.acquire('read', 1, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(RateLimitAbortedError);
    const other = limiter.acquire('write', 1);
    await other;
    const stuck = limiter.acquire('write', 1);
    limiter.close();
    await expect(stuck).rejects.toBeInstanceOf(RateLimitAbortedError);
    await expect(limiter.acquire('read', 1, AbortSignal.abort())).rejects.toBeInstanceOf(RateLimitAbortedError);
  });
});

describe('parseAccountLimits', () => {
  it('reads GET /account/limits and refuses what it cannot read', () => {
    expect(parseAccountLimits({ usage_tier: 'advanced', read: { refill_rate: 300, bucket_capacity: 300 }, write: { refill_rate: 300, bucket_capacity: 600 }, grants: [] })).toEqual({
      read: { refillRate: 300, capacity: 300 },
      write: { refillRate: 300, capacity: 600 },
    });
    expect(parseAccountLimits({ read: { refill_rate: 300 }, write: { refill_rate: 100 } })).toEqual({ read: { refillRate: 300, capacity: 300 }, write: { refillRate: 100, capacity: 100 } });
    expect(parseAccountLimits({ read: { refill_rate: '300' }, write: { refill_rate: 100 } })).toBeNull();
    expect(parseAccountLimits(null)).toBeNull();
  });
});
