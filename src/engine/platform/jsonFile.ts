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

/** Arrays longer than this are written element by element. */
const STREAMED_ARRAY = 256;
const CHUNK_CHARS = 1 << 20;

/**
 * The same file as `writeJsonFile(file, value, false)`, written a megabyte at a time: objects key
 * by key and long arrays element by element, so a file of tens of megabytes (a venue's whole
 * market list) never exists as one string in memory. Atomic as writeJsonFile.
 */
export function writeLargeJsonFile(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let parts: string[] = [];
    let size = 0;
    const out = (text: string) => {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK_CHARS) flush();
    };
    const flush = () => {
      if (parts.length > 0) writeSync(fd, parts.join(''));
      parts = [];
      size = 0;
    };
    const write = (v: unknown): void => {
      if (Array.isArray(v) && v.length > STREAMED_ARRAY) {
        out('[');
        for (let i = 0; i < v.length; i++) out(`${i > 0 ? ',' : ''}${JSON.stringify(v[i]) ?? 'null'}`);
        out(']');
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
        out('{');
        let first = true;
        for (const [k, x] of Object.entries(v)) {
          if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
          out(`${first ? '' : ','}${JSON.stringify(k)}:`);
          first = false;
          write(x);
        }
        out('}');
      } else {
        out(JSON.stringify(v) ?? 'null');
      }
    };
    write(value);
    out('\n');
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
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
