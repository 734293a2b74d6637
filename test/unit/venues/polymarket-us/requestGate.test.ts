// The Polymarket US request gate: 20 authenticated requests a second per key at the venue, 429
// beyond it (docs api-reference/rate-limits.md, next-venues.md §1.10). The gate keeps us under that,
// sends cancels first, stops everything after a 429, and retries what is safe to retry.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GateAbortedError, RequestGate, throughGate } from '../../../../src/engine/venues/polymarket-us/requestGate';

const rateLimited = () => Object.assign(new Error('Too Many Requests'), { status: 429 });

let gate: RequestGate;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  gate = new RequestGate({ now: () => Date.now(), limit: 16, windowMs: 1_000 });
});

afterEach(() => {
  gate.dispose();
  vi.useRealTimers();
});

/** Acquires and records the fake time each request was let through. */
function sendTimes(n: number, lane: 'cancel' | 'order' | 'read' = 'read'): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) void gate.acquire(lane).then(() => times.push(Date.now()));
  return times;
}

describe('RequestGate', () => {
  it('never lets more than the limit through in any one-second window', async () => {
    const times = sendTimes(50);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(times).toHaveLength(50);
    for (let i = 16; i < times.length; i++) expect(times[i]! - times[i - 16]!).toBeGreaterThanOrEqual(1_000);
    expect(times.slice(0, 16).every((t) => t === 1_000_000)).toBe(true);
  });

  it('sends a waiting cancel before reads and orders that queued earlier', async () => {
    const order: string[] = [];
    sendTimes(16);
    for (const lane of ['read', 'order', 'read', 'cancel'] as const) void gate.acquire(lane).then(() => order.push(lane));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual(['cancel', 'order', 'read', 'read']);
  });

  it('holds every lane after a 429 for the back-off', async () => {
    gate.hold(700);
    const times = sendTimes(2, 'cancel');
    await vi.advanceTimersByTimeAsync(699);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toEqual([1_000_700, 1_000_700]);
  });

  it('gives up a wait when its signal aborts, and the next in line goes on', async () => {
    sendTimes(16);
    const abort = new AbortController();
    const waited = gate.acquire('order', abort.signal);
    const next = gate.acquire('order');
    abort.abort();
    await expect(waited).rejects.toBeInstanceOf(GateAbortedError);
    expect(gate.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(next).resolves.toBeUndefined();
  });
});

describe('throughGate', () => {
  it('retries a 429 after holding the gate, and returns the answer that got through', async () => {
    let calls = 0;
    const call = vi.fn(async () => {
      calls++;
      if (calls < 3) throw rateLimited();
      return 'cancelled';
    });
    const done = throughGate(gate, 'cancel', call, { attempts: 5 }, undefined, () => 0.5);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(done).resolves.toBe('cancelled');
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('throws the last 429 once its tries are spent, and never retries a refusal of the request itself', async () => {
    const throttled = vi.fn(async () => {
      throw rateLimited();
    });
    const spent = throughGate(gate, 'read', throttled, { attempts: 3 });
    spent.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(spent).rejects.toMatchObject({ status: 429 });
    expect(throttled).toHaveBeenCalledTimes(3);

    const refused = vi.fn(async () => {
      throw Object.assign(new Error('bad request'), { status: 400 });
    });
    await expect(throughGate(gate, 'cancel', refused, { attempts: 5, alsoRetry: [0, 408, 500] })).rejects.toMatchObject({ status: 400 });
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('retries a lost answer only where the policy says the call is idempotent', async () => {
    let calls = 0;
    const lost = async () => {
      if (++calls === 1) throw Object.assign(new Error('socket hang up'), { status: 0 });
      return 'ok';
    };
    const done = throughGate(gate, 'cancel', lost, { attempts: 3, alsoRetry: [0] });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(done).resolves.toBe('ok');

    const once = vi.fn(async () => {
      throw Object.assign(new Error('socket hang up'), { status: 0 });
    });
    await expect(throughGate(gate, 'read', once, { attempts: 3 })).rejects.toMatchObject({ status: 0 });
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('stops retrying when the kill switch gives up waiting (its signal aborts)', async () => {
    const abort = new AbortController();
    const throttled = vi.fn(async () => {
      throw rateLimited();
    });
    const done = throughGate(gate, 'cancel', throttled, { attempts: 8 }, abort.signal);
    done.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    abort.abort();
    await vi.advanceTimersByTimeAsync(100);
    await expect(done).rejects.toBeInstanceOf(GateAbortedError);
    expect(throttled).toHaveBeenCalledTimes(1);
  });
});
