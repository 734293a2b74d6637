import type { BreakerState, Limits } from '../../../shared/contract';

/**
 * The breaker in words a trader reads at a glance: ARMED (trading allowed), HALTED (orders
 * blocked, with why), PROBING (one small basket allowed after a trip).
 */
export function breakerHeadline(b: BreakerState): { word: 'ARMED' | 'HALTED' | 'PROBING'; tone: 'ok' | 'bad' | 'warn'; why: string } {
  if (b.killSwitch) return { word: 'HALTED', tone: 'bad', why: 'kill switch engaged: re-arm to trade' };
  if (b.state === 'open') return { word: 'HALTED', tone: 'bad', why: b.reason ?? 'the breaker tripped' };
  if (b.state === 'half_open') return { word: 'PROBING', tone: 'warn', why: b.reason ?? 'one basket up to the probe size is allowed' };
  return { word: 'ARMED', tone: 'ok', why: 'trading allowed within the limits' };
}

export function breakerMeaning(b: BreakerState, limits: Limits): string {
  if (b.killSwitch) return 'Kill switch engaged: orders blocked until you re-arm.';
  if (b.state === 'open') return 'Orders blocked.';
  if (b.state === 'half_open') return `One probe basket allowed, up to ${limits.probeSize} contracts.`;
  return 'Orders allowed; the breaker trips on any limit.';
}
