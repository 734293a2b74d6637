// A desktop app that cannot start says so: a dialog with the reason, one stderr line for
// `npm start`, and exit code 78; never a process without a window. Also the ordinary endings:
// a second instance, and a quit that stops the engine and its simulator.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { tempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';
import { buildStandIn, type StandInBuild } from './harness/buildStandIn';
import { DesktopHarness } from './harness/desktopHarness';
import { isAlive } from '../helpers/process';

const START_FAILED = 78;
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };

describe('the desktop app when it cannot start, and when it ends', () => {
  let standIn: StandInBuild;
  let browser: Browser;
  const apps: DesktopHarness[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  const boot = (env: NodeJS.ProcessEnv = {}, prepare?: (dataDir: string) => void) => {
    const dir = tempDir();
    dirs.push(dir);
    prepare?.(dir.path);
    const app = DesktopHarness.boot({ standIn, dataDir: dir.path, env: { ...NO_KEYCHAIN, ...env } });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    standIn = await buildStandIn();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.dispose();
  });
  afterAll(async () => {
    await browser?.close();
    standIn?.remove();
    for (const d of dirs) d.remove();
  });

  it('a ledger that is not a database: a dialog naming the file, exit 78, no window', async () => {
    const app = boot({}, (dataDir) => writeFileSync(path.join(dataDir, 'ledger-paper.sqlite'), 'not a database, just text. '.repeat(200)));
    const dialog = await app.next('dialog');
    expect(dialog.title).toBe('ArbDesk could not start');
    expect(dialog.content).toMatch(/ledger .*ledger-paper\.sqlite is not an SQLite database/);
    expect(await app.exited).toEqual({ code: START_FAILED, signal: null });
    expect(app.stderr()).toMatch(/^ArbDesk: the desktop app could not start: ledger .*ledger-paper\.sqlite is not an SQLite database/m);
    expect(app.all('window')).toEqual([]);
  });

  it('a native module that cannot load: reported the same way, before any window', async () => {
    // libsql's development switch makes it look for a binary it does not ship: the load fails.
    const app = boot({ LIBSQL_JS_DEV: '1' });
    const dialog = await app.next('dialog');
    expect(dialog.content).toMatch(/^its modules could not be loaded \(.+\); run npm install again to fetch the native modules for this platform/);
    expect(await app.exited).toEqual({ code: START_FAILED, signal: null });
    expect(app.stderr()).toMatch(/^ArbDesk: the desktop app could not start: .+$/m);
    expect(app.all('window')).toEqual([]);
  });

  it('a window whose page cannot load: a dialog, the simulator stopped, exit 78', async () => {
    const app = boot({ ARBDESK_SIM_ARGS: '--markets 6' });
    const window = await app.next('window');
    const load = await app.next('load');
    const sim = Number(await until(() => /simulator started \(pid (\d+)/.exec(app.stderr())?.[1], 'the simulator', 30_000, 50));
    await app.request({ t: 'fail-load', id: window.id, errorCode: -6, description: 'ERR_FILE_NOT_FOUND', url: load.url });
    expect((await app.next('dialog')).content).toMatch(new RegExp(`the window could not load ${load.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(ERR_FILE_NOT_FOUND, -6\\)`));
    expect((await app.exited).code).toBe(START_FAILED);
    await until(() => !isAlive(sim), 'the simulator to stop', 10_000, 50);
  });

  it('a second instance hands over to the first and exits 0 without a window', async () => {
    const app = boot({ ARBDESK_STANDIN_SECOND_INSTANCE: '1' });
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.stderr()).toContain('ArbDesk is already running: its window was brought to the front.');
    expect(app.all('window')).toEqual([]);
  });

  it('quitting closes the engine and stops the simulator, then exits 0', async () => {
    browser ??= await launchChromium(['--allow-file-access-from-files']);
    const app = boot({ ARBDESK_SIM_ARGS: '--markets 6' });
    const window = await app.next('window');
    await app.showWindow(browser, window.id);
    const sim = Number(await until(() => /simulator started \(pid (\d+)/.exec(app.stderr())?.[1], 'the simulator', 30_000, 50));
    expect(await app.quit()).toEqual({ code: 0, signal: null });
    // Stopped by the host on the way out, not left to notice its host is gone.
    expect(isAlive(sim)).toBe(false);
    expect(app.all('dialog')).toEqual([]);
  });
});
