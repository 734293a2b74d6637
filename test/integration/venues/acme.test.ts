// The acceptance test of the venue contribution point (issue 18, DESIGN.md "Extension-host
// pattern"): Acme, a venue defined in one folder under the tests (test/venues/acme) and
// registered in one line through the engine's public entry, runs through discovery, books,
// scanning, paper execution and settlement in a real engine built by the real composition root —
// and nothing under src/ knows its name. Its exchange is the edge of the machine, scripted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionsView } from '../../../src/shared/contract';
import type { IDisposable } from '../../../src/shared/lifecycle';
import { createEngine, loadOffline, venueRegistry, type Engine, type VenueConnectionResolver } from '../../../src/engine';
import { createDispatcher } from '../../../src/host/dispatch';
import { ROOT } from '../../helpers/cli';
import { MemorySecretStore } from '../../helpers/memorySecretStore';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { acme, AcmeExchange } from '../../venues/acme';
import { MAYOR_RACE, MAYOR_RACE_REFS } from '../../venues/acme/mayorRace';

const EXCHANGE = 'acme-engine-test';
const REFS = MAYOR_RACE_REFS;

/** Every file under `dir` (recursively) whose text matches. */
function filesNaming(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return filesNaming(file, pattern);
    return pattern.test(readFileSync(file, 'utf8')) ? [path.relative(ROOT, file)] : [];
  });
}

