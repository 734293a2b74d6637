// The SQLite binding under the ledger: libsql's sharp edges (see src/engine/ledger/sqlite.ts), each
// reproduced against the real native module and shown to be kept away from the ledger.
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteDatabase } from '../../../../src/engine/ledger/sqlite';
import { tempDir } from '../../../helpers/tempDir';

describe('SQLite binding', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let db: SqliteDatabase;

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir.path, 'test.sqlite');
    db = openSqlite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 200');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL, note TEXT)');
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const insert = () => db.prepare<[{ id: string; n: unknown; note: unknown }]>('INSERT INTO t (id, n, note) VALUES (@id, @n, @note)');

  it('refuses a value SQLite cannot store with a TypeError naming the parameter (libsql would abort the process)', () => {
    expect(() => insert().run({ id: 'a', n: true, note: null })).toThrow(/parameter @n: cannot store boolean/);
    expect(() => insert().run({ id: 'a', n: 1, note: { nested: 1 } })).toThrow(/parameter @note: cannot store object/);
    expect(() => db.prepare('SELECT * FROM t WHERE id = ?').get(false)).toThrow(/parameter 1: cannot store boolean/);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
  });

  it('refuses a missing named parameter instead of binding NULL', () => {
    expect(() => insert().run({ id: 'a', n: 1 } as never)).toThrow(/parameter @note: missing/);
    expect(() => insert().run({ id: 'a', n: undefined, note: 'x' })).toThrow(/parameter @n: missing/);
  });

  it('get() after all() on the same statement reads the new bindings', () => {
    insert().run({ id: 'a', n: 1, note: null });
    insert().run({ id: 'b', n: 2, note: 'x' });
    const atLeast = db.prepare<[number], { id: string; n: number; note: string | null }>('SELECT id, n, note FROM t WHERE n >= ? ORDER BY n');
    expect(atLeast.all(1)).toEqual([{ id: 'a', n: 1, note: null }, { id: 'b', n: 2, note: 'x' }]);
    expect(atLeast.get(5)).toBeUndefined();
    expect(atLeast.get(2)).toEqual({ id: 'b', n: 2, note: 'x' });
    expect(atLeast.all(3)).toEqual([]);
  });

  it('rolls a failed transaction back whole, and a failed nested one back to its savepoint', () => {
    const add = insert();
    expect(() =>
      db.transaction(() => {
        add.run({ id: 'a', n: 1, note: null });
        add.run({ id: 'a', n: 2, note: null });
      })(),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
    expect(db.inTransaction).toBe(false);

    db.transaction(() => {
      add.run({ id: 'outer', n: 1, note: null });
      expect(() => db.transaction(() => {
        add.run({ id: 'inner', n: 2, note: null });
        throw new Error('inner fails');
      })()).toThrow('inner fails');
    })();
    expect(db.prepare('SELECT id FROM t').pluck().all()).toEqual(['outer']);
  });

  it('a write refused as busy leaves the connection able to commit once the lock is free', () => {
    const other = openSqlite(file);
    other.exec('BEGIN IMMEDIATE');
    expect(() => insert().run({ id: 'a', n: 1, note: null })).toThrow(/locked|busy/i);
    other.exec('ROLLBACK');
    other.close();
    db.transaction(() => insert().run({ id: 'b', n: 2, note: null }))();
    expect(db.prepare('SELECT id FROM t').pluck().all()).toEqual(['b']);
  });

  it('close() leaves every commit in the main file, and a closed connection refuses to run', () => {
    const add = insert();
    add.run({ id: 'a', n: 1, note: 'kept' });
    db.close();
    const copy = path.join(dir.path, 'copy.sqlite');
    copyFileSync(file, copy);
    const reader = openSqlite(copy, { readOnly: true });
    expect(reader.prepare('SELECT note FROM t').pluck().get()).toBe('kept');
    expect(() => reader.exec(`INSERT INTO t (id, n) VALUES ('z', 0)`)).toThrow(/readonly/i);
    reader.close();
    expect(() => add.run({ id: 'b', n: 2, note: null })).toThrow(/is not open/);
    db = openSqlite(file);
  });

  it('reads pragmas as values or rows, and opens only existing files when asked to', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('table_info(t)')).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', type: 'TEXT' })]));
    const missing = path.join(dir.path, 'missing.sqlite');
    expect(() => openSqlite(missing, { mustExist: true })).toThrow(/does not exist/);
    expect(existsSync(missing)).toBe(false);
  });
});
