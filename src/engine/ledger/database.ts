import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Mode } from '../../shared/contract';
import { LedgerError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';
import { openSqlite, type SqliteDatabase } from './sqlite';

export type { SqliteDatabase } from './sqlite';

/**
 * How hard each commit is pushed to disk. Both survive the process being killed at any point
 * (WAL: a commit is in the log before the call returns). They differ on power loss or an OS crash:
 * - full: every commit is fsynced. An order intent is on disk before the order is sent, so a
 *   machine that dies mid-trade still knows the order existed. The cost, one fsync per write, is
 *   small next to a venue round trip. The live ledger uses it.
 * - normal: fsync only at checkpoints; the last commits may be lost with the machine. Nothing real
 *   is at stake in paper trading, so the paper ledger takes the cheaper writes.
 */
export type Durability = 'full' | 'normal';

export function durabilityFor(mode: Mode): Durability {
  return mode === 'live' ? 'full' : 'normal';
}

export function ledgerFileName(mode: Mode): string {
  return `ledger-${mode}.sqlite`;
}

export function ledgerPath(dataDir: string, mode: Mode): string {
  return path.join(dataDir, ledgerFileName(mode));
}

/** Opens (creating if needed) and migrates a ledger file; refuses a file of the other mode. */
export function openLedgerDatabase(file: string, mode: Mode, durability: Durability): SqliteDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = openSqlite(file);
  } catch (e) {
    throw new LedgerError('unreadable', 'file', `cannot open ledger ${file}: ${(e as Error).message}`);
  }
  try {
    // First: switching to WAL (and recovering a WAL a crash left) takes locks another connection
    // may hold for a moment; without a busy timeout that open fails at once with "database is locked".
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    checkMode(db, file, mode);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof LedgerError) throw e;
    throw new LedgerError('unreadable', 'file', `cannot open ledger ${file}: ${(e as Error).message}`);
  }
}

function migrate(db: SqliteDatabase, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new LedgerError(
      'schema_too_new',
      'file',
      `ledger ${file} has schema version ${current}, newer than this ArbDesk understands (${SCHEMA_VERSION}); it was left untouched`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

function checkMode(db: SqliteDatabase, file: string, mode: Mode): void {
  const row = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'mode'`).get();
  if (!row) {
    db.prepare(`INSERT INTO meta (key, value) VALUES ('mode', ?)`).run(mode);
    return;
  }
  if (row.value !== mode) {
    throw new LedgerError('wrong_mode', 'file', `ledger ${file} belongs to ${row.value} trading, not ${mode}; paper and live never share a ledger`);
  }
}
