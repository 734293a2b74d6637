// The SQLite binding the ledger runs on: libsql, the SQLite C engine behind an N-API module. N-API
// is one binary for every Node and Electron version, so the same prebuilt file (an optional
// per-platform package from the npm registry) loads in `arbdesk serve` and in Electron's main
// process with nothing rebuilt at install.
//
// libsql's JavaScript layer has sharp edges this wrapper keeps away from the ledger:
// - a value it cannot bind (a boolean, an object) panics in Rust and aborts the whole process:
//   every value is checked here first, and a bad one is a TypeError naming the parameter;
// - a named parameter missing from the object binds NULL silently: it is an error here;
// - get() after all() on the same statement skips the reset and re-reads the old bindings: each
//   statement keeps one native statement for get() and another for all();
// - a write that fails SQLITE_BUSY mid-statement stays "in progress" and blocks every later
//   COMMIT: every write runs inside BEGIN IMMEDIATE, so the lock is taken (or refused) before any
//   statement steps;
// - get() rows carry a `_metadata` property: rows are built from the column names instead;
// - close() leaves the connection open until the garbage collector finalizes its statements, so
//   the last commits may still sit in the WAL: close() checkpoints them into the main file first,
//   and a closed connection's statements refuse to run.
import Libsql from 'libsql';
import { existsSync } from 'node:fs';

export type SqliteValue = null | number | bigint | string | Uint8Array;

export interface SqliteRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqliteStatement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): SqliteRunResult;
  /** The first row, or undefined. */
  get(...params: P): R | undefined;
  all(...params: P): R[];
  /** The same statement returning only the first column of each row. */
  pluck(): SqliteStatement<P, unknown>;
}

export interface SqliteDatabase {
  /** The file this connection opened. */
  readonly name: string;
  readonly inTransaction: boolean;
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqliteStatement<P, R>;
  exec(sql: string): void;
  /** Wraps fn in a transaction (a savepoint when nested): committed when it returns, rolled back when it throws. */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
  /** `PRAGMA source`; simple: the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

type NativeStatement = Libsql.Statement<unknown[]>;

const NAMED_PARAMETER = /[@:$]([A-Za-z_][A-Za-z0-9_]*)/g;

function checkValue(value: unknown, where: string): SqliteValue {
  if (value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new TypeError(`SQLite parameter ${where}: cannot store ${value === undefined ? 'undefined' : typeof value} (only null, numbers, bigints, strings and bytes)`);
}

class Statement<P extends unknown[], R> implements SqliteStatement<P, R> {
  private readonly named: readonly string[];
  private reader: NativeStatement | null = null;
  private lister: NativeStatement | null = null;
  private writer: NativeStatement | null = null;
  private columnNames: readonly string[] = [];

  constructor(
    private readonly db: Database,
    private readonly sql: string,
    private readonly plucked = false,
  ) {
    // Prepared now, so a syntax error surfaces where the statement is written.
    const probe = db.native(sql);
    this.named = [...new Set([...sql.matchAll(NAMED_PARAMETER)].map((m) => m[1]!))];
    if (probe.reader) {
      this.reader = probe.raw(true) as NativeStatement;
      this.columnNames = probe.columns().map((c) => c.name);
    } else {
      this.writer = probe;
    }
  }

  pluck(): SqliteStatement<P, unknown> {
    return new Statement<P, unknown>(this.db, this.sql, true);
  }

  run(...params: P): SqliteRunResult {
    this.db.assertOpen();
    if (this.writer === null) throw new TypeError(`run() on a statement that returns rows: use all() (${this.sql.slice(0, 60)})`);
    const bound = this.bind(params);
    const writer = this.writer;
    const { changes, lastInsertRowid } = this.db.inTransaction
      ? writer.run(...bound)
      : this.db.transaction(() => writer.run(...bound))();
    return { changes, lastInsertRowid };
  }

  get(...params: P): R | undefined {
    this.db.assertOpen();
    const reader = this.readerOrThrow();
    const row = reader.get(...this.bind(params)) as SqliteValue[] | undefined;
    return row === undefined ? undefined : this.shape(row);
  }

  all(...params: P): R[] {
    this.db.assertOpen();
    this.readerOrThrow();
    this.lister ??= this.db.native(this.sql).raw(true) as NativeStatement;
    return (this.lister.all(...this.bind(params)) as SqliteValue[][]).map((row) => this.shape(row));
  }

  private readerOrThrow(): NativeStatement {
    if (this.reader === null) throw new TypeError(`get()/all() on a statement that returns no rows: use run() (${this.sql.slice(0, 60)})`);
    return this.reader;
  }

  private shape(row: readonly SqliteValue[]): R {
    if (this.plucked) return row[0] as R;
    const out: Record<string, SqliteValue> = {};
    for (let i = 0; i < this.columnNames.length; i++) out[this.columnNames[i]!] = row[i]!;
    return out as R;
  }

  private bind(params: readonly unknown[]): unknown[] {
    if (this.named.length > 0) {
      const given = params[0];
      if (params.length !== 1 || typeof given !== 'object' || given === null) {
        throw new TypeError(`SQLite statement takes named parameters (${this.named.join(', ')}): pass one object`);
      }
      const source = given as Record<string, unknown>;
      const values: Record<string, SqliteValue> = {};
      for (const name of this.named) {
        if (source[name] === undefined) throw new TypeError(`SQLite parameter @${name}: missing`);
        values[name] = checkValue(source[name], `@${name}`);
      }
      return [values];
    }
    return params.map((v, i) => checkValue(v, `${i + 1}`));
  }
}

class Database implements SqliteDatabase {
  private depth = 0;
  private open = true;

  constructor(
    private readonly db: Libsql.Database,
    readonly name: string,
  ) {}

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  assertOpen(): void {
    if (!this.open) throw new TypeError(`the database connection to ${this.name} is not open`);
  }

  /** A raw libsql statement: for Statement only. */
  native(sql: string): NativeStatement {
    this.assertOpen();
    return this.db.prepare(sql) as unknown as NativeStatement;
  }

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqliteStatement<P, R> {
    return new Statement<P, R>(this, sql);
  }

