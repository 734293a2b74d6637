// Starts the built-in simulator (`arbdesk sim`) once, when the first venue needs it, and stops it
// with the host. If it dies, the next venue that needs it starts a new one (and the host restarts
// the venues that were using the old one).
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { startSimulatorProcess, type SimulatorEndpoints, type SimulatorProcess } from './simulatorProcess';

export interface SimulatorSupervisorOptions {
  /** The `arbdesk` CLI entry (the built bundle). */
  cliPath: string;
  /** Node (or Electron running as Node). */
  execPath?: string;
  /** Extra `arbdesk sim` arguments (seed, markets, faults, speed, port). */
  args?: readonly string[];
  /** An already-running simulator: its endpoints are used as they are; nothing is started or stopped. */
  external?: SimulatorEndpoints;
  log: (message: string) => void;
}

// port: the base port (admin at +3), so a script can drive the simulator's admin API (e.g. a rule edit).
const SIM_FLAGS = new Set(['seed', 'markets', 'faults', 'speed', 'port']);

/**
 * Reads ARBDESK_SIM_ARGS ("--speed 5 --seed demo --markets 60 --faults drop=0.01"): the options
 * `arbdesk sim` is started with. Only seed, markets, faults, speed and port are accepted.
 */
export function parseSimArgs(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  const tokens = text.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const eq = token.indexOf('=');
    const name = token.startsWith('--') ? token.slice(2, eq === -1 ? undefined : eq) : null;
    if (name === null || !SIM_FLAGS.has(name)) {
      throw new Error(`ARBDESK_SIM_ARGS: "${token}" is not one of --seed, --markets, --faults, --speed, --port`);
    }
    const value = eq === -1 ? tokens[++i] : token.slice(eq + 1);
    if (value === undefined || value.startsWith('--') || value === '') throw new Error(`ARBDESK_SIM_ARGS: --${name} needs a value`);
    out.push(`--${name}`, value);
  }
  return out;
}

export class SimulatorSupervisor implements IDisposable {
  private current: Promise<SimulatorProcess> | null = null;
  private stopping = false;
  private readonly onDidExitEmitter = new Emitter<void>();
  /** The simulator stopped on its own (crash): venues using it must reconnect to a new one. */
  readonly onDidExit = this.onDidExitEmitter.event;

  constructor(private readonly options: SimulatorSupervisorOptions) {}

  get started(): boolean {
    return this.current !== null;
  }

  /** The simulator's endpoints and test credentials; starts it on first use. */
  endpoints(): Promise<SimulatorEndpoints> {
    if (this.stopping) return Promise.reject(new Error('the host is shutting down'));
    if (this.options.external) return Promise.resolve(this.options.external);
    if (this.current === null) {
      const started = startSimulatorProcess({
        cliPath: this.options.cliPath,
        execPath: this.options.execPath,
        args: this.options.args,
        onExit: (code, stderr) => {
          if (this.stopping) return;
          this.options.log(`ArbDesk: the simulator exited (code ${code}): ${stderr.trim().split('\n').pop() ?? ''}`);
          this.current = null;
          this.onDidExitEmitter.fire();
        },
      });
      this.current = started;
      started.then(
        (sim) => this.options.log(`ArbDesk: simulator started (pid ${sim.child.pid}${this.options.args?.length ? `, ${this.options.args.join(' ')}` : ''})`),
        () => {
          if (this.current === started) this.current = null;
        },
      );
    }
    return this.current.then((sim) => sim.endpoints);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const current = this.current;
    this.current = null;
    if (current) await current.then((sim) => sim.stop(), () => undefined);
  }

  dispose(): void {
    void this.stop();
    this.onDidExitEmitter.dispose();
  }
}
