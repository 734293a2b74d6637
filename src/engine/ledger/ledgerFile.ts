// What must be true of a ledger file before SQLite is given it, whatever SQLite binding opens it.
// SQLite treats an empty file as a new database: a ledger truncated to zero bytes would start
// over silently, its history, positions and breaker state (an engaged kill switch included) gone.
// A missing file is a first run and is created; an empty or unreadable one stops the start.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { restrictToOwner } from '../platform/privateFiles';
import { LedgerError } from './errors';

const SQLITE_HEADER = 'SQLite format 3\0';

/** The file and the journals SQLite keeps beside it. */
export function ledgerFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/** Throws a LedgerError naming the file when it exists but cannot be a ledger to open. */
export function checkLedgerFile(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw refuse(file, 'is a directory, not a ledger file');
    if (!stat.isFile()) throw refuse(file, 'is not a regular file');
    size = stat.size;
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw refuse(file, `cannot be examined (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size === 0) {
    throw refuse(
      file,
      'is empty (0 bytes): restore it from a backup, or move it aside to start a new ledger; ArbDesk will not silently start it over (it held your orders, fills and breaker state)',
    );
  }
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch (e) {
    throw refuse(file, `cannot be opened for reading and writing (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read < head.length || head.toString('latin1') !== SQLITE_HEADER) throw refuse(file, 'is not an SQLite database (its header is wrong); it was left untouched');
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    throw refuse(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** The ledger and its journals readable by their owner only. */
export function restrictLedgerFiles(file: string): void {
  restrictToOwner(ledgerFiles(file));
}

function refuse(file: string, problem: string): LedgerError {
  return new LedgerError('unreadable', 'file', `ledger ${file} ${problem}`);
}
