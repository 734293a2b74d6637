// The desktop app end to end without the Electron binary: the BUILT main bundle (out/main) boots
// under Node with a stand-in for the `electron` module, opens its window, and that window is the
// real built renderer in Chromium with the BUILT preload bridging it to main's ipcMain. The engine,
// the simulator child, SQLite and the keychain module are all real.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_REQUEST } from '../../src/shared/ipcChannels';
import { ROOT } from '../helpers/cli';
import { until } from '../helpers/until';
import type { DesktopHarness } from './harness/desktopHarness';
import { useDesktopWindow } from './harness/desktopWindow';
import { registration } from './harness/elf';
import { FOREIGN_WEB_CONTENTS_ID } from './standin/protocol';
import { isAlive } from '../helpers/process';

const ELECTRON_ABI = Number(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
const liveRows = (page: Page) => page.getByRole('table', { name: 'Opportunities' }).locator('tbody tr[data-id]:not(.stale)');
const breakerText = (page: Page) => page.getByLabel('Breaker state').textContent();
const rearm = (page: Page) => page.evaluate(() => (globalThis as unknown as { arbdesk: { request(c: string, p: object): Promise<unknown> } }).arbdesk.request('rearm', {}));

describe('the desktop app, built, with Electron stood in', () => {
  // No Secret Service here: no keys, so both venues run against the simulator child.
  const desk = useDesktopWindow({ ARBDESK_SIM_ARGS: '--speed 4 --markets 20', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
  let app: DesktopHarness;
  let browser: Browser;
  let page: Page;
  beforeAll(() => ({ app, browser, page } = desk));

  it('opens one window with the secure preferences, the built preload and the built renderer', async () => {
    const [window, ...others] = app.all('window');
    expect(others).toEqual([]);
    expect(window!.options.webPreferences).toMatchObject({
      preload: path.join(ROOT, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window!.options.show).toBe(false);
    expect((await app.next('load')).url).toBe(pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html')).href);
    // Shown once the page is ready, not before.
    await app.next('show', (m) => m.id === window!.id);
    expect(await page.evaluate(() => (globalThis as unknown as { arbdesk: { transport: string } }).arbdesk.transport)).toBe('electron');
    expect(app.all('menu')[0]!.items).toContainEqual(['Trading', 'Kill switch']);
    expect(app.all('shortcut').map((s) => s.accelerator)).toEqual(['CommandOrControl+Shift+K']);
  });

  it('opportunities from the simulator appear in the window, over the preload bridge', async () => {
    await until(async () => (await liveRows(page).count()) > 0, 'an opportunity row in the window', 90_000, 250);
    expect(await breakerText(page)).toMatch(/^(ARMED|HALTED|PROBING)/);
  });

  it('a paper execute from the window becomes a position', async () => {
    let status = '';
    const attempts: string[] = [];
    const dialog = page.getByRole('dialog', { name: 'Execute this basket?' });
    // Each attempt starts from the table with no dialog open, keeps every wait short (a basket that
    // closes under it costs one attempt, not the test) and says how it ended, for the failure message.
    const attempt = async (): Promise<string> => {
      if (await dialog.isVisible()) await page.keyboard.press('Escape');
      if ((await liveRows(page).count()) === 0) return 'no open row';
      await liveRows(page).first().click({ timeout: 2_000 });
      const execute = page.getByRole('button', { name: 'Execute', exact: true });
      if (!(await execute.isEnabled())) return `Execute disabled: ${await page.locator('#execute-blocked').textContent({ timeout: 1_000 }).catch(() => '?')}`;
      await page.keyboard.press('e');
      if (!(await dialog.waitFor({ timeout: 5_000 }).then(() => true, () => false))) return 'no dialog after E';
      // Send waits for the engine's plan at this size and takes the focus.
      const send = dialog.getByRole('button', { name: /^Send/ });
      const ready = await until(async () => (await send.isEnabled()) && (await send.evaluate((b) => b === document.activeElement)), 'Send ready', 10_000, 50).catch(() => false);
      if (!ready) return `Send not ready: ${await dialog.locator('.execute-blocked').textContent({ timeout: 1_000 }).catch(() => '?')}`;
      await page.keyboard.press('Enter');
      const result = page.getByRole('status', { name: 'Execution result' });
      await result.waitFor({ timeout: 30_000 });
      status = (await result.textContent()) ?? '';
      // Refused: the dislocation closed before the click; the next one will do.
      return /^FILLED/.test(status) ? 'filled' : `result: ${status}`;
    };
    await until(
      async () => {
        const outcome = await attempt().catch((e: unknown) => `threw: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        attempts.push(outcome);
        return outcome === 'filled';
      },
      'a paper execution from the window that fills',
      100_000,
      300,
    ).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; attempts, last 6: ${attempts.slice(-6).join(' | ')}`);
    });
    expect(status).toMatch(/^FILLED · PAPER · Filled [\d,]+ of [\d,]+ contracts/);
    await page.getByRole('tab', { name: 'Positions' }).click();
    await until(async () => (await page.getByRole('table', { name: 'Positions' }).locator('tbody tr').count()) > 0, 'a row in Positions', 10_000, 100);
  });

  it('the kill switch trips from the button, from the Trading menu and from the global shortcut', async () => {
    const tripped = () => until(async () => /KILL SWITCH/.test((await breakerText(page)) ?? ''), 'the breaker to show KILL SWITCH', 10_000, 50);
    const cleared = () => until(async () => !/KILL SWITCH/.test((await breakerText(page)) ?? ''), 'the kill switch to clear', 10_000, 50);

    await page.getByRole('button', { name: 'Kill switch' }).first().click();
    await tripped();
    await rearm(page);
    await cleared();

    await app.request({ t: 'menu-click', path: ['Trading', 'Kill switch'] });
    await tripped();
    await rearm(page);
    await cleared();

    await app.request({ t: 'shortcut', accelerator: 'CommandOrControl+Shift+K' });
    await tripped();
    await rearm(page);
    await cleared();
  });

  it('refuses a request from a subframe, from another webContents, and from the window once it shows another page', async () => {
    const killSwitch = { type: 'request', id: 1, command: 'killSwitch', payload: {} };
    const unauthorized = { type: 'response', id: null, ok: false, error: expect.objectContaining({ code: 'unauthorized' }) };

    // A subframe of the window (Electron runs no preload there; this one reaches for IPC anyway).
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>foreign</p>';
      document.body.append(frame);
    });
    const subframe = await until(() => page.frames().find((f) => f !== page.mainFrame()), 'the subframe');
    await subframe.waitForLoadState();
    const fromSubframe = await subframe.evaluate(([c, r]) => (globalThis as unknown as Record<string, (x: object) => Promise<unknown>>).__arbdeskStandInIpc!({ channel: c, args: [r] }), [IPC_REQUEST, killSwitch] as const);
    expect(fromSubframe).toMatchObject(unauthorized);

    // Another webContents showing the very same renderer, with the very same preload.
    const preload = String(app.all('window')[0]!.options.webPreferences.preload);
    const other = await app.openPage(browser, FOREIGN_WEB_CONTENTS_ID, preload);
    await other.goto((await app.next('load')).url);
    const fromOther = await other.evaluate(() => (globalThis as unknown as { arbdesk: { request(c: string, p: object): Promise<unknown> } }).arbdesk.request('killSwitch', {}));
    expect(fromOther).toMatchObject(unauthorized);
    await other.close();

    // The window's own top frame, but showing a page that is not ours.
    const fromForeignPage = await app.request({ t: 'invoke', webContentsId: app.all('window')[0]!.id, frame: { id: 'main', url: 'https://evil.example/' }, channel: IPC_REQUEST, args: [killSwitch] });
    expect(fromForeignPage).toMatchObject(unauthorized);

    // None of them reached the engine: the breaker is as it was, and the window still works.
    expect(await breakerText(page)).not.toMatch(/KILL SWITCH/);
    const state = await page.evaluate(() => (globalThis as unknown as { arbdesk: { request(c: string, p: object): Promise<{ ok: boolean }> } }).arbdesk.request('getState', {}));
    expect(state.ok).toBe(true);
  });

  it('keeps the window on its own page and grants no permission but notifications', async () => {
    const id = app.all('window')[0]!.id;
    expect(await app.request({ t: 'navigate', id, url: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await app.request({ t: 'window-open', id, url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(app.all('open-external').filter((m) => m.url.includes('evil'))).toEqual([]);
    expect(await app.request({ t: 'permission', permission: 'media' })).toBe(false);
    expect(await app.request({ t: 'permission', permission: 'notifications' })).toBe(true);
    expect(await app.request({ t: 'headers' })).toMatchObject({ 'Content-Security-Policy': [expect.stringContaining("default-src 'self'")] });
  });

  it(`every native module the main process opened exports N-API or Electron's ABI (${ELECTRON_ABI})`, async () => {
    const loaded = ((await app.request({ t: 'shared-objects' })) as string[]).filter((f) => f.endsWith('.node'));
    // The ledger's SQLite and the keychain both loaded in this process.
    expect(loaded.some((f) => f.includes(`${path.sep}@libsql${path.sep}`))).toBe(true);
    expect(loaded.some((f) => f.includes(`${path.sep}keytar${path.sep}`))).toBe(true);
    for (const file of loaded) {
      const { napi, abis } = registration(file);
      expect({ file, loads: napi || abis.includes(ELECTRON_ABI) }).toEqual({ file, loads: true });
    }
  });

  it('its simulator child exits when the main process is SIGKILLed', async () => {
    const pid = Number(/simulator started \(pid (\d+)/.exec(app.stderr())?.[1]);
    expect(isAlive(pid)).toBe(true);
    app.child.kill('SIGKILL');
    await app.exited;
    await until(() => !isAlive(pid), 'the simulator to exit after the main process was killed', 10_000, 50);
  });
});
