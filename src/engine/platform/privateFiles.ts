// The data directory holds the trader's ledgers (every order and fill), settings and caches:
// nobody else on the machine reads them. The directory is 0700 and ArbDesk's files in it 0600.
// Windows has no such modes (its ACLs already keep a profile's AppData private), so nothing is
// changed there.
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/**
 * What ArbDesk keeps in its data directory: ledgers and their journals, settings, cross-venue
 * links, the discovery cache, the kill switch record (with the files kept aside when rejected).
 * Nothing else there is touched: --data-dir may point at a folder that holds other things too.
 */
const OWN_FILE = /^(ledger-(paper|live)\.sqlite(-wal|-shm|-journal)?|(settings|links|discovery-cache|kill-switch)\.json([.-].*)?)$/;

const applies = (platform: NodeJS.Platform) => platform !== 'win32';

/**
 * Creates the directory (0700), and takes ArbDesk's own files in it down to 0600 (files kept
 * from older versions were 0644). An existing directory is taken down to 0700 when it holds
 * nothing but ArbDesk's files; one that holds other things is left as it is and reported.
 * Returns what it could not make private, for the activity log; it never throws for a mode.
 */
export function ensurePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): string[] {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!applies(platform)) return [];
  const problems: string[] = [];
  const entries = readdirSync(dir);
  const own = entries.filter((name) => OWN_FILE.test(name));
  restrictToOwner(own.map((name) => path.join(dir, name)), platform, problems);
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    if (own.length === entries.length) {
      try {
        chmodSync(dir, mode & PRIVATE_DIR_MODE);
      } catch (e) {
        problems.push(`${dir}: mode ${mode.toString(8)} could not be restricted (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    } else {
      problems.push(`${dir} is readable by other users (mode ${mode.toString(8)}) and holds files that are not ArbDesk's, so its mode was left alone; use a folder of its own`);
    }
  }
  return problems;
}

/**
 * Takes existing files down to 0600 (a ledger and its -wal/-shm right after SQLite opens them;
 * SQLite creates later journals with the database file's mode). Never throws: the directory's
 * 0700 is what keeps others out; this is the second wall.
 */
export function restrictToOwner(files: readonly string[], platform: NodeJS.Platform = process.platform, problems: string[] = []): void {
  if (!applies(platform)) return;
  for (const file of files) {
    let mode: number;
    try {
      const stat = lstatSync(file);
      // A symbolic link is not followed: what it points at is not ours to change.
      if (!stat.isFile() || (stat.mode & 0o077) === 0) continue;
      mode = stat.mode & 0o777;
    } catch {
      continue; // gone since it was listed
    }
    try {
      chmodSync(file, mode & PRIVATE_FILE_MODE);
    } catch (e) {
      problems.push(`${file}: mode ${mode.toString(8)} could not be restricted (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
}
