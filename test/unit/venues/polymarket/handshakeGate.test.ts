// The gate that lets market-channel connections open a few at a time. A whole universe is ~80
// connections (Polymarket serves at most 500 assets a connection: nautilus_trader PR #2915); the
// venue publishes no rate for opening them and its edge (Cloudflare) throttles, then refuses,
// bursts (shared/reference/venues.md §2.12).
import { describe, expect, it } from 'vitest';
import { HANDSHAKES_IN_FLIGHT, HandshakeGate, type GateTicket } from '../../../../src/engine/venues/polymarket/handshakeGate';

function recorder(gate: HandshakeGate) {
  const started: string[] = [];
  const tickets = new Map<string, GateTicket>();
  const enter = (name: string) => gate.enter((t) => {
    started.push(name);
    tickets.set(name, t);
  });
  return { started, tickets, enter };
}

describe('handshake gate', () => {
  it('lets at most 3 handshakes run at once, the rest in the order they came', () => {
    const gate = new HandshakeGate();
    expect(gate.limit).toBe(HANDSHAKES_IN_FLIGHT);
    expect(HANDSHAKES_IN_FLIGHT).toBe(3);
    const r = recorder(gate);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) r.enter(name);
    expect(r.started).toEqual(['a', 'b', 'c']);
    expect(gate.inFlight).toBe(3);
    expect(gate.waiting).toBe(3);
    r.tickets.get('b')!.release(); // opened
    expect(r.started).toEqual(['a', 'b', 'c', 'd']);
    r.tickets.get('a')!.release(); // failed: the slot is freed all the same
    r.tickets.get('c')!.release();
    expect(r.started).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(gate.inFlight).toBe(3);
    expect(gate.waiting).toBe(0);
  });

  it('frees a slot once however often it is released', () => {
    const gate = new HandshakeGate(1);
    const r = recorder(gate);
    r.enter('a');
    r.enter('b');
    r.enter('c');
    r.tickets.get('a')!.release();
    r.tickets.get('a')!.release();
    expect(r.started).toEqual(['a', 'b']);
    expect(gate.inFlight).toBe(1);
  });

  it('a reconnect queues behind connections not yet opened', () => {
    const gate = new HandshakeGate(1);
    const r = recorder(gate);
    r.enter('shard 1');
    r.enter('shard 2');
    r.tickets.get('shard 1')!.release(); // shard 1 opened …
    r.enter('shard 1 again'); // … then dropped and reconnects
    r.enter('shard 3');
    r.tickets.get('shard 2')!.release();
    r.tickets.get('shard 1 again')!.release();
    expect(r.started).toEqual(['shard 1', 'shard 2', 'shard 1 again', 'shard 3']);
  });

  it('gives up a queued place without taking a slot', () => {
    const gate = new HandshakeGate(1);
    const r = recorder(gate);
    r.enter('a');
    const b = r.enter('b');
    r.enter('c');
    b.release(); // its connection was disposed while waiting
    expect(gate.waiting).toBe(1);
    r.tickets.get('a')!.release();
    expect(r.started).toEqual(['a', 'c']);
  });

  it('frees the slot of an attempt that throws as it starts', () => {
    const gate = new HandshakeGate(1);
    expect(() =>
      gate.enter(() => {
        throw new Error('cannot open');
      }),
    ).toThrow('cannot open');
    expect(gate.inFlight).toBe(0);
    const r = recorder(gate);
    r.enter('next');
    expect(r.started).toEqual(['next']);
  });

  it('starts nothing more once disposed, and releases after that are harmless', () => {
    const gate = new HandshakeGate(1);
    const r = recorder(gate);
    r.enter('a');
    r.enter('b');
    gate.dispose();
    r.tickets.get('a')!.release();
    r.enter('c');
    expect(r.started).toEqual(['a']);
    expect(gate.waiting).toBe(0);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => new HandshakeGate(0)).toThrow(/whole number ≥ 1/);
    expect(() => new HandshakeGate(1.5)).toThrow(/whole number ≥ 1/);
  });
});
