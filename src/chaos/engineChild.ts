// `arbdesk chaos engine`: the engine as `arbdesk serve` runs it (HTTP API, WebSocket, ledger in the
// data dir), in live mode against an already-running simulator with its test credentials, for the
// crash-recovery test to drive, kill and restart. Prints one JSON line once both venues trade and
// the ledger's open orders are reconciled: {"url","token","pending"}.
import { readFileSync } from 'node:fs';
import type { VenueId } from '../shared/ids';
import { DEFAULT_LIMITS, type Engine } from '../engine';
import { startServe, type ServeHandle } from '../host/serve/serve';
import { SimulatorEndpointsSchema } from '../host/simulator/simulatorProcess';
import { CrashHook, type CrashWindow } from './crashHooks';
import { SimulatorCredentialStore } from '../host/simulator/simulatorSecrets';

export interface EngineChildOptions {
  simEndpointsFile: string;
  dataDir: string;
  rendererDir: string;
  crashAt?: CrashWindow;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startEngineChild(options: EngineChildOptions): Promise<{ handle: ServeHandle; ready: { url: string; token: string; pending: number } }> {
  const endpoints = SimulatorEndpointsSchema.parse(JSON.parse(readFileSync(options.simEndpointsFile, 'utf8')));
  const handle = await startServe({
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    rendererDir: options.rendererDir,
    secrets: new SimulatorCredentialStore(endpoints),
    simulator: { external: endpoints },
    log: options.log,
  });
  const engine = handle.engine;
  const { venues, execution, risk } = engine.services;
  // The venues this trader runs (the default jurisdiction leaves Polymarket US out).
  const ids = venues.available;
  if (options.crashAt) {
    const hook = new CrashHook(options.crashAt, (req) => engine.services.ledger.order(req.clientOrderId)?.purpose === 'entry');
    const installed = new Set<unknown>();
    const install = (id: VenueId) => {
      const api = venues.trading(id);
      if (api && !installed.has(api)) {
        installed.add(api);
        hook.install(api);
      }
    };
    venues.onDidStart(({ id }) => install(id));
    ids.forEach(install);
  }
  // Limits reviewed (live mode asks for it): the defaults on a fresh data dir, as persisted after.
  await engine.handle('setLimits', { limits: { ...DEFAULT_LIMITS, ...risk.limits() } });
  await engine.handle('setMode', { mode: 'live', confirmation: 'LIVE' });
  await waitFor(() => ids.every((v) => execution.trading(v) !== null && engine.services.venueStatuses().find((s) => s.venue === v)?.connection === 'connected'), 'every venue trading', 60_000);
  if (endpoints.admin) await confirmTrueLinks(engine, endpoints.admin);
  // Serialised behind the reconciliation each venue started when it attached.
  await execution.reconcile(ids);
  return { handle, ready: { url: handle.url, token: handle.token, pending: engine.services.ledger.pendingOrders().length } };
}

async function waitFor(fn: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The trader confirms the cross-venue links the simulator knows to be true, once they are suggested. */
async function confirmTrueLinks(engine: Engine, admin: string): Promise<void> {
  const relations = (await (await fetch(`${admin}/truth/relations`)).json()) as { equivalentRefs: [string, string][] };
  const truth = new Set(relations.equivalentRefs.map((pair) => [...pair].sort().join('|')));
  const isTrue = (l: { sides: readonly { market: string }[] }) => truth.has(l.sides.map((s) => s.market).sort().join('|'));
  const links = engine.services.links;
  const deadline = Date.now() + 20_000;
  while (links.list().filter(isTrue).length < truth.size && Date.now() < deadline) await sleep(100);
  for (const link of links.list()) {
    // As the same proposition, as the world holds them; where the specs state a strike on another
    // grid ("above 5899.99" vs "5,900 or higher") that is an override, with the reason kept.
    if (link.status !== 'confirmed' && isTrue(link)) links.confirm(link.id, 'identical', { reason: 'the simulator holds these the same proposition' });
  }
}