describe('a venue defined in one folder under the tests, registered in one line', () => {
  const dir = tempDir();
  const exchange = AcmeExchange.open(EXCHANGE);
  let registration: IDisposable;
  let engine: Engine;
  const call = async <T,>(command: string, payload: unknown = {}): Promise<T> => {
    const reply = (await createDispatcher(engine, () => undefined)({ type: 'request', id: 1, command, payload })) as { ok: boolean; result?: T; error?: { message: string } };
    if (!reply.ok) throw new Error(`${command}: ${reply.error?.message}`);
    return reply.result as T;
  };
  const acmeOpportunity = () => engine.services.scanner.contractOpportunities().find((o) => o.legs.length === 3 && o.legs.every((l) => l.venue === 'acme'));

  beforeAll(async () => {
    // The one registration line: the public entry's registry, as the registration list does it.
    registration = venueRegistry.register(acme);
    exchange.list(MAYOR_RACE);
    // YES on every candidate for 0.30: the three cost 0.90 and exactly one pays $1.
    exchange.setBook('mayor-ada', [['0.25', '500']], [['0.30', '40']]);
    exchange.setBook('mayor-bo', [['0.26', '500']], [['0.30', '60']]);
    exchange.setBook('mayor-cy', [['0.27', '500']], [['0.30', '80']]);
    // The host's part: Acme runs against the test's exchange; the built-in venues are not run here.
    const venues: VenueConnectionResolver = {
      async resolve(venue, selected) {
        if (venue !== 'acme') throw new Error('not run in this test');
        return { connection: { venue, environment: 'simulator', endpoints: { exchange: EXCHANGE }, credentials: null }, selected, keysSet: false, note: null };
      },
    };
    engine = await createEngine({
      host: 'serve',
      dataDir: dir.path,
      secrets: new MemorySecretStore(),
      venues,
      live: { publishIntervalMs: 20, bookIntervalMs: 20, statusIntervalMs: 50 },
      log: () => undefined,
    });
  });
  afterAll(() => {
    engine?.dispose();
    registration?.dispose();
    exchange.close();
    dir.remove();
  });

  it('is named nowhere under src/: the engine, hosts and UI learn of it only from its contribution', () => {
    expect(filesNaming(path.join(ROOT, 'src'), /acme/i)).toEqual([]);
  });

  it('discovery: its markets and exclusive set reach the universe, the scanner and the venues list', async () => {
    await until(() => REFS.every((r) => engine.services.scanner.has(r as never)), 'Acme markets in the scanner');
    const state = await call<{ venues: { venue: string; name: string; connection: string; markets: number; environment: string }[]; catalog: { categories: { name: string }[] } }>('getState');
    const row = state.venues.find((v) => v.venue === 'acme');
    expect(row).toMatchObject({ connection: 'connected', markets: 3, environment: 'simulator' });
    expect(state.catalog.categories.map((c) => c.name)).toContain('Politics');
    // The manifest is what the UI reads its name and labels from. Every registered venue the
    // trader may use is listed: by default not Polymarket US (a US-only venue).
    expect(state.venues.map((v) => v.venue)).toEqual(venueRegistry.ids().filter((id) => id !== 'polymarket-us'));
  });

  it('books and scanning: the exclusive set is an opportunity priced with Acme’s own fee model, sized by its depth', async () => {
    const o = await until(acmeOpportunity, 'the Acme exclusive-set opportunity');
    expect(o.strategy).toBe('multi_outcome');
    expect(o.legs.map((l) => [l.market, l.outcome, l.avgPrice]).sort()).toEqual(REFS.map((r) => [r, 'yes', '0.30']).sort());
    // Depth: the thinnest leg (40 at 0.30) bounds the basket.
    expect(o.size).toBeLessThanOrEqual(40);
    expect(o.size).toBeGreaterThan(0);
    // Fee per leg: ⌈0.05 × n × 0.3 × 0.7⌉ to the cent (test/venues/acme/feeModel.ts).
    const fee = new Decimal('0.05').times(o.size).times('0.21').times(100).ceil().div(100);
    expect(o.legs.map((l) => new Decimal(l.fee).toFixed(2))).toEqual(Array(3).fill(fee.toFixed(2)));
    const expected = new Decimal(o.size).minus(new Decimal('0.9').times(o.size)).minus(fee.times(3));
    expect(new Decimal(o.netProfit).toFixed(2)).toBe(expected.toFixed(2));
    // Its listing's names reach the opportunity.
    expect(o.legs.map((l) => l.title).join(' ')).toContain('Acme mayoral race 2031');
  });

  it('a change on the wire moves the basket; a malformed message loses nothing but that book until its next snapshot', async () => {
    exchange.change('mayor-cy', 'offer', '0.30', '0');
    await until(() => (acmeOpportunity() === undefined ? true : null), 'the opportunity gone with Cy’s offer');
    exchange.sendRaw('mayor-cy', '{"type":"change","market":"mayor-cy","side":"offer","price":"thirty","size":"5"}');
    await until(() => (engine.snapshot().venues.find((v) => v.venue === 'acme')!.unknownBooks > 0 ? true : null), 'Cy’s book unknown');
    exchange.setBook('mayor-cy', [['0.27', '500']], [['0.30', '80']]);
    await until(() => (engine.snapshot().venues.find((v) => v.venue === 'acme')!.unknownBooks === 0 ? true : null), 'Cy’s book live again');
    await until(acmeOpportunity, 'the opportunity back');
  });

  it('paper execution: one Execute fills every leg at Acme’s prices and fees, and the ledger holds the basket', async () => {
    const o = await until(acmeOpportunity, 'the opportunity');
    const result = await call<{ status: string; mode: string; size: number; legs: { venue: string; filled: string; avgPrice: string; fees: string }[] }>('execute', { opportunityId: o.id, size: 10 });
    expect(result).toMatchObject({ status: 'filled', mode: 'paper', size: 10 });
    expect(result.legs.map((l) => [l.venue, l.filled, l.avgPrice])).toEqual(Array(3).fill(['acme', '10', '0.3']));
    // ⌈0.05 × 10 × 0.21⌉ = ⌈0.105⌉ = $0.11 a leg.
    expect(result.legs.map((l) => l.fees)).toEqual(['0.11', '0.11', '0.11']);

    const positions = await call<PositionsView>('getPositions');
    const basket = positions.baskets.find((b) => b.legs.every((l) => l.venue === 'acme'))!;
    expect(basket).toMatchObject({ strategy: 'multi_outcome', matched: '10', status: 'open' });
    expect(new Decimal(basket.lockedIn).toFixed(2)).toBe('0.67');
    expect(positions.venues.find((v) => v.venue === 'acme')).toMatchObject({ contracts: '30', fees: '0.33' });
    expect(basket.legs.map((l) => l.title).sort()).toEqual(['Ada', 'Bo', 'Cy'].map((c) => expect.stringContaining(`Acme mayoral race 2031: ${c}`)));
  });

  it('scan and replay: its scenario adapter reads its markets, its decoder applies a recorded line', async () => {
    const { parseScenario, scannerFromScenario, Replay } = await loadOffline();
    const book = (offer: string) => ({ bids: [['0.20', '100']], offers: [[offer, '50']] });
    const scenario = parseScenario({
      markets: [
        { venue: 'acme', id: 'mayor-ada', title: 'Ada', theta: '0.05', book: book('0.30') },
        { venue: 'acme', id: 'mayor-bo', title: 'Bo', theta: '0.05', book: book('0.30') },
        { venue: 'acme', id: 'mayor-cy', title: 'Cy', theta: '0.05', book: book('0.45') },
      ],
      exclusive: [{ id: 'mayor-2031', members: REFS, exhaustive: true }],
    });
    const scanner = scannerFromScenario(scenario, () => 1);
    // 0.30 + 0.30 + 0.45 costs more than the $1 it pays.
    expect(scanner.opportunities()).toEqual([]);
    const replay = new Replay(scanner, () => 2);
    const opened = replay.feed(JSON.stringify({ venue: 'acme', data: { type: 'change', market: 'mayor-cy', side: 'offer', price: '0.30', size: '50' } }));
    expect(opened?.map((o) => o.basket.legs.map((l) => l.book.ref).sort())).toEqual([[...REFS].sort()]);
    expect(replay.feed('{"venue":"acme","data":{"type":"change","market":"mayor-cy","side":"sideways","price":"0.30","size":"5"}}')).toEqual([]);
    expect(replay.summary()).toMatchObject({ lines: 2, skipped: 1, opened: 1 });
    // A field of its own, read by its adapter, is named when it is wrong.
    expect(() => parseScenario({ markets: [{ venue: 'acme', id: 'x', theta: '0.05', book: [] }] })).toThrow('markets[0].book');
  });

  it('settlement: Acme’s resolved messages, read by its decoder, settle the basket in the ledger', async () => {
    exchange.resolve('mayor-ada', 'yes');
    exchange.resolve('mayor-bo', 'no');
    exchange.resolve('mayor-cy', 'no');
    const settled = await until(async () => {
      const p = await call<PositionsView>('getPositions');
      const b = p.baskets.find((x) => x.legs.every((l) => l.venue === 'acme'));
      return b?.status === 'settled' ? b : null;
    }, 'the basket settled');
    expect(new Decimal(settled.realised).toFixed(2)).toBe('0.67');
    expect(settled.legs.map((l) => [l.market, l.settledValue]).sort()).toEqual([
      ['acme:mayor-ada', '1'],
      ['acme:mayor-bo', '0'],
      ['acme:mayor-cy', '0'],
    ]);
  });
});
