// The execution stack against the simulator through the real connectors: both venues' market
// feeds into a Scanner (the simulator's own relations as the universe), a real Engine in live mode
// whose executor trades through the connectors' TradingApi, and the venues' cancel-alls on the
// kill switch. Used in-process by the tests and, bundled, by the crash harness (a child process).
import type { ExecutionResult, Limits } from '../../../src/shared/contract';
import type { MarketRef } from '../../../src/shared/ids';
import { DisposableStore } from '../../../src/shared/lifecycle';
import { systemClock } from '../../../src/engine/platform/clock';
import { Engine } from '../../../src/engine/engine';
import type { ExecutionServiceOptions } from '../../../src/engine/execution/executionService';
import type { SizedBasket } from '../../../src/engine/scanner/basket';
import { Scanner } from '../../../src/engine/scanner/scanner';
import type { MarketSpec } from '../../../src/engine/strategies/universe';
import { marketFees } from '../../../src/engine/universe/universe';
import { DEFAULT_LIMITS } from '../../../src/engine/settings/defaults';
import { KalshiVenue } from '../../../src/engine/venues/kalshi/connector';
import { PolymarketVenue } from '../../../src/engine/venues/polymarket/connector';
import type { MarketInfo } from '../../../src/engine/venues/venue';
import { createDispatcher } from '../../../src/host/dispatch';
import { MemorySecretStore } from '../../helpers/memorySecretStore';

export interface RigEndpoints {
  kalshi: { rest: string; ws: string; keyId: string; privateKeyPem: string };
  polymarket: { clob: string; gamma: string; ws: string; userWs: string; privateKey: string; chainId: number };
  admin: string;
}

