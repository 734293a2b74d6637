import { fileURLToPath } from 'node:url';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import { isLoopbackBind } from '../../shared/requestGuard';
import type { CliCommand } from '../command';
import { chooseServeToken } from './serveToken';

export const DEFAULT_PORT = 7420;

/** The CLI bundle this code runs from (out/cli/arbdesk.mjs): started again as `arbdesk sim`. */
export function cliEntry(): string {
  return fileURLToPath(new URL('./arbdesk.mjs', import.meta.url));
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve [--port N] [--host H] [--token-file F] [--data-dir D]   run the engine and serve the UI in a browser (ARBDESK_TOKEN: the session token; ARBDESK_SIM_ARGS: options for the simulator used without keys)',
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
    const port = intFlag(args, 'port', 0, 65535) ?? DEFAULT_PORT;
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
