// `arbdesk replay`'s work, loaded only when the command runs (the engine stays out of start-up).
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Replay } from '../../engine/scanner/replay';
import { scannerFromScenario } from '../../engine/scanner/scenario';
import { toSpecOpportunity } from '../../engine/scanner/specFormat';
import type { CliIo } from '../command';
import { fileProblem } from '../errorLine';
import { InputError } from './inputError';
import { readScenarioFile } from './scenarioFile';

const OUTPUT_BATCH = 256;

/** Reads a file as lines, a megabyte at a time (faster than readline; handles \r\n and split UTF-8). */
async function forEachLine(path: string, onLine: (line: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = carry + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry.length > 0) onLine(carry);
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
  const reading = forEachLine(streamPath, (text) => {
    const opened = replay.feed(text);
    if (opened === null || opened.length === 0) return;
    for (const o of opened) pending.push(JSON.stringify({ line: replay.lines, opportunity: toSpecOpportunity(o) }));
    if (pending.length >= OUTPUT_BATCH) {
      io.out(pending.join('\n'));
      pending = [];
    }
  });
  // A read that fails part-way (EIO, permissions) names the file; what was printed stands.
  await reading.catch((e: unknown) => {
    throw typeof (e as NodeJS.ErrnoException).code === 'string' ? cannotRead(streamPath, e) : e;
  });
  pending.push(JSON.stringify({ summary: replay.summary() }));
  io.out(pending.join('\n'));
}

