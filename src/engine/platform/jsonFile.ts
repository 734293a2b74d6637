// Small JSON files in the data directory (links, the discovery cache): written atomically (a
// temporary file, then a rename) so a crash never leaves one half-written; a file that fails its
// schema is kept aside, never overwritten, and the problem names the field.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describeIssue } from '../../shared/contract';

export function writeJsonFile(file: string, value: unknown, pretty = true): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`, { mode: 0o600 });
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
