// `arbdesk replay`'s work, loaded only when the command runs (the engine stays out of start-up).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Replay } from '../../engine/offline';
import { scannerFromScenario } from '../../engine/offline';
import { toSpecOpportunity } from '../../engine/offline';
import type { CliIo } from '../command';
import { fileProblem } from '../errorLine';
import { InputError } from './inputError';
import { readScenarioFile } from './scenarioFile';

const OUTPUT_BATCH = 256;

const CHUNK = 1 << 20;

/**
 * Reads a file as lines of bytes (no newline; a \r stays, JSON takes it as whitespace), a megabyte
 * at a time: the bytes go to the wire decoder as they are, without a string per line.
 */
function forEachLine(path: string, onLine: (bytes: Uint8Array, from: number, to: number) => void): void {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    for (;;) {
      if (filled === buf.length) {
        // One line longer than the buffer: make room for it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const read = readSync(fd, buf, filled, buf.length - filled, null);
      if (read === 0) break;
      const end = filled + read;
      let start = 0;
      for (let nl = buf.indexOf(10, filled); nl !== -1 && nl < end; nl = buf.indexOf(10, start)) {
        onLine(buf, start, nl);
        start = nl + 1;
      }
      buf.copy(buf, 0, start, end);
      filled = end - start;
    }
    if (filled > 0) onLine(buf, 0, filled);
  } finally {
    closeSync(fd);
  }
}

function cannotRead(path: string, e: unknown): InputError {
  return new InputError(`${path}: cannot read the stream file: ${fileProblem(e)}`);
}

export async function runReplay(scenarioPath: string, streamPath: string, io: CliIo): Promise<void> {
  const scanner = scannerFromScenario(readScenarioFile(scenarioPath));
  let isDirectory: boolean;
  try {
    isDirectory = statSync(streamPath).isDirectory();
  } catch (e) {
    throw cannotRead(streamPath, e);
  }
  if (isDirectory) throw cannotRead(streamPath, { code: 'EISDIR' });
  const replay = new Replay(scanner);
  let pending: string[] = [];
  const onLine = (bytes: Uint8Array, from: number, to: number) => {
    const opened = replay.feedBytes(bytes, from, to);
    if (opened === null || opened.length === 0) return;
    for (const o of opened) pending.push(JSON.stringify({ line: replay.lines, opportunity: toSpecOpportunity(o) }));
    if (pending.length >= OUTPUT_BATCH) {
      io.out(pending.join('\n'));
      pending = [];
    }
  };
  // A read that fails part-way (EIO, permissions) names the file; what was printed stands.
  try {
    forEachLine(streamPath, onLine);
  } catch (e) {
    throw typeof (e as NodeJS.ErrnoException).code === 'string' ? cannotRead(streamPath, e) : e;
  }
  pending.push(JSON.stringify({ summary: replay.summary() }));
  io.out(pending.join('\n'));
}