export interface LiveRig {
  engine: Engine;
  scanner: Scanner;
  infos: Map<MarketRef, MarketInfo>;
  kalshi: KalshiVenue;
  polymarket: PolymarketVenue;
  call(command: string, payload?: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  /** Resolves with an open opportunity of two legs, sized at least `minSize`, as soon as one is on the books. */
  waitForOpportunity(options?: { minSize?: number; timeoutMs?: number; strategy?: string }): Promise<SizedBasket>;
  dispose(): void;
}

function specOf(m: MarketInfo): MarketSpec {
  const fees = marketFees(m, Date.now());
  if (typeof fees === 'string') throw new Error(`${m.ref}: fee parameters refused: ${fees}`);
  return { venue: m.venue, id: m.id, title: m.title, fee: fees.taker, ...(m.tokens ? { tokens: m.tokens } : {}) };
}

export interface LiveRigOptions {
  mode?: 'live' | 'paper';
  limits?: Partial<Limits>;
  execution?: ExecutionServiceOptions;
  /** The Polymarket connector's per-request deadline. */
  polymarketRequestTimeoutMs?: number;
  /** New Kalshi buys held after a cancel-all (the connector's default on the simulator: none). */
  kalshiCancelAllReachMs?: number;
}

export async function liveRig(endpoints: RigEndpoints, dataDir: string, options: LiveRigOptions = {}): Promise<LiveRig> {
  const secrets = new MemorySecretStore();
  // Keys "in the keychain" so the engine agrees to trade live; the connectors get the simulator's.
  secrets.values.set('kalshi.keyId', endpoints.kalshi.keyId);
  secrets.values.set('kalshi.privateKey', endpoints.kalshi.privateKeyPem);
  secrets.values.set('polymarket.privateKey', endpoints.polymarket.privateKey);
  const engine = await Engine.create({ host: 'serve', dataDir, secrets, ...(options.execution ? { execution: options.execution } : {}) });
  const dispatch = createDispatcher(engine, () => undefined);
  let id = 0;
  const call: LiveRig['call'] = async (command, payload = {}) => (await dispatch({ type: 'request', id: ++id, command, payload })) as never;
  const limits = await call('setLimits', { limits: { ...DEFAULT_LIMITS, ...options.limits } });
  if (!limits.ok) throw new Error(`setLimits: ${limits.error?.message}`);
  if ((options.mode ?? 'live') === 'live') {
    const mode = await call('setMode', { mode: 'live', confirmation: 'LIVE' });
    if (!mode.ok) throw new Error(`setMode: ${mode.error?.message}`);
  }

  const store = new DisposableStore();
  const kalshi = new KalshiVenue({
    environment: 'simulator',
    endpoints: { rest: endpoints.kalshi.rest, ws: endpoints.kalshi.ws },
    credentials: { keyId: endpoints.kalshi.keyId, privateKeyPem: endpoints.kalshi.privateKeyPem },
    clock: systemClock,
    ...(options.kalshiCancelAllReachMs !== undefined ? { cancelAllReachMs: options.kalshiCancelAllReachMs } : {}),
  });
  const polymarket = new PolymarketVenue({
    environment: 'simulator',
    endpoints: { clob: endpoints.polymarket.clob, gamma: endpoints.polymarket.gamma, ws: endpoints.polymarket.ws, userWs: endpoints.polymarket.userWs },
    credentials: { privateKey: endpoints.polymarket.privateKey },
    chainId: endpoints.polymarket.chainId,
    clock: systemClock,
    ...(options.polymarketRequestTimeoutMs ? { requestTimeoutMs: options.polymarketRequestTimeoutMs } : {}),
  });
  const [kd, pd] = await Promise.all([kalshi.discover(), polymarket.discover()]);
  const infos = new Map<MarketRef, MarketInfo>();
  for (const m of [...kd.markets, ...pd.markets]) if (m.status === 'open') infos.set(m.ref, m);

  const relations = (await (await fetch(`${endpoints.admin}/truth/relations`)).json()) as {
    equivalent: [string, string][];
    exclusive: { id: string; members: string[]; exhaustive: boolean }[];
    implies: { if: string; then: string }[];
  };
  const known = (ref: string) => infos.has(ref as MarketRef);
  const scanner = new Scanner({ now: () => systemClock.now() });
  scanner.extend({
    markets: [...infos.values()].map(specOf),
    relations: {
      equivalent: relations.equivalent.map(([t, c]) => [`kalshi:${t}`, `polymarket:${c}`] as [MarketRef, MarketRef]).filter(([a, b]) => known(a) && known(b)),
      exclusive: relations.exclusive.filter((s) => s.members.every(known)).map((s) => ({ ...s, members: s.members as MarketRef[] })),
      implies: relations.implies.filter((r) => known(r.if) && known(r.then)).map((r) => ({ if: r.if as MarketRef, then: r.then as MarketRef })),
    },
  });
  // As the engine's pump applies them: the Kalshi feed checks its sequence numbers itself.
  store.add(kalshi.feed.onMessage((m) => scanner.apply('kalshi', m.data, undefined, kalshi.feed.checksSequence)));
  store.add(kalshi.feed.onBooksInvalidated((refs) => refs.forEach((r) => scanner.setHealth(r, 'unknown'))));
  store.add(polymarket.feed.onMessage((m) => scanner.apply('polymarket', m.data)));
  store.add(polymarket.feed.onBooksInvalidated((refs) => refs.forEach((r) => scanner.setHealth(r, 'unknown'))));
  kalshi.feed.setMarkets(kd.markets);
  polymarket.feed.setMarkets(pd.markets);

  store.add(engine.services.execution.setMarketSource({ markets: () => ({ scanner, marketInfo: (ref) => infos.get(ref) }), publish: () => undefined }));
  store.add(engine.services.execution.attachLiveTrading('kalshi', kalshi.trading!));
  store.add(engine.services.execution.attachLiveTrading('polymarket', polymarket.trading!));
  store.add(engine.services.killSwitch.registerCanceller('kalshi', (signal) => kalshi.trading!.cancelAll(signal)));
  store.add(engine.services.killSwitch.registerCanceller('polymarket', (signal) => polymarket.trading!.cancelAll(signal)));

  const waitForOpportunity: LiveRig['waitForOpportunity'] = async ({ minSize = 5, timeoutMs = 90_000, strategy } = {}) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // A marketable Polymarket BUY needs $1 at least (venues/polymarket/orderRules.ts): legs that
      // cheap at this size would be refused before anything is sent.
      const worthADollar = (x: SizedBasket) => x.basket.legs.every((l, i) => l.book.venue !== 'polymarket' || x.fills[i]!.topPrice * minSize >= 10_000);
      const o = scanner.opportunities().find((x) => x.basket.legs.length === 2 && x.size >= minSize && worthADollar(x) && (strategy === undefined || x.basket.strategy === strategy));
      if (o) return o;
      if (Date.now() > deadline) throw new Error(`no two-leg opportunity of ${minSize}+ contracts within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    engine,
    scanner,
    infos,
    kalshi,
    polymarket,
    call,
    waitForOpportunity,
    dispose() {
      store.dispose();
      kalshi.dispose();
      polymarket.dispose();
      engine.dispose();
    },
  };
}

/** Executes the next cross-venue opportunity of at least `size`; retries while the world moves it away. */
export async function executeNextCrossVenue(r: LiveRig, size: number): Promise<ExecutionResult> {
  for (let attempt = 0; ; attempt++) {
    const o = await r.waitForOpportunity({ minSize: size, strategy: 'cross_venue' });
    const result = (await r.call('execute', { opportunityId: o.basket.id, size })).result as ExecutionResult;
    if (result.status === 'refused' && attempt < 30 && /No longer profitable|stale|unknown|\$1 minimum/.test(result.reason ?? '')) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      continue;
    }
    return result;
  }
}
