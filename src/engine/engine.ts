// The engine as a host holds it: run a command, read the state, hear the events, dispose. Built by
// `Engine.create` through the one composition function (compose.ts). It never imports Electron; it
// runs the same in Electron main and under `arbdesk serve`.
import type { AppState, CommandName, CommandPayload, CommandResult, ContractEvent } from '../shared/contract';
import type { Event, IDisposable } from '../shared/lifecycle';
import { compose, type Composition, type EngineOptions, type EngineServices } from './compose';
import { ensurePrivateDir } from './platform/privateFiles';
import { readSecretsStatus } from './secrets/secretsStatus';
// The registration list: the built-in venues are registered whoever builds the engine.
import { venueRegistry } from './venues';

export type { EngineOptions, EngineServices } from './compose';

export class Engine implements IDisposable {
  /** Every contract event, for the host's transport to push to the UI. */
  readonly onEvent: Event<ContractEvent>;
  /** The services the composition built (tools and tests read them; the services never do). */
  readonly services: EngineServices;

  private constructor(
    private readonly composition: Composition,
    readonly options: EngineOptions,
  ) {
    this.onEvent = composition.onEvent;
    this.services = composition.services;
  }

  /** Builds the engine and starts its venues in the background: the host answers the UI at once. */
  static async create(options: EngineOptions): Promise<Engine> {
    // 0700, and every file in it 0600: the ledgers are the trader's trading history.
    const dataDirProblems = ensurePrivateDir(options.dataDir);
    const registry = options.registry ?? venueRegistry;
    const engine = new Engine(compose(options, registry, await readSecretsStatus(options.secrets, registry), dataDirProblems), options);
    void engine.composition.start().catch((e: unknown) => engine.services.activity.append({ kind: 'error', level: 'error', message: `Venues failed to start: ${(e as Error).message}` }));
    return engine;
  }

  /** Blanks every key the engine has read or stored (the host's logging shares it). */
  get redactor(): EngineServices['redactor'] {
    return this.services.redactor;
  }

  /** Runs one command whose payload the host has already validated against the contract. */
  handle<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult<C>> {
    const handler = this.composition.handlers[command] as (p: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
    return Promise.resolve().then(() => handler(payload));
  }

  snapshot(): AppState {
    return this.composition.snapshot();
  }

  dispose(): void {
    this.composition.dispose();
  }
}
