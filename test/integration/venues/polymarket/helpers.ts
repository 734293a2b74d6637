// Shared pieces of the Polymarket connector tests: the venue built against a simulator, a log that
// keeps every line, and waiting helpers.
import { systemClock } from '../../../../src/engine/platform/clock';
import { PolymarketVenue, type PolymarketVenueOptions } from '../../../../src/engine/venues/polymarket/connector';
import type { SimulatorHandle } from '../../../../src/sim/index';

export interface LogLine {
  level: string;
  message: string;
}

export function venueFor(sim: SimulatorHandle, overrides: Partial<PolymarketVenueOptions> & { trading?: boolean } = {}): { venue: PolymarketVenue; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const p = sim.endpoints.polymarket;
  const { trading = false, ...rest } = overrides;
  const venue = new PolymarketVenue({
    environment: 'simulator',
    endpoints: { clob: p.clob, gamma: p.gamma, ws: p.ws, userWs: p.userWs },
    credentials: trading ? { privateKey: p.privateKey } : null,
    chainId: p.chainId,
    clock: systemClock,
    log: (level, message) => logs.push({ level, message }),
    ...rest,
  });
  return { venue, logs };
}

export async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
