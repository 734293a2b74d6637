// Discovery over Gamma against the simulator: every market, page by page; YES/NO tokens that agree
// with the CLOB; fee schedules, ticks and sizes; neg-risk exclusive sets compared with the world's
// truth (an augmented event's "Other" never a member, and the set then not exhaustive); the
// trader's category filter; and the CLOB fallback when Gamma leaves facts out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { venueFor } from './helpers';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'poly-discovery', markets: 60, autoRun: false, dislocationEverySec: 0 });
});
afterAll(async () => {
  await sim?.close();
});

const clobJson = async (path: string) => (await (await fetch(`${sim.endpoints.polymarket.clob}${path}`)).json()) as Record<string, unknown>;

function polymarketPropositions() {
  return sim.truth.catalog().groups.flatMap((g) => g.propositions.filter((p) => p.polymarket !== null).map((p) => ({ group: g, label: p.label, conditionId: p.polymarket! })));
}

describe('Polymarket discovery', () => {
  it('reads every market through small Gamma pages, with tokens, fees, ticks and sizes the CLOB agrees with', async () => {
    const { venue } = venueFor(sim, { gammaPageSize: 7 });
    try {
      const d = await venue.discover();
      const expected = polymarketPropositions();
      expect(d.markets.map((m) => m.id).sort()).toEqual(expected.map((p) => p.conditionId).sort());
      expect(d.skipped).toEqual([]);
      for (const m of d.markets) {
        const clob = await clobJson(`/markets/${m.id}`);
        const tokens = clob.tokens as { token_id: string; outcome: string }[];
        expect(m.tokens).toEqual({ yes: tokens.find((t) => t.outcome === 'Yes')!.token_id, no: tokens.find((t) => t.outcome === 'No')!.token_id });
        const info = await clobJson(`/clob-markets/${m.id}`);
        const fd = info.fd as { r: number; e: number; to: boolean };
        expect(m.fee).toEqual({ venue: 'polymarket', rate: String(fd.r), exponent: fd.e, takerOnly: fd.to });
        expect(m.tickSize).toBe(Math.round(Number(info.mts) * 10_000));
        expect(m.minOrderSize).toBe(Number(info.mos) * 100);
        expect(m.negRisk).toBe(info.nr);
        expect(m.status).toBe('open');
        expect(m.ref).toBe(`polymarket:${m.id}`);
        expect(m.rules).toBe(clob.description);
        expect(m.closeTime).toBe(Date.parse(clob.end_date_iso as string));
      }
      expect(d.markets.some((m) => m.fee.venue === 'polymarket' && m.fee.rate === '0')).toBe(true);
      expect(venue.registry.size).toBe(d.markets.length);
    } finally {
      venue.dispose();
    }
  });

  it('builds exclusive sets of neg-risk events from named outcomes only', async () => {
    const { venue } = venueFor(sim);
    try {
      const d = await venue.discover();
      const labelOf = new Map(polymarketPropositions().map((p) => [`polymarket:${p.conditionId}`, p.label]));
      const truth = sim.truth.relations().exclusive.filter((s) => s.id.endsWith(':polymarket'));
      expect(truth.some((s) => s.members.some((m) => labelOf.get(m) === 'Other'))).toBe(true);
      const expected = truth
        .map((s) => {
          const named = s.members.filter((m) => labelOf.get(m) !== 'Other');
          return { members: [...named].sort(), exhaustive: s.exhaustive && named.length === s.members.length };
        })
        .sort((a, b) => a.members[0]!.localeCompare(b.members[0]!));
      const ours = d.exclusiveSets.map((s) => ({ members: [...s.members].sort(), exhaustive: s.exhaustive })).sort((a, b) => a.members[0]!.localeCompare(b.members[0]!));
      expect(ours).toEqual(expected);
      expect(ours.some((s) => s.exhaustive)).toBe(true);
      expect(ours.some((s) => !s.exhaustive)).toBe(true);
      // The "Other" markets are still listed (they have books), just never members.
      const others = [...labelOf].filter(([, l]) => l === 'Other').map(([ref]) => ref);
      for (const ref of others) expect(d.markets.some((m) => m.ref === ref)).toBe(true);
    } finally {
      venue.dispose();
    }
  });

  it('keeps only the categories the trader chose', async () => {
    const { venue } = venueFor(sim);
    try {
      const all = await venue.discover();
      const categories = [...new Set(all.markets.map((m) => m.category))];
      expect(categories.length).toBeGreaterThan(2);
      const chosen = categories[0]!;
      const some = await venue.discover({ categories: [chosen.toUpperCase()] });
      expect(some.markets.length).toBe(all.markets.filter((m) => m.category === chosen).length);
      expect(some.markets.every((m) => m.category === chosen)).toBe(true);
      const refs = new Set(some.markets.map((m) => m.ref));
      for (const s of some.exclusiveSets) for (const r of s.members) expect(refs.has(r)).toBe(true);
      const oneEvent = all.markets[0]!.seriesId!;
      const bySeries = await venue.discover({ series: [oneEvent] });
      expect(new Set(bySeries.markets.map((m) => m.seriesId))).toEqual(new Set([oneEvent]));
    } finally {
      venue.dispose();
    }
  });

  it('reads the tick, minimum size, neg-risk flag and fee schedule from the CLOB when Gamma leaves them out', async () => {
    // The venue's answer doctored at the edge: an older Gamma without these fields.
    const stripped = (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(input, init);
      const url = String(input);
      if (!url.startsWith(sim.endpoints.polymarket.gamma)) return res;
      const events = (await res.json()) as { markets: Record<string, unknown>[] }[];
      for (const e of events) {
        for (const m of e.markets) {
          delete m.orderPriceMinTickSize;
          delete m.orderMinSize;
          delete m.feeSchedule;
          delete m.feesEnabled;
          delete m.negRisk;
        }
        delete (e as Record<string, unknown>).negRisk;
        delete (e as Record<string, unknown>).enableNegRisk;
      }
      return new Response(JSON.stringify(events), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const plain = venueFor(sim).venue;
    const { venue } = venueFor(sim, { fetch: stripped });
    try {
      const reference = await plain.discover();
      const d = await venue.discover();
      const strip = (m: (typeof d.markets)[number]) => ({ id: m.id, fee: m.fee, tick: m.tickSize, min: m.minOrderSize, negRisk: m.negRisk, tokens: m.tokens });
      expect(d.markets.map(strip)).toEqual(reference.markets.map(strip));
    } finally {
      venue.dispose();
      plain.dispose();
    }
  });
});
