// Flow control of the events main pushes to the window (src/main/eventFlow.ts): a window that stops
// reading is not sent more without bound, and one that catches up gets a resync.
import { describe, expect, it } from 'vitest';
import { EventFlow, maxUnackedFromEnv, type FlowSignal } from '../../../src/main/eventFlow';
import type { ContractEvent } from '../../../src/shared/contract';

function rig(max: number) {
  const events: number[] = [];
  const signals: FlowSignal[] = [];
  const flow = new EventFlow({ event: (m) => events.push((m.payload as unknown as { n: number }).n), flow: (s) => signals.push(s) }, max);
  let n = 0;
  const push = (count: number) => {
    for (let i = 0; i < count; i++) flow.push({ event: 'log', payload: { n: n++ } } as unknown as ContractEvent);
  };
  return { flow, events, signals, push };
}

describe('EventFlow', () => {
  it('sends while the window keeps up, and never more than the limit unread', () => {
    const { flow, events, signals, push } = rig(10);
    push(9);
    expect(flow.acknowledge({ read: 5 })).toBeNull();
    push(5);
    expect(events).toHaveLength(14);
    expect(signals).toEqual([]);
    // A window that stops reading: 10 unread and main pauses; what follows is not sent.
    push(1);
    expect(signals).toEqual([{ state: 'paused', sent: 15 }]);
    push(1000);
    expect(events).toHaveLength(15);
    expect(flow.dropped).toBe(1000);
    expect(flow.behind).toBe(true);
  });

  it('resumes once the window has read up to the pause, and tells it to reload its state', () => {
    const { flow, events, signals, push } = rig(4);
    push(6);
    expect(signals).toEqual([{ state: 'paused', sent: 4 }]);
    // A catch-up that names another pause is refused; the right one resumes.
    expect(flow.acknowledge({ caughtUp: 3 })).toMatch(/caughtUp: 3 is not the pause in force \(4\)/);
    expect(flow.behind).toBe(true);
    expect(flow.acknowledge({ caughtUp: 4 })).toBeNull();
    expect(signals.at(-1)).toEqual({ state: 'resumed' });
    push(2);
    expect(events).toEqual([0, 1, 2, 3, 6, 7]);
    // Not paused now: a catch-up is stale.
    expect(flow.acknowledge({ caughtUp: 4 })).toMatch(/not the pause in force \(none\)/);
  });

  it('a reloaded page starts afresh: nothing before is owed, and a pause in force ends without a resync', () => {
    const { flow, signals, push } = rig(4);
    push(4);
    expect(flow.behind).toBe(true);
    expect(flow.acknowledge({ started: true })).toBeNull();
    expect(flow.behind).toBe(false);
    expect(signals).toEqual([{ state: 'paused', sent: 4 }]);
    // Its counts start at 0 and step up: a step past what was sent counts up to it, no further.
    push(3);
    expect(flow.acknowledge({ read: 50 })).toBeNull();
    push(3);
    expect(flow.behind).toBe(false);
    push(1);
    expect(flow.behind).toBe(true);
  });

  it('refuses acknowledgements it cannot read, naming the field', () => {
    const { flow } = rig(4);
    expect(flow.acknowledge(7)).toBe('expected { started }, { read } or { caughtUp }');
    expect(flow.acknowledge(null)).toBe('expected { started }, { read } or { caughtUp }');
    expect(flow.acknowledge({ read: 0 })).toMatch(/^read: expected a positive whole number/);
    expect(flow.acknowledge({ read: 1.5 })).toMatch(/^read:/);
    expect(flow.acknowledge({ read: '3' })).toMatch(/^read:/);
    expect(flow.acknowledge({ started: 'yes' })).toMatch(/^started: expected true/);
    expect(() => new EventFlow({ event: () => undefined, flow: () => undefined }, 0)).toThrow(/maxUnacked/);
  });

  it('reads ARBDESK_IPC_MAX_UNACKED strictly', () => {
    expect(maxUnackedFromEnv(undefined)).toBe(4096);
    expect(maxUnackedFromEnv('64')).toBe(64);
    for (const bad of ['0', '-1', '1.5', '1e3', 'many', ' 8']) expect(() => maxUnackedFromEnv(bad), bad).toThrow(/ARBDESK_IPC_MAX_UNACKED: expected a positive whole number/);
  });
});
