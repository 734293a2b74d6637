// Small JSON files in the data directory (links, the discovery cache): written atomically (a
// temporary file, then a rename) so a crash never leaves one half-written; a file that fails its
// schema is kept aside, never overwritten, and the problem names the field.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describeIssue } from '../../shared/contract';

export function writeJsonFile(file: string, value: unknown, pretty = true): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Arrays longer than this are written element by element (each element stringified whole). */
const STREAMED_ARRAY = 256;
// A quarter megabyte: serialised in a few milliseconds, so each turn of the loop stays short.
const CHUNK_CHARS = 1 << 18;

/**
 * The text of `JSON.stringify(value)` plus a newline, a quarter megabyte at a time: objects key by key
 * and long arrays element by element, so a file of tens of megabytes (a venue's whole market
 * list) never exists as one string in memory.
 */
function* jsonChunks(value: unknown): Generator<string, void, void> {
  let parts: string[] = [];
  let size = 0;
  function* out(text: string): Generator<string, void, void> {
    parts.push(text);
    size += text.length;
    if (size >= CHUNK_CHARS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  function* write(v: unknown): Generator<string, void, void> {
    if (Array.isArray(v) && v.length > STREAMED_ARRAY) {
      yield* out('[');
      for (let i = 0; i < v.length; i++) yield* out(`${i > 0 ? ',' : ''}${JSON.stringify(v[i]) ?? 'null'}`);
      yield* out(']');
    } else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) {
      // A short list of objects (the cache's entries, each a venue's whole market list): walked.
      yield* out('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) yield* out(',');
        const x: unknown = v[i];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') yield* out('null');
        else yield* write(x);
      }
      yield* out(']');
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      yield* out('{');
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        yield* out(`${first ? '' : ','}${JSON.stringify(k)}:`);
        first = false;
        yield* write(x);
      }
      yield* out('}');
    } else {
      yield* out(JSON.stringify(v) ?? 'null');
    }
  }
  yield* write(value);
  yield* out('\n');
  if (parts.length > 0) yield parts.join('');
}

/**
 * The same file as `writeJsonFile(file, value, false)`, written a quarter megabyte per turn of the event
 * loop, so serialising tens of megabytes never holds it (the engine shares its loop with the
 * desktop window); `finish()` writes the rest at once (at shutdown). Atomic as writeJsonFile.
 * `value` must not change until `done` settles.
 */
export class LargeJsonWrite {
  readonly done: Promise<void>;
  private readonly tmp: string;
  private readonly chunks: Generator<string, void, void>;
  private fd: number | null;
  private settle!: (error?: unknown) => void;

  constructor(
    private readonly file: string,
    value: unknown,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.tmp = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w', 0o600);
    this.chunks = jsonChunks(value);
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error as Error));
    });
    setImmediate(this.step);
  }

  /** Writes what is left now, synchronously. */
  finish(): void {
    if (this.fd === null) return;
    try {
      for (const chunk of this.chunks) writeSync(this.fd, chunk);
      this.close();
    } catch (e) {
      this.fail(e);
    }
  }

  private readonly step = () => {
    if (this.fd === null) return;
    try {
      const next = this.chunks.next();
      if (next.done) return this.close();
      writeSync(this.fd, next.value);
      setImmediate(this.step);
    } catch (e) {
      this.fail(e);
    }
  };

  private close(): void {
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.tmp, this.file);
    this.settle();
  }

  private fail(error: unknown): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.settle(error);
  }
}

/** Writes a large JSON file a slice at a time (see LargeJsonWrite); resolves when it is in place. */
export function writeLargeJsonFile(file: string, value: unknown): Promise<void> {
  return new LargeJsonWrite(file, value).done;
}

export type JsonRead<T> = { value: T | null; problem: string | null };

/** Reads and validates; null when absent. An invalid file is renamed aside and reported. */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, what: string): JsonRead<z.output<S>> {
  if (!existsSync(file)) return { value: null, problem: null };
  let problem: string;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { value: parsed.data, problem: null };
    problem = describeIssue(parsed.error, what).message;
  } catch (e) {
    problem = `${what}: unreadable JSON (${(e as Error).message})`;
  }
  const aside = `${file}.invalid-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch {
    // Nothing more to do: the problem is reported either way.
  }
  return { value: null, problem: `${problem}; the file was kept as ${path.basename(aside)}` };
}
