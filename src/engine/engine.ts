import { mkdirSync } from 'node:fs';
import {
  type AppState, type CommandName, type CommandPayload, type CommandResult, type ContractEvent, type EventName,
  type EventPayload, type PositionsView, type SecretName, type SecretsStatus, type SessionStats, SECRET_NAMES,
} from '../shared/contract';
import { Disposable, Emitter, toDisposable } from '../shared/lifecycle';
import { ARBDESK_VERSION } from '../shared/version';
import { ActivityLog } from './activity/activityLog';
import { systemClock, type Clock } from './clock';
import { createCommandHandlers, type CommandHandlers } from './commandHandlers';
import { RiskService } from './risk/riskService';
import type { SecretStore } from './secrets/secretStore';
import { SettingsStore } from './settings/settingsStore';

export interface EngineOptions {
  /** Which host runs the engine; shown to the trader. */
  host: 'electron' | 'serve';
  /** Where settings and ledgers live. Created if missing. */
  dataDir: string;
  secrets: SecretStore;
  clock?: Clock;
}

/**
 * The composition root (DESIGN.md "engine.ts"): builds the services, owns their lifetimes, and is
 * the only thing a host talks to. It never imports Electron; it runs the same in Electron main and
 * under `arbdesk serve`.
 */
export class Engine extends Disposable {
  private readonly onEventEmitter = this.register(new Emitter<ContractEvent>());
  /** Every contract event, for the host's transport to push to the UI. */
  readonly onEvent = this.onEventEmitter.event;

  readonly clock: Clock;
  readonly activity: ActivityLog;
  readonly settings: SettingsStore;
  readonly risk: RiskService;
  readonly startedAt: number;
  private secretsStatus: SecretsStatus;
  private readonly handlers: CommandHandlers;

  private constructor(
    readonly options: EngineOptions,
    secretsStatus: SecretsStatus,
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.secretsStatus = secretsStatus;
    this.activity = new ActivityLog(this.clock);
    this.register(toDisposable(() => this.activity.dispose()));
    this.settings = SettingsStore.inDir(options.dataDir);
    this.risk = new RiskService(this.clock, this.settings.get().limits);
    this.register(toDisposable(() => this.risk.dispose()));

    this.register(this.activity.onDidAppend((entry) => this.emit('activity', entry)));
    this.register(this.risk.onDidChange((state) => this.emit('breaker', state)));
    this.handlers = createCommandHandlers(this);

    if (this.settings.loadProblem) {
      this.activity.append({ kind: 'error', level: 'error', message: `Settings file rejected: ${this.settings.loadProblem}` });
    }
    this.activity.append({ kind: 'info', message: `Engine ${ARBDESK_VERSION} started (${options.host}, ${this.settings.get().mode} mode)` });
  }

  static async create(options: EngineOptions): Promise<Engine> {
    mkdirSync(options.dataDir, { recursive: true });
    return new Engine(options, await readSecretsStatus(options.secrets));
  }

  /** Runs one command whose payload the host has already validated against the contract. */
  handle<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult<C>> {
    const handler = this.handlers[command] as (p: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
    return Promise.resolve().then(() => handler(payload));
  }

  snapshot(): AppState {
    const settings = this.settings.get();
    return {
      protocol: 1,
      engine: { version: ARBDESK_VERSION, startedAt: this.startedAt, host: this.options.host, now: this.clock.now() },
      mode: settings.mode,
      venues: [],
      breaker: this.risk.state(),
      limits: this.risk.limits(),
      opportunities: [],
      positions: this.positions(),
      activity: this.activity.query({ limit: 500 }),
      links: [],
      stats: this.stats(),
      secrets: this.secretsStatus,
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.onEventEmitter.fire({ event, payload } as ContractEvent);
  }

  secrets(): SecretsStatus {
    return this.secretsStatus;
  }

  async refreshSecretsStatus(): Promise<SecretsStatus> {
    this.secretsStatus = await readSecretsStatus(this.options.secrets);
    this.emit('secrets', this.secretsStatus);
    return this.secretsStatus;
  }

  positions(): PositionsView {
    const zero = '0';
    return {
      mode: this.settings.get().mode,
      baskets: [],
      venues: [],
      totals: { lockedIn: zero, realised: zero, fees: zero, openExposure: zero, pnlToday: zero },
    };
  }

  stats(): SessionStats {
    return { since: this.startedAt, opportunitiesSeen: 0, executions: 0, fills: 0, fillRate: null, pnlToday: '0', trips: this.risk.state().trips.length };
  }
}

async function readSecretsStatus(store: SecretStore): Promise<SecretsStatus> {
  const keychain = await store.status();
  const set = {} as Record<SecretName, boolean>;
  for (const name of SECRET_NAMES) set[name] = keychain.available ? await store.has(name) : false;
  return { keychain, set };
}
