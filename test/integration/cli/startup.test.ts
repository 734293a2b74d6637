// Start-up stays light: `arbdesk --help` and `arbdesk scan` load none of the heavy packages (the
// venue SDKs, viem, axios, ws, zod, the SQLite and keychain bindings, decimal.js); the commands
// that need them load them when they run. (The time it takes is `arbdesk bench --only startup`.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempDir';

const HEAVY = ['kalshi-typescript', '@polymarket/clob-client-v2', 'viem', 'axios', 'ws', 'zod', 'libsql', 'keytar', 'decimal.js', 'playwright-core'];
const TRACE = path.join(ROOT, 'test/integration/cli/startup/trace.mjs');

function packagesLoaded(args: string[]): { code: number | null; packages: string[] } {
  const dir = tempDir();
  try {
    const trace = path.join(dir.path, 'trace.txt');
    const r = spawnSync(process.execPath, ['--import', TRACE, CLI, ...args], { cwd: ROOT, env: { ...process.env, ARBDESK_TRACE: trace }, encoding: 'utf8' });
    const urls = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    const packages = new Set<string>();
    for (const url of urls) {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      if (m) packages.add(m[1]!);
    }
    return { code: r.status, packages: [...packages].sort() };
  } finally {
    dir.remove();
  }
}

describe('arbdesk start-up', () => {
  it('--help and help load no package at all', () => {
    for (const args of [['--help'], ['help', 'serve'], ['serve', '--help'], ['bench', '--help']]) {
      const r = packagesLoaded(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.packages, args.join(' ')).toEqual([]);
    }
  });

  it('scan loads the engine but none of the heavy packages', () => {
    const r = packagesLoaded(['scan', path.join(ROOT, 'test/fixtures/spec/example-cross-venue.json')]);
    expect(r.code).toBe(0);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('the trace sees a command that does load them (sim loads viem)', () => {
    const r = packagesLoaded(['sim', '--faults', 'nonsense=1']);
    expect(r.code).toBe(2);
    expect(r.packages).toContain('viem');
  });
});
