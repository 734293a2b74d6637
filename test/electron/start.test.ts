// `npm start` (scripts/start.mjs, after the build): Electron found the way the electron package
// finds itself, and the browser UI only when that fails, with one line saying why.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { isAlive } from '../helpers/process';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';
import { buildStandIn, type StandInBuild } from './harness/buildStandIn';

const FALLBACK = /^ArbDesk: Electron cannot start here: (.+)\. Serving the same UI in your browser instead\.$/m;
const UI_LINE = /^ArbDesk UI: http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/m;
/** The electron package has no binary here (these machines cannot download it). */
const electronInstalled = existsSync(path.join(ROOT, 'node_modules', 'electron', 'path.txt'));

interface Started {
  child: ChildProcess;
  out(): string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv, dataDir: string): Started {
  const base = { ...process.env };
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...base, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', ARBDESK_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

describe('npm start', () => {
  let standIn: StandInBuild;
  const running: Started[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  const dataDir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  /** A stand-in Electron distribution whose `electron` runs the given shell commands. */
  const fakeDist = (script: string) => {
    const dir = path.join(dataDir(), 'dist');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'electron'), `#!/bin/sh\n${script}\n`);
    chmodSync(path.join(dir, 'electron'), 0o755);
    return dir;
  };

  beforeAll(async () => {
    standIn = await buildStandIn();
  });
  afterEach(async () => {
    for (const r of running.splice(0)) {
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
      await r.exited;
    }
  });
  afterAll(() => {
    standIn?.remove();
    for (const d of dirs) d.remove();
  });

  it('launches the Electron that ELECTRON_OVERRIDE_DIST_PATH names, with the app, and forwards a stop to it', async () => {
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: standIn.distDir, DISPLAY: ':99', ARBDESK_SIM_ARGS: '--markets 6' }, dataDir());
    running.push(r);
    // The built main bundle ran (as `electron <app dir>`) and opened its window on the built renderer.
    await until(() => /\[electron stand-in\] \{"t":"load","id":1,"url":"file:\/\/[^"]*\/out\/renderer\/index\.html"\}/.test(r.out()), 'the app window to load', 60_000, 100);
    const sim = Number(await until(() => /simulator started \(pid (\d+)/.exec(r.out())?.[1], 'the simulator', 30_000, 100));
    expect(r.out()).not.toMatch(FALLBACK);
    r.child.kill('SIGTERM');
    await r.exited;
    await until(() => !isAlive(sim), 'the simulator to stop with the app', 10_000, 50);
  });

  it.skipIf(electronInstalled)('without the binary and without a way to download it: one line naming why, then the browser UI', async () => {
    // A mirror nobody answers on, and an empty cache: the electron package's own download fails.
    const r = start({ ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: dataDir(), DISPLAY: ':99' }, dataDir());
    running.push(r);
    await until(() => UI_LINE.test(r.out()), 'the browser UI address', 60_000, 100);
    const lines = r.out().split('\n');
    expect(lines[0]).toMatch(/^ArbDesk: downloading Electron \d+\.\d+\.\d+ \(first start only; it is cached for next time\)…$/);
    expect(FALLBACK.exec(r.out())?.[1]).toMatch(/^the Electron binary could not be downloaded \(.+\)$/);
  });

  it('an app that reports a failed start: its reason, then the browser UI', async () => {
    const dist = fakeDist(`echo "ArbDesk: the desktop app could not start: cannot open ledger /x/ledger-paper.sqlite: file is not a database" >&2; exit 78`);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':99' }, dataDir());
    running.push(r);
    await until(() => UI_LINE.test(r.out()), 'the browser UI address', 60_000, 100);
    expect(FALLBACK.exec(r.out())?.[1]).toBe('cannot open ledger /x/ledger-paper.sqlite: file is not a database');
  });

  it('an Electron that dies at start-up: what it said last, then the browser UI', async () => {
    const dist = fakeDist(`echo "error while loading shared libraries: libnss3.so: cannot open shared object file" >&2; exit 127`);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':99' }, dataDir());
    running.push(r);
    await until(() => UI_LINE.test(r.out()), 'the browser UI address', 60_000, 100);
    expect(FALLBACK.exec(r.out())?.[1]).toBe('Electron exited at start-up (code 127: error while loading shared libraries: libnss3.so: cannot open shared object file)');
  });

  it('an ELECTRON_OVERRIDE_DIST_PATH without an electron in it is named', async () => {
    const empty = dataDir();
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: empty, DISPLAY: ':99' }, dataDir());
    running.push(r);
    await until(() => UI_LINE.test(r.out()), 'the browser UI address', 60_000, 100);
    expect(FALLBACK.exec(r.out())?.[1]).toBe(`ELECTRON_OVERRIDE_DIST_PATH is set, but ${path.join(empty, 'electron')} does not exist`);
  });

  it.runIf(process.platform === 'linux')('without a display: says so, then the browser UI', async () => {
    const r = start({ DISPLAY: '', WAYLAND_DISPLAY: '' }, dataDir());
    running.push(r);
    await until(() => UI_LINE.test(r.out()), 'the browser UI address', 60_000, 100);
    expect(FALLBACK.exec(r.out())?.[1]).toBe('there is no display (DISPLAY and WAYLAND_DISPLAY are unset)');
  });
});
