// Done-condition of issue 20: a Kalshi ↔ Polymarket US cross-venue basket is found, sized and
// executed — in paper mode, then live — against the simulator through the real connectors (the
// Kalshi connector and the Polymarket US one, whose trading runs the official SDK), with the ledger
// holding exactly what the simulated venues say happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../../src/shared/contract';
import type { MarketRef } from '../../../../src/shared/ids';
import { DisposableStore } from '../../../../src/shared/lifecycle';
import { Money } from '../../../../src/shared/money';
import { Engine } from '../../../../src/engine/engine';
import { systemClock } from '../../../../src/engine/platform/clock';
import type { SizedBasket } from '../../../../src/engine/scanner/basket';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import type { MarketFees } from '../../../../src/engine/fees/feeModel';
import { marketFees } from '../../../../src/engine/universe/universe';
import { Redacted } from '../../../../src/engine/venues/connection';
import { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import { createPmUsVenue, type PmUsVenue } from '../../../../src/engine/venues/polymarket-us/connector';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import { createDispatcher } from '../../../../src/host/dispatch';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { MemorySecretStore } from '../../../helpers/memorySecretStore';
import { tempDir } from '../../../helpers/tempDir';

const US = 'polymarket-us';
let sim: SimulatorHandle;
let engine: Engine;
let kalshi: KalshiVenue;
let pmUs: PmUsVenue;
let scanner: Scanner;
const store = new DisposableStore();
const dir = tempDir();
let call: (command: string, payload?: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>;
const infos = new Map<MarketRef, MarketInfo>();

beforeAll(async () => {
  sim = await startSimulator({ seed: 'pmus-basket', markets: 10, dislocationEverySec: 0 });
  const k = sim.endpoints.kalshi;
  const u = sim.endpoints[US];
  const secrets = new MemorySecretStore();
  for (const [name, value] of Object.entries({ 'kalshi.keyId': k.keyId, 'kalshi.privateKey': k.privateKeyPem, 'polymarket-us.keyId': u.keyId, 'polymarket-us.secretKey': u.secretKey })) secrets.values.set(name, value);
  engine = await Engine.create({ host: 'serve', dataDir: dir.path, secrets });
  const dispatch = createDispatcher(engine, () => undefined);
  let id = 0;
  call = async (command, payload = {}) => (await dispatch({ type: 'request', id: ++id, command, payload })) as never;
  expect((await call('setLimits', { limits: { ...DEFAULT_LIMITS } })).ok).toBe(true);

  kalshi = new KalshiVenue({ environment: 'simulator', endpoints: { rest: k.rest, ws: k.ws }, credentials: { keyId: k.keyId, privateKeyPem: k.privateKeyPem }, clock: systemClock });
  pmUs = createPmUsVenue(
    { venue: US, environment: 'simulator', endpoints: { gateway: u.gateway, api: u.api, ws: u.ws }, credentials: { keyId: new Redacted(u.keyId), secretKey: new Redacted(u.secretKey) } },
    { clock: systemClock, log: () => undefined },
  );
  const [kd, ud] = await Promise.all([kalshi.discover(), pmUs.discover()]);
  for (const m of [...kd.markets, ...ud.markets]) if (m.status === 'open') infos.set(m.ref, m);
  scanner = new Scanner({ now: () => systemClock.now() });
  const equivalent = sim.polymarketUs.equivalent().map(([t, s]) => [`kalshi:${t}`, `${US}:${s}`] as [MarketRef, MarketRef]).filter(([a, b]) => infos.has(a) && infos.has(b));
  expect(equivalent.length).toBeGreaterThan(2);
  scanner.extend({
    markets: [...infos.values()].map((m) => ({ venue: m.venue, id: m.id, title: m.title, fee: (marketFees(m, Date.now()) as MarketFees).taker })),
    relations: { equivalent },
  });
  store.add(kalshi.feed.onMessage((m) => scanner.apply('kalshi', m.data, undefined, kalshi.feed.checksSequence)));
  store.add(kalshi.feed.onBooksInvalidated((refs) => refs.forEach((r) => scanner.setHealth(r, 'unknown'))));
  store.add(pmUs.feed.onMessage((m) => scanner.apply(US, m.data)));
  store.add(pmUs.feed.onBooksInvalidated((refs) => refs.forEach((r) => scanner.setHealth(r, 'unknown'))));
  kalshi.feed.setMarkets(kd.markets);
  pmUs.feed.setMarkets(ud.markets);
  store.add(engine.services.execution.setMarketSource({ markets: () => ({ scanner, marketInfo: (ref) => infos.get(ref) }), publish: () => undefined }));
  store.add(engine.services.execution.attachLiveTrading('kalshi', kalshi.trading!));
  store.add(engine.services.execution.attachLiveTrading(US, pmUs.trading!));
  store.add(engine.services.killSwitch.registerCanceller('kalshi', (signal) => kalshi.trading!.cancelAll(signal)));
  store.add(engine.services.killSwitch.registerCanceller(US, (signal) => pmUs.trading!.cancelAll(signal)));
});

afterAll(async () => {
  store.dispose();
  kalshi?.dispose();
  pmUs?.dispose();
  engine?.dispose();
  await sim?.close();
  dir.remove();
});

/** Opens a dislocation on one paired market and waits for its Kalshi ↔ Polymarket US basket. */
async function crossVenueBasket(pairIndex: number, minSize: number): Promise<SizedBasket> {
  const [, slug] = sim.polymarketUs.equivalent()[pairIndex]!;
  sim.polymarketUs.dislocate(slug, 'cheap_no', 60_000);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const o = scanner.opportunities().find((x) => x.size >= minSize && x.basket.legs.some((l) => l.book.ref === `${US}:${slug}`) && x.basket.legs.some((l) => l.book.venue === 'kalshi'));
    if (o) return o;
    if (Date.now() > deadline) throw new Error(`no Kalshi ↔ Polymarket US basket on ${slug}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function execute(pairIndex: number, size: number): Promise<{ o: SizedBasket; r: ExecutionResult }> {
  for (let attempt = 0; ; attempt++) {
    const o = await crossVenueBasket(pairIndex, size);
    const res = await call('execute', { opportunityId: o.basket.id, size });
    const r = res.result as ExecutionResult;
    if (r.status === 'refused' && attempt < 10 && /No longer profitable|stale|unknown/.test(r.reason ?? '')) continue;
    return { o, r };
  }
}

describe('a Kalshi ↔ Polymarket US basket through the real connectors', () => {
  it('is found as a cross-venue basket: YES on Kalshi, NO on Polymarket US (its YES bids, mirrored), sized with both venues\' fees', async () => {
    const o = await crossVenueBasket(0, 5);
    expect(o.basket.strategy).toBe('cross_venue');
    const legs = o.basket.legs.map((l) => ({ venue: l.book.venue, outcome: l.outcome }));
    expect(legs).toContainEqual({ venue: 'kalshi', outcome: 'yes' });
    expect(legs).toContainEqual({ venue: US, outcome: 'no' });
    expect(o.netProfit).toBeGreaterThan(0);
    expect(o.fees).toBeGreaterThan(0);
  });

  it('executes in paper mode against the live books, sending nothing to either venue', async () => {
    const before = sim.polymarketUs.account();
    const { r } = await execute(0, 5);
    expect(r).toMatchObject({ status: 'filled', mode: 'paper', size: 5 });
    expect(sim.polymarketUs.account()).toEqual(before);
  });

  it('executes live: both legs fill, Polymarket US holds a NO position, the ledger books the venue\'s commission', async () => {
    expect((await call('setMode', { mode: 'live', confirmation: 'LIVE' })).ok).toBe(true);
    const { o, r } = await execute(1, 5);
    expect(r).toMatchObject({ status: 'filled', mode: 'live', size: 5 });
    expect(r.legs.map((l) => l.status)).toEqual(['filled', 'filled']);
    const usLeg = o.basket.legs.find((l) => l.book.venue === US)!;
    const slug = usLeg.book.ref.slice(US.length + 1);
    expect(sim.polymarketUs.account().positions[slug]).toBe(-500);
    const orders = engine.services.ledger.ordersOfBasket(r.executionId);
    const usOrder = orders.find((x) => x.venue === US)!;
    const fills = engine.services.ledger.fillsOfOrder(usOrder.clientOrderId);
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((f) => f.venue === US)).toBe(true);
    expect(fills.reduce((s, f) => s.plus(f.qty), new Money(0)).eq(5)).toBe(true);
    expect(fills.reduce((s, f) => s.plus(f.fee), new Money(0)).gt(0)).toBe(true);
    expect(await pmUs.trading!.positions()).toContainEqual({ market: usLeg.book.ref, outcome: 'no', qty: '5' });
  });
});
