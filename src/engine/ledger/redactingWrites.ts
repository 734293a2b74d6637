import type { SqliteDatabase } from './database';

/** Strings this short cannot hold a key (the redactor ignores fragments under 16 characters). */
const MIN_SECRET_LENGTH = 16;

type Redact = (text: string) => string;

/**
 * The ledger's database with every value written through a prepared statement passed through the
 * redactor first: whatever column it lands in (an order's reject reason, a breaker event's
 * detail, a settlement's source, a leg's title, an activity message), a venue key that found its
 * way into the text is never stored, in the file or in its WAL. Reads are untouched.
 */
export function withRedactedWrites(db: SqliteDatabase, redact: Redact): SqliteDatabase {
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return value.length >= MIN_SECRET_LENGTH ? redact(value) : value;
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' && v.length >= MIN_SECRET_LENGTH ? redact(v) : v;
    return out;
  };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (sql: string) => {
        const statement = target.prepare(sql);
        const run = statement.run.bind(statement) as (...args: unknown[]) => unknown;
        (statement as { run: unknown }).run = (...args: unknown[]) => run(...args.map(scrub));
        return statement;
      };
    },
  });
}
