// The built app booted with Electron stood in, for one describe block: its first window shown in
// Chromium before the tests, everything closed and removed after.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../helpers/browser';
import { tempDir } from '../../helpers/tempDir';
import { buildStandIn, type StandInBuild } from './buildStandIn';
import { DesktopHarness } from './desktopHarness';

export interface DesktopWindow {
  app: DesktopHarness;
  browser: Browser;
  page: Page;
}

/** Registers the describe's beforeAll/afterAll; the fields are set once beforeAll has run. */
export function useDesktopWindow(env: NodeJS.ProcessEnv): DesktopWindow {
  const desk = {} as DesktopWindow;
  const dir = tempDir();
  let standIn: StandInBuild | undefined;
  beforeAll(async () => {
    standIn = await buildStandIn();
    desk.app = DesktopHarness.boot({ standIn, dataDir: dir.path, env });
    desk.browser = await launchChromium(['--allow-file-access-from-files']);
    const window = await desk.app.next('window');
    desk.page = await desk.app.showWindow(desk.browser, window.id);
  });
  afterAll(async () => {
    await desk.app?.dispose();
    await desk.browser?.close();
    standIn?.remove();
    dir.remove();
  });
  return desk;
}
