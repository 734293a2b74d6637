// Retry-After as a 429 or 503 may send it (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../../src/engine/venues/polymarket/http';

describe('Retry-After', () => {
  const now = Date.parse('2026-12-05T08:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('2', now)).toBe(2_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then, never below zero', () => {
    expect(retryAfterMs('Sat, 05 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 05 Dec 2026 07:59:00 GMT', now)).toBe(0);
  });

  it('ignores what is absent or unreadable (the caller backs off by itself)', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('1.5', now)).toBeNull();
    expect(retryAfterMs('-3', now)).toBeNull();
  });
});
