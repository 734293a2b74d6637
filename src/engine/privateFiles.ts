// The data directory holds the trader's ledgers (every order and fill), settings and caches:
// nobody else on the machine reads them. The directory is 0700 and every file in it 0600.
// Windows has no such modes (its ACLs already keep a profile's AppData private), so nothing is
// changed there.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Deep enough for the caches under the data directory; symbolic links are never followed. */
const MAX_DEPTH = 4;

const applies = (platform: NodeJS.Platform) => platform !== 'win32';

/**
 * Creates the directory (0700) or takes an existing one down to 0700, and takes every file and
 * folder in it down to 0600 / 0700 (files kept from older versions were 0644). Returns what it
 * could not change, for the activity log; it never throws for a mode it could not set.
 */
export function ensurePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): string[] {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!applies(platform)) return [];
  const problems: string[] = [];
  tighten(dir, 0, problems);
  return problems;
}

/**
 * Takes existing files down to 0600 (a ledger and its -wal/-shm right after SQLite opens them;
 * SQLite creates later journals with the database file's mode). Never throws: the directory's
 * 0700 is what keeps others out; this is the second wall.
 */
export function restrictToOwner(files: readonly string[], platform: NodeJS.Platform = process.platform): void {
  if (!applies(platform)) return;
  for (const file of files) {
    try {
      const stat = lstatSync(file);
      if (stat.isFile() && (stat.mode & 0o077) !== 0) chmodSync(file, (stat.mode & 0o777) & PRIVATE_FILE_MODE);
    } catch {
      // Gone, or not ours to change.
    }
  }
}

function tighten(target: string, depth: number, problems: string[]): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return;
  }
  if (stat.isSymbolicLink()) return;
  const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : stat.isFile() ? PRIVATE_FILE_MODE : null;
  if (wanted === null) return;
  if ((stat.mode & 0o777 & ~wanted) !== 0) {
    try {
      chmodSync(target, (stat.mode & 0o777) & wanted);
    } catch (e) {
      problems.push(`${target}: mode ${(stat.mode & 0o777).toString(8)} could not be restricted (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  if (!stat.isDirectory() || depth >= MAX_DEPTH) return;
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch {
    return;
  }
  for (const entry of entries) tighten(path.join(target, entry), depth + 1, problems);
}
