import { spawn, type ChildProcess } from 'node:child_process';
import { z } from 'zod';
import { describeIssue } from '../../shared/contract';
import { WATCHED_CHILD_STDIO } from './parentWatch';

/**
 * The one JSON line `arbdesk sim` prints: per simulated venue (keyed by its id) the endpoints and
 * the test credentials it accepts — each venue's contribution reads its own entry
 * (VenueContribution.simulatorConnection) — and the admin endpoint.
 */
export const SimulatorEndpointsSchema = z
  .object({ admin: z.string().optional() })
  .catchall(z.unknown())
  .refine((e) => Object.values(e).some((v) => typeof v === 'object' && v !== null && !Array.isArray(v)), { message: 'no venue is simulated' });
export type SimulatorEndpoints = { admin?: string } & Readonly<Record<string, unknown>>;

export interface SimulatorProcess {
  endpoints: SimulatorEndpoints;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built-in simulator as its own process (`arbdesk sim`), so the engine talks to it over
 * real loopback sockets exactly as it would to the venues, and a busy simulator never steals the
 * engine's event loop. Under Electron, `execPath` is Electron itself running as Node. It exits
 * when this process does, however this process ends.
 */
export function startSimulatorProcess(opts: {
  cliPath: string;
  args?: readonly string[];
  execPath?: string;
  timeoutMs?: number;
  onExit?: (code: number | null, stderr: string) => void;
}): Promise<SimulatorProcess> {
  const child = spawn(opts.execPath ?? process.execPath, [opts.cliPath, 'sim', '--port', '0', ...(opts.args ?? [])], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    // The IPC channel is how the simulator knows this host is alive: it exits when the channel closes.
    stdio: [...WATCHED_CHILD_STDIO],
  });
  child.channel?.unref();
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8192);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return new Promise((resolve, reject) => {
    let buffer = '';
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      void stop();
      reject(new Error(message));
    };
    const timer = setTimeout(() => fail(`the simulator did not start within ${opts.timeoutMs ?? 20_000} ms`), opts.timeoutMs ?? 20_000);
    child.on('error', (e) => fail(`the simulator could not be started: ${e.message}`));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!settled) fail(`the simulator exited with code ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
      else opts.onExit?.(code, stderr);
    });
    child.stdout!.on('data', (d: Buffer) => {
      if (settled) return;
      buffer += d.toString();
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      let json: unknown;
      try {
        json = JSON.parse(buffer.slice(0, nl));
      } catch {
        return fail('the simulator printed something other than its JSON endpoints line');
      }
      const parsed = SimulatorEndpointsSchema.safeParse(json);
      if (!parsed.success) return fail(`the simulator's endpoints line is invalid: ${describeIssue(parsed.error, 'endpoints').message}`);
      settled = true;
      resolve({ endpoints: parsed.data, child, stop });
    });
  });
}
