// The engine as both hosts run it (`arbdesk serve`, Electron main): venues resolved from the
// keychain or the simulator (one resolution code path), and the simulator stopped with the host.
import { createEngine, RedactingSecretStore, Redactor, type Engine, type EngineOptions, type SecretStore } from '../engine';
import type { SimulatorEndpoints } from './simulator/simulatorProcess';
import { createHostVenues } from './venues/hostVenues';

export interface HostEngineOptions {
  host: EngineOptions['host'];
  dataDir: string;
  secrets: SecretStore;
  /**
   * How to start `arbdesk sim` when a venue runs against the simulator; or `{ external }`: every
   * venue runs against an already-running simulator (its printed endpoints), whatever the keychain
   * and the selected environments say (`arbdesk chaos`, crash tests). null: no venues.
   */
  simulator: { cliPath: string; execPath?: string; args?: readonly string[] } | { external: SimulatorEndpoints } | null;
  live?: EngineOptions['live'];
  log: (message: string) => void;
  /** Connectors in place of the venues' own (tests). */
  connect?: EngineOptions['connect'];
}

export interface HostEngine {
  engine: Engine;
  close(): Promise<void>;
}

export async function createHostEngine(options: HostEngineOptions): Promise<HostEngine> {
  // One redactor for the engine and the host: it learns every key the resolver reads.
  const redactor = new Redactor();
  const secrets = new RedactingSecretStore(options.secrets, redactor);
  const log = (message: string) => options.log(redactor.redact(message));
  const venues = options.simulator === null
    ? null
    : 'external' in options.simulator
      ? createHostVenues({ secrets, log, cliPath: '', external: options.simulator.external })
      : createHostVenues({ secrets, log, ...options.simulator });
  const engine = await createEngine({
    host: options.host,
    dataDir: options.dataDir,
    secrets,
    redactor,
    venues: venues?.resolver,
    live: options.live,
    log,
    ...(options.connect ? { connect: options.connect } : {}),
  });
  // A simulator that died is replaced; the venues that used it reconnect to the new one.
  const exitSub = venues?.simulator.onDidExit(() => void engine.services.venues.restartWhere((env) => env === 'simulator'));
  return {
    engine,
    async close() {
      exitSub?.dispose();
      engine.dispose();
      await venues?.close();
    },
  };
}
