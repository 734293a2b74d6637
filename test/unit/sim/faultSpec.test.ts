import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySpec, FaultSpecError, formatFaultSpec, parseFaultSpec } from '../../../src/sim/faults/spec';

describe('fault SPEC', () => {
  it('parses every fault, with and without a venue', () => {
    const s = parseFaultSpec('drop=0.01,gap=0.02,stall=kalshi:5s,reject=0.05,partial=polymarket:0.2,latency=200ms,variants=kalshi:0.3,throttle=kalshi:0.3,rejectabove=polymarket:40,settle=polymarket:2s');
    expect(s.kalshi).toEqual({ drop: 0.01, gap: 0.02, reject: 0.05, partial: 0, variants: 0.3, latencyMs: 200, stall: { durationMs: 5000, afterMs: 0, everyMs: null }, throttle: 0.3, rejectAbove: null, settleMs: 0 });
    expect(s.polymarket).toEqual({ drop: 0.01, gap: 0, reject: 0.05, partial: 0.2, variants: 0, latencyMs: 200, stall: null, throttle: 0, rejectAbove: 40, settleMs: 2000 });
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
      ['throttle=polymarket:0.5', /throttle is a Kalshi fault/],
      ['settle=kalshi:2s', /settle is a Polymarket fault/],
      ['rejectabove=many', /whole number of contracts/],
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
      fc.property(venue, venue, rate, rate, fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }), ms, (k, p, gap, throttle, rejectAbove, settleMs) => {
        const spec = {
          kalshi: { ...k, gap, throttle, rejectAbove, settleMs: 0 },
          polymarket: { ...p, gap: 0, throttle: 0, rejectAbove, settleMs },
        };
        expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
      }),
    );
  });
});
