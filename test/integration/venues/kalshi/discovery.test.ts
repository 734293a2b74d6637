// Kalshi discovery over real sockets against the simulator: every page, the series fee schedules,
// statuses and close times, exclusive sets and strike ladders as the world's truth has them, and
// the trader's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import type { MarketRef } from '../../../../src/shared/ids';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { toMarketInfo } from '../../../../src/engine/venues/kalshi/mapping';
import { venueFor } from './helpers';

let sim: SimulatorHandle;
let venue: KalshiVenue;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'kalshi-discovery', markets: 40, autoRun: false, dislocationEverySec: 0 });
  venue = venueFor(sim, { discoveryPageSize: 3 });
});
afterAll(async () => {
  venue?.dispose();
  await sim?.close();
});

async function simJson(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.endpoints.kalshi.rest}${path}`);
  return (await res.json()) as Record<string, unknown>;
}

const kalshiTickers = () =>
  sim.truth
    .catalog()
    .groups.flatMap((g) => g.propositions.map((p) => p.kalshi))
    .filter((t): t is string => t !== null);

/** All pairs (a ⇒ c) implied by chaining the truth's neighbour implications. */
function closure(rules: readonly { if: string; then: string }[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const r of rules) next.set(r.if, [...(next.get(r.if) ?? []), r.then]);
  const out = new Set<string>();
  for (const start of next.keys()) {
    const stack = [...(next.get(start) ?? [])];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (out.has(`${start}>${t}`)) continue;
      out.add(`${start}>${t}`);
      stack.push(...(next.get(t) ?? []));
    }
  }
  return out;
}

describe('Kalshi discovery', () => {
  it('walks every page of events and finds every listed market, each with its series fee schedule', async () => {
    await venue.trading!.loadAccountLimits(); // once per venue; the simulator has no tiers (Basic stays)
    const before = venue.rest.stats.requests;
    const d = await venue.discover();
    const tickers = d.markets.map((m) => m.id).sort();
    expect(tickers).toEqual([...kalshiTickers()].sort());
    expect(d.skipped).toEqual([]);
    // Page size 3: the events took ceil(n/3) requests, plus one for the series list.
    const events = ((await simJson('/events?limit=200')).events as unknown[]).length;
    expect(venue.rest.stats.requests - before).toBe(Math.ceil(events / 3) + 1);
    expect(d.events).toBe(events);

    const series = new Map(((await simJson('/series')).series as { ticker: string; fee_type: string; fee_multiplier: number; category: string }[]).map((s) => [s.ticker, s]));
    const multipliers = new Set<string>();
    for (const m of d.markets) {
      const s = series.get(m.seriesId!)!;
      expect(m.fee).toEqual({ venue: 'kalshi', feeType: s.fee_type, multiplier: String(s.fee_multiplier) });
      expect(m.category).toBe(s.category);
      multipliers.add(m.fee.venue === 'kalshi' ? String(m.fee.multiplier) : '');
      const wire = ((await simJson(`/markets/${m.id}`)).market ?? {}) as Record<string, unknown>;
      expect(m.closeTime).toBe(Date.parse(wire.close_time as string));
      expect(m.status).toBe('open');
      expect(m.tickSize).toBe(wire.price_level_structure === 'deci_cent' ? 10 : 100);
      expect(m.rules).toContain(wire.rules_primary as string);
      expect(m.eventId).toBe(wire.event_ticker);
    }
    // This world lists the half-fee index series (0.5, with maker fees) and the rest standard (1),
    // as Kalshi publishes them: relative to the fee tables, not the 0.07 coefficient.
    expect([...multipliers].sort()).toEqual(['0.5', '1']);
  });

  it('finds the exclusive sets and strike ladders the world holds', async () => {
    const d = await venue.discover();
    const truth = sim.truth.relations();
    const isKalshi = (r: string) => r.startsWith('kalshi:');
    const setKey = (members: readonly string[]) => [...members].sort().join(',');
    const expectedSets = truth.exclusive.filter((s) => s.members.every(isKalshi)).map((s) => setKey(s.members)).sort();
    expect(expectedSets.length).toBeGreaterThan(0);
    expect(d.exclusiveSets.map((s) => setKey(s.members)).sort()).toEqual(expectedSets);
    // The API promises at most one YES per exclusive event, never exactly one.
    expect(d.exclusiveSets.every((s) => s.exhaustive === false)).toBe(true);

    const expectedImplications = closure(truth.implies.filter((r) => isKalshi(r.if) && isKalshi(r.then)));
    expect(expectedImplications.size).toBeGreaterThan(0);
    expect(new Set(d.implications.map((r) => `${r.if}>${r.then}`))).toEqual(expectedImplications);
    const refs = new Set<MarketRef>(d.markets.map((m) => m.ref));
    for (const r of d.implications) expect(refs.has(r.if) && refs.has(r.then)).toBe(true);
  });

  it('keeps to the series and categories the trader chose', async () => {
    const all = await venue.discover();
    const someSeries = all.markets[0]!.seriesId!;
    const bySeries = await venue.discover({ series: [someSeries] });
    expect(bySeries.markets.length).toBeGreaterThan(0);
    expect(bySeries.markets.map((m) => m.id).sort()).toEqual(all.markets.filter((m) => m.seriesId === someSeries).map((m) => m.id).sort());

    const category = all.markets.at(-1)!.category;
    const byCategory = await venue.discover({ categories: [category.toUpperCase()] });
    expect(byCategory.markets.map((m) => m.id).sort()).toEqual(all.markets.filter((m) => m.category === category).map((m) => m.id).sort());
    expect(byCategory.markets.length).toBeLessThan(all.markets.length);
    expect((await venue.discover({ categories: ['No such category'] })).markets).toEqual([]);
  });

  it('drops a settled event from discovery; the settled market maps to settled with its result', async () => {
    const group = sim.truth.catalog().groups.find((g) => g.kind === 'binary' && g.propositions[0]!.kalshi !== null)!;
    const ticker = group.propositions[0]!.kalshi!;
    const before = await venue.discover();
    expect(before.markets.some((x) => x.id === ticker)).toBe(true);
    sim.resolve(group.id, { result: 'yes' });
    const after = await venue.discover();
    // Discovery asks for open events: the engine sees the market vanish and drops its stream.
    expect(after.markets.some((x) => x.id === ticker)).toBe(false);
    expect(after.markets.length).toBe(before.markets.length - 1);
    const wire = (await simJson(`/markets/${ticker}`)).market as Record<string, unknown>;
    const event = (await simJson(`/events/${wire.event_ticker as string}`)).event as Record<string, unknown>;
    expect(toMarketInfo(event, wire, undefined)).toMatchObject({ status: 'settled', result: 'yes' });
  });

  it('works without credentials (public market data)', async () => {
    const { rest, ws } = sim.endpoints.kalshi;
    const { KalshiVenue } = await import('../../../../src/engine/venues/kalshi/connector');
    const anonymous = new KalshiVenue({ environment: 'simulator', endpoints: { rest, ws }, credentials: null });
    try {
      const d = await anonymous.discover();
      expect(d.markets.length).toBeGreaterThan(0);
      expect(anonymous.trading).toBeNull();
      expect(anonymous.feed.status()).toMatchObject({ connection: 'disabled', detail: expect.stringMatching(/needs an API key/) });
    } finally {
      anonymous.dispose();
    }
  });
});
