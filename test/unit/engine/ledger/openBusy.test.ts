// Another process (a second ArbDesk, a CLI reading the ledger, a crashed engine's WAL being
// recovered) may hold the ledger's lock for a moment. Opening must wait for it, not fail at once
// with "database is locked": the restart after a crash did in CI, because switching to WAL ran
// before the busy timeout was set.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { tempDir } from '../../../helpers/tempDir';
import { ManualClock } from '../risk/fixtures';

const ROOT = path.resolve(__dirname, '../../../..');

/** A child process that takes an exclusive lock on `file` and releases it after `holdMs`. */
function holdLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Libsql = require('libsql');
    const db = new Libsql(process.argv[1]);
    db.exec('PRAGMA journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (a)');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('INSERT INTO holder VALUES (1)');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const released = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`holder exited ${code}: ${stderr}`)))));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ released }));
    released.catch(reject);
  });
}

describe('opening a ledger another process holds locked', () => {
  const dir = tempDir();
  afterEach(() => dir.remove());

  it('waits for the lock and opens, instead of failing with "database is locked"', async () => {
    const file = path.join(dir.path, 'ledger-paper.sqlite');
    const { released } = await holdLock(file, 400);
    const ledger = Ledger.open(file, { mode: 'paper', clock: new ManualClock() });
    try {
      expect(ledger.durability().journalMode).toBe('wal');
    } finally {
      ledger.close();
    }
    await released;
  });
});
