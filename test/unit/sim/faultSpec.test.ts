import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySpec, FaultSpecError, formatFaultSpec, parseFaultSpec } from '../../../src/sim/faults/spec';

describe('fault SPEC', () => {
  it('parses every fault, with and without a venue', () => {
    const s = parseFaultSpec('drop=0.01,gap=0.02,stall=kalshi:5s,reject=0.05,partial=polymarket:0.2,latency=200ms,variants=kalshi:0.3');
    expect(s.kalshi).toEqual({ drop: 0.01, gap: 0.02, reject: 0.05, partial: 0, variants: 0.3, latencyMs: 200, stall: { durationMs: 5000, afterMs: 0, everyMs: null } });
    expect(s.polymarket).toEqual({ drop: 0.01, gap: 0, reject: 0.05, partial: 0.2, variants: 0, latencyMs: 200, stall: null });
    expect(parseFaultSpec('variants=0.1')).toMatchObject({ kalshi: { variants: 0.1 }, polymarket: { variants: 0.1 } });
    expect(parseFaultSpec('stall=polymarket:750ms@10s/1m').polymarket.stall).toEqual({ durationMs: 750, afterMs: 10_000, everyMs: 60_000 });
    expect(parseFaultSpec('')).toEqual(emptySpec());
    expect(parseFaultSpec('none')).toEqual(emptySpec());
  });

  it('refuses bad items with a message naming them', () => {
    for (const [text, message] of [
      ['drop', /expected NAME=VALUE/],
      ['drop=1.5', /"drop=1.5": the rate/],
      ['latency=fast', /"latency=fast": the duration/],
      ['gap=polymarket:0.1', /no sequence numbers/],
      ['stall=kalshi:5s/2s', /period must be longer/],
      ['reject=bybit:0.1', /unknown venue "bybit"/],
      ['wobble=1', /unknown fault "wobble"/],
    ] as const) {
      expect(() => parseFaultSpec(text)).toThrow(FaultSpecError);
      expect(() => parseFaultSpec(text)).toThrow(message);
    }
  });

  it('formats canonically so that format ∘ parse is the identity', () => {
    const rate = fc.constantFrom(0, 0.01, 0.25, 0.5, 1);
    const ms = fc.constantFrom(0, 5, 250, 1000, 60_000);
    const venue = fc.record({
      drop: rate,
      reject: rate,
      partial: rate,
      variants: rate,
      latencyMs: ms,
      stall: fc.option(fc.record({ durationMs: fc.constantFrom(500, 5000), afterMs: ms, everyMs: fc.constantFrom(null, 120_000) }), { nil: null }),
    });
    fc.assert(
      fc.property(venue, venue, rate, (k, p, gap) => {
        const spec = { kalshi: { ...k, gap }, polymarket: { ...p, gap: 0 } };
        expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
      }),
    );
  });
});
