import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './tempDir';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(ROOT, 'bin', 'arbdesk.mjs');

function assertBuilt(): void {
  if (!existsSync(path.join(ROOT, 'out', 'cli', 'arbdesk.mjs'))) throw new Error('Run `npm run build` before the CLI tests');
}

/** Runs `arbdesk ...args` to completion. */
export function runCli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  assertBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: opts.input,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningCli {
  child: ChildProcess;
  /** The first stdout line. */
  firstLine: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts a long-running `arbdesk` command and resolves once it prints its first stdout line. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<RunningCli> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`arbdesk ${args[0]} printed nothing in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`arbdesk ${args[0]} exited with ${code} before printing; stderr: ${err}`));
    });
  });
  return {
    child,
    firstLine,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** `arbdesk serve` on a free port (or, with defaultPort, on the port it picks itself) with its own data directory. */
export async function startServe(dataDir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}, opts: { defaultPort?: boolean } = {}) {
  const port = opts.defaultPort ? [] : ['--port', '0'];
  const running = await startCli(['serve', ...port, '--data-dir', dataDir, ...extra], env);
  const match = /^ArbDesk UI: (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)$/.exec(running.firstLine);
  if (!match) throw new Error(`Unexpected serve output: ${running.firstLine}`);
  return { ...running, baseUrl: match[1]!, port: Number(match[2]), token: match[3]!, uiUrl: `${match[1]}/#token=${match[3]}` };
}

/**
 * One `arbdesk serve` for a whole describe block, in its own data directory, stopped and removed
 * afterwards. Call at the top of the block; read `.current` inside tests.
 */
export function serveForSuite(hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const holder: { current: Awaited<ReturnType<typeof startServe>> } = { current: undefined as never };
  const dir = tempDir();
  hooks.beforeAll(async () => {
    holder.current = await startServe(dir.path, extra, env);
  });
  hooks.afterAll(async () => {
    await holder.current?.stop();
    dir.remove();
  });
  return holder;
}
