import { fileURLToPath } from 'node:url';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import { isLoopbackBind } from '../../shared/requestGuard';
import type { CliCommand } from '../command';
import { probePort } from './servePort';
import { chooseServeToken } from './serveToken';

export const DEFAULT_PORT = 7420;

/** The CLI bundle this code runs from (out/cli/arbdesk.mjs): started again as `arbdesk sim`. */
export function cliEntry(): string {
  return fileURLToPath(new URL('./arbdesk.mjs', import.meta.url));
}

function defaultPort(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new UsageError(`ARBDESK_PORT must be a port number from 1 to 65535, got "${text}"`);
  return port;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the engine and serve the UI in a browser',
  usage: [
    'Usage: arbdesk serve [--port N] [--host H] [--token-file F] [--data-dir D]',
    '',
    'Runs the engine in plain Node and serves the UI. Prints one line: ArbDesk UI: http://…/#token=T',
    '',
    '  --port N       port to listen on (default 7420, or ARBDESK_PORT; taken: a free one;',
    '                 0 picks a free one)',
    '  --host H       address to bind (default 127.0.0.1; anything else warns: others could trade)',
    '  --token-file F the session token, 16-256 of A-Z a-z 0-9 . _ ~ -, from the file\'s first line',
    '                 (default: ARBDESK_TOKEN, else random; --token T works but shows in ps)',
    '  --data-dir D   settings, ledgers and caches (default: the per-user data directory)',
    '',
    'Venues without keys run against the built-in simulator; ARBDESK_SIM_ARGS passes it options,',
    'e.g. ARBDESK_SIM_ARGS="--speed 10 --seed demo --markets 60".',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, ['port', 'host', 'token', 'token-file', 'data-dir']);
    if (args.positional.length > 0) throw new UsageError(`serve takes no arguments, got "${args.positional[0]}"`);
    // The host (zod, ws, keytar, viem) loads only when serving, so other commands start fast.
    const [{ defaultDataDir }, { KeytarSecretStore }, { startServe }, { parseSimArgs }] = await Promise.all([
      import('../../host/dataDir'),
      import('../../host/secrets/keytarStore'),
      import('../../host/serve/serve'),
      import('../../host/simulator/simulatorSupervisor'),
    ]);
    let simArgs: string[];
    try {
      simArgs = parseSimArgs(process.env.ARBDESK_SIM_ARGS);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const requestedPort = intFlag(args, 'port', 0, 65535);
    // ARBDESK_PORT moves the default: like it, it gives way to a free port when another program holds it.
    let port = requestedPort ?? defaultPort(process.env.ARBDESK_PORT);
    const host = stringFlag(args, 'host') ?? '127.0.0.1';
    const token = chooseServeToken(
      { flag: stringFlag(args, 'token'), file: stringFlag(args, 'token-file'), env: process.env.ARBDESK_TOKEN || undefined },
      io.err,
    );
    // The simulator and anything else this process starts need not know it.
    delete process.env.ARBDESK_TOKEN;
    if (!isLoopbackBind(host)) {
      io.err(`ArbDesk WARNING: serving on ${host}, reachable from other machines. Anyone with the token can trade with your keys.`);
    }
    // A second start: the running ArbDesk is named; a port held by something else is not fought over.
    if (port !== 0) {
      const held = await probePort(host, port);
      if (held.kind === 'arbdesk') {
        io.out(`ArbDesk is already running at ${held.url} (open the address it printed, the one ending in #token=…; or stop it first)`);
        return 0;
      }
      if (held.kind === 'other') {
        const why = held.code === 'EADDRINUSE' ? 'is in use by another program' : `cannot be used (${held.code})`;
        if (requestedPort !== undefined) throw new UsageError(`port ${port} ${why}; choose another with --port N, or --port 0 for any free port`);
        io.err(`ArbDesk: port ${port} ${why}; serving on a free port instead.`);
        port = 0;
      }
    }
    const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url)).replace(/\/$/, '');
    const handle = await startServe({
      port,
      host,
      token,
      dataDir: stringFlag(args, 'data-dir') ?? defaultDataDir(),
      rendererDir,
      secrets: new KeytarSecretStore(),
      // Venues without keys run against the simulator: this very CLI, as `arbdesk sim`.
      simulator: { cliPath: cliEntry(), args: simArgs },
      log: io.err,
    });
    io.out(`ArbDesk UI: ${handle.url}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await handle.close();
    return 0;
  },
};
