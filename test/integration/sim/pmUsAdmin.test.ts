// The simulator's admin API for Polymarket US: its true links to Kalshi are in /truth/relations
// (the engine's Links pane reads them to tell the trader which suggestions the simulated world holds
// true), and POST /polymarket-us/dislocate opens a Kalshi ↔ Polymarket US basket on demand,
// refusing a bad request with the field it got wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';

describe('the simulator admin API for Polymarket US', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'pmus-admin', markets: 8, dislocationEverySec: 0, autoRun: false });
  });
  afterAll(() => sim?.close());
  const post = async (body: unknown) => {
    const r = await fetch(`${sim.endpoints.admin}/polymarket-us/dislocate`, { method: 'POST', body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const bestBid = (slug: string) => Number(((sim.polymarketUs.book(slug) as { marketData: { bids: { px: { value: string } }[] } }).marketData.bids[0]!.px.value));

  it('lists the Kalshi ↔ Polymarket US pairs as true links', async () => {
    const relations = (await (await fetch(`${sim.endpoints.admin}/truth/relations`)).json()) as { equivalentRefs: [string, string][]; polymarketUsEquivalent: [string, string][] };
    const pairs = sim.polymarketUs.equivalent();
    expect(pairs.length).toBeGreaterThan(0);
    expect(relations.polymarketUsEquivalent).toEqual(pairs);
    for (const [ticker, slug] of pairs) expect(relations.equivalentRefs).toContainEqual([`kalshi:${ticker}`, `polymarket-us:${slug}`]);
    // The international Polymarket pairs are still there.
    expect(relations.equivalentRefs.some(([, p]) => p.startsWith('polymarket:'))).toBe(true);
  });

  it('refuses a bad request naming the field, and pins the market on a good one', async () => {
    const [, slug] = sim.polymarketUs.equivalent()[0]!;
    expect(await post({ direction: 'cheap_no' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^slug must be/) } });
    expect(await post({ slug: 'no-such-market', direction: 'cheap_no' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^slug must be/) } });
    expect(await post({ slug, direction: 'up' })).toMatchObject({ status: 400, body: { error: 'direction must be cheap_no or cheap_yes' } });
    expect(await post({ slug, direction: 'cheap_no', ms: -5 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^ms/) } });
    expect((await post([slug])).status).toBe(400);

    sim.clock.step();
    // A market quoted well inside 0–1, so the pin is not clipped at the edge of the price range.
    const [, pinned] = sim.polymarketUs.equivalent().find(([, s]) => bestBid(s) > 0.1 && bestBid(s) < 0.7)!;
    const before = bestBid(pinned);
    expect(await post({ slug: pinned, direction: 'cheap_no', ms: '60s' })).toEqual({ status: 200, body: { slug: pinned, direction: 'cheap_no', ms: 60_000 } });
    sim.clock.step();
    // cheap_no: YES bids pinned 10¢ above fair, so NO sells cheap (exchange.ts DISLOCATION_SHIFT).
    expect(bestBid(pinned)).toBeGreaterThanOrEqual(before + 0.05);
  });
});
