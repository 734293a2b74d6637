import { fileURLToPath } from 'node:url';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';

export const DEFAULT_PORT = 7420;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve [--port N] [--host H] [--token T] [--data-dir D]   run the engine and serve the UI in a browser',
  async run(argv, io) {
    const args = parseArgs(argv, ['port', 'host', 'token', 'data-dir']);
    if (args.positional.length > 0) throw new UsageError(`serve takes no arguments, got "${args.positional[0]}"`);
    // The host (zod, ws, keytar, viem) loads only when serving, so other commands start fast.
    const [{ defaultDataDir }, { KeytarSecretStore }, { LOOPBACK_HOSTS, startServe }] = await Promise.all([
      import('../../host/dataDir'),
      import('../../host/secrets/keytarStore'),
      import('../../host/serve/serve'),
    ]);
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