  exec(sql: string): void {
    this.assertOpen();
    this.db.exec(sql);
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    return (...args: A): T => {
      const outer = !this.db.inTransaction;
      const savepoint = `arbdesk_${this.depth}`;
      this.db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      this.depth++;
      try {
        const result = fn(...args);
        this.db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
        return result;
      } catch (e) {
        // SQLite may already have rolled back (a failed COMMIT, some I/O errors).
        if (this.db.inTransaction) this.db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        throw e;
      } finally {
        this.depth--;
      }
    };
  }

  /** Run directly, never inside an implicit transaction: `journal_mode` cannot change inside one. */
  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const statement = this.native(`PRAGMA ${source}`);
    if (!statement.reader) {
      statement.all();
      return options.simple ? undefined : [];
    }
    const names = statement.columns().map((c) => c.name);
    const rows = statement.raw(true).all() as SqliteValue[][];
    if (options.simple) return rows[0]?.[0];
    return rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
  }

  close(): void {
    if (!this.open) return;
    try {
      // What SQLite does when its last connection closes; PASSIVE never waits on another reader.
      if (this.pragma('journal_mode', { simple: true }) === 'wal') this.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Not a database, or unreadable: there is nothing to checkpoint, and the WAL stays valid.
    } finally {
      this.open = false;
      this.db.close();
    }
  }
}

/**
 * Opens a SQLite file, creating it unless mustExist. readOnly: this connection refuses every write
 * (for readers beside the engine's own connection).
 */
export function openSqlite(file: string, options: { readOnly?: boolean; mustExist?: boolean } = {}): SqliteDatabase {
  if (options.mustExist && !existsSync(file)) throw new Error(`${file} does not exist`);
  let db: Libsql.Database;
  try {
    db = new Libsql(file);
  } catch (e) {
    // libsql reports a failed open as a Rust debug string: keep its last, readable part.
    const message = (e as Error).message.replace(/^ConnectionFailed\("(.*)"\)$/s, '$1');
    throw new Error(message, { cause: e });
  }
  const wrapped = new Database(db, file);
  if (options.readOnly) wrapped.exec('PRAGMA query_only = ON');
  return wrapped;
}
