import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../args';

const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;
const TOKEN_RULE = '16 to 256 characters of A-Z a-z 0-9 . _ ~ -';

export interface TokenSources {
  /** --token: visible to every local user in `ps`; accepted with a warning. */
  flag?: string;
  /** --token-file: the first line of a file. */
  file?: string;
  /** ARBDESK_TOKEN. */
  env?: string;
}

/**
 * The session token `serve` should use, or undefined for a fresh random one. Given at most one
 * way; a token from the environment or a file never appears on the command line. `warn` gets one
 * line for each risk seen (never the token).
 */
export function chooseServeToken(sources: TokenSources, warn: (line: string) => void, platform: NodeJS.Platform = process.platform): string | undefined {
  const given = (['flag', 'file', 'env'] as const).filter((k) => sources[k] !== undefined);
  if (given.length > 1) throw new UsageError('give the token one way only: ARBDESK_TOKEN, --token-file or --token');
  if (sources.flag !== undefined) {
    warn('ArbDesk WARNING: --token is visible to every user of this machine (ps, /proc); use ARBDESK_TOKEN or --token-file instead.');
    return checked(sources.flag, '--token');
  }
  if (sources.env !== undefined) return checked(sources.env, 'ARBDESK_TOKEN');
  if (sources.file !== undefined) return checked(readTokenFile(sources.file, warn, platform), `--token-file ${sources.file}`);
  return undefined;
}

function checked(token: string, where: string): string {
  if (!TOKEN_PATTERN.test(token)) throw new UsageError(`${where}: the token must be ${TOKEN_RULE}`);
  return token;
}

function readTokenFile(file: string, warn: (line: string) => void, platform: NodeJS.Platform): string {
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`--token-file ${file}: is a directory, not a file`);
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      warn(`ArbDesk WARNING: --token-file ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it.`);
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--token-file ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return text.split(/\r?\n/, 1)[0]!.trim();
}
