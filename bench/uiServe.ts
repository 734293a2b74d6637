// `arbdesk serve` on the simulator for the UI benchmark: started as the user starts it, with the
// simulator's size and speed through ARBDESK_SIM_ARGS, and read back through its script API.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServeHandle {
  uiUrl: string;
  baseUrl: string;
  token: string;
  stderr(): string;
  api<T>(path: string, method?: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startServeForBench(cli: string, dataDir: string, simArgs: string): Promise<ServeHandle> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, ARBDESK_SIM_ARGS: simArgs, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`arbdesk serve printed nothing in 30 s; stderr: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`arbdesk serve exited with ${code}; stderr: ${err}`));
    });
  });
  const match = /^ArbDesk UI: (http:\/\/[^/\s]+)\/#token=(\S+)$/.exec(first);
  if (!match) throw new Error(`unexpected serve output: ${first}`);
  const [, baseUrl, token] = match as unknown as [string, string, string];
  return {
    uiUrl: `${baseUrl}/#token=${token}`,
    baseUrl,
    token,
    stderr: () => err,
    async api<T>(path: string, method = 'GET') {
      const res = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
      return (await res.json()) as T;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
