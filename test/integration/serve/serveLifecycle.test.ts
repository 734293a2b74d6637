// `arbdesk serve` as a user starts it twice, or kills it: the simulator child never outlives it,
// and a second start on a taken port names the running ArbDesk or moves to a free port.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { isAlive } from '../../helpers/process';

/** A program that is not ArbDesk, holding a loopback port. */
async function occupyPort(): Promise<{ close: () => Promise<void>; port: number }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const close = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  return { close, port: address.port };
}

describe('arbdesk serve, started twice or killed', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('its simulator child exits when serve is SIGKILLed', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const serve = await startServe(dir.path, [], { ARBDESK_SIM_ARGS: '--markets 6', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    cleanups.push(() => serve.stop());
    const pid = await until(() => {
      const m = /simulator started \(pid (\d+)/.exec(serve.stderr());
      return m ? Number(m[1]) : null;
    }, 'the simulator to start', 30_000, 100);
    expect(isAlive(pid)).toBe(true);
    serve.child.kill('SIGKILL');
    await until(() => !isAlive(pid), 'the simulator to exit after its host was killed', 10_000, 50);
  });

  it('a second serve on the same port says ArbDesk is already running at its address, and starts nothing', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const first = await startServe(dir.path);
    cleanups.push(() => first.stop());
    const other = tempDir();
    cleanups.push(() => other.remove());
    const second = runCli(['serve', '--port', String(first.port), '--data-dir', other.path]);
    expect(second.stdout.trim()).toBe(`ArbDesk is already running at http://127.0.0.1:${first.port}/ (open the address it printed, the one ending in #token=…; or stop it first)`);
    expect(second.code).toBe(0);
    // The running one still answers; the second never opened a ledger.
    expect((await fetch(`${first.baseUrl}/api/state`, { headers: { Authorization: `Bearer ${first.token}` } })).status).toBe(200);
    expect(second.stderr).toBe('');
  });

  it('a default port held by another program: serves on a free port and says so in one line', async () => {
    const { close, port } = await occupyPort();
    cleanups.push(close);
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const serve = await startServe(dir.path, [], { ARBDESK_PORT: String(port) }, { defaultPort: true });
    cleanups.push(() => serve.stop());
    expect(serve.port).not.toBe(port);
    expect(serve.stderr()).toContain(`ArbDesk: port ${port} is in use by another program; serving on a free port instead.`);
    expect((await fetch(`${serve.baseUrl}/api/state`, { headers: { Authorization: `Bearer ${serve.token}` } })).status).toBe(200);
  });

  it('an explicit --port held by another program is refused with the way out', async () => {
    const { close, port } = await occupyPort();
    cleanups.push(close);
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const r = runCli(['serve', '--port', String(port), '--data-dir', dir.path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`arbdesk serve: port ${port} is in use by another program; choose another with --port N, or --port 0 for any free port`);
  });

  it('refuses an ARBDESK_PORT that is not a port', () => {
    const r = runCli(['serve'], { env: { ARBDESK_PORT: '70000' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ARBDESK_PORT must be a port number from 1 to 65535, got "70000"/);
  });
});
