import { fileURLToPath } from 'node:url';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';

export const DEFAULT_PORT = 7420;

/** The CLI bundle this code runs from (out/cli/arbdesk.mjs): started again as `arbdesk sim`. */
export function cliEntry(): string {
  return fileURLToPath(new URL('./arbdesk.mjs', import.meta.url));
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the engine and serve the UI in a browser',
  usage: [
    'Usage: arbdesk serve [--port N] [--host H] [--token T] [--data-dir D]',
    '',
    'Runs the engine in plain Node and serves the UI. Prints one line: ArbDesk UI: http://…/#token=T',
    '',
    '  --port N       port to listen on (default 7420; 0 picks a free one)',
    '  --host H       address to bind (default 127.0.0.1; anything else warns: others could trade)',
    '  --token T      session token, 16-256 of A-Z a-z 0-9 . _ ~ - (default: random)',
    '  --data-dir D   settings, ledgers and caches (default: the per-user data directory)',
    '',
    'Venues without keys run against the built-in simulator; ARBDESK_SIM_ARGS passes it options,',
    'e.g. ARBDESK_SIM_ARGS="--speed 10 --seed demo --markets 60".',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, ['port', 'host', 'token', 'data-dir']);
    if (args.positional.length > 0) throw new UsageError(`serve takes no arguments, got "${args.positional[0]}"`);
    // The host (zod, ws, keytar, viem) loads only when serving, so other commands start fast.
    const [{ defaultDataDir }, { KeytarSecretStore }, { LOOPBACK_HOSTS, startServe }, { parseSimArgs }] = await Promise.all([
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
    const port = intFlag(args, 'port', 0, 65535) ?? DEFAULT_PORT;
    const host = stringFlag(args, 'host') ?? '127.0.0.1';
    const token = stringFlag(args, 'token');
    if (token !== undefined && !/^[A-Za-z0-9._~-]{16,256}$/.test(token)) {
      throw new UsageError('--token must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -');
    }
    if (!LOOPBACK_HOSTS.has(host)) {
      io.err(`ArbDesk WARNING: serving on ${host}, reachable from other machines. Anyone with the token can trade with your keys.`);
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
