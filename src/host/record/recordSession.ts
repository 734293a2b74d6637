// `arbdesk record`: the live engine as `arbdesk serve` runs it (same venue resolution: keychain
// keys, or the simulator without them), every feed message written for `arbdesk replay`, and at
// the end the scenario file and a digest of the books as the engine held them after the last
// recorded message. The trader's data directory is only read (settings, confirmed links): the
// engine runs in a scratch directory, so recording never touches the ledgers.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTools, type SecretStore } from '../../engine';
import { createHostEngine, type HostEngineOptions } from '../engineHost';

export interface RecordOptions {
  out: string;
  scenario: string | null;
  /** The trader's data directory: settings (venue environments, watchlist) and confirmed links are read from it. */
  dataDir: string;
  secrets: SecretStore;
  simulator: NonNullable<HostEngineOptions['simulator']>;
  /** Stop after this long (ms), or this many lines; otherwise when `stop` resolves. */
  durationMs: number | null;
  maxMessages: number | null;
  stop: Promise<void>;
  log: (message: string) => void;
}

export interface RecordSummary {
  lines: number;
  markets: number;
  /** SHA-256 of the recorded markets' books after the last line (see bookDigest.ts). */
  books: string;
  out: string;
  scenario: string | null;
}

export async function recordSession(options: RecordOptions): Promise<RecordSummary> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'arbdesk-record-'));
  for (const file of ['settings.json', 'links.json']) {
    const from = path.join(options.dataDir, file);
    if (existsSync(from)) copyFileSync(from, path.join(scratch, file));
  }
  const { SessionRecorder, booksDigest } = await loadTools();
  const hosted = await createHostEngine({ host: 'serve', dataDir: scratch, secrets: options.secrets, simulator: options.simulator, log: options.log });
  const { scanner, clock, attachRecorder } = hosted.engine.services;
  const recorder = new SessionRecorder(options.out, options.scenario, {
    book: (ref) => scanner.books.get(ref),
    // The scanner holds confirmed links only: suggestions are never equivalences.
    relations: () => scanner.relations(),
    now: () => clock.now(),
  });
  attachRecorder(recorder);
  try {
    await new Promise<void>((resolve) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      const done = () => {
        timers.forEach(clearTimeout);
        clearInterval(poll);
        resolve();
      };
      if (options.durationMs !== null) timers.push(setTimeout(done, options.durationMs));
      const poll = setInterval(() => {
        if (options.maxMessages !== null && recorder.lines >= options.maxMessages) done();
        if (recorder.error) done();
      }, 20);
      void options.stop.then(done);
    });
    attachRecorder(null);
    // No message is applied between detaching and this line: the books match the last line written.
    const books = booksDigest(scanner.books, recorder.marketRefs);
    const markets = recorder.marketRefs.length;
    await recorder.close();
    return { lines: recorder.lines, markets, books, out: options.out, scenario: options.scenario };
  } finally {
    attachRecorder(null);
    await recorder.close().catch(() => undefined);
    await hosted.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
