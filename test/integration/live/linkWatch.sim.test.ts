// Links and their watch through the real Kalshi and Polymarket connectors against the simulator
// over real sockets: look-alike pairs whose rules differ (a different source, "above" against
// "or higher", noon ET against noon UTC) are suggested with the relation their specs support and
// the differing fields named; a confirmed link is suspended within one poll when the simulator
// edits a market's rules (the admin API's POST /rules), its baskets are refused, and confirming
// it again lifts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketLink } from '../../../src/shared/contract';
import type { Engine } from '../../../src/engine/engine';
import { suspendedLinkOf } from '../../../src/engine/live/suspendedLinks';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { engineOnSimulator } from './simEngine';

const POLL_MS = 500;

describe('link specs and the link watch, real connectors against the simulator', () => {
  const dir = tempDir();
  let sim: SimulatorHandle;
  let engine: Engine;
  const linkOf = (k: string, p: string): MarketLink | undefined => engine.services.links.list().find((l) => l.sides[0].market === `kalshi:${k}` && l.sides[1].market === `polymarket:${p}`);

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'link-watch-it', markets: 20, speed: 5, dislocationEverySec: 3 });
    // Discovery far apart: only the watch's poll can see an edit within the test.
    engine = await engineOnSimulator(sim, dir.path, { publishIntervalMs: 50, linkWatchIntervalMs: POLL_MS, discoveryIntervalMs: 3_600_000 });
    await until(() => engine.services.links.list().length >= sim.truth.relations().equivalent.length, 'the suggested links', 30_000);
  });
  afterAll(async () => {
    engine?.dispose();
    await sim?.close();
    dir.remove();
  });

  it('suggests each look-alike pair with different rules as what its specs support, naming the fields that differ', async () => {
    const pairs = sim.truth.relations().differentRules;
    expect(new Set(pairs.flatMap((p) => p.differs))).toEqual(new Set(['source', 'comparator', 'time', 'timezone']));
    const link = await until(() => {
      const found = pairs.map((p) => ({ p, link: linkOf(p.kalshi, p.polymarket) }));
      return found.every((f) => f.link) ? found : null;
    }, 'every look-alike pair suggested', 20_000);
    for (const { p, link: l } of link) {
      expect(l!.status).toBe('suggested');
      expect(l!.relation).not.toBe('identical');
      expect(l!.comparison.differing).toEqual(expect.arrayContaining([...p.differs]));
      // A known field differs: the score can never be high.
      expect(l!.score).toBeLessThanOrEqual(0.5);
      // Confirming as identical needs an override with a reason.
      expect(() => engine.services.links.confirm(l!.id, 'identical')).toThrow(/override/i);
    }
    // "above 4.3%" ⇒ "4.3% or higher": the one that is an implication is said to be.
    const comparator = link.find((f) => f.p.differs.includes('comparator'))!;
    expect(comparator.link!.relation).toBe('implies_a_to_b');
    const zone = link.find((f) => f.p.differs.includes('timezone'))!;
    expect(zone.link!.relation).toBe('different');
  });

  it('a rule edit on the venue suspends the confirmed link within a poll; its baskets are refused; confirming again lifts it', async () => {
    const [k, p] = sim.truth.relations().equivalent[0]!;
    const link = linkOf(k, p)!;
    const override = link.conflicts.length > 0 || link.relation !== 'identical' ? { reason: 'the simulator holds these the same proposition' } : undefined;
    engine.services.links.confirm(link.id, 'identical', override);
    // Several polls with nothing changed: nothing is suspended (the poll reads terms as discovery does).
    const polls = async (n: number) => {
      for (let i = 0; i < n; i++) await engine.services.linkWatch.poll();
    };
    await polls(3);
    expect(linkOf(k, p)!.status).toBe('confirmed');

    const res = await fetch(`${sim.endpoints.admin}/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ market: `polymarket:${p}` }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rules: string }).rules).toMatch(/Amendment of/);
    const suspended = await until(() => (linkOf(k, p)!.status === 'suspended' ? linkOf(k, p)! : null), 'the link suspended by the poll', 10 * POLL_MS + 5_000);
    expect(suspended.suspension!.changes).toEqual(['Polymarket rules text changed']);
    // Still scanned (its baskets show greyed), but every basket on both markets is refused, with the reason.
    const legs = { legs: [{ market: `kalshi:${k}` }, { market: `polymarket:${p}` }] } as unknown as Parameters<typeof suspendedLinkOf>[1];
    expect(suspendedLinkOf(engine.services.links.book, legs)).toMatch(/^the link it relies on is suspended \(Polymarket rules text changed\)/);
    for (const o of engine.snapshot().opportunities.filter((o) => o.legs.some((l) => l.market === `kalshi:${k}`) && o.legs.some((l) => l.market === `polymarket:${p}`))) expect(o.suspended).toBeTruthy();
    expect(engine.snapshot().activity.some((a) => a.kind === 'link' && a.message.startsWith('Link suspended') && a.message.includes('Polymarket rules text changed'))).toBe(true);

    // Re-confirmed against the new rules: watched again from them, not suspended by the next poll.
    engine.services.links.confirm(link.id, 'identical', override);
    await polls(2);
    expect(linkOf(k, p)!).toMatchObject({ status: 'confirmed', suspension: null });
    expect(suspendedLinkOf(engine.services.links.book, legs)).toBeNull();

    // A Kalshi edit suspends it too.
    sim.amendRules(`kalshi:${k}`, 'If the event happens, as reported by a different agency, then the market resolves to Yes.');
    const again = await until(() => (linkOf(k, p)!.status === 'suspended' ? linkOf(k, p)! : null), 'suspended by the Kalshi edit', 10 * POLL_MS + 5_000);
    expect(again.suspension!.changes).toEqual(['Kalshi rules text changed']);
  });

  it('the admin API refuses an edit that names no known market, saying which field', async () => {
    const res = await fetch(`${sim.endpoints.admin}/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ market: 'kalshi:NOPE' }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/no market kalshi:NOPE/);
    const bad = await fetch(`${sim.endpoints.admin}/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: 'x' }) });
    expect(JSON.stringify(await bad.json())).toMatch(/market must be/);
  });
});
